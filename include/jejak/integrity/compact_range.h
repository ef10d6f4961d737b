// The right edge of the Merkle tree (its "frontier"): the roots of the
// perfect subtrees of the binary decomposition of the tree's size, largest
// (leftmost) first; one per set bit of the size. Enough to append leaves in
// O(1) amortized time, and to compute the RFC 6962 root in O(log n) by
// folding the frontier from the right. The store's single writer thread
// keeps one, and learns from Append which nodes became complete (to fill
// its tiles).
//
// Thread safety: none; a CompactRange has one owner.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "jejak/integrity/merkle.h"
#include "jejak/status.h"

namespace jejak::integrity {

// Told by CompactRange::Append of each node that has just become complete.
class NodeSink {
 public:
  virtual ~NodeSink() = default;
  // Node `id` (level >= 1) is complete and its hash is `hash`. Nodes come
  // bottom-up: a node comes after its children.
  virtual void OnNode(const NodeId& id, const Hash& hash) = 0;
};

class CompactRange {
 public:
  // The frontier of the empty tree.
  CompactRange() = default;

  // The frontier of the tree of `size` leaves, read from its stored complete
  // subtrees in one ReadHashes call (none for size 0). Errors of the reader
  // are returned with context.
  static Result<CompactRange> Load(uint64_t size, HashReader& reader);

  // The number of leaves.
  uint64_t size() const { return size_; }

  // The RFC 6962 root of the tree (EmptyTreeHash() for size 0).
  Hash Root() const;

  // Appends leaf hash `leaf` (a RecordHash) as leaf number size(). Tells
  // `sink` (may be null) of every node of level >= 1 this completes:
  // as many as the trailing one bits of the old size, about one per leaf.
  // REQUIRES size() < 2^64 - 1.
  void Append(const Hash& leaf, NodeSink* sink);

  // The frontier's hashes, largest subtree first: for each set bit `level`
  // of size(), from the highest, the hash of NodeId{level, (size() >> level) - 1}.
  std::span<const Hash> hashes() const { return hashes_; }

 private:
  uint64_t size_ = 0;
  std::vector<Hash> hashes_;
};

}  // namespace jejak::integrity
