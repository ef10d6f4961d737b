// Projector: catch-up in batches, rebuild, reads.
#include "jejak/projection/projector.h"

#include <algorithm>
#include <filesystem>

#include <kj/exception.h>
#include <rocksdb/db.h>

#include "fold_batch.h"
#include "jejak/projection/profile_view.h"
#include "jejak/projection/state_codec.h"
#include "keys.h"
#include "log_read_ahead.h"
#include "rocks_status.h"

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

}  // namespace

Projector::Projector(store::EventStore& store, ProjectorOptions options,
                     rocksdb::ColumnFamilyHandle* family)
    : store_(store), options_(std::move(options)), family_(family) {}

Projector::~Projector() = default;

Result<std::unique_ptr<Projector>> Projector::Open(store::EventStore& store,
                                                   ProjectorOptions options) {
  auto family = store.ProjectionFamily(keys::kFamily);
  if (!family.ok()) return family.status();
  RemoveInterruptedRebuildFiles(store.rocks()->GetName());
  options.batch_events = std::max<size_t>(options.batch_events, 1);
  options.rebuild_batch_events = std::max<size_t>(options.rebuild_batch_events, 1);
  options.max_batch_states = std::max<size_t>(options.max_batch_states, 1);
  options.encode_threads = std::max<size_t>(options.encode_threads, 1);
  return std::unique_ptr<Projector>(new Projector(store, std::move(options), *family));
}

std::vector<std::string> Projector::Names() { return {std::string(keys::kFamily)}; }

Result<uint64_t> Projector::Checkpoint() {
  std::string value;
  rocksdb::Status s =
      store_.rocks()->Get(rocksdb::ReadOptions(), family_, keys::Checkpoint(), &value);
  if (s.IsNotFound()) return uint64_t{0};
  if (!s.ok()) return FromRocks(s, "reading projection checkpoint");
  if (value.size() != 8) {
    return Status::Corruption("projection checkpoint: " + std::to_string(value.size()) +
                              " bytes, want 8");
  }
  return keys::GetBE(value, 0, 8);
}

Status Projector::CatchUp(const ProgressFn& progress) {
  std::lock_guard lock(mu_);
  return CatchUpLocked(progress);
}

Status Projector::CatchUpLocked(const ProgressFn& progress) {
  auto ckpt = Checkpoint();
  if (!ckpt.ok()) return ckpt.status();
  const uint64_t head = store_.GetHead().position;
  if (*ckpt >= head) return Status::Ok();
  const uint64_t total = head - *ckpt;
  // Every commit writes the checkpoint, so at 0 the family holds nothing: a
  // rebuild, or the first catch-up of a ledger (a bulk import). Both fold in
  // large batches written as files and ingested.
  const bool fresh = *ckpt == 0;
  const size_t batch_events = fresh ? options_.rebuild_batch_events : options_.batch_events;
  // A fresh batch is its own; CatchUp's keeps states between calls.
  std::unique_ptr<FoldBatch> own;
  if (fresh) live_.reset();
  if (fresh || live_ == nullptr) {
    own = std::make_unique<FoldBatch>(store_, family_, options_.rules, options_.encode_threads);
    if (!fresh) own->KeepStates(std::min(options_.cached_states, options_.max_batch_states / 4));
  } else {
    own = std::move(live_);
  }
  FoldBatch& batch = *own;
  batch.SetRefoldPassEvents(options_.refold_pass_events);
  NipSet written;
  // Nothing was written before a fresh catch-up: a NIP not written by an
  // earlier batch of it has no stored profile.
  batch.SetWrittenSet(fresh ? &written : nullptr);
  // Folding from position 1, the batch meets every amendment: held, they
  // let a commit refold amended employees in one pass over the log.
  if (fresh) batch.KeepAmendments(options_.rebuild_amendment_bytes);
  // A rebuild writes sorted files and ingests them: no memtable, no flush.
  if (fresh) batch.SetIngestPath(store_.rocks()->GetName() + "/" + kRebuildFile);
  // Long ranges are read and decoded on a thread of their own.
  LogReadAhead log(store_, *ckpt + 1, head, total >= options_.read_ahead_events);
  uint64_t done = 0;
  uint64_t last = *ckpt;
  // A commit refolds amended employees from the log: the first full read
  // of their later events' payloads (and, refolding through collected
  // events, of corrections' replacements) happens there, so a damaged body
  // that passed the log's decoding is caught here too.
  auto commit = [&](uint64_t at) -> Status {
    try {
      return batch.Commit(at);
    } catch (const kj::Exception& e) {
      return Status::Corruption("projecting up to position " + std::to_string(at) + ": " +
                                e.getDescription().cStr());
    }
  };
  // What the fold will read of the events ahead is loaded in stages
  // (FoldBatch::Prefetch): the event's bytes, its employee's table slot,
  // then its state.
  constexpr size_t kPrefetchAhead[] = {24, 12, 6};
  while (const store::RecordedEvent* recorded = log.Next()) {
    try {
      for (int stage = 0; stage < 3; ++stage) {
        if (const auto* ahead = log.Peek(kPrefetchAhead[stage], stage > 0)) batch.Prefetch(*ahead, stage);
      }
      JEJAK_RETURN_IF_ERROR(batch.Apply(recorded->event()));
    } catch (const kj::Exception& e) {
      return Status::Corruption("projecting position " + std::to_string(recorded->position()) +
                                ": " + e.getDescription().cStr());
    }
    last = recorded->position();
    ++done;
    if (batch.size() >= batch_events || batch.states() >= options_.max_batch_states) {
      JEJAK_RETURN_IF_ERROR(commit(last));
      if (progress) progress(done, total);
    }
  }
  JEJAK_RETURN_IF_ERROR(log.status());
  if (batch.size() > 0) JEJAK_RETURN_IF_ERROR(commit(last));
  if (progress) progress(done, total);
  // Kept only after a clean finish: any error above drops it (and its
  // possibly half-folded states) with `own`.
  batch.SetWrittenSet(nullptr);
  if (!fresh) live_ = std::move(own);
  return Status::Ok();
}

Status Projector::Rebuild(const ProgressFn& progress) {
  std::lock_guard lock(mu_);
  live_.reset();  // its states and family handle belong to the old family
  JEJAK_RETURN_IF_ERROR(store_.DropProjectionFamily(keys::kFamily));
  auto family = store_.ProjectionFamily(keys::kFamily);
  if (!family.ok()) return family.status();
  family_ = *family;
  return CatchUpLocked(progress);  // at checkpoint 0: folds fresh
}

Result<PositionDef> Projector::GetPosition(std::string_view agency, std::string_view position_id) {
  std::string value;
  rocksdb::Status s = store_.rocks()->Get(rocksdb::ReadOptions(), family_,
                                          keys::Position(agency, position_id), &value);
  if (s.IsNotFound()) {
    return Status::NotFound("position " + std::string(position_id) + " of agency " +
                            std::string(agency));
  }
  if (!s.ok()) return FromRocks(s, "reading position " + std::string(position_id));
  return DecodePosition(value);
}

Result<ProfileRecord> Projector::GetProfile(std::string_view nip, uint64_t min_position,
                                            int64_t timeout_ms) {
  auto ckpt = Checkpoint();
  if (!ckpt.ok()) return ckpt.status();
  if (*ckpt < min_position) {
    store_.WaitForPosition(min_position, timeout_ms);
    JEJAK_RETURN_IF_ERROR(CatchUp());
    ckpt = Checkpoint();
    if (!ckpt.ok()) return ckpt.status();
    if (*ckpt < min_position) {
      return Status::Unavailable("projection at position " + std::to_string(*ckpt) +
                                 ", not yet at " + std::to_string(min_position));
    }
  }
  std::string value;
  rocksdb::Status s =
      store_.rocks()->Get(rocksdb::ReadOptions(), family_, keys::Profile(nip), &value);
  if (s.IsNotFound()) return Status::NotFound("employee " + std::string(nip));
  if (!s.ok()) return FromRocks(s, "reading profile " + std::string(nip));
  auto state = DecodeProfile(value);
  if (!state.ok()) return state.status().WithContext("profile " + std::string(nip));
  ProfileRecord rec;
  rec.state = std::move(state).value();
  rec.known_position = *ckpt;
  if (const Placement* p = CurrentPlacement(rec.state); p != nullptr && !p->position_id.empty()) {
    auto def = GetPosition(p->agency, p->position_id);
    if (def.ok()) {
      rec.position = std::move(def).value();
    } else if (!def.status().IsNotFound()) {
      return def.status();
    }
  }
  return rec;
}

Status CatchUpAll(store::EventStore& store) {
  auto projector = Projector::Open(store);
  if (!projector.ok()) return projector.status();
  return (*projector)->CatchUp();
}

}  // namespace jejak::projection
