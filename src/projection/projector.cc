// Projector: catch-up in batches, rebuild, reads.
#include "projector.h"

#include <algorithm>
#include <optional>
#include <filesystem>
#include <set>
#include <utility>

#include <kj/exception.h>
#include <rocksdb/db.h>

#include "career_events.h"
#include "catch_up_batch.h"
#include "copy_fold.h"
#include "generation.h"
#include "index_entries.h"
#include "jejak/projection/profile_view.h"
#include "state_codec.h"
#include "keys.h"
#include "log_read_ahead.h"
#include "rebuild_batch.h"
#include "rocks_status.h"
#include "store/projection_access.h"

namespace jejak::projection {

namespace {

// The SST files a rebuild batch is written to before they are ingested
// (moved into the database under names of RocksDB's): this, "-<n>.sst.tmp".
constexpr const char* kRebuildFile = "proj-profile-rebuild";

// Removes the files of a rebuild that a crash interrupted before they were
// ingested ("proj-profile-rebuild-<n>.sst.tmp"; ingested ones were moved
// under RocksDB's names). Only this process has the database open (RocksDB
// holds its LOCK), so none of them is being written. Best effort: a file
// that cannot be removed is overwritten by the next rebuild.
void RemoveInterruptedRebuildFiles(const std::string& dir) {
  std::error_code ec;
  const std::string prefix = std::string(kRebuildFile) + "-";
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(prefix) && name.ends_with(".sst.tmp")) {
      std::error_code ignored;
      std::filesystem::remove(it->path(), ignored);
    }
  }
}

// Where the files of a RebuildBatch or a fold from copies into `gen` are
// written before they are ingested.
std::string IngestPath(const Generation& gen) {
  return gen.db()->GetName() + "/" + kRebuildFile + "-" + gen.name();
}

// The stores that have a Projector open: at most one each (Open).
std::mutex open_stores_mu;
std::set<const store::EventStore*> open_stores;

// The marker key a generation holds once it is complete (docs/projections.md).
constexpr std::string_view kReadyKey = "r";

Result<bool> IsReady(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family) {
  std::string value;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), family, kReadyKey, &value);
  if (s.IsNotFound()) return false;
  if (!s.ok()) return FromRocks(s, "reading the projection's generation marker");
  return true;
}

// Marks a new, empty generation with what every fold into it keeps from
// position 1 on: the index of org amendments. A generation an older version
// wrote lacks the mark (and reads definitions as of a cut by refolding).
Status MarkFeatures(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family) {
  rocksdb::WriteOptions no_wal;
  no_wal.disableWAL = true;
  const std::string flags(1, static_cast<char>(keys::kFeaturesOfNewGenerations));
  return FromRocks(db->Put(no_wal, family, keys::Features(), flags),
                   "marking the projection's features");
}

// The features a generation was marked with (none for one an older version
// created, or a mark that is not one byte: such a generation is read as
// keeping nothing extra).
Result<uint8_t> ReadFeatures(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family) {
  std::string flags;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), family, keys::Features(), &flags);
  if (s.IsNotFound()) return uint8_t{0};
  if (!s.ok()) return FromRocks(s, "reading the projection's features");
  return flags.size() == 1 ? static_cast<uint8_t>(flags[0]) : uint8_t{0};
}

// Marks a new, empty generation (MarkFeatures) and flushes the mark before
// anything is folded into it (projection writes skip the WAL): a crash must
// not leave the family without it, read as a generation an older version
// made, which keeps nothing extra.
Status MarkNewGeneration(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family) {
  JEJAK_RETURN_IF_ERROR(MarkFeatures(db, family));
  return FromRocks(db->Flush(rocksdb::FlushOptions(), family),
                   "flushing the projection's features");
}

// Generation `n` of `store` in `family`, with the features it is marked
// with. An empty family without a mark was created by a process that
// crashed before its mark was flushed: it is marked now.
Result<std::shared_ptr<Generation>> MakeGeneration(store::EventStore& store, uint64_t n,
                                                   const std::string& name,
                                                   rocksdb::ColumnFamilyHandle* family) {
  rocksdb::DB* db = store::RocksOf(store);
  auto features = ReadFeatures(db, family);
  if (!features.ok()) return features.status();
  if (*features == 0 && !store.read_only()) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), family));
    it->SeekToFirst();
    JEJAK_RETURN_IF_ERROR(FromRocks(it->status(), "reading projection generation " + name));
    if (!it->Valid()) {
      JEJAK_RETURN_IF_ERROR(MarkNewGeneration(db, family));
      features = keys::kFeaturesOfNewGenerations;
    }
  }
  return std::make_shared<Generation>(store, n, name, family, *features);
}

// A reader's current generation (the store is read-only): the one the
// writer reads, found as below, but nothing is dropped or created.
// Unavailable when the ledger has no projection yet.
Result<std::shared_ptr<Generation>> ReadCurrentGeneration(store::EventStore& store) {
  std::vector<uint64_t> numbers;
  for (const std::string& name : store::ProjectionFamilyNames(store)) {
    if (auto n = ParseGenerationName(keys::kFamily, name)) numbers.push_back(*n);
  }
  std::sort(numbers.rbegin(), numbers.rend());
  for (uint64_t n : numbers) {
    const std::string name = GenerationName(keys::kFamily, n);
    auto family = store::ProjectionFamily(store, name);
    if (!family.ok()) return family.status();
    bool ready = n == 0;
    if (!ready) {
      auto marked = IsReady(store::RocksOf(store), *family);
      if (!marked.ok()) return marked.status();
      ready = *marked;
    }
    if (ready) return MakeGeneration(store, n, name, *family);
  }
  return Status::Unavailable("the ledger has no profile projection yet; read it when the writer is done");
}

// The current generation of the profile projection: the highest-numbered
// complete one (generation 0 is complete by definition: it predates the
// marker, and it is the one a new ledger starts with). Every other
// generation is dropped: older ones a switch did not get to drop, newer
// ones a rebuild did not finish.
Result<std::shared_ptr<Generation>> OpenCurrentGeneration(store::EventStore& store) {
  if (store.read_only()) return ReadCurrentGeneration(store);
  std::vector<uint64_t> numbers;
  for (const std::string& name : store::ProjectionFamilyNames(store)) {
    if (auto n = ParseGenerationName(keys::kFamily, name)) numbers.push_back(*n);
  }
  std::sort(numbers.rbegin(), numbers.rend());
  std::shared_ptr<Generation> current;
  for (uint64_t n : numbers) {
    const std::string name = GenerationName(keys::kFamily, n);
    auto family = store::ProjectionFamily(store, name);
    if (!family.ok()) return family.status();
    bool ready = n == 0;
    if (!ready && current == nullptr) {
      auto marked = IsReady(store::RocksOf(store), *family);
      if (!marked.ok()) return marked.status();
      ready = *marked;
    }
    if (current == nullptr && ready) {
      auto made = MakeGeneration(store, n, name, *family);
      if (!made.ok()) return made.status();
      current = std::move(made).value();
    } else {
      JEJAK_RETURN_IF_ERROR(store::DropProjectionFamily(store, name));
    }
  }
  if (current == nullptr) {
    const std::string name = GenerationName(keys::kFamily, 0);
    auto family = store::ProjectionFamily(store, name);
    if (!family.ok()) return family.status();
    JEJAK_RETURN_IF_ERROR(MarkNewGeneration(store::RocksOf(store), *family));
    current =
        std::make_shared<Generation>(store, 0, name, *family, keys::kFeaturesOfNewGenerations);
  }
  return current;
}

// The checkpoint from the result of its read.
Result<uint64_t> ParseCheckpoint(const rocksdb::Status& s, std::string_view value) {
  if (s.IsNotFound()) return uint64_t{0};
  if (!s.ok()) return FromRocks(s, "reading projection checkpoint");
  if (value.size() != 8) {
    return Status::Corruption("projection checkpoint: " + std::to_string(value.size()) +
                              " bytes, want 8");
  }
  return keys::GetBE(value, 0, 8);
}

Result<uint64_t> ReadCheckpoint(const Generation& gen, const rocksdb::ReadOptions& ro) {
  rocksdb::PinnableSlice value;
  rocksdb::Status s = gen.db()->Get(ro, gen.family(), keys::Checkpoint(), &value);
  return ParseCheckpoint(s, value.ToStringView());
}

// A checkpoint of `gen` at most its stored one: every read of the family
// after this call sees everything folded up to it. From memory where this
// process folds gen (Generation::Folded), else read.
Result<uint64_t> CheckpointAtLeast(const Generation& gen) {
  if (const auto folded = gen.Folded()) return folded->checkpoint;
  return ReadCheckpoint(gen, rocksdb::ReadOptions());
}

// The summary of `nip` from the result of its read (`key` is the summary
// key), as known at `checkpoint`.
Result<ProfileSummary> SummaryOfRead(std::string_view nip, std::string_view key,
                                     const rocksdb::Status& s, std::string_view value,
                                     uint64_t checkpoint) {
  if (s.IsNotFound()) return Status::NotFound("employee " + std::string(nip));
  if (!s.ok()) return FromRocks(s, "reading the summary of " + std::string(nip));
  auto brief = ParseBrief(key, value);
  if (!brief.ok()) return brief.status();
  auto summary = SummaryFromBrief(*brief);
  if (!summary.ok()) return summary.status();
  summary->known_position = checkpoint;
  return summary;
}

// Unavailable: the projection is at `known`, not yet at `wanted`.
Status NotYetAt(uint64_t known, uint64_t wanted) {
  return Status::Unavailable("projection at position " + std::to_string(known) + ", not yet at " +
                             std::to_string(wanted));
}

// What `read` (a read with no minimum position) gives once `reached`
// (waiting for and catching up to `min_position`) succeeded; Unavailable
// when the projection is still short of `min_position`.
template <typename Read>
auto ReadOnceReached(const Status& reached, uint64_t min_position, Read read) -> decltype(read()) {
  if (!reached.ok()) return reached;
  auto r = read();
  if (r.ok() && r->known_position < min_position) return NotYetAt(r->known_position, min_position);
  return r;
}

// The profile of `nip` from the result of its read, checked to be that
// employee's, as known at `checkpoint`.
Result<ProfileRecord> ProfileOf(std::string_view nip, const rocksdb::Status& s,
                                std::string_view value, uint64_t checkpoint) {
  if (s.IsNotFound()) return Status::NotFound("employee " + std::string(nip));
  if (!s.ok()) return FromRocks(s, "reading profile " + std::string(nip));
  auto state = DecodeProfile(value);
  if (!state.ok()) return state.status().WithContext("profile " + std::string(nip));
  if (state->nip != nip) {
    return Status::Corruption("the profile stored under NIP " + std::string(nip) +
                              " is the profile of " + state->nip);
  }
  ProfileRecord rec;
  rec.state = std::move(state).value();
  rec.known_position = checkpoint;
  return rec;
}

Result<PositionDef> ReadPosition(const Generation& gen, const rocksdb::ReadOptions& ro,
                                 std::string_view agency, std::string_view position_id) {
  std::string value;
  rocksdb::Status s = gen.db()->Get(ro, gen.family(), keys::Position(agency, position_id), &value);
  if (s.IsNotFound()) {
    return Status::NotFound("position " + std::string(position_id) + " of agency " +
                            std::string(agency));
  }
  if (!s.ok()) return FromRocks(s, "reading position " + std::string(position_id));
  return DecodePosition(value);
}

}  // namespace

std::string GenerationName(std::string_view base, uint64_t number) {
  std::string name(base);
  if (number != 0) name += ".g" + std::to_string(number);
  return name;
}

std::optional<uint64_t> ParseGenerationName(std::string_view base, std::string_view name) {
  if (!name.starts_with(base)) return std::nullopt;
  std::string_view rest = name.substr(base.size());
  if (rest.empty()) return uint64_t{0};
  if (!rest.starts_with(".g") || rest.size() < 3 || rest.size() > 2 + 19 || rest[2] == '0') {
    return std::nullopt;
  }
  uint64_t n = 0;
  for (char c : rest.substr(2)) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return n;
}

Projector::Projector(store::EventStore& store, ProjectorOptions options,
                     std::shared_ptr<Generation> current)
    : store_(store), options_(std::move(options)), current_(std::move(current)) {}

Projector::~Projector() {
  live_.reset();
  current_.reset();
  std::lock_guard lock(open_stores_mu);
  open_stores.erase(&store_);
}

Result<std::unique_ptr<Projector>> Projector::Open(store::EventStore& store,
                                                   ProjectorOptions options) {
  {
    std::lock_guard lock(open_stores_mu);
    if (!open_stores.insert(&store).second) {
      return Status::Unavailable(
          "the profile projection of this ledger is already open (one Projector per store)");
    }
  }
  auto current = OpenCurrentGeneration(store);
  if (!current.ok()) {
    std::lock_guard lock(open_stores_mu);
    open_stores.erase(&store);
    return current.status();
  }
  if (!store.read_only()) RemoveInterruptedRebuildFiles(store::RocksOf(store)->GetName());
  options.batch_events = std::max<size_t>(options.batch_events, 1);
  options.rebuild_batch_events = std::max<size_t>(options.rebuild_batch_events, 1);
  options.max_batch_states = std::max<size_t>(options.max_batch_states, 1);
  options.encode_threads = std::max<size_t>(options.encode_threads, 1);
  options.refold_pass_events = std::max<uint64_t>(options.refold_pass_events, 1);
  options.copy_fold_catch_up_events = std::max<uint64_t>(options.copy_fold_catch_up_events, 1);
  return std::unique_ptr<Projector>(
      new Projector(store, std::move(options), std::move(current).value()));
}

std::vector<std::string> Projector::Names() { return {std::string(keys::kFamily)}; }

std::shared_ptr<Generation> Projector::Pin() const {
  std::lock_guard lock(gen_mu_);
  return current_;
}

Result<uint64_t> Projector::Checkpoint() { return ReadCheckpoint(*Pin(), rocksdb::ReadOptions()); }

Status Projector::CatchUp(const ProgressFn& progress, const ProgressFn& employee_progress) {
  if (store_.read_only()) return Status::Ok();  // the writer folds
  std::lock_guard lock(mu_);
  return CatchUpInto(*Pin(), &live_, progress, employee_progress);
}

namespace {

// Folds the events of `log` into `batch` (a RebuildBatch or a CatchUpBatch),
// committing it whenever it is Full() and at the end; calls `progress`
// after each commit and every tuning::kProgressEvents events with the
// events folded of `total`. A body that fails to parse is Corruption
// naming its position.
// `copies` (none: the batch keeps them itself, or the generation keeps
// none) gets every event, and is flushed before the commit whose
// checkpoint covers them. A commit of org events is a write of `org_epoch`;
// every commit is one of `gen` (Generation::BeginCommit).
template <typename Batch>
Status FoldLog(const Generation& gen, CareerEventWriter* copies, OrgEpoch& org_epoch,
               LogReadAhead& log, Batch& batch, uint64_t total, const ProgressFn& progress) {
  uint64_t done = 0;
  uint64_t last = 0;
  // Copying an employee event reads its whole payload; without copies, a
  // commit refolds amended employees from the log, and the first full read
  // of their later events' payloads (and, refolding through collected
  // events, of corrections' replacements) happens there. Either way a
  // damaged body that passed the log's decoding is caught here too.
  // A batch holding org events writes definitions: its commit is a write
  // of the org epoch the cached definitions are tagged with.
  bool org_in_batch = false;
  auto commit = [&](uint64_t at) -> Status {
    if (copies) JEJAK_RETURN_IF_ERROR(copies->Flush());
    const bool org = std::exchange(org_in_batch, false);
    if (org) org_epoch.BeginWrite();
    KJ_DEFER(if (org) org_epoch.EndWrite());
    gen.BeginCommit();
    Status committed;
    try {
      committed = batch.Commit(at);
    } catch (const kj::Exception& e) {
      committed = Status::Corruption("projecting up to position " + std::to_string(at) + ": " +
                                     e.getDescription().cStr());
    }
    // After a failed commit the checkpoint is not known: 0.
    gen.EndCommit(committed.ok() ? at : 0);
    return committed;
  };
  while (const store::RecordedEvent* recorded = log.Next()) {
    try {
      for (int stage = 0; stage < 3; ++stage) {
        const auto* ahead = log.Peek(tuning::kPrefetchAhead[stage], stage > 0);
        if (ahead != nullptr) batch.Prefetch(*ahead, stage);
      }
      JEJAK_RETURN_IF_ERROR(batch.Apply(recorded->event()));
      if (copies) JEJAK_RETURN_IF_ERROR(copies->Add(recorded->event()));
      if (!org_in_batch && recorded->event().getStream().startsWith("org/")) {
        org_in_batch = true;
      }
    } catch (const kj::Exception& e) {
      return Status::Corruption("projecting position " + std::to_string(recorded->position()) +
                                ": " + e.getDescription().cStr());
    }
    last = recorded->position();
    ++done;
    if (batch.Full()) {
      JEJAK_RETURN_IF_ERROR(commit(last));
      if (progress) progress(done, total);
    } else if (progress && done % tuning::kProgressEvents == 0) {
      progress(done, total);  // within a long batch too
    }
  }
  JEJAK_RETURN_IF_ERROR(log.status());
  if (batch.size() > 0) JEJAK_RETURN_IF_ERROR(commit(last));
  if (progress) progress(done, total);
  return Status::Ok();
}

}  // namespace

Result<bool> Projector::GoOnFromCopyFoldProgress(const Generation& gen, uint64_t checkpoint,
                                                 std::unique_ptr<CatchUpBatch>* keep,
                                                 const ProgressFn& employee_progress) {
  auto interrupted = ReadCopyFoldProgress(gen.db(), gen.family());
  if (!interrupted.ok()) return interrupted.status();
  if (!*interrupted) return false;
  const CopyFoldProgress& from = **interrupted;
  const uint64_t head = store_.GetHead().position;
  if (from.checkpoint < checkpoint || from.checkpoint > head) {
    return Status::Corruption("progress of a fold from copies: position " +
                              std::to_string(from.checkpoint) + " before the checkpoint " +
                              std::to_string(checkpoint) + " or past the head " +
                              std::to_string(head));
  }
  if (keep != nullptr) keep->reset();
  CopyFoldOptions co;
  co.chunk_states = options_.max_batch_states;
  co.encode_threads = options_.encode_threads;
  co.ingest_path = IngestPath(gen);
  if (employee_progress) {
    co.on_chunk = [&employee_progress](uint64_t employees) { employee_progress(employees, 0); };
  }
  const std::string what = "going on with the fold from copies up to position " +
                           std::to_string(from.checkpoint) + " after NIP " + from.after_nip;
  gen.BeginCommit();
  Status folded;
  try {
    // Any employee may have a stored profile: each is read for its index.
    folded = FoldEmployeesFromCopies(gen.db(), gen.family(), options_.rules, co, from,
                                     /*stored=*/nullptr, /*agencies=*/nullptr);
  } catch (const kj::Exception& e) {
    folded = Status::Corruption(e.getDescription().cStr());
  }
  gen.EndCommit(folded.ok() ? from.checkpoint : 0);
  if (!folded.ok()) return folded.WithContext(what);
  return true;
}

Status Projector::CatchUpInto(const Generation& gen, std::unique_ptr<CatchUpBatch>* keep,
                              const ProgressFn& progress, const ProgressFn& employee_progress) {
  auto ckpt = ReadCheckpoint(gen, rocksdb::ReadOptions());
  if (!ckpt.ok()) return ckpt.status();
  // This is gen's only folder now: what it reads is gen's checkpoint.
  if (!gen.Folded() && *ckpt != 0) {
    gen.BeginCommit();
    gen.EndCommit(*ckpt);
  }
  if (gen.Has(keys::kFeatureCareerEvents) && !gen.progress_checked()) {
    auto went_on = GoOnFromCopyFoldProgress(gen, *ckpt, keep, employee_progress);
    if (!went_on.ok()) return went_on.status();
    gen.set_progress_checked(true);
    if (*went_on) return CatchUpInto(gen, keep, progress, employee_progress);  // from there
  }
  const uint64_t head = store_.GetHead().position;
  if (*ckpt >= head) return Status::Ok();
  const uint64_t total = head - *ckpt;
  // Long ranges are read and decoded on a thread of their own.
  LogReadAhead log(store_, *ckpt + 1, head, total >= options_.read_ahead_events);
  // Every commit writes the checkpoint (a fold from copies only at its
  // end; its progress is gone on from above), so at 0 the family holds no
  // state but copies: a rebuild, or the first catch-up of a ledger (a bulk
  // import). Both fold from position 1 in large batches written as files
  // and ingested.
  ProjectionBatch::Options o;
  o.encode_threads = options_.encode_threads;
  o.refold_pass_events = options_.refold_pass_events;
  // A RebuildBatch's fold (a failed one may leave a fold from copies'
  // progress for the next catch-up).
  auto rebuild_fold = [&](bool copy_events, RebuildBatch::Start start) {
    if (keep != nullptr) keep->reset();
    RebuildBatch batch(store_, gen.family(), options_.rules, o, IngestPath(gen),
                       options_.rebuild_batch_events, options_.max_batch_states,
                       options_.rebuild_amendment_bytes, copy_events,
                       options_.rebuild_copy_bytes, start);
    batch.OnEmployeesFolded(employee_progress);
    Status folded = FoldLog(gen, nullptr, org_epoch_, log, batch, total, progress);
    if (!folded.ok()) gen.set_progress_checked(false);
    return folded;
  };
  if (*ckpt == 0) {
    return rebuild_fold(gen.Has(keys::kFeatureCareerEvents), RebuildBatch::Start::kPositionOne);
  }
  if (gen.Has(keys::kFeatureCareerEvents) && total >= options_.copy_fold_catch_up_events &&
      total >= head / tuning::kCopyFoldLogDivisor) {
    // Much of the log to fold (a bulk import into a ledger with a
    // projection): the employees from their copies (copy_fold.h), not a
    // stored profile read and rewritten per event.
    return rebuild_fold(/*copy_events=*/true, RebuildBatch::Start::kAfterCheckpoint);
  }
  // CatchUp's batch keeps states between calls.
  std::unique_ptr<CatchUpBatch> batch;
  if (keep != nullptr && *keep != nullptr) {
    batch = std::move(*keep);
  } else {
    const size_t kept = keep == nullptr ? 0
                                        : std::min(options_.cached_states,
                                                   options_.max_batch_states /
                                                       tuning::kCachedStatesDivisor);
    batch = std::make_unique<CatchUpBatch>(store_, gen.family(), options_.rules, o,
                                           options_.batch_events, options_.max_batch_states,
                                           kept);
  }
  std::optional<CareerEventWriter> copies;  // career_events.h
  if (gen.Has(keys::kFeatureCareerEvents)) copies.emplace(gen.db(), gen.family());
  JEJAK_RETURN_IF_ERROR(
      FoldLog(gen, copies ? &*copies : nullptr, org_epoch_, log, *batch, total, progress));
  // Kept only after a clean finish: any error above drops it (and its
  // possibly half-folded states).
  if (keep != nullptr) *keep = std::move(batch);
  return Status::Ok();
}

Status Projector::Rebuild(const ProgressFn& progress, const ProgressFn& employee_progress) {
  if (store_.read_only()) return Status::Unavailable("a reader does not rebuild: run jejak rebuild when the writer is done");
  std::lock_guard rebuilding(rebuild_mu_);
  const uint64_t number = Pin()->number() + 1;
  const std::string name = GenerationName(keys::kFamily, number);
  auto family = store::ProjectionFamily(store_, name);
  if (!family.ok()) return family.status();
  auto next = std::make_shared<Generation>(store_, number, name, *family,
                                          keys::kFeaturesOfNewGenerations);
  next->Retire();  // dropped on any error below
  JEJAK_RETURN_IF_ERROR(MarkFeatures(store::RocksOf(store_), *family));
  // The long fold, beside the current generation: no lock readers or
  // catch-ups wait on.
  JEJAK_RETURN_IF_ERROR(CatchUpInto(*next, nullptr, progress, employee_progress));
  // Complete up to here: marked so, and flushed with the marker (the
  // projection skips the WAL), so a crash from now on reopens this one.
  rocksdb::WriteOptions no_wal;
  no_wal.disableWAL = true;
  JEJAK_RETURN_IF_ERROR(FromRocks(store::RocksOf(store_)->Put(no_wal, *family, kReadyKey, ""),
                                  "marking projection generation " + name));
  JEJAK_RETURN_IF_ERROR(FromRocks(store::RocksOf(store_)->Flush(rocksdb::FlushOptions(), *family),
                                  "flushing projection generation " + name));
  std::lock_guard lock(mu_);
  // What was appended during the fold, then the switch.
  JEJAK_RETURN_IF_ERROR(CatchUpInto(*next, nullptr, nullptr));
  next->Keep();
  std::shared_ptr<Generation> old;
  {
    std::lock_guard swap(gen_mu_);
    old = std::exchange(current_, std::move(next));
  }
  live_.reset();  // its states and family handle belong to the old generation
  old->Retire();  // dropped when the last reader pinning it is done
  return Status::Ok();
}

Result<std::shared_ptr<const StoredPositionDef>> Projector::LoadPosition(
    const Generation& gen, const rocksdb::ReadOptions& ro, std::optional<uint64_t> epoch,
    std::string_view agency, std::string_view position_id) {
  if (epoch) {
    if (auto hit = positions_.Find(gen.number(), *epoch, agency, position_id)) return hit;
  }
  auto entry = std::make_shared<StoredPositionDef>();
  std::string amended;
  rocksdb::Status s =
      gen.db()->Get(ro, gen.family(), keys::PositionAmendments(agency, position_id), &amended);
  if (!s.ok() && !s.IsNotFound()) {
    return FromRocks(s, "reading amendments of " + std::string(position_id));
  }
  if (amended.size() % 8 != 0) {
    return Status::Corruption("amendments of position " + std::string(position_id) + ": " +
                              std::to_string(amended.size()) + " bytes");
  }
  for (size_t at = 0; at < amended.size(); at += 8) {
    entry->amended.push_back(keys::GetBE(amended, at, 8));
  }
  auto def = ReadPosition(gen, ro, agency, position_id);
  if (def.ok()) {
    entry->def = std::move(def).value();
  } else if (!def.status().IsNotFound()) {
    return def.status();
  }
  if (epoch && org_epoch_.Unchanged(*epoch)) {
    positions_.Insert(gen.number(), *epoch, agency, position_id, entry);
  }
  return std::shared_ptr<const StoredPositionDef>(std::move(entry));
}

Result<Projector::StoredPosition> Projector::PositionAsKnownAt(std::string_view agency,
                                                              std::string_view position_id,
                                                              const Cut& cut) {
  StoredPosition out;
  std::shared_ptr<Generation> gen = Pin();
  if (!gen->Has(keys::kFeatureAmendments)) return out;  // folded before the index: refold
  // No snapshot: what is read after the checkpoint holds the definition at
  // least as folded up to it, and an answer depends only on the versions
  // and amendments recorded by the cut.
  auto ckpt = CheckpointAtLeast(*gen);
  if (!ckpt.ok()) return ckpt.status();
  const uint64_t known = std::min(cut.known_position, store_.GetHead().position);
  if (*ckpt < known) return out;  // behind the cut
  auto stored =
      LoadPosition(*gen, rocksdb::ReadOptions(), org_epoch_.Stable(), agency, position_id);
  if (!stored.ok()) return stored.status();
  const StoredPositionDef& entry = **stored;
  for (uint64_t amendment : entry.amended) {
    if (amendment > known) return out;  // changed after the cut
  }
  out.answered = true;
  if (!entry.def) return out;
  PositionDef def;
  def.agency = entry.def->agency;
  def.position_id = entry.def->position_id;
  for (const PositionVersion& v : entry.def->versions) {
    if (v.key.position <= known && v.key.effective <= cut.valid_date) def.versions.push_back(v);
  }
  if (!def.versions.empty()) out.def = std::move(def);
  return out;
}

Result<std::optional<ProfileRecord>> Projector::EmployeeAsOf(std::string_view nip,
                                                             const Cut& cut) {
  std::shared_ptr<Generation> gen = Pin();
  if (!gen->Has(keys::kFeatureCareerEvents) || nip.size() != keys::kNipSize) {
    return std::optional<ProfileRecord>();
  }
  // Copies are written before (or with) the commit whose checkpoint covers
  // them and never change: a read after the checkpoint sees every one up
  // to it.
  auto ckpt = CheckpointAtLeast(*gen);
  if (!ckpt.ok()) return ckpt.status();
  const uint64_t known = std::min(cut.known_position, store_.GetHead().position);
  if (*ckpt < known) return std::optional<ProfileRecord>();  // behind the cut
  CareerEvents events;
  JEJAK_RETURN_IF_ERROR(events.Read(gen->db(), gen->family(), nip, known));
  // No event by the cut: whether the NIP is unknown or only later, the
  // log tells (the caller reads it).
  if (events.empty()) return std::optional<ProfileRecord>();
  ProfileRecord rec;
  try {
    rec.state = FoldProfile(nip, EffectiveEvents(events.events(), cut));
  } catch (const kj::Exception& e) {
    return Status::Corruption("reconstructing " + std::string(nip) + " from its copied events: " +
                              e.getDescription().cStr());
  }
  rec.known_position = known;
  if (rec.state.empty()) {
    return Status::NotFound("employee " + std::string(nip) + " at the requested cut");
  }
  return std::optional(std::move(rec));
}

Result<PositionDef> Projector::GetPosition(std::string_view agency, std::string_view position_id) {
  return ReadPosition(*Pin(), rocksdb::ReadOptions(), agency, position_id);
}

Result<ProfileRecord> Projector::GetProfile(std::string_view nip, uint64_t min_position,
                                            int64_t timeout_ms) {
  std::shared_ptr<Generation> gen = Pin();
  // The checkpoint and the profile from one view (one MultiGet); the
  // position's definition cached for the org epoch of that view, or read
  // while that epoch lasts. When a commit of definitions runs meanwhile,
  // the read is done again under a snapshot.
  const std::optional<uint64_t> epoch = org_epoch_.Stable();
  if (!epoch) return GetProfileInSnapshot(*gen, nip, min_position, timeout_ms);
  const std::string profile_key = keys::Profile(nip);
  const std::string checkpoint_key = keys::Checkpoint();
  rocksdb::Slice keys_read[2] = {checkpoint_key, profile_key};
  rocksdb::PinnableSlice values[2];
  rocksdb::Status statuses[2];
  gen->db()->MultiGet(rocksdb::ReadOptions(), gen->family(), 2, keys_read, values, statuses);
  if (!org_epoch_.Unchanged(*epoch)) {
    return GetProfileInSnapshot(*gen, nip, min_position, timeout_ms);
  }
  auto ckpt = ParseCheckpoint(statuses[0], values[0].ToStringView());
  if (!ckpt.ok()) return ckpt.status();
  if (*ckpt < min_position) return GetProfileLater(nip, min_position, timeout_ms);
  auto rec = ProfileOf(nip, statuses[1], values[1].ToStringView(), *ckpt);
  if (!rec.ok()) return rec;
  if (const Placement* p = CurrentPlacement(rec->state); p != nullptr && !p->position_id.empty()) {
    auto stored = LoadPosition(*gen, rocksdb::ReadOptions(), epoch, p->agency, p->position_id);
    if (!stored.ok()) return stored.status();
    if (!org_epoch_.Unchanged(*epoch)) {
      return GetProfileInSnapshot(*gen, nip, min_position, timeout_ms);
    }
    rec->position = (*stored)->def;
  }
  return rec;
}

Status Projector::Reach(uint64_t min_position, int64_t timeout_ms) {
  store_.WaitForPosition(min_position, timeout_ms);
  return CatchUp();
}

Result<ProfileRecord> Projector::GetProfileLater(std::string_view nip, uint64_t min_position,
                                                 int64_t timeout_ms) {
  return ReadOnceReached(Reach(min_position, timeout_ms), min_position,
                         [&] { return GetProfile(nip, 0, timeout_ms); });
}

Result<ProfileSummary> Projector::GetSummary(std::string_view nip, uint64_t min_position,
                                             int64_t timeout_ms) {
  std::shared_ptr<Generation> gen = Pin();
  if (!gen->Has(keys::kFeatureSummaries)) {  // made by an older version
    auto rec = GetProfile(nip, min_position, timeout_ms);
    if (!rec.ok()) return rec.status();
    return SummaryOf(*rec);
  }
  const std::string summary_key = keys::Summary(nip);
  // The checkpoint from memory where no commit ran during the read: one key.
  if (const auto folded = gen->Folded(); folded && folded->checkpoint >= min_position) {
    rocksdb::PinnableSlice value;
    const rocksdb::Status s =
        gen->db()->Get(rocksdb::ReadOptions(), gen->family(), summary_key, &value);
    if (gen->Unchanged(*folded)) {
      return SummaryOfRead(nip, summary_key, s, value.ToStringView(), folded->checkpoint);
    }
  }
  // Else the checkpoint and the summary from one view (one MultiGet).
  const std::string checkpoint_key = keys::Checkpoint();
  rocksdb::Slice keys_read[2] = {checkpoint_key, summary_key};
  rocksdb::PinnableSlice values[2];
  rocksdb::Status statuses[2];
  gen->db()->MultiGet(rocksdb::ReadOptions(), gen->family(), 2, keys_read, values, statuses);
  auto ckpt = ParseCheckpoint(statuses[0], values[0].ToStringView());
  if (!ckpt.ok()) return ckpt.status();
  if (*ckpt < min_position) {
    return ReadOnceReached(Reach(min_position, timeout_ms), min_position,
                           [&] { return GetSummary(nip, 0, timeout_ms); });
  }
  return SummaryOfRead(nip, summary_key, statuses[1], values[1].ToStringView(), *ckpt);
}

Result<ProfileRecord> Projector::GetProfileInSnapshot(const Generation& gen, std::string_view nip,
                                                      uint64_t min_position, int64_t timeout_ms) {
  std::optional<rocksdb::ManagedSnapshot> snapshot;  // none on a reader's fixed view
  if (!store_.read_only()) snapshot.emplace(gen.db());
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot ? snapshot->snapshot() : nullptr;
  auto ckpt = ReadCheckpoint(gen, ro);
  if (!ckpt.ok()) return ckpt.status();
  if (*ckpt < min_position) return GetProfileLater(nip, min_position, timeout_ms);
  rocksdb::PinnableSlice value;
  const rocksdb::Status s = gen.db()->Get(ro, gen.family(), keys::Profile(nip), &value);
  auto rec = ProfileOf(nip, s, value.ToStringView(), *ckpt);
  if (!rec.ok()) return rec;
  if (const Placement* p = CurrentPlacement(rec->state); p != nullptr && !p->position_id.empty()) {
    auto def = ReadPosition(gen, ro, p->agency, p->position_id);
    if (def.ok()) {
      rec->position = std::move(def).value();
    } else if (!def.status().IsNotFound()) {
      return def.status();
    }
  }
  return rec;
}

}  // namespace jejak::projection
