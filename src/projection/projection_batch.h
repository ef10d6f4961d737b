// ProjectionBatch: what a RebuildBatch (rebuild_batch.h) and a CatchUpBatch
// (catch_up_batch.h) share: the states they fold into and the family they
// write, and the calls the projector's loop makes between commits. Each
// adds its own Apply(event) and Commit(checkpoint).
#pragma once

#include <cstddef>

#include "batch_states.h"
#include "fold_tuning.h"
#include "jejak/projection/rules.h"
#include "jejak/store/event_store.h"
#include "nip_set.h"

namespace jejak::projection {

class ProjectionBatch {
 public:
  struct Options {
    size_t encode_threads = tuning::kEncodeThreads;  // encode (and file-writing) threads
    // EmployeeRefold::FoldFromCollectedEvents's bound. REQUIRES: >= 1.
    uint64_t refold_pass_events = tuning::kRefoldPassEvents;
  };

  // BatchStates::Prefetch.
  void Prefetch(const store::RecordedEvent& event, int stage) const {
    states_.Prefetch(event, stage);
  }
  // Events applied since the last commit.
  size_t size() const { return states_.events(); }
  // Employee and agency states held.
  size_t states() const { return states_.size(); }

 protected:
  // `family` is a projection family of `store`'s database; `stored` as for
  // BatchStates. Each must outlive this object.
  ProjectionBatch(store::EventStore& store, rocksdb::ColumnFamilyHandle* family,
                  const Rules& rules, Options options, const NipSet* stored)
      : store_(store),
        family_(family),
        rules_(rules),
        options_(options),
        states_(store, family, rules, stored) {}
  ~ProjectionBatch() = default;

  store::EventStore& store_;
  rocksdb::ColumnFamilyHandle* family_;
  const Rules& rules_;
  const Options options_;
  BatchStates states_;
};

}  // namespace jejak::projection
