// The Merkle tree of the verifiable log: RFC 6962 section 2.1 (RFC 9162
// section 2.1) over SHA-256, the tree C2SP tlog-tiles serves.
//
//   RecordHash(entry)  = SHA-256(0x00 ‖ entry)         (leaf hash)
//   NodeHash(l, r)     = SHA-256(0x01 ‖ l ‖ r)         (interior node)
//   tree of 0 leaves   = SHA-256("")
//   tree of n > 1      = NodeHash(tree of the first k, tree of the rest),
//                        k the largest power of two < n
//
// A tree is read through a HashReader, which serves the stored hashes of
// complete subtrees (NodeId). Each call below reads all the hashes it needs
// in one ReadHashes call.
//
// Errors: a proof that does not verify is Corruption, its message saying
// what did not match; malformed arguments (a leaf index outside the tree, a
// proof of the wrong length, an old size larger than the size) are
// InvalidArgument; an error of the HashReader is returned with context.
//
// Thread safety: all functions may be called from any thread; a HashReader
// is used by one call at a time unless its implementation says otherwise.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "jejak/integrity/sha256.h"
#include "jejak/status.h"

namespace jejak::integrity {

// SHA-256(0x00 ‖ entry).
Hash RecordHash(std::string_view entry);
// SHA-256(0x00 ‖ a ‖ b): the leaf hash of the entry a ‖ b, without
// concatenating them.
Hash RecordHash(std::string_view a, std::string_view b);
// SHA-256(0x01 ‖ left ‖ right).
Hash NodeHash(const Hash& left, const Hash& right);
// SHA-256(""), the root of the tree of no leaves.
Hash EmptyTreeHash();

// The complete subtree of 2^level leaves covering leaves
// [index·2^level, (index+1)·2^level). Level 0 holds the leaf hashes.
struct NodeId {
  int level = 0;
  uint64_t index = 0;
  friend bool operator==(const NodeId&, const NodeId&) = default;
};

// Reads stored hashes of complete subtrees.
class HashReader {
 public:
  virtual ~HashReader() = default;
  // Fills out[i] with the hash of ids[i]. REQUIRES out.size() == ids.size().
  // The functions of this file ask for distinct ids, in increasing order of
  // the leaves they cover. On error, `out` is unspecified.
  virtual Status ReadHashes(std::span<const NodeId> ids, std::span<Hash> out) = 0;
};

// The root of the tree of the first `size` leaves (EmptyTreeHash() for 0,
// with no read).
Result<Hash> TreeHash(uint64_t size, HashReader& reader);

// The RFC 6962 audit path of leaf `index` in the tree of `size` leaves,
// from the leaf's sibling up. InvalidArgument unless index < size.
Result<std::vector<Hash>> ProveInclusion(uint64_t size, uint64_t index,
                                         HashReader& reader);

// OK when `proof` shows that `leaf` is leaf `index` of the tree of `size`
// leaves whose root is `root`. InvalidArgument if index >= size or the proof
// does not have the length such a proof has; Corruption if the root it
// yields is not `root`.
Status CheckInclusion(std::span<const Hash> proof, uint64_t size,
                      const Hash& root, uint64_t index, const Hash& leaf);

// The RFC 6962 consistency proof that the tree of `old_size` leaves is a
// prefix of the tree of `size` leaves. Empty when old_size == 0 or
// old_size == size. InvalidArgument if old_size > size.
Result<std::vector<Hash>> ProveConsistency(uint64_t size, uint64_t old_size,
                                           HashReader& reader);

// OK when `proof` shows that the tree of `old_size` leaves with root
// `old_root` is a prefix of the tree of `size` leaves with root `root`.
// For old_size == 0 the proof is empty and old_root must be EmptyTreeHash();
// for old_size == size it is empty and the roots must be equal.
// InvalidArgument if old_size > size or the proof does not have the length
// such a proof has; Corruption if a root does not match.
Status CheckConsistency(std::span<const Hash> proof, uint64_t size,
                        const Hash& root, uint64_t old_size,
                        const Hash& old_root);

}  // namespace jejak::integrity
