#include "bench_runner.h"

#include <atomic>
#include <latch>
#include <mutex>
#include <optional>
#include <thread>

#include "bench_util.h"

namespace jejak::bench {

Plan MakePlan(const std::vector<std::vector<size_t>>& groups, int threads,
              size_t batch_size) {
  Plan plan;
  plan.threads.resize(static_cast<size_t>(threads));
  std::vector<Batch> open(static_cast<size_t>(threads));
  for (size_t g = 0; g < groups.size(); ++g) {
    const size_t t = g % static_cast<size_t>(threads);
    for (size_t item : groups[g]) {
      open[t].push_back(item);
      if (open[t].size() == batch_size) {
        plan.threads[t].push_back(std::move(open[t]));
        open[t].clear();
      }
    }
    plan.items += groups[g].size();
  }
  for (size_t t = 0; t < open.size(); ++t) {
    if (!open[t].empty()) plan.threads[t].push_back(std::move(open[t]));
  }
  return plan;
}

double RunResult::rate() const { return Rate(items, seconds); }

RunResult RunPlan(const Plan& plan, double max_seconds, const BatchCall& call) {
  const size_t n = plan.threads.size();
  std::vector<RunResult> per(n);
  std::atomic<bool> stop{false};
  std::latch ready(static_cast<ptrdiff_t>(n) + 1);
  std::mutex error_mu;
  std::string first_error;

  // Set by this thread before it arrives at `ready`; the latch orders that
  // write before the workers' reads.
  std::optional<Deadline> deadline;
  std::vector<std::thread> workers;
  for (size_t t = 0; t < n; ++t) {
    workers.emplace_back([&, t] {
      ready.arrive_and_wait();
      RunResult& mine = per[t];
      for (const Batch& batch : plan.threads[t]) {
        if (stop.load(std::memory_order_relaxed) || deadline->Passed()) break;
        Stopwatch call_time;
        std::string err = call(static_cast<int>(t), batch);
        if (!err.empty()) {
          std::lock_guard lock(error_mu);
          if (first_error.empty()) first_error = std::move(err);
          stop = true;
          break;
        }
        mine.call_micros.push_back(call_time.Micros());
        mine.items += batch.size();
        ++mine.calls;
      }
    });
  }
  deadline.emplace(max_seconds);
  Stopwatch wall;
  ready.arrive_and_wait();
  for (auto& w : workers) w.join();

  RunResult total;
  total.seconds = wall.Seconds();
  for (auto& r : per) {
    total.items += r.items;
    total.calls += r.calls;
    total.call_micros.insert(total.call_micros.end(), r.call_micros.begin(),
                             r.call_micros.end());
  }
  total.error = first_error;
  return total;
}

}  // namespace jejak::bench
