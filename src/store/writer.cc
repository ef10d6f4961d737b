#include "store/writer.h"

#include <algorithm>
#include <chrono>

#include <rocksdb/db.h>
#include <spdlog/spdlog.h>

#include "store/rocks_status.h"

namespace jejak::store {

namespace {
// Bound on the writer's stream head cache; cleared when exceeded. Correctness
// never depends on the cache.
constexpr size_t kMaxCachedStreams = 1'000'000;
// Initial capacity of the group WriteBatch, and the capacity above which
// it is not kept for the next group.
constexpr size_t kBatchReserveBytes = 1u << 20;
constexpr size_t kBatchKeepBytes = 64u << 20;
}  // namespace

Writer::Writer(const StoreDb& db, const StoreOptions& options, const Head& head,
               std::unique_ptr<TreeWriter> tree)
    : db_(db),
      options_(options),
      clock_(options.clock != nullptr ? options.clock : SystemClock()),
      head_(head),
      buffers_{rocksdb::WriteBatch(kBatchReserveBytes), {}, {}, {}, {}, {}, {}},
      tree_(std::move(tree)) {
  thread_ = std::thread([this] { Run(); });
}

Writer::~Writer() { Stop(); }

void Writer::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<AppendResult> Writer::Submit(std::unique_ptr<AppendRequest> request) {
  auto outcome = Enqueue(request);
  if (!outcome.ok()) return outcome.status();
  return outcome->get();
}

Result<std::future<Result<AppendResult>>> Writer::Enqueue(
    std::unique_ptr<AppendRequest>& request) {
  std::future<Result<AppendResult>> outcome;
  {
    std::lock_guard lock(mu_);
    if (!failed_.ok()) {
      return Status::Unavailable("the store failed earlier and must be reopened: " +
                                 failed_.ToString());
    }
    if (stopping_) return Status::Unavailable("the store is closed");
    outcome = request->done.get_future();
    queue_.push_back(std::move(request));
  }
  work_cv_.notify_one();
  return outcome;
}

Head Writer::head() const {
  std::lock_guard lock(head_mu_);
  return head_;
}

uint64_t Writer::groups_committed() const {
  std::lock_guard lock(head_mu_);
  return groups_committed_;
}

uint64_t Writer::WaitForPosition(uint64_t position, int64_t timeout_ms) const {
  std::unique_lock lock(head_mu_);
  head_cv_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(timeout_ms, 0)),
                    [&] { return head_.position >= position; });
  return head_.position;
}

void Writer::FailNextWriteForTesting(Status error) {
  std::lock_guard lock(mu_);
  injected_failure_ = std::move(error);
}

void Writer::Run() {
  std::vector<std::unique_ptr<AppendRequest>> group;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      work_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued is done
      if (!failed_.ok()) {
        while (!queue_.empty()) {
          group.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
        const Status error = Status::Unavailable(
            "the store failed earlier and must be reopened: " + failed_.ToString());
        lock.unlock();
        FailAll(group, error);
        group.clear();
        continue;
      }
      size_t events = 0;
      size_t bytes = 0;
      while (!queue_.empty()) {
        const AppendRequest& next = *queue_.front();
        if (!group.empty() &&
            (events + next.total_events > options_.max_group_events ||
             bytes + next.total_bytes > options_.max_group_bytes)) {
          break;
        }
        events += next.total_events;
        bytes += next.total_bytes;
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    CommitGroupOf(group);
    group.clear();
  }
}

void Writer::CommitGroupOf(std::vector<std::unique_ptr<AppendRequest>>& requests) {
  const Head committed = head();
  // recorded_at never decreases along the log, even if the clock steps back.
  const int64_t recorded_at =
      std::max(clock_->NowMicros(), committed.recorded_at_us);
  if (buffers_.batch.GetDataSize() > kBatchKeepBytes) {
    buffers_.batch = rocksdb::WriteBatch(kBatchReserveBytes);
  }
  if (buffers_.frames.capacity() > kBatchKeepBytes) std::string().swap(buffers_.frames);
  CommitGroup group(db_, cache_, committed, recorded_at, options_.max_event_bytes,
                    buffers_, helper_, tree_.get());

  std::vector<std::unique_ptr<AppendRequest>> staged;
  std::vector<AppendResult> results;
  staged.reserve(requests.size());
  results.reserve(requests.size());
  for (auto& request : requests) {
    auto result = group.Stage(*request);
    if (!result.ok()) {
      request->done.set_value(result.status());
      continue;
    }
    results.push_back(std::move(result).value());
    staged.push_back(std::move(request));
  }

  if (group.staged_events() > 0) {
    auto batch = group.Finish();
    Status status = batch.status();
    {
      std::lock_guard lock(mu_);
      if (status.ok()) status = std::move(injected_failure_);
      injected_failure_ = Status::Ok();
    }
    if (status.ok()) {
      rocksdb::WriteOptions write_options;
      write_options.sync = options_.sync;
      status = FromRocks(db_.db->Write(write_options, *batch),
                         "writing positions " + std::to_string(committed.position + 1) +
                             ".." + std::to_string(group.head().position));
    }
    if (!status.ok()) {
      if (options_.logger) {
        options_.logger->error("jejak store: group commit failed, store is now "
                               "failed until reopened: {}", status.ToString());
      }
      {
        std::lock_guard lock(mu_);
        failed_ = status;
      }
      FailAll(staged, Status::IOError("append not recorded: " + status.message()));
      return;
    }
    if (cache_.size() > kMaxCachedStreams) cache_.clear();
    group.Publish(cache_);
    {
      std::lock_guard lock(head_mu_);
      head_ = group.head();
      ++groups_committed_;
    }
    head_cv_.notify_all();
  }

  const uint64_t last = group.head().position;
  for (size_t i = 0; i < staged.size(); ++i) {
    results[i].last_position = last;
    staged[i]->done.set_value(std::move(results[i]));
  }
}

void Writer::FailAll(std::vector<std::unique_ptr<AppendRequest>>& requests,
                     const Status& error) {
  for (auto& request : requests) request->done.set_value(error);
}

}  // namespace jejak::store
