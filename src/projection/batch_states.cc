#include "batch_states.h"

#include <kj/exception.h>
#include <rocksdb/db.h>

#include <algorithm>
#include <memory>
#include <utility>

#include "jejak/projection/fold.h"
#include "jejak/text_view.h"
#include "keys.h"
#include "rocks_status.h"
#include "state_codec.h"
#include "store/projection_access.h"

namespace jejak::projection {

namespace {

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

Result<std::optional<ProfileState>> ReadStoredProfile(rocksdb::DB* db,
                                                      rocksdb::ColumnFamilyHandle* family,
                                                      std::string_view nip,
                                                      const rocksdb::ReadOptions& ro) {
  std::string value;
  rocksdb::Status s = db->Get(ro, family, keys::Profile(nip), &value);
  if (s.IsNotFound()) return std::optional<ProfileState>();
  if (!s.ok()) return FromRocks(s, "reading profile " + std::string(nip));
  auto decoded = DecodeProfile(value);
  if (!decoded.ok()) return decoded.status().WithContext("profile " + std::string(nip));
  return std::optional<ProfileState>(std::move(decoded).value());
}

BatchStates::BatchStates(store::EventStore& store, rocksdb::ColumnFamilyHandle* family,
                         const Rules& rules, const NipSet* stored)
    : store_(store), family_(family), rules_(rules), stored_(stored) {}

Result<BatchEmployee*> BatchStates::LoadEmployee(std::string_view nip, uint64_t hash) {
  if (BatchEmployee* found = employees_.Find(nip, hash)) return found;
  if (stored_ != nullptr && !stored_->MayContain(nip)) {
    BatchEmployee& e = employees_.Insert(nip, hash);
    e.state.nip = std::string(nip);
    return &e;
  }
  auto stored = ReadStoredProfile(store::RocksOf(store_), family_, nip, rocksdb::ReadOptions());
  if (!stored.ok()) return stored.status();
  BatchEmployee& e = employees_.Insert(nip, hash);
  if (!*stored) {
    e.state.nip = std::string(nip);
    return &e;
  }
  e.state = std::move(**stored);
  e.old_index = IndexEntries(e.state, rules_);
  return &e;
}

Result<BatchAgency*> BatchStates::LoadAgency(std::string_view agency) {
  if (auto found = agencies_.find(agency); found != agencies_.end()) return &found->second;
  auto [it, inserted] = agencies_.try_emplace(std::string(agency));
  BatchAgency& a = it->second;
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

void BatchStates::Prefetch(const store::RecordedEvent& recorded, int stage) const {
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
    read.hash = NipTable<BatchEmployee>::Hash(read.nip);
    known = &read;
  }
  if (stage == 1) {
    ahead_[read.position % tuning::kPrefetchMemo] = read;
    employees_.PrefetchSlot(read.hash);
    return;
  }
  if (const BatchEmployee* e = employees_.Find(known->nip, known->hash)) {
    const char* at = reinterpret_cast<const char*>(e);
    for (size_t line = 0; line < sizeof(BatchEmployee) && line < tuning::kPrefetchStateBytes;
         line += 64) {
      __builtin_prefetch(at + line);
    }
  }
}

Result<std::string_view> BatchStates::Apply(schema::Event::Reader event) {
  ++events_;
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
      hash = NipTable<BatchEmployee>::Hash(nip);
    }
  }
  if (!is_employee) {
    // Selection streams hold no state here (the audit reads them).
    if (stream.starts_with("org/")) JEJAK_RETURN_IF_ERROR(ApplyOrgEvent(stream, event));
    return std::string_view();
  }
  auto e = LoadEmployee(nip, hash);
  if (!e.ok()) return e.status();
  BatchEmployee& employee = **e;
  employee.touched = true;
  if (IsAmendment(event.getPayload())) {
    // Refolded from the log at commit: one read of the stream however
    // many amendments and events follow in this batch.
    refolds_ += employee.refold ? 0 : 1;
    employee.refold = true;
    return nip;
  }
  if (!employee.refold) ApplyProfile(employee.state, event);
  return std::string_view();
}

Status BatchStates::ApplyOrgEvent(std::string_view stream, schema::Event::Reader event) {
  const std::string_view agency = stream.substr(4);
  auto a = LoadAgency(agency);
  if (!a.ok()) return a.status();
  OrgState& state = (*a)->state;
  if (!IsAmendment(event.getPayload())) {
    ApplyOrg(state, FoldInputOf(event));
    return Status::Ok();
  }
  // The agency's effective events as known at this amendment.
  auto events = store_.ReadStream(stream);
  if (!events.ok()) return events.status().WithContext("refolding " + std::string(stream));
  std::vector<schema::Event::Reader> readers;
  readers.reserve(events->size());
  for (const auto& e : *events) readers.push_back(e.event());
  const OrgState before = state;
  state = FoldOrg(agency, EffectiveEvents(readers, Cut{event.getPosition(), UINT32_MAX}));
  NoteAmendedPositions(before, state, event.getPosition(), &(*a)->amended);
  return Status::Ok();
}

std::vector<EmployeeRef> BatchStates::Touched() {
  std::vector<EmployeeRef> touched;
  touched.reserve(employees_.size());
  for (size_t i = 0; i < employees_.size(); ++i) {
    if (employees_.At(i).touched) touched.push_back({employees_.Nip(i), &employees_.At(i)});
  }
  return touched;
}

std::vector<EmployeeRef> BatchStates::TakeRefolds() {
  std::vector<EmployeeRef> marked;
  if (refolds_ == 0) return marked;
  marked.reserve(refolds_);
  for (size_t i = 0; i < employees_.size(); ++i) {
    BatchEmployee& e = employees_.At(i);
    if (!e.refold) continue;
    e.refold = false;
    marked.push_back({employees_.Nip(i), &e});
  }
  refolds_ = 0;
  return marked;
}

std::jthread BatchStates::ForgetEmployees() {
  std::jthread freeing;
  if (employees_.size() >= tuning::kFreeAsideStates) {
    freeing = std::jthread([done = std::move(employees_)]() mutable { done.Clear(); });
  }
  employees_.Clear();  // the moved-from table too: empty and usable
  refolds_ = 0;
  return freeing;
}

std::jthread BatchStates::Forget(bool keep_employees) {
  std::jthread freeing;
  if (!keep_employees) freeing = ForgetEmployees();
  agencies_.clear();
  events_ = 0;
  return freeing;
}

}  // namespace jejak::projection
