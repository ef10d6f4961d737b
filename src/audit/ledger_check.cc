#include "audit/ledger_check.h"

#include <chrono>

#include "jejak/integrity/chain_hashes.h"
#include "jejak/integrity/entry.h"
#include "jejak/integrity/merkle.h"

namespace jejak::audit {

namespace {

std::string At(uint64_t position) { return "event at position " + std::to_string(position); }

}  // namespace

LedgerCheck::LedgerCheck(store::EventStore& store)
    : store_(store), worker_([this] { Work(); }) {}

LedgerCheck::~LedgerCheck() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
    queue_.clear();
  }
  cv_.notify_all();
  worker_.join();
}

Status LedgerCheck::Add(const store::RecordedEvent& rec) {
  const std::string_view body = rec.body();
  // The kind is read from the body the replay is about to judge: whether
  // the entry may differ from the body (personal fields, salted).
  const bool personal = integrity::MayHavePersonalFields(rec.event().getPayload().which());
  batch_.items.push_back({rec.position(), rec.leaf_hash(), rec.chain_hash(), personal,
                          batch_.bodies.size(), body.size()});
  batch_.bodies.append(body);
  if (batch_.items.size() < kBatch) return Status::Ok();
  Push();
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return queue_.size() < kMaxQueued || !error_.ok(); });
  return error_;
}

void LedgerCheck::Push() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(batch_));
  }
  cv_.notify_all();
  batch_ = Batch();
  batch_.items.reserve(kBatch);
}

Status LedgerCheck::Wait() {
  if (!batch_.items.empty()) Push();
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return (queue_.empty() && !busy_) || !error_.ok(); });
  return error_;
}

void LedgerCheck::Work() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
    if (closing_) return;
    Batch batch = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    cv_.notify_all();  // room in the queue
    const auto start = std::chrono::steady_clock::now();
    Status s = error_.ok() ? Check(batch) : Status::Ok();
    nanos_ += std::chrono::duration_cast<std::chrono::nanoseconds>(
                  std::chrono::steady_clock::now() - start)
                  .count();
    lock.lock();
    busy_ = false;
    if (!s.ok() && error_.ok()) error_ = std::move(s);
    cv_.notify_all();
  }
}

Status LedgerCheck::Check(const Batch& batch) {
  for (const Item& item : batch.items) {
    const uint64_t p = item.position;
    const std::string_view body(batch.bodies.data() + item.offset, item.size);
    if (p != next_) {
      return Status::Corruption("the log jumps from position " + std::to_string(next_ - 1) +
                                " to " + std::to_string(p) + ": events are missing");
    }
    const integrity::Hash leaf = integrity::ChainLeafHash(body);
    if (leaf != item.leaf) {
      return Status::Corruption(At(p) + ": its body does not match its stored leaf hash "
                                "(the record was altered after it was written)");
    }
    chain_ = integrity::ChainHash(chain_, leaf);
    if (chain_ != item.chain) {
      return Status::Corruption(At(p) + ": its stored chain hash does not follow from the "
                                "records before it (the log was altered)");
    }
    integrity::Hash tree_leaf;
    if (!item.may_have_personal) {
      tree_leaf = integrity::EntryLeafHash(body, integrity::kNoCommitment);
    } else {
      // The entry with the salt kept beside the tree, recomputed by the
      // store from the same stored body (checked above).
      auto entry = store_.ReadEntry(p);
      if (!entry.ok()) return entry.status().WithContext("checking the entry of " + At(p));
      tree_leaf = integrity::RecordHash(*entry);
    }
    tree_.Append(tree_leaf, nullptr);
    ++next_;
  }
  return Status::Ok();
}

Status LedgerCheck::Finish(const store::Head& head) {
  JEJAK_RETURN_IF_ERROR(Wait());
  if (checked() != head.position) {
    return Status::Corruption("the log holds " + std::to_string(checked()) +
                              " events up to its head, which says " +
                              std::to_string(head.position));
  }
  if (chain_ != head.chain) {
    return Status::Corruption("the hash chain of the " + std::to_string(checked()) +
                              " events read ends in " + integrity::ToHex(chain_) +
                              ", the head at position " + std::to_string(head.position) +
                              " records " + integrity::ToHex(head.chain));
  }
  const integrity::Hash root = tree_.Root();
  if (root != head.tree_root) {
    return Status::Corruption("the Merkle root of the " + std::to_string(checked()) +
                              " entries read is " + integrity::ToHex(root) +
                              ", the head at position " + std::to_string(head.position) +
                              " records " + integrity::ToHex(head.tree_root));
  }
  return Status::Ok();
}

}  // namespace jejak::audit
