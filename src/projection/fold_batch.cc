#include "fold_batch.h"

#include <kj/exception.h>
#include <rocksdb/db.h>

#include <algorithm>
#include <memory>
#include <thread>
#include <utility>

#include "jejak/projection/fold.h"
#include "state_codec.h"
#include "jejak/text_view.h"
#include "keys.h"
#include "rocks_status.h"
#include "store/projection_access.h"

namespace jejak::projection {

namespace {

// A commit that does not keep its states frees this many or more on a
// helper thread (a thread start costs more than freeing a few).
constexpr size_t kFreeAsideStates = 4096;

bool IsAmendment(schema::Payload::Reader p) { return p.isCorrected() || p.isRetracted(); }

// Records `position` (an org amendment) against every position whose
// definition differs between `before` and `after` (changed, added or
// removed): an as-of before `position` cannot use the stored definition.
void NoteAmendedPositions(const OrgState& before, const OrgState& after, uint64_t position,
                          std::map<std::string, std::vector<uint64_t>>* amended) {
  auto note = [&](const std::string& id) {
    auto& list = (*amended)[id];
    if (list.empty() || list.back() != position) list.push_back(position);
  };
  for (const PositionDef& old : before.positions) {
    const PositionDef* now = after.FindPosition(old.position_id);
    if (now == nullptr || !(*now == old)) note(old.position_id);
  }
  for (const PositionDef& now : after.positions) {
    if (before.FindPosition(now.position_id) == nullptr) note(now.position_id);
  }
}

}  // namespace

FoldBatch::FoldBatch(store::EventStore& store, rocksdb::ColumnFamilyHandle* family,
                     const Rules& rules, size_t encode_threads)
    : store_(store), family_(family), rules_(rules), encode_threads_(encode_threads) {}

std::string_view FoldBatch::EmployeeTable::Nip(size_t i) const {
  const size_t end = i + 1 < offsets_.size() ? offsets_[i + 1] : nips_.size();
  return std::string_view(nips_).substr(offsets_[i], end - offsets_[i]);
}

size_t FoldBatch::EmployeeTable::Probe(std::string_view nip, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  const auto tag = static_cast<uint32_t>(hash >> 32);
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.index == 0 || (s.tag == tag && Nip(s.index - 1) == nip)) return i;
  }
}

const FoldBatch::Employee* FoldBatch::EmployeeTable::Find(std::string_view nip,
                                                          uint64_t hash) const {
  if (slots_.empty()) return nullptr;
  const Slot& s = slots_[Probe(nip, hash)];
  return s.index == 0 ? nullptr : &states_[s.index - 1];
}

FoldBatch::Employee* FoldBatch::EmployeeTable::Find(std::string_view nip, uint64_t hash) {
  return const_cast<Employee*>(std::as_const(*this).Find(nip, hash));
}

void FoldBatch::EmployeeTable::PrefetchSlot(uint64_t hash) const {
  if (slots_.empty()) return;
  __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
}

FoldBatch::Employee& FoldBatch::EmployeeTable::Insert(std::string_view nip, uint64_t hash) {
  if ((states_.size() + 1) * 2 > slots_.size()) {  // keep the load at most 1/2
    slots_.assign(std::max<size_t>(64, slots_.size() * 2), Slot{});
    for (size_t i = 0; i < states_.size(); ++i) {
      const uint64_t h = Hash(Nip(i));
      slots_[Probe(Nip(i), h)] = Slot{static_cast<uint32_t>(h >> 32), static_cast<uint32_t>(i + 1)};
    }
  }
  const size_t at = Probe(nip, hash);
  offsets_.push_back(static_cast<uint32_t>(nips_.size()));
  nips_.append(nip);
  states_.emplace_back();
  slots_[at] = Slot{static_cast<uint32_t>(hash >> 32), static_cast<uint32_t>(states_.size())};
  return states_.back();
}

void FoldBatch::EmployeeTable::Clear() {
  slots_.clear();
  nips_.clear();
  offsets_.clear();
  states_.clear();
}

Result<FoldBatch::Employee*> FoldBatch::LoadEmployee(std::string_view nip, uint64_t hash) {
  if (Employee* found = employees_.Find(nip, hash)) return found;
  if (written_ != nullptr && !written_->MayContain(nip)) {
    Employee& e = employees_.Insert(nip, hash);
    e.state.nip = std::string(nip);
    return &e;
  }
  std::string value;
  const std::string key = keys::Profile(nip);
  rocksdb::Status s = store::RocksOf(store_)->Get(rocksdb::ReadOptions(), family_, key, &value);
  if (s.IsNotFound()) {
    Employee& e = employees_.Insert(nip, hash);
    e.state.nip = std::string(nip);
    return &e;
  }
  if (!s.ok()) return FromRocks(s, "reading profile " + std::string(nip));
  auto decoded = DecodeProfile(value);
  if (!decoded.ok()) return decoded.status().WithContext("profile " + std::string(nip));
  Employee& e = employees_.Insert(nip, hash);
  e.state = std::move(decoded).value();
  e.old_index = IndexEntries(e.state, rules_);
  return &e;
}

Result<FoldBatch::Agency*> FoldBatch::LoadAgency(std::string_view agency) {
  if (auto found = agencies_.find(agency); found != agencies_.end()) return &found->second;
  auto [it, inserted] = agencies_.try_emplace(std::string(agency));
  Agency& a = it->second;
  if (!inserted) return &a;
  a.state.agency = std::string(agency);
  const std::string prefix = keys::OrgPrefix(agency);
  std::unique_ptr<rocksdb::Iterator> iter(
      store::RocksOf(store_)->NewIterator(rocksdb::ReadOptions(), family_));
  for (iter->Seek(prefix); iter->Valid() && iter->key().starts_with(prefix); iter->Next()) {
    std::string key = iter->key().ToString();
    std::string_view value(iter->value().data(), iter->value().size());
    const char tag = key[prefix.size()];
    if (tag == 'p') {
      auto p = DecodePosition(value);
      if (!p.ok()) return p.status().WithContext("agency " + std::string(agency));
      a.state.positions.push_back(std::move(p).value());
      a.state.last_position =
          std::max(a.state.last_position, a.state.positions.back().versions.empty()
                                              ? 0
                                              : a.state.positions.back().versions.back().key.position);
    } else if (tag == 'u') {
      auto u = DecodeUnit(value);
      if (!u.ok()) return u.status().WithContext("agency " + std::string(agency));
      a.state.units.push_back(std::move(u).value());
    } else if (tag == 'v') {
      if (value.size() % 8 != 0) {
        return Status::Corruption("amendments of position " + key.substr(prefix.size() + 1) +
                                  " of agency " + std::string(agency) + ": " +
                                  std::to_string(value.size()) + " bytes");
      }
      auto& list = a.amended[key.substr(prefix.size() + 1)];
      for (size_t at = 0; at < value.size(); at += 8) list.push_back(keys::GetBE(value, at, 8));
    }
    a.old_values.emplace(std::move(key), std::string(value));
  }
  if (!iter->status().ok()) {
    agencies_.erase(it);
    return FromRocks(iter->status(), "reading agency " + std::string(agency));
  }
  return &a;
}


template <typename Fold>
Status FoldBatch::Refold(std::string_view stream, uint64_t position, Fold fold) {
  auto events = store_.ReadStream(stream);
  if (!events.ok()) return events.status().WithContext("refolding " + std::string(stream));
  std::vector<schema::Event::Reader> readers;
  readers.reserve(events->size());
  for (const auto& e : *events) readers.push_back(e.event());
  fold(EffectiveEvents(readers, Cut{position, UINT32_MAX}));
  return Status::Ok();
}

void FoldBatch::Prefetch(const store::RecordedEvent& recorded, int stage) const {
  if (stage == 0) {
    recorded.Prefetch();  // decoded on the read-ahead thread: in the other core's cache
    return;
  }
  Ahead read;
  const Ahead* known = stage == 2 ? AheadOf(recorded.position()) : nullptr;
  if (known == nullptr) {  // stage 1, or a stage 2 whose stage 1 did not run
    try {
      const std::string_view stream = View(recorded.event().getStream());
      if (!stream.starts_with("emp/")) return;
      read.nip = stream.substr(4);
    } catch (const kj::Exception&) {
      return;  // a damaged body: its Apply reports it, naming its position
    }
    read.position = recorded.position();
    read.hash = EmployeeTable::Hash(read.nip);
    known = &read;
  }
  if (stage == 1) {
    ahead_[read.position % kAhead] = read;
    employees_.PrefetchSlot(read.hash);
    return;
  }
  if (const Employee* e = employees_.Find(known->nip, known->hash)) {
    // The state's first lines: its strings and the vectors' pointers.
    const char* at = reinterpret_cast<const char*>(e);
    for (size_t line = 0; line < sizeof(Employee) && line < 512; line += 64) __builtin_prefetch(at + line);
  }
}

Status FoldBatch::Apply(schema::Event::Reader event) {
  ++events_;
  const auto payload = event.getPayload();
  std::string_view stream;
  std::string_view nip;
  uint64_t hash = 0;
  bool is_employee = false;
  if (const Ahead* known = AheadOf(event.getPosition())) {
    is_employee = true;  // an employee event, as Prefetch read it
    nip = known->nip;
    hash = known->hash;
  } else {
    stream = View(event.getStream());  // one checked read (text_view.h)
    if (stream.starts_with("emp/")) {
      is_employee = true;
      nip = stream.substr(4);
      hash = EmployeeTable::Hash(nip);
    }
  }
  if (is_employee) {
    auto e = LoadEmployee(nip, hash);
    if (!e.ok()) return e.status();
    Employee& employee = **e;
    employee.touched = true;
    if (IsAmendment(payload)) {
      // Refolded from the log at Commit: one read of the stream however
      // many amendments and events follow in this batch.
      if (keep_amendments_) KeepAmendment(nip, event);
      refolds_ += employee.refold ? 0 : 1;
      employee.refold = true;
      return Status::Ok();
    }
    if (!employee.refold) ApplyProfile(employee.state, event);
    return Status::Ok();
  }
  if (stream.starts_with("org/")) {
    const std::string_view agency = stream.substr(4);
    auto a = LoadAgency(agency);
    if (!a.ok()) return a.status();
    OrgState& state = (*a)->state;
    if (!IsAmendment(payload)) {
      ApplyOrg(state, FoldInputOf(event));
      return Status::Ok();
    }
    const OrgState before = state;
    JEJAK_RETURN_IF_ERROR(
        Refold(stream, event.getPosition(), [&](const std::vector<FoldInput>& effective) {
          state = FoldOrg(agency, effective);
        }));
    NoteAmendedPositions(before, state, event.getPosition(), &(*a)->amended);
    return Status::Ok();
  }
  return Status::Ok();  // selection streams: no state here (the audit reads them)
}

void FoldBatch::KeepAmendment(std::string_view nip, schema::Event::Reader event) {
  const size_t words = event.totalSize().wordCount + 1;  // + the root pointer
  // The message's words, the builder and its two allocations, the slot.
  amendment_bytes_ += words * sizeof(capnp::word) + sizeof(capnp::MallocMessageBuilder) + 64;
  if (amendment_bytes_ > max_amendment_bytes_) {
    // Too many to hold: refolds read the streams' events instead.
    keep_amendments_ = false;
    amendments_.clear();
    return;
  }
  auto copy = std::make_unique<capnp::MallocMessageBuilder>(words);
  copy->setRoot(event);
  auto it = amendments_.find(nip);
  if (it == amendments_.end()) it = amendments_.try_emplace(std::string(nip)).first;
  it->second.push_back(std::move(copy));
}

namespace {

// What one encode thread reuses from employee to employee.
struct EncodeScratch {
  ProfileEncoder encoder;
  std::string key, value;  // of the last profile encoded
  std::vector<IndexEntry> index;  // of the last profile
  std::vector<std::string_view> briefs;  // the distinct values copied for it
  const std::string profile_prefix = keys::Profile("");
};

// The profile value and the index changes of one touched employee: the
// entries of its old state not in the new one are deleted, new or changed
// ones put (both lists are sorted by key, so a merge gives them).
// `keep`: old_index becomes the new entries (the state stays cached).
// The mutations' bytes are copied into `bytes`. The profile value is added
// to `profile_file` instead when there is one (REQUIRES: NIPs in increasing
// order).
Status EmployeeMutations(std::string_view nip, const ProfileState& state,
                         std::vector<IndexEntry>& old_index, const Rules& rules, bool keep,
                         EncodeScratch& scratch, SortedFile* profile_file, ByteArena& bytes,
                         std::vector<Mutation>& muts) {
  scratch.encoder.Encode(state, &scratch.value);
  if (profile_file != nullptr) {
    scratch.key.assign(scratch.profile_prefix).append(nip);
    JEJAK_RETURN_IF_ERROR(profile_file->Add(scratch.key, scratch.value));
  } else {
    muts.push_back({bytes.Copy({scratch.profile_prefix, nip}), bytes.Copy(scratch.value)});
  }
  IndexEntriesInto(state, rules, &scratch.index);
  const std::vector<IndexEntry>& index = scratch.index;
  // A profile's index entries carry a few distinct briefs (most indexes
  // carry the same parts): each is copied once and shared by its entries.
  scratch.briefs.clear();
  auto put = [&](const IndexEntry& x) {
    auto& briefs = scratch.briefs;
    const auto shared = std::find(briefs.begin(), briefs.end(), std::string_view(x.value));
    const std::string_view value = shared != briefs.end() ? *shared : briefs.emplace_back(bytes.Copy(x.value));
    muts.push_back({bytes.Copy(x.key), value});
  };
  size_t i = 0, j = 0;
  while (i < old_index.size() || j < index.size()) {
    if (j == index.size() || (i < old_index.size() && old_index[i].key < index[j].key)) {
      muts.push_back({bytes.Copy(old_index[i++].key), {}, true});
    } else if (i == old_index.size() || index[j].key < old_index[i].key) {
      put(index[j++]);
    } else {
      if (old_index[i].value != index[j].value) put(index[j]);
      ++i;
      ++j;
    }
  }
  if (keep) old_index = index;
  return Status::Ok();
}

}  // namespace

Status FoldBatch::Commit(uint64_t checkpoint) {
  JEJAK_RETURN_IF_ERROR(ResolveRefolds(checkpoint));
  // Every touched employee's mutations, in shards encoded and sorted on
  // their own threads, then merged in key order with the agencies' and the
  // checkpoint.
  std::vector<std::pair<std::string_view, Employee*>> touched;
  touched.reserve(employees_.size());
  for (size_t i = 0; i < employees_.size(); ++i) {
    if (!employees_.At(i).touched) continue;  // kept from an earlier batch
    touched.emplace_back(employees_.Nip(i), &employees_.At(i));
  }
  const bool keep = employees_.size() <= keep_states_;
  rocksdb::DB* db = store::RocksOf(store_);
  // Into a family being rebuilt, each shard adds its profiles to a file of
  // its own as it encodes them (in NIP order; "p" keys sort after every
  // index, agency and checkpoint key): they are never held in memory, sorted
  // or merged.
  const bool stream_profiles = !ingest_path_.empty();
  if (stream_profiles) {
    std::sort(touched.begin(), touched.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  if (written_ != nullptr) {
    std::vector<std::string_view> nips;
    nips.reserve(touched.size());
    for (const auto& [nip, employee] : touched) nips.push_back(nip);
    written_->Add(std::move(nips));
  }
  // A shard of fewer than ~64 states does not repay a thread.
  const size_t shards = std::clamp<size_t>(std::min(encode_threads_, touched.size() / 64), 1, 16);
  std::vector<std::vector<Mutation>> runs(shards + 1);
  std::vector<ByteArena> arenas(shards + 1);  // the bytes of each run
  std::vector<SortedFile> profile_files;
  for (size_t shard = 0; stream_profiles && shard < shards; ++shard) {
    profile_files.emplace_back(db, family_, ingest_path_ + "-p" + std::to_string(shard) + ".sst.tmp");
  }
  std::vector<Status> shard_status(shards);
  auto encode = [&](size_t shard) {
    const size_t from = touched.size() * shard / shards;
    const size_t to = touched.size() * (shard + 1) / shards;
    auto& muts = runs[shard];
    muts.reserve((to - from) * 8);
    EncodeScratch scratch;
    SortedFile* file = stream_profiles ? &profile_files[shard] : nullptr;
    Status& status = shard_status[shard];
    for (size_t k = from; k < to; ++k) {
      Employee& e = *touched[k].second;
      if (status.ok()) {
        status = EmployeeMutations(touched[k].first, e.state, e.old_index, rules_, keep, scratch,
                                   file, arenas[shard], muts);
      }
      e.touched = false;
      // States not kept are freed by Clear below, on the calling thread,
      // which folded (allocated) them. Freed here by a shard on another
      // thread, each free contended for the folding thread's malloc arena:
      // half of a 100,000-profile commit's encode time.
    }
    if (status.ok() && file != nullptr) status = file->Finish();
    // Streaming profiles, the shard went through its employees in NIP order.
    if (stream_profiles) {
      SortNipOrderedByKey(muts);
    } else {
      SortByKey(muts);
    }
  };
  {
    std::vector<std::jthread> helpers;
    for (size_t shard = 1; shard < shards; ++shard) helpers.emplace_back(encode, shard);
    encode(0);
  }  // joined
  auto& org = runs[shards];
  ByteArena& org_bytes = arenas[shards];
  for (auto& [agency, a] : agencies_) {
    std::map<std::string, std::string> values;
    for (const auto& p : a.state.positions) values[keys::Position(agency, p.position_id)] = EncodePosition(p);
    for (const auto& u : a.state.units) values[keys::Unit(agency, u.unit_id)] = EncodeUnit(u);
    for (const auto& [id, positions] : a.amended) {
      std::string list;
      for (uint64_t p : positions) keys::PutU64(&list, p);
      values[keys::PositionAmendments(agency, id)] = std::move(list);
    }
    for (const auto& [key, old] : a.old_values) {
      if (!values.contains(key)) org.push_back({org_bytes.Copy(key), {}, true});
    }
    for (const auto& [key, value] : values) {
      auto old = a.old_values.find(key);
      if (old == a.old_values.end() || old->second != value) {
        org.push_back({org_bytes.Copy(key), org_bytes.Copy(value)});
      }
    }
  }
  std::string ckpt;
  keys::PutU64(&ckpt, checkpoint);
  org.push_back({org_bytes.Copy(keys::Checkpoint()), org_bytes.Copy(ckpt)});
  SortByKey(org);
  const std::string what = "projection batch up to position " + std::to_string(checkpoint);
  for (const Status& s : shard_status) {
    if (!s.ok()) return s.WithContext(what);
  }
  // Encoded, the states not kept are done with: a helper frees many (a
  // rebuild's 100,000 states are millions of small blocks) while this
  // thread writes. One thread frees, alone, so no free contends with
  // another for the folding thread's malloc arena (see encode above).
  std::jthread freeing;
  if (!keep && employees_.size() >= kFreeAsideStates) {
    freeing = std::jthread([done = std::move(employees_)]() mutable { done.Clear(); });
    employees_.Clear();  // the moved-from table, made empty and usable
  }
  JEJAK_RETURN_IF_ERROR(
      ingest_path_.empty()
          ? WriteThroughMemtable(db, family_, MergeRuns(runs), what)
          : WriteByIngestion(db, family_, runs, ingest_path_, encode_threads_, what, profile_files));
  if (!keep) employees_.Clear();  // unless the helper took them
  agencies_.clear();
  events_ = 0;
  return Status::Ok();
}

}  // namespace jejak::projection
