// RebuildBatch: folds the log from position 1 into an empty generation of
// the projection family (a rebuild, or the first catch-up of a ledger),
// batch after batch. Each commit writes the batch's values to SST files and
// ingests them in one call (batch_writer.h): no memtable, no flush.
//
// Because it folds every event from position 1 it can (1) tell that a NIP
// no earlier batch wrote has no stored profile, and (2) hold every employee
// amendment it met (held_amendments.h), so that a commit refolds all the
// amended employees in one pass over the log that holds none of their
// events.
//
// With copies of the employee events (career_events.h), a rebuild whose
// employees outnumber its state bound does not commit batch after batch
// (each would read back and rewrite most profiles): it drops its employee
// states, goes on folding only the agencies and copying the employee
// events, and its last commit folds every employee from the copies, one
// at a time in NIP order (copy_fold.h). A catch-up of a long range into a
// generation that keeps copies folds the same way from the start
// (Start::kAfterCheckpoint).
//
// Not thread-safe: one thread calls everything; Commit uses helper threads.
#pragma once

#include <cstdint>
#include <string>
#include <thread>

#include "batch_writer.h"
#include "held_amendments.h"
#include "jejak/projection/profile_record.h"
#include "jejak/projection/rules.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"
#include "nip_set.h"
#include "projection_batch.h"

namespace jejak::projection {

class RebuildBatch : public ProjectionBatch {
 public:
  enum class Start {
    // From position 1 into an empty generation.
    kPositionOne,
    // From the checkpoint of a generation that keeps copies, folding its
    // employees from the copies (every stored profile may be replaced).
    kAfterCheckpoint,
  };

  // `family` is a projection family of `store`'s database, empty for
  // kPositionOne (nothing else writes it while this object folds into it). Commits write their
  // files at `ingest_path` + "-<n>.sst.tmp" (and "-p<n>.sst.tmp") before
  // ingesting them. At most `amendment_bytes` of amendments are held.
  // With `copy_events`, the copies of the batch's employee events
  // (career_events.h) are ingested as sorted files ("-s") of about
  // `copy_bytes`, each before the commit that covers it. A batch is full
  // at `batch_events` events or, without copies, `max_states` states;
  // with copies, at `max_states` states it folds from the copies instead.
  // REQUIRES for kAfterCheckpoint: `copy_events`.
  RebuildBatch(store::EventStore& store, rocksdb::ColumnFamilyHandle* family, const Rules& rules,
               Options options, std::string ingest_path, size_t batch_events, size_t max_states,
               size_t amendment_bytes = tuning::kRebuildAmendmentBytes, bool copy_events = false,
               size_t copy_bytes = tuning::kRebuildCopyBytes, Start start = Start::kPositionOne);

  // Folds one log event. REQUIRES: events in position order, from position
  // 1 (kPositionOne) or the one after the family's checkpoint.
  [[nodiscard]] Status Apply(schema::Event::Reader event);
  // Whether the batch should be committed now (before the log ends).
  bool Full() const;
  // Events applied since the last commit.
  size_t size() const { return events_; }
  // ProjectionBatch::Prefetch, but only the event's bytes once the batch
  // folds from copies (it holds no employee state to load).
  void Prefetch(const store::RecordedEvent& event, int stage) const {
    if (!from_copies_ || stage == 0) ProjectionBatch::Prefetch(event, stage);
  }
  // Ingests the copies still held, refolds the amended employees, then
  // writes every touched state, its index entries, the agencies'
  // definitions and `checkpoint` (the last position applied) in one
  // ingestion, and forgets the states. Once the batch folds from copies,
  // the commit folds every employee from them (in several ingestions);
  // REQUIRES then: `checkpoint` is the last position of the fold (Full()
  // is false from then on, so only the fold's end commits).
  [[nodiscard]] Status Commit(uint64_t checkpoint);
  // Called while the commit folds employees from copies, after each chunk,
  // with (employees written so far, 0: their total is not known).
  void OnEmployeesFolded(ProgressFn progress) { employee_progress_ = std::move(progress); }

 private:
  // Drops the employee states and held amendments: from now on the batch
  // folds the agencies and copies the employee events only.
  void FoldFromCopies();

  const std::string ingest_path_;
  const size_t batch_events_;
  const size_t max_states_;
  size_t events_ = 0;        // applied since the last commit
  const Start start_;
  bool from_copies_ = false;  // FoldFromCopies was called (or kAfterCheckpoint)
  std::jthread freeing_;      // frees the dropped employee states
  ProgressFn employee_progress_;
  NipSet written_;  // the NIPs committed so far: only they have a stored profile
  HeldAmendments amendments_;
  // Sorts the copies held, writes them to one file and ingests it (alone:
  // its keys overlap earlier copy files, so it lands in level 0).
  [[nodiscard]] Status IngestCopies();

  // The copies of employee events not yet ingested, in log order; their
  // bytes in copy_bytes_ (copy_bytes_held_ of them).
  const bool copy_events_;
  const size_t copy_bytes_limit_;
  std::vector<Mutation> copies_;
  ByteArena copy_bytes_;
  size_t copy_bytes_held_ = 0;
  std::string copy_key_, copy_value_;  // scratch of the encoding
};

}  // namespace jejak::projection
