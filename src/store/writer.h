// Writer: the single writer thread of an EventStore and its group commit.
//
// Callers Submit() a prepared request and block until its group is
// committed. The thread takes as many queued requests as fit the group
// limits (max_group_events / max_group_bytes; a larger request forms a group
// of its own), stages them in order into one CommitGroup, writes the group's
// WriteBatch once (sync per options), publishes the new head, and then
// acknowledges every request of the group.
//
// A failed write fails every request of its group with IOError and puts the
// writer into a failed state: every later Submit returns Unavailable naming
// the original error (as leveldb's bg_error). Reopen the store to recover.
//
// Thread safety: Submit, head(), WaitForPosition are thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "jejak/clock.h"
#include "jejak/status.h"
#include "jejak/store/options.h"
#include "jejak/store/types.h"
#include "store/append_request.h"
#include "store/commit_group.h"
#include "store/store_db.h"
#include "store/tree_writer.h"

namespace jejak::store {

class Writer {
 public:
  // Starts the thread. `db` and `options` must outlive the writer; `head`
  // is the recovered committed head and `tree` the Merkle tree of its size
  // (null: no tree is written, for a benchmark's baseline only).
  Writer(const StoreDb& db, const StoreOptions& options, const Head& head,
         std::unique_ptr<TreeWriter> tree);
  // Stop()s.
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Queues `request` and waits for the outcome.
  [[nodiscard]] Result<AppendResult> Submit(std::unique_ptr<AppendRequest> request);
  // Queues `request` (taking it) and returns the future of its outcome;
  // Unavailable (leaving `request` to the caller) if the store is closed or
  // failed.
  [[nodiscard]] Result<std::future<Result<AppendResult>>> Enqueue(
      std::unique_ptr<AppendRequest>& request);

  // Commits what is queued, then stops the thread; later Submits are
  // Unavailable. Idempotent.
  void Stop();

  Head head() const;
  uint64_t WaitForPosition(uint64_t position, int64_t timeout_ms) const;

  // Number of WriteBatches written (one per group with new events).
  uint64_t groups_committed() const;

  // Test hook: the next group write fails with `error` as if RocksDB had
  // failed it (the batch is not written).
  void FailNextWriteForTesting(Status error);

 private:
  void Run();
  void CommitGroupOf(std::vector<std::unique_ptr<AppendRequest>>& requests);
  // Completes every request of `requests` with `error`.
  void FailAll(std::vector<std::unique_ptr<AppendRequest>>& requests,
               const Status& error);

  const StoreDb db_;
  const StoreOptions& options_;
  Clock* const clock_;

  // Queue and lifecycle.
  std::mutex mu_;
  std::condition_variable work_cv_;
  std::deque<std::unique_ptr<AppendRequest>> queue_;
  bool stopping_ = false;
  Status failed_;          // set once a write failed
  Status injected_failure_;

  // Committed head, read by everyone.
  mutable std::mutex head_mu_;
  mutable std::condition_variable head_cv_;
  Head head_;
  uint64_t groups_committed_ = 0;

  // Writer thread only.
  StreamHeadCache cache_;
  // Reused across groups: they keep their capacity (up to a bound), so a
  // group's records are not copied through a doubling, page-faulting fresh
  // allocation every time.
  GroupBuffers buffers_;
  // Hashes half the records of a large group.
  HelperThread helper_;
  // The Merkle tree of the committed head (ahead of it only in a failed
  // store, which writes nothing more).
  std::unique_ptr<TreeWriter> tree_;

  std::thread thread_;
};

}  // namespace jejak::store
