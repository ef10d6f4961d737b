// Projector (internal: users reach it through jejak::Ledger): keeps the
// profile projection (family "proj.profile") in step
// with the log, and reads it.
//
// The family holds, under the keys of docs/projections.md, every employee's
// folded facts, every agency's position and unit definitions, the secondary
// indexes the HR queries scan, and a checkpoint: the last log position
// folded. CatchUp folds the events after the checkpoint in batches; each
// batch's changed profiles, definitions, index entries and the new
// checkpoint go into ONE WriteBatch, so a crash never leaves state and
// checkpoint out of step: the next CatchUp resumes after the last batch
// written. Projection writes skip the WAL: state and checkpoint live in one
// column family, so a flush persists both or neither, and losing unflushed
// batches in a crash only moves the checkpoint back; the log is the truth.
//
// Thread safety: every method is safe to call concurrently. CatchUp calls
// are serialized; Rebuild folds a new generation of the family beside the
// current one (generation.h) while reads and catch-ups go on against the
// current one, then switches: a read sees the old projection until the new
// one is complete, then the new one. One Projector per store at a time:
// Open refuses a second one (another process cannot open the ledger at all:
// RocksDB locks it).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "fold_tuning.h"
#include "jejak/projection/fold.h"
#include "jejak/projection/profile_record.h"
#include "jejak/projection/profile_state.h"
#include "jejak/projection/profile_summary.h"
#include "jejak/projection/rules.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"
#include "position_cache.h"

namespace rocksdb {
struct ReadOptions;
}  // namespace rocksdb

namespace jejak::projection {

class CatchUpBatch;
class Generation;

// Every default is a constant of fold_tuning.h, with its reason there.
struct ProjectorOptions {
  // Events folded per WriteBatch by CatchUp. Larger batches write a
  // profile touched several times only once.
  size_t batch_events = tuning::kCatchUpBatchEvents;
  // Events folded per batch by Rebuild, which writes each touched profile
  // once per batch: larger batches, fewer rewrites (by default a batch ends
  // at max_batch_states).
  size_t rebuild_batch_events = tuning::kRebuildBatchEvents;
  // A batch is also committed once it holds this many employee and agency
  // states (a bound on memory). A fold from position 1 into a generation
  // that keeps copies instead folds its employees from the copies past it
  // (in chunks of this many), as a long catch-up does.
  size_t max_batch_states = tuning::kMaxBatchStates;
  // Threads that encode the touched states and their index entries when a
  // batch is committed (the fold itself is sequential).
  size_t encode_threads = tuning::kEncodeThreads;
  // From this many events to fold, CatchUp/Rebuild read and decode the log
  // on a helper thread ahead of the fold.
  uint64_t read_ahead_events = tuning::kReadAheadEvents;
  // CatchUp keeps up to this many employee states decoded between its
  // batches and calls (as stored), so an employee touched again is not
  // read and decoded again; at most max_batch_states /
  // tuning::kCachedStatesDivisor. 0 = none.
  size_t cached_states = tuning::kCachedStates;
  // A correction or retraction makes the projector refold its employee
  // from the log before the batch is written. Many such employees are
  // read in forward passes over the log (not stream by stream, a random
  // read per event), each holding at most this many of their events in
  // memory (~0.7 KB each).
  uint64_t refold_pass_events = tuning::kRefoldPassEvents;
  // A rebuild (or a first catch-up) folds every event from position 1, so
  // it can hold every correction and retraction it meets, up to this many
  // bytes (~0.7 KB each): then all amended employees of a batch are
  // refolded in ONE pass over the log that holds none of their events.
  // Past it the rebuild drops them and refolds as above.
  size_t rebuild_amendment_bytes = tuning::kRebuildAmendmentBytes;
  // A rebuild holds the copies of employee events (career_events.h) up to
  // about this many bytes, then sorts and ingests them as one file.
  size_t rebuild_copy_bytes = tuning::kRebuildCopyBytes;
  // A catch-up of at least this many events (and at least an eighth of the
  // log) folds its employees from their copies, as a rebuild with more
  // employees than max_batch_states does (generations that keep copies).
  uint64_t copy_fold_catch_up_events = tuning::kCopyFoldCatchUpEvents;
  // Rules the indexes are computed with (a change of rules needs a
  // rebuild). Default Rules::Default().
  Rules rules = Rules::Default();
};

class Projector {
 public:
  // Position definitions kept decoded for reads (an agency has a few
  // hundred; at this many the cache starts over).
  static constexpr size_t kCachedPositions = 16'384;

  // Opens (creating if needed) the projection family of `store`, and drops
  // what an interrupted rebuild left. The store must outlive the projector.
  // Unavailable when another Projector of `store` is open.
  [[nodiscard]] static Result<std::unique_ptr<Projector>> Open(store::EventStore& store,
                                                               ProjectorOptions options = {});
  ~Projector();

  // The names `jejak rebuild NAME` accepts: {"profile"}.
  static std::vector<std::string> Names();

  // Folds every event after the checkpoint, up to the head at the call
  // (a no-op on a read-only store: the writer folds; reads show the
  // projection as the writer last flushed it). At
  // checkpoint 0 (nothing folded yet: a first bulk import) it folds as
  // Rebuild does, in large batches written as files. `employee_progress`
  // as Rebuild's.
  [[nodiscard]] Status CatchUp(const ProgressFn& progress = nullptr,
                               const ProgressFn& employee_progress = nullptr);

  // Replays the whole log from position 1 into a new generation of the
  // family, then switches reads to it and drops the old one (once no read
  // uses it). Readers and CatchUp go on meanwhile; two Rebuild calls are
  // serialized. A crash part-way leaves the old generation current.
  // `employee_progress`: called while employees are folded from the
  // copies of their events (past max_batch_states), with (employees
  // written so far, 0).
  [[nodiscard]] Status Rebuild(const ProgressFn& progress = nullptr,
                               const ProgressFn& employee_progress = nullptr);

  // The last folded position.
  [[nodiscard]] Result<uint64_t> Checkpoint();

  // The profile of `nip`, once the projection has reached `min_position`
  // (catching up, and waiting up to `timeout_ms` for the store to reach it).
  // NotFound for an unknown NIP; Unavailable when min_position is not
  // reached in time.
  [[nodiscard]] Result<ProfileRecord> GetProfile(std::string_view nip, uint64_t min_position = 0,
                                                 int64_t timeout_ms = 5000);
  // The summary of `nip` (profile_summary.h), as GetProfile: from the
  // stored summary, or from the profile in a generation an older version
  // made without them. Corruption for a stored summary that is damaged or
  // not `nip`'s.
  [[nodiscard]] Result<ProfileSummary> GetSummary(std::string_view nip, uint64_t min_position = 0,
                                                  int64_t timeout_ms = 5000);

  // The definition of `agency`'s position `position_id` as known at
  // cut.known_position, its versions effective by cut.valid_date, read from
  // the stored definition when the projection can answer for that cut:
  // when it has folded past the cut, keeps the index of org amendments
  // (generations folded from position 1 do), and no amendment of the
  // definition was recorded after the cut. Else not `answered`, and the
  // caller folds the agency's stream (PositionAsOf, profile_record.h); the
  // two give the same definition.
  struct StoredPosition {
    bool answered = false;
    std::optional<PositionDef> def;  // answered: the definition then, if any
  };
  [[nodiscard]] Result<StoredPosition> PositionAsKnownAt(std::string_view agency,
                                                         std::string_view position_id,
                                                         const Cut& cut);

  // The employee part of an as-of (profile_record.h EmployeeAsOf) from the
  // projection's copies of the employee's events (career_events.h), when
  // it can answer for the cut: the generation keeps the copies and has
  // folded up to the cut, and the employee has an event by then. Else none,
  // and the caller reads the log (EmployeeAsOf); the two give the same
  // state. NotFound when the employee had no effective event at the cut.
  [[nodiscard]] Result<std::optional<ProfileRecord>> EmployeeAsOf(std::string_view nip,
                                                                  const Cut& cut);

  // One position definition of an agency; NotFound if never defined.
  [[nodiscard]] Result<PositionDef> GetPosition(std::string_view agency,
                                                std::string_view position_id);

  // The current generation, pinned: its family stays readable while the
  // pointer is held, even across a Rebuild's switch.
  std::shared_ptr<Generation> Pin() const;
  store::EventStore& store() const { return store_; }
  const Rules& rules() const { return options_.rules; }

 private:
  Projector(store::EventStore& store, ProjectorOptions options,
            std::shared_ptr<Generation> current);
  // Folds `gen` from its checkpoint to the head; at checkpoint 0 (an empty
  // family: a rebuild or a first catch-up) with a RebuildBatch, else with a
  // CatchUpBatch. `keep` (CatchUp's, for the current generation) holds the
  // catch-up batch whose states are kept between calls; nullptr = none.
  // `employee_progress` as Rebuild's.
  Status CatchUpInto(const Generation& gen, std::unique_ptr<CatchUpBatch>* keep,
                     const ProgressFn& progress, const ProgressFn& employee_progress = nullptr);
  // Goes on with a fold from copies a crash interrupted in `gen`
  // (copy_fold.h), if its progress is there, up to the position it folds
  // to (true; false: no progress); `checkpoint` is gen's stored one;
  // `employee_progress` as Rebuild's.
  // Corruption for a progress whose position is before the checkpoint or
  // past the head.
  Result<bool> GoOnFromCopyFoldProgress(const Generation& gen, uint64_t checkpoint,
                                        std::unique_ptr<CatchUpBatch>* keep,
                                        const ProgressFn& employee_progress);

  // The stored definition of a position with its amendments: cached for
  // `epoch` of gen (none: read, not cached), else read with `ro` and
  // cached when the epoch lasted through the read (position_cache.h).
  Result<std::shared_ptr<const StoredPositionDef>> LoadPosition(const Generation& gen,
                                                                const rocksdb::ReadOptions& ro,
                                                                std::optional<uint64_t> epoch,
                                                                std::string_view agency,
                                                                std::string_view position_id);
  // GetProfile with every value read in one snapshot (when definitions are
  // being written meanwhile).
  Result<ProfileRecord> GetProfileInSnapshot(const Generation& gen, std::string_view nip,
                                             uint64_t min_position, int64_t timeout_ms);
  // GetProfile once the projection has reached min_position (waits and
  // catches up).
  Result<ProfileRecord> GetProfileLater(std::string_view nip, uint64_t min_position,
                                        int64_t timeout_ms);
  // Waits up to timeout_ms for the store to reach min_position, then
  // catches up.
  Status Reach(uint64_t min_position, int64_t timeout_ms);

  store::EventStore& store_;
  ProjectorOptions options_;
  // Commits of position definitions, and the definitions read per epoch.
  OrgEpoch org_epoch_;
  PositionCache positions_{kCachedPositions};
  mutable std::mutex gen_mu_;           // guards current_ (held only to copy or swap it)
  std::shared_ptr<Generation> current_;
  std::mutex mu_;          // serializes catch-ups of the current generation and the switch
  std::mutex rebuild_mu_;  // serializes Rebuild calls
  // CatchUp's batch, with the states it keeps (options_.cached_states)
  // between calls; dropped on any error and by a switch. Guarded by mu_.
  std::unique_ptr<CatchUpBatch> live_;
};

}  // namespace jejak::projection
