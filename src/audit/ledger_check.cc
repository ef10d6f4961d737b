#include "audit/ledger_check.h"

#include "jejak/integrity/chain_hashes.h"
#include "jejak/integrity/entry.h"
#include "jejak/integrity/merkle.h"

namespace jejak::audit {

namespace {

std::string At(uint64_t position) { return "event at position " + std::to_string(position); }

}  // namespace

Status LedgerCheck::Add(const store::RecordedEvent& rec) {
  const uint64_t p = rec.position();
  if (p != next_) {
    return Status::Corruption("the log jumps from position " + std::to_string(next_ - 1) +
                              " to " + std::to_string(p) + ": events are missing");
  }
  const integrity::Hash leaf = integrity::ChainLeafHash(rec.body());
  if (leaf != rec.leaf_hash()) {
    return Status::Corruption(At(p) + ": its body does not match its stored leaf hash "
                              "(the record was altered after it was written)");
  }
  chain_ = integrity::ChainHash(chain_, leaf);
  if (chain_ != rec.chain_hash()) {
    return Status::Corruption(At(p) + ": its stored chain hash does not follow from the "
                              "records before it (the log was altered)");
  }
  // The kind is read from the body just checked against its hashes; an
  // event that may carry personal fields needs its salt (ReadEntry).
  const auto kind = rec.event().getPayload().which();
  integrity::Hash tree_leaf;
  if (!integrity::MayHavePersonalFields(kind)) {
    tree_leaf = integrity::EntryLeafHash(rec.body(), integrity::kNoCommitment);
  } else {
    auto entry = store_.ReadEntry(p);
    if (!entry.ok()) return entry.status().WithContext("checking the entry of " + At(p));
    tree_leaf = integrity::RecordHash(*entry);
  }
  tree_.Append(tree_leaf, nullptr);
  ++next_;
  return Status::Ok();
}

Status LedgerCheck::Finish(const store::Head& head) const {
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
