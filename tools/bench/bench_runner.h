// Runs a workload split into batches on several threads and measures it:
// wall time from a common start to the last thread's end, items done, and
// the latency of every call.
//
// A Plan lists, per thread, its batches; a batch is a list of item indices
// (what an index means is the caller's business: an event of a generated
// ledger, a key). Each thread calls `call(thread, batch)` for its batches
// in order until they run out, the deadline passes or a call fails.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace jejak::bench {

using Batch = std::vector<size_t>;

struct Plan {
  std::vector<std::vector<Batch>> threads;  // threads[t] = batches of thread t
  uint64_t items = 0;                       // total items in all batches
};

// Splits the items of `groups` (each a list of indices that must stay in
// order on one thread, e.g. one stream's events) over `threads` threads,
// group g to thread g % threads, then cuts each thread's sequence into
// batches of `batch_size` (the last may be shorter). A batch may span groups.
Plan MakePlan(const std::vector<std::vector<size_t>>& groups, int threads,
              size_t batch_size);

struct RunResult {
  uint64_t items = 0;    // items in the batches that completed
  uint64_t calls = 0;
  double seconds = 0;    // wall time of the whole run
  std::vector<double> call_micros;  // latency of each completed call
  std::string error;     // the first failure; empty when none

  double rate() const;   // items per second
};

// Returns "" on success or an error message, which stops that thread (the
// others stop at their next batch).
using BatchCall = std::function<std::string(int thread, const Batch& batch)>;

// Runs `plan`; stops starting calls once `max_seconds` (> 0) have passed.
RunResult RunPlan(const Plan& plan, double max_seconds, const BatchCall& call);

}  // namespace jejak::bench
