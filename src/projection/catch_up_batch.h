// CatchUpBatch: folds the events appended after the projection's checkpoint
// into the current generation of the projection family, loading each
// touched state from the family (or from the states it kept from earlier
// batches). Each commit goes through the memtable as one WriteBatch
// (batch_writer.h).
//
// Not thread-safe: one thread calls everything; Commit uses helper threads.
#pragma once

#include <cstdint>

#include "jejak/projection/rules.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"
#include "projection_batch.h"

namespace jejak::projection {

class CatchUpBatch : public ProjectionBatch {
 public:
  // `family` is the projection family of `store`'s database whose
  // checkpoint the first Apply follows. After a commit, it keeps up to
  // `kept_states` committed employee states (as stored, with their index
  // entries) for the next batches instead of reading and decoding them
  // again; when more are held, none. 0 keeps none. A batch is full at
  // `batch_events` events or `max_states` states. REQUIRES: nothing else
  // writes the family meanwhile.
  CatchUpBatch(store::EventStore& store, rocksdb::ColumnFamilyHandle* family, const Rules& rules,
               Options options, size_t batch_events, size_t max_states, size_t kept_states = 0);

  // Folds one log event. REQUIRES: events in position order, each after
  // the family's checkpoint.
  [[nodiscard]] Status Apply(schema::Event::Reader event);
  // Whether the batch should be committed now (before the log ends).
  bool Full() const { return size() >= batch_events_ || states() >= max_states_; }
  // Refolds the amended employees, then writes every touched state, its
  // index changes, the agencies' definitions and `checkpoint` (the last
  // position applied) in one WriteBatch, and forgets the states it does
  // not keep.
  [[nodiscard]] Status Commit(uint64_t checkpoint);

 private:
  const size_t batch_events_;
  const size_t max_states_;
  const size_t kept_states_;
};

}  // namespace jejak::projection
