#include "jejak/integrity/compact_range.h"

#include <bit>
#include <cassert>
#include <string>

namespace jejak::integrity {

Result<CompactRange> CompactRange::Load(uint64_t size, HashReader& reader) {
  // One node per set bit, highest first: the subtree of 2^level leaves
  // starting after the larger ones before it.
  std::vector<NodeId> ids;
  uint64_t start = 0;
  for (int level = 63; level >= 0; --level) {
    if ((size >> level & 1) == 0) continue;
    ids.push_back({level, start >> level});
    start += uint64_t{1} << level;
  }
  CompactRange range;
  range.size_ = size;
  range.hashes_.resize(ids.size());
  if (!ids.empty()) {
    Status s = reader.ReadHashes(ids, range.hashes_);
    if (!s.ok()) {
      return s.WithContext("loading the frontier of tree of size " +
                           std::to_string(size));
    }
  }
  return range;
}

Hash CompactRange::Root() const {
  if (hashes_.empty()) return EmptyTreeHash();
  Hash root = hashes_.back();
  for (size_t i = hashes_.size() - 1; i-- > 0;) root = NodeHash(hashes_[i], root);
  return root;
}

void CompactRange::Append(const Hash& leaf, NodeSink* sink) {
  assert(size_ != UINT64_MAX);
  // Each trailing one bit of the old size is a perfect subtree the new leaf
  // completes into one twice as large: merge it with its left neighbour.
  Hash h = leaf;
  const int merges = std::countr_one(size_);
  for (int level = 1; level <= merges; ++level) {
    h = NodeHash(hashes_.back(), h);
    hashes_.pop_back();
    if (sink != nullptr) sink->OnNode({level, size_ >> level}, h);
  }
  hashes_.push_back(h);
  ++size_;
}

}  // namespace jejak::integrity
