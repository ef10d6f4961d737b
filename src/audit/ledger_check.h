// LedgerCheck: the audit's integrity check of every event it reads
// (docs/audit.md "Integrity first"). The replay hands it each record of the
// log in position order; it recomputes
//   - the record's leaf hash from its body (BLAKE2b, chain_hashes.h) and
//     compares it with the stored one;
//   - the hash chain, and compares it with each record's stored chain hash
//     and, at the end, with the head the report cites;
//   - the Merkle leaf of each record's entry (entry.h; an event with
//     personal fields through EventStore::ReadEntry, which adds its salt),
//     folds them into a root and compares it with the head's tree root,
//     which the report and the audit bundle cite.
// Any difference is Corruption naming the position: the audit then refuses
// to report.
//
// The hashing runs on a thread of its own, on copies of the bytes the
// replay reads (the same bytes it judges), so that it overlaps the
// judging: Add copies the record into a batch; a full batch goes to the
// worker through a queue of at most kMaxQueued batches (memory stays
// bounded: about kBatch * kMaxQueued bodies). Wait and Finish join it.
//
// Thread safety: Add, Wait and Finish from one thread (the replay's); the
// worker is internal.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "jejak/integrity/compact_range.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"

namespace jejak::audit {

class LedgerCheck {
 public:
  // `store` must outlive this object.
  explicit LedgerCheck(store::EventStore& store);
  ~LedgerCheck();  // stops the worker (any result is dropped)
  LedgerCheck(const LedgerCheck&) = delete;
  LedgerCheck& operator=(const LedgerCheck&) = delete;

  // Queues `rec`, which must be the next record of the log (position 1
  // first), for checking. Returns the first error the worker has found so
  // far (Corruption naming the position when a position is missing or a
  // record does not match its stored hashes; ReadEntry's errors with
  // context), so that a replay stops early; OK otherwise.
  [[nodiscard]] Status Add(const store::RecordedEvent& rec);

  // Checks everything queued; returns the first error found (as Add).
  [[nodiscard]] Status Wait();

  // Wait, then: Corruption unless exactly head.position records were
  // added, their chain ends in head.chain and their entries' Merkle root
  // is head.tree_root.
  [[nodiscard]] Status Finish(const store::Head& head);

  // Records checked (after Wait).
  uint64_t checked() const { return next_ - 1; }
  // Time the worker spent hashing (the check's cost, beside the replay).
  double seconds() const { return static_cast<double>(nanos_) * 1e-9; }

  static constexpr size_t kBatch = 512;
  static constexpr size_t kMaxQueued = 8;

 private:
  struct Item {
    uint64_t position;
    integrity::Hash leaf;
    integrity::Hash chain;
    bool may_have_personal;
    size_t offset, size;  // of the body in Batch::bodies
  };
  struct Batch {
    std::vector<Item> items;
    std::string bodies;
  };
  void Work();
  Status Check(const Batch& batch);  // worker thread
  Status Error();                    // the worker's first error, under mu_
  void Push();                       // hands batch_ to the worker

  store::EventStore& store_;
  Batch batch_;  // being filled by Add

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Batch> queue_;  // guarded by mu_
  bool closing_ = false;     // guarded by mu_
  bool busy_ = false;        // the worker holds a batch; guarded by mu_
  Status error_;             // the first error; guarded by mu_

  // Worker state (read by the owner only after Wait).
  uint64_t next_ = 1;
  integrity::Hash chain_{};
  integrity::CompactRange tree_;
  int64_t nanos_ = 0;

  std::thread worker_;  // last: started once everything above exists
};

}  // namespace jejak::audit
