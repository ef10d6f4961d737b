// RFC 6962 hashing, proofs and their checks. The algorithms (which nodes a
// proof needs, in which order, and how a proof is run) follow Go's
// golang.org/x/mod/sumdb/tlog (tlog.go, BSD-licensed): each call first lists
// the complete subtrees it needs, reads them in one batch, then consumes them
// in the same order.
#include "jejak/integrity/merkle.h"

#include <bit>
#include <cassert>
#include <cstring>
#include <string>

namespace jejak::integrity {

namespace {

// k, the largest power of two smaller than n (RFC 6962's split point).
// REQUIRES n > 1.
uint64_t SplitPoint(uint64_t n) {
  assert(n > 1);
  return std::bit_floor(n - 1);
}

// Appends the ids of the complete subtrees that make up leaves [lo, hi),
// left to right, each as large as possible. REQUIRES each piece to be
// aligned, which holds for every range the RFC 6962 recursion produces.
void AppendSubtreeIds(uint64_t lo, uint64_t hi, std::vector<NodeId>* ids) {
  while (lo < hi) {
    const uint64_t k = std::bit_floor(hi - lo);
    const int level = std::countr_zero(k);
    assert((lo & (k - 1)) == 0);
    ids->push_back({level, lo >> level});
    lo += k;
  }
}

// The hashes read for a list of ids, consumed in the order they were listed.
class HashCursor {
 public:
  explicit HashCursor(std::span<const Hash> hashes) : hashes_(hashes) {}
  bool done() const { return pos_ == hashes_.size(); }

  // The hash of leaves [lo, hi), from the pieces AppendSubtreeIds(lo, hi)
  // listed.
  Hash SubtreeHash(uint64_t lo, uint64_t hi) {
    size_t pieces = 0;
    for (uint64_t at = lo; at < hi; at += std::bit_floor(hi - at)) ++pieces;
    assert(pieces > 0 && pos_ + pieces <= hashes_.size());
    const size_t first = pos_;
    pos_ += pieces;
    Hash h = hashes_[pos_ - 1];
    for (size_t i = pos_ - 1; i-- > first;) h = NodeHash(hashes_[i], h);
    return h;
  }

 private:
  std::span<const Hash> hashes_;
  size_t pos_ = 0;
};

// Reads `ids` in one call (none if there are none).
Status ReadAll(HashReader& reader, const std::vector<NodeId>& ids,
               std::vector<Hash>* hashes) {
  hashes->resize(ids.size());
  if (ids.empty()) return Status::Ok();
  return reader.ReadHashes(ids, *hashes);
}

std::string Reading(const std::vector<NodeId>& ids) {
  return ": reading " + std::to_string(ids.size()) + " hashes";
}

std::string ShortHex(const Hash& h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 4; ++i) {
    out += kDigits[h[i] >> 4];
    out += kDigits[h[i] & 0xf];
  }
  return out + "...";
}

std::string InclusionWhat(uint64_t size, uint64_t index) {
  return "inclusion proof of leaf " + std::to_string(index) +
         " in tree of size " + std::to_string(size);
}

std::string ConsistencyWhat(uint64_t size, uint64_t old_size) {
  return "consistency proof from size " + std::to_string(old_size) + " to " +
         std::to_string(size);
}

// "computed root 1a2b3c4d... != root 5e6f7a8b...".
std::string Mismatch(std::string_view name, const Hash& computed,
                     const Hash& given) {
  return "computed " + std::string(name) + " " + ShortHex(computed) +
         " != " + std::string(name) + " " + ShortHex(given);
}

std::string WrongLength(size_t have, size_t want) {
  return "proof has " + std::to_string(have) + " hashes, want " +
         std::to_string(want);
}

// --- Inclusion (RFC 6962 2.1.1, PATH) ---

// Ids needed for the proof that leaf n is in the subtree of leaves [lo, hi).
void InclusionIds(uint64_t lo, uint64_t hi, uint64_t n,
                  std::vector<NodeId>* ids) {
  if (lo + 1 == hi) return;
  const uint64_t k = SplitPoint(hi - lo);
  if (n < lo + k) {
    InclusionIds(lo, lo + k, n, ids);
    AppendSubtreeIds(lo + k, hi, ids);
  } else {
    AppendSubtreeIds(lo, lo + k, ids);
    InclusionIds(lo + k, hi, n, ids);
  }
}

// The proof itself, bottom-up, from the hashes InclusionIds listed.
void InclusionProof(uint64_t lo, uint64_t hi, uint64_t n, HashCursor& cursor,
                    std::vector<Hash>* proof) {
  if (lo + 1 == hi) return;
  const uint64_t k = SplitPoint(hi - lo);
  if (n < lo + k) {
    InclusionProof(lo, lo + k, n, cursor, proof);
    proof->push_back(cursor.SubtreeHash(lo + k, hi));
  } else {
    const Hash left = cursor.SubtreeHash(lo, lo + k);
    InclusionProof(lo + k, hi, n, cursor, proof);
    proof->push_back(left);
  }
}

size_t InclusionLength(uint64_t size, uint64_t n) {
  size_t length = 0;
  for (uint64_t lo = 0, hi = size; hi - lo > 1; ++length) {
    const uint64_t k = SplitPoint(hi - lo);
    if (n < lo + k) {
      hi = lo + k;
    } else {
      lo += k;
    }
  }
  return length;
}

// The root of [lo, hi) that proof p implies for leaf n with hash `leaf`.
// REQUIRES p.size() == InclusionLength for this subtree.
Hash RunInclusion(std::span<const Hash> p, uint64_t lo, uint64_t hi,
                  uint64_t n, const Hash& leaf) {
  if (lo + 1 == hi) return leaf;
  const uint64_t k = SplitPoint(hi - lo);
  const Hash& sibling = p.back();
  p = p.first(p.size() - 1);
  if (n < lo + k) return NodeHash(RunInclusion(p, lo, lo + k, n, leaf), sibling);
  return NodeHash(sibling, RunInclusion(p, lo + k, hi, n, leaf));
}

// --- Consistency (RFC 6962 2.1.2, SUBPROOF) ---

// Ids needed for the subproof of the old tree of n leaves within the
// subtree of leaves [lo, hi). REQUIRES lo < n <= hi.
void ConsistencyIds(uint64_t lo, uint64_t hi, uint64_t n,
                    std::vector<NodeId>* ids) {
  if (n == hi) {
    // The old tree's own root is known to the verifier; a subtree of it
    // is not.
    if (lo != 0) AppendSubtreeIds(lo, hi, ids);
    return;
  }
  const uint64_t k = SplitPoint(hi - lo);
  if (n <= lo + k) {
    ConsistencyIds(lo, lo + k, n, ids);
    AppendSubtreeIds(lo + k, hi, ids);
  } else {
    AppendSubtreeIds(lo, lo + k, ids);
    ConsistencyIds(lo + k, hi, n, ids);
  }
}

void ConsistencyProof(uint64_t lo, uint64_t hi, uint64_t n, HashCursor& cursor,
                      std::vector<Hash>* proof) {
  if (n == hi) {
    if (lo != 0) proof->push_back(cursor.SubtreeHash(lo, hi));
    return;
  }
  const uint64_t k = SplitPoint(hi - lo);
  if (n <= lo + k) {
    ConsistencyProof(lo, lo + k, n, cursor, proof);
    proof->push_back(cursor.SubtreeHash(lo + k, hi));
  } else {
    const Hash left = cursor.SubtreeHash(lo, lo + k);
    ConsistencyProof(lo + k, hi, n, cursor, proof);
    proof->push_back(left);
  }
}

// REQUIRES 0 < n < size.
size_t ConsistencyLength(uint64_t size, uint64_t n) {
  size_t length = 0;
  uint64_t lo = 0;
  for (uint64_t hi = size; n != hi; ++length) {
    const uint64_t k = SplitPoint(hi - lo);
    if (n <= lo + k) {
      hi = lo + k;
    } else {
      lo += k;
    }
  }
  return length + (lo != 0 ? 1 : 0);
}

struct Roots {
  Hash old_root;
  Hash root;
};

// The old and new roots of [lo, hi) that proof p implies, given the old
// tree's root. REQUIRES p.size() == ConsistencyLength for this subtree.
Roots RunConsistency(std::span<const Hash> p, uint64_t lo, uint64_t hi,
                     uint64_t n, const Hash& old_root) {
  if (n == hi) {
    if (lo == 0) return {old_root, old_root};
    return {p[0], p[0]};
  }
  const uint64_t k = SplitPoint(hi - lo);
  const Hash& sibling = p.back();
  p = p.first(p.size() - 1);
  if (n <= lo + k) {
    Roots r = RunConsistency(p, lo, lo + k, n, old_root);
    return {r.old_root, NodeHash(r.root, sibling)};
  }
  Roots r = RunConsistency(p, lo + k, hi, n, old_root);
  return {NodeHash(sibling, r.old_root), NodeHash(sibling, r.root)};
}

constexpr std::string_view kLeafPrefix("\x00", 1);
constexpr uint8_t kNodePrefix = 0x01;

}  // namespace

Hash RecordHash(std::string_view entry) {
  return Sha256Hasher().Update(kLeafPrefix).Update(entry).Final();
}

Hash RecordHash(std::string_view a, std::string_view b) {
  return Sha256Hasher().Update(kLeafPrefix).Update(a).Update(b).Final();
}

Hash NodeHash(const Hash& left, const Hash& right) {
  // One 65-byte update instead of three: the hasher then need not buffer
  // the pieces (measurably faster for this, the most frequent hash).
  char buf[1 + 2 * sizeof(Hash)];
  buf[0] = static_cast<char>(kNodePrefix);
  std::memcpy(buf + 1, left.data(), left.size());
  std::memcpy(buf + 1 + left.size(), right.data(), right.size());
  return Sha256Hasher().Update(std::string_view(buf, sizeof(buf))).Final();
}

Hash EmptyTreeHash() {
  static const Hash kEmpty = Sha256("");
  return kEmpty;
}

Result<Hash> TreeHash(uint64_t size, HashReader& reader) {
  if (size == 0) return EmptyTreeHash();
  std::vector<NodeId> ids;
  AppendSubtreeIds(0, size, &ids);
  std::vector<Hash> hashes;
  Status s = ReadAll(reader, ids, &hashes);
  if (!s.ok()) {
    return s.WithContext("root of tree of size " + std::to_string(size) +
                         Reading(ids));
  }
  HashCursor cursor(hashes);
  Hash root = cursor.SubtreeHash(0, size);
  assert(cursor.done());
  return root;
}

Result<std::vector<Hash>> ProveInclusion(uint64_t size, uint64_t index,
                                         HashReader& reader) {
  if (index >= size) {
    return Status::InvalidArgument(InclusionWhat(size, index) +
                                   ": leaf index out of range");
  }
  std::vector<NodeId> ids;
  InclusionIds(0, size, index, &ids);
  std::vector<Hash> hashes;
  Status s = ReadAll(reader, ids, &hashes);
  if (!s.ok()) return s.WithContext(InclusionWhat(size, index) + Reading(ids));
  HashCursor cursor(hashes);
  std::vector<Hash> proof;
  InclusionProof(0, size, index, cursor, &proof);
  assert(cursor.done());
  return proof;
}

Status CheckInclusion(std::span<const Hash> proof, uint64_t size,
                      const Hash& root, uint64_t index, const Hash& leaf) {
  if (index >= size) {
    return Status::InvalidArgument(InclusionWhat(size, index) +
                                   ": leaf index out of range");
  }
  const size_t want = InclusionLength(size, index);
  if (proof.size() != want) {
    return Status::InvalidArgument(
        InclusionWhat(size, index) + ": " + WrongLength(proof.size(), want));
  }
  const Hash computed = RunInclusion(proof, 0, size, index, leaf);
  if (computed != root) {
    return Status::Corruption(InclusionWhat(size, index) + ": " +
                              Mismatch("root", computed, root));
  }
  return Status::Ok();
}

Result<std::vector<Hash>> ProveConsistency(uint64_t size, uint64_t old_size,
                                           HashReader& reader) {
  if (old_size > size) {
    return Status::InvalidArgument(ConsistencyWhat(size, old_size) +
                                   ": old size larger than size");
  }
  if (old_size == 0 || old_size == size) return std::vector<Hash>();
  std::vector<NodeId> ids;
  ConsistencyIds(0, size, old_size, &ids);
  std::vector<Hash> hashes;
  Status s = ReadAll(reader, ids, &hashes);
  if (!s.ok()) {
    return s.WithContext(ConsistencyWhat(size, old_size) + Reading(ids));
  }
  HashCursor cursor(hashes);
  std::vector<Hash> proof;
  ConsistencyProof(0, size, old_size, cursor, &proof);
  assert(cursor.done());
  return proof;
}

Status CheckConsistency(std::span<const Hash> proof, uint64_t size,
                        const Hash& root, uint64_t old_size,
                        const Hash& old_root) {
  auto fail = [&](Status (*make)(std::string), const std::string& why) {
    return make(ConsistencyWhat(size, old_size) + ": " + why);
  };
  if (old_size > size) {
    return fail(Status::InvalidArgument, "old size larger than size");
  }
  const size_t want = (old_size == 0 || old_size == size)
                          ? 0
                          : ConsistencyLength(size, old_size);
  if (proof.size() != want) {
    return fail(Status::InvalidArgument, WrongLength(proof.size(), want));
  }
  if (old_size == 0) {
    // Every tree extends the empty one; only the old root can be wrong.
    if (old_root == EmptyTreeHash()) return Status::Ok();
    return fail(Status::Corruption, "old root " + ShortHex(old_root) +
                                        " is not the empty tree's " +
                                        ShortHex(EmptyTreeHash()));
  }
  if (old_size == size) {
    if (old_root == root) return Status::Ok();
    return fail(Status::Corruption, "old root " + ShortHex(old_root) +
                                        " != root " + ShortHex(root));
  }
  const Roots computed = RunConsistency(proof, 0, size, old_size, old_root);
  if (computed.old_root != old_root) {
    return fail(Status::Corruption,
                Mismatch("old root", computed.old_root, old_root));
  }
  if (computed.root != root) {
    return fail(Status::Corruption, Mismatch("root", computed.root, root));
  }
  return Status::Ok();
}

}  // namespace jejak::integrity
