#include "catch_up_batch.h"

#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "batch_encode.h"
#include "employee_refold.h"
#include "store/projection_access.h"

namespace jejak::projection {

CatchUpBatch::CatchUpBatch(store::EventStore& store, rocksdb::ColumnFamilyHandle* family,
                           const Rules& rules, Options options, size_t batch_events,
                           size_t max_states, size_t kept_states)
    : ProjectionBatch(store, family, rules, options, /*stored=*/nullptr),
      batch_events_(batch_events),
      max_states_(max_states),
      kept_states_(kept_states) {}

Status CatchUpBatch::Apply(schema::Event::Reader event) {
  auto amended = states_.Apply(event);
  return amended.ok() ? Status::Ok() : amended.status();
}

Status CatchUpBatch::Commit(uint64_t checkpoint) {
  auto refold = EmployeeRefold::Of(store_, states_, checkpoint);
  if (!refold.ok()) return refold.status();
  if (!refold->empty()) {
    JEJAK_RETURN_IF_ERROR(refold->FoldFromCollectedEvents(options_.refold_pass_events));
  }
  const std::vector<EmployeeRef> touched = states_.Touched();
  const bool keep = states_.employee_count() <= kept_states_;
  const std::string what = "projection batch up to position " + std::to_string(checkpoint);
  CommitRuns runs;
  Status encoded = EncodeEmployees(
      touched, rules_, EncodeShardCount(touched.size(), options_.encode_threads), keep, &runs);
  EncodeAgenciesAndCheckpoint(states_.agencies(), checkpoint, &runs);
  if (!encoded.ok()) return encoded.WithContext(what);
  // Encoded, the states not kept are done with: many are freed on a helper
  // while this thread writes.
  std::jthread freeing = states_.Forget(keep);
  return WriteThroughMemtable(store::RocksOf(store_), family_, MergeRuns(runs.runs), what);
}

}  // namespace jejak::projection
