// The RFC 6962 tree: roots and proofs agree with a naive transcription of
// RFC 6962 section 2.1 (MTH, PATH, PROOF) for every tree of up to 300
// leaves, match the published Certificate Transparency vectors, and any
// tampering with a proof, root, index or size is detected.
#include "jejak/integrity/merkle.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace jejak::integrity {
namespace {

Hash FromHex(std::string_view hex) {
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  Hash h{};
  for (size_t i = 0; i < h.size(); ++i) {
    h[i] = static_cast<uint8_t>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  }
  return h;
}

std::string Bytes(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return out;
}

Hash LeafOf(uint64_t i) { return RecordHash("leaf " + std::to_string(i)); }

// RFC 6962 section 2.1, word for word, over explicit leaf hashes (memoized,
// so that every proof of every tree stays cheap).
class ReferenceTree {
 public:
  explicit ReferenceTree(std::vector<Hash> leaves)
      : leaves_(std::move(leaves)), memo_((leaves_.size() + 1) * (leaves_.size() + 1)) {}

  // MTH(D[lo:hi]).
  Hash Mth(uint64_t lo, uint64_t hi) {
    if (hi == lo) return Sha256("");
    if (hi - lo == 1) return leaves_[lo];
    std::optional<Hash>& memo = memo_[lo * (leaves_.size() + 1) + hi];
    if (!memo) {
      const uint64_t k = Split(hi - lo);
      memo = NodeHash(Mth(lo, lo + k), Mth(lo + k, hi));
    }
    return *memo;
  }

  // PATH(m, D[lo:hi]).
  std::vector<Hash> Path(uint64_t m, uint64_t lo, uint64_t hi) {
    if (hi - lo == 1) return {};
    const uint64_t k = Split(hi - lo);
    std::vector<Hash> path;
    if (m < k) {
      path = Path(m, lo, lo + k);
      path.push_back(Mth(lo + k, hi));
    } else {
      path = Path(m - k, lo + k, hi);
      path.push_back(Mth(lo, lo + k));
    }
    return path;
  }

  // PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true).
  std::vector<Hash> Proof(uint64_t m, uint64_t n) { return SubProof(m, 0, n, true); }

 private:
  static uint64_t Split(uint64_t n) {
    uint64_t k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  }

  std::vector<Hash> SubProof(uint64_t m, uint64_t lo, uint64_t hi, bool b) {
    const uint64_t n = hi - lo;
    if (m == n) {
      if (b) return {};
      return {Mth(lo, hi)};
    }
    const uint64_t k = Split(n);
    std::vector<Hash> proof;
    if (m <= k) {
      proof = SubProof(m, lo, lo + k, b);
      proof.push_back(Mth(lo + k, hi));
    } else {
      proof = SubProof(m - k, lo + k, hi, false);
      proof.push_back(Mth(lo, lo + k));
    }
    return proof;
  }

  std::vector<Hash> leaves_;
  std::vector<std::optional<Hash>> memo_;  // MTH(D[lo:hi]) at lo·(n+1)+hi
};

// Every complete node of a tree, level by level, computed bottom-up.
class NodeTable {
 public:
  explicit NodeTable(const std::vector<Hash>& leaves) {
    levels_.push_back(leaves);
    while (levels_.back().size() > 1) {
      const std::vector<Hash>& below = levels_.back();
      std::vector<Hash> above;
      for (size_t i = 0; i + 1 < below.size(); i += 2) {
        above.push_back(NodeHash(below[i], below[i + 1]));
      }
      levels_.push_back(std::move(above));
    }
  }
  const std::vector<std::vector<Hash>>& levels() const { return levels_; }

 private:
  std::vector<std::vector<Hash>> levels_;
};

// Serves the complete nodes of the tree of `size` leaves from a NodeTable,
// refusing any other, and checks the batching promises of merkle.h.
class TableReader : public HashReader {
 public:
  TableReader(const NodeTable& table, uint64_t size) : table_(table), size_(size) {}

  Status ReadHashes(std::span<const NodeId> ids, std::span<Hash> out) override {
    ++calls_;
    EXPECT_EQ(ids.size(), out.size());
    for (size_t i = 0; i < ids.size(); ++i) {
      const NodeId& id = ids[i];
      if (id.level < 0 || id.level >= 64 || id.index >= (size_ >> id.level)) {
        return Status::InvalidArgument("node " + std::to_string(id.level) + "/" +
                                       std::to_string(id.index) +
                                       " is not complete in tree of size " +
                                       std::to_string(size_));
      }
      if (i > 0) {
        const NodeId& prev = ids[i - 1];
        EXPECT_LE((prev.index + 1) << prev.level, id.index << id.level)
            << "ids not distinct and in order of their leaves";
      }
      out[i] = table_.levels()[id.level][id.index];
    }
    return Status::Ok();
  }
  int calls() const { return calls_; }

 private:
  const NodeTable& table_;
  uint64_t size_;
  int calls_ = 0;
};

class FailingReader : public HashReader {
 public:
  Status ReadHashes(std::span<const NodeId>, std::span<Hash>) override {
    return Status::IOError("disk on fire");
  }
};

constexpr uint64_t kMaxSize = 300;

class MerkleTest : public testing::Test {
 protected:
  MerkleTest() : leaves_(MakeLeaves()), reference_(leaves_), table_(leaves_) {}

  static std::vector<Hash> MakeLeaves() {
    std::vector<Hash> leaves;
    for (uint64_t i = 0; i < kMaxSize; ++i) leaves.push_back(LeafOf(i));
    return leaves;
  }

  Hash Root(uint64_t size) { return reference_.Mth(0, size); }

  std::vector<Hash> leaves_;
  ReferenceTree reference_;
  NodeTable table_;
};

TEST_F(MerkleTest, HashesArePrefixedSha256) {
  const Hash a = Sha256("a"), b = Sha256("b");
  std::string node = "\x01";
  node.append(reinterpret_cast<const char*>(a.data()), a.size());
  node.append(reinterpret_cast<const char*>(b.data()), b.size());
  EXPECT_EQ(NodeHash(a, b), Sha256(node));
  EXPECT_EQ(RecordHash("entry"), Sha256(std::string("\0entry", 6)));
  EXPECT_EQ(EmptyTreeHash(), Sha256(""));
}

TEST_F(MerkleTest, TwoPartRecordHashEqualsHashOfTheConcatenation) {
  const std::string body = "body bytes";
  const std::string trailer(32, '\x7f');
  EXPECT_EQ(RecordHash(body, trailer), RecordHash(body + trailer));
  EXPECT_EQ(RecordHash("", ""), RecordHash(""));
}

TEST_F(MerkleTest, TreeHashOfEverySizeIsTheReferenceRootInOneRead) {
  for (uint64_t size = 0; size <= kMaxSize; ++size) {
    TableReader reader(table_, size);
    Result<Hash> root = TreeHash(size, reader);
    ASSERT_TRUE(root.ok()) << size << ": " << root.status().ToString();
    ASSERT_EQ(*root, Root(size)) << "size " << size;
    ASSERT_EQ(reader.calls(), size == 0 ? 0 : 1) << "size " << size;
  }
}

TEST_F(MerkleTest, InclusionProofsOfEveryLeafOfEverySizeMatchTheReference) {
  for (uint64_t size = 1; size <= kMaxSize; ++size) {
    const Hash root = Root(size);
    for (uint64_t index = 0; index < size; ++index) {
      TableReader reader(table_, size);
      Result<std::vector<Hash>> proof = ProveInclusion(size, index, reader);
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      ASSERT_EQ(*proof, reference_.Path(index, 0, size))
          << "leaf " << index << " size " << size;
      ASSERT_LE(reader.calls(), 1);
      Status s = CheckInclusion(*proof, size, root, index, leaves_[index]);
      ASSERT_TRUE(s.ok()) << s.ToString();
    }
  }
}

TEST_F(MerkleTest, ConsistencyProofsOfEveryPairOfSizesMatchTheReference) {
  for (uint64_t size = 0; size <= kMaxSize; ++size) {
    const Hash root = Root(size);
    for (uint64_t old_size = 0; old_size <= size; ++old_size) {
      TableReader reader(table_, size);
      Result<std::vector<Hash>> proof = ProveConsistency(size, old_size, reader);
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      const std::vector<Hash> want =
          old_size == 0 ? std::vector<Hash>() : reference_.Proof(old_size, size);
      ASSERT_EQ(*proof, want) << "from " << old_size << " to " << size;
      ASSERT_LE(reader.calls(), 1);
      Status s = CheckConsistency(*proof, size, root, old_size, Root(old_size));
      ASSERT_TRUE(s.ok()) << s.ToString();
    }
  }
}

// Not OK, and Corruption when the proof has the length the arguments call
// for (else InvalidArgument).
void ExpectRejected(const Status& s, const std::string& what) {
  ASSERT_FALSE(s.ok()) << what << " was accepted";
  ASSERT_TRUE(s.IsCorruption() || s.IsInvalidArgument()) << what << ": " << s.ToString();
}

// The steps from the root of the tree of `size` leaves down to leaf `index`
// (false = left), which decide where an inclusion proof's hashes go. Two
// sizes that give a leaf the same path accept the same proof: the proof
// commits to the root, not to the size.
std::vector<bool> InclusionShape(uint64_t size, uint64_t index) {
  std::vector<bool> shape;
  for (uint64_t lo = 0, hi = size; hi - lo > 1;) {
    uint64_t k = 1;
    while (k * 2 < hi - lo) k *= 2;
    shape.push_back(index >= lo + k);
    (index < lo + k ? hi : lo) = lo + k;
  }
  return shape;
}

// Likewise for a consistency proof: the steps down to the old tree's right
// edge, and whether the proof then starts with a hash of the old tree.
std::vector<bool> ConsistencyShape(uint64_t size, uint64_t old_size) {
  std::vector<bool> shape;
  uint64_t lo = 0;
  for (uint64_t hi = size; old_size != hi;) {
    uint64_t k = 1;
    while (k * 2 < hi - lo) k *= 2;
    shape.push_back(old_size > lo + k);
    (old_size <= lo + k ? hi : lo) = lo + k;
  }
  shape.push_back(lo != 0);
  return shape;
}

// Tampering is tried on every tree of up to 64 leaves and every 13th above.
uint64_t NextTamperSize(uint64_t size) { return size + (size < 64 ? 1 : 13); }

TEST_F(MerkleTest, TamperedInclusionProofsAreRejected) {
  for (uint64_t size = 1; size <= kMaxSize; size = NextTamperSize(size)) {
    const Hash root = Root(size);
    for (uint64_t index = 0; index < size; ++index) {
      const std::vector<Hash> proof = reference_.Path(index, 0, size);
      const Hash& leaf = leaves_[index];
      for (size_t i = 0; i < proof.size(); ++i) {
        std::vector<Hash> bad = proof;
        bad[i][i % 32] ^= 0x08;
        Status s = CheckInclusion(bad, size, root, index, leaf);
        ASSERT_TRUE(s.IsCorruption()) << s.ToString();
      }
      Hash bad_root = root;
      bad_root[31] ^= 1;
      ASSERT_TRUE(CheckInclusion(proof, size, bad_root, index, leaf).IsCorruption());
      Hash bad_leaf = leaf;
      bad_leaf[0] ^= 1;
      ASSERT_TRUE(CheckInclusion(proof, size, root, index, bad_leaf).IsCorruption());
      for (uint64_t other : {index - 1, index + 1, index ^ 2}) {
        if (other >= size) continue;
        ExpectRejected(CheckInclusion(proof, size, root, other, leaf),
                       "leaf " + std::to_string(other) + " for " + std::to_string(index));
      }
      for (uint64_t other : {size - 1, size + 1, size * 2, size / 2}) {
        if (other <= index || InclusionShape(other, index) == InclusionShape(size, index)) {
          continue;
        }
        ExpectRejected(CheckInclusion(proof, other, root, index, leaf),
                       "size " + std::to_string(other) + " for " + std::to_string(size));
      }
      std::vector<Hash> longer = proof;
      longer.push_back(root);
      ASSERT_TRUE(CheckInclusion(longer, size, root, index, leaf).IsInvalidArgument());
      if (!proof.empty()) {
        std::vector<Hash> shorter(proof.begin() + 1, proof.end());
        ASSERT_TRUE(CheckInclusion(shorter, size, root, index, leaf).IsInvalidArgument());
      }
    }
  }
}

TEST_F(MerkleTest, TamperedConsistencyProofsAreRejected) {
  for (uint64_t size = 1; size <= kMaxSize; size = NextTamperSize(size)) {
    const Hash root = Root(size);
    for (uint64_t old_size = 1; old_size < size; ++old_size) {
      const Hash old_root = Root(old_size);
      const std::vector<Hash> proof = reference_.Proof(old_size, size);
      for (size_t i = 0; i < proof.size(); ++i) {
        std::vector<Hash> bad = proof;
        bad[i][i % 32] ^= 0x10;
        Status s = CheckConsistency(bad, size, root, old_size, old_root);
        ASSERT_TRUE(s.IsCorruption()) << s.ToString();
      }
      Hash bad = root;
      bad[7] ^= 1;
      ASSERT_TRUE(CheckConsistency(proof, size, bad, old_size, old_root).IsCorruption());
      bad = old_root;
      bad[7] ^= 1;
      ASSERT_TRUE(CheckConsistency(proof, size, root, old_size, bad).IsCorruption());
      ExpectRejected(CheckConsistency(proof, size, old_root, old_size, root),
                     "swapped roots");
      for (uint64_t other : {old_size - 1, old_size + 1, old_size ^ 2}) {
        if (other == old_size || other > size) continue;
        ExpectRejected(CheckConsistency(proof, size, root, other, old_root),
                       "old size " + std::to_string(other));
      }
      for (uint64_t other : {size - 1, size + 1, size * 2, size / 2}) {
        if (other <= old_size ||
            ConsistencyShape(other, old_size) == ConsistencyShape(size, old_size)) {
          continue;
        }
        ExpectRejected(CheckConsistency(proof, other, root, old_size, old_root),
                       "size " + std::to_string(other) + " for " + std::to_string(size));
      }
      std::vector<Hash> longer = proof;
      longer.insert(longer.begin(), old_root);
      ASSERT_TRUE(CheckConsistency(longer, size, root, old_size, old_root).IsInvalidArgument());
      std::vector<Hash> shorter(proof.begin(), proof.end() - 1);
      ASSERT_TRUE(CheckConsistency(shorter, size, root, old_size, old_root).IsInvalidArgument());
    }
  }
}

TEST_F(MerkleTest, TrivialConsistencyProofsAreEmptyAndCheckTheRoots) {
  const Hash root = Root(9);
  EXPECT_TRUE(CheckConsistency({}, 9, root, 0, EmptyTreeHash()).ok());
  EXPECT_TRUE(CheckConsistency({}, 0, EmptyTreeHash(), 0, EmptyTreeHash()).ok());
  EXPECT_TRUE(CheckConsistency({}, 9, root, 0, root).IsCorruption());
  EXPECT_TRUE(CheckConsistency({}, 9, root, 9, root).ok());
  EXPECT_TRUE(CheckConsistency({}, 9, root, 9, Root(8)).IsCorruption());
  const std::vector<Hash> one = {root};
  EXPECT_TRUE(CheckConsistency(one, 9, root, 9, root).IsInvalidArgument());
  EXPECT_TRUE(CheckConsistency(one, 9, root, 0, EmptyTreeHash()).IsInvalidArgument());
}

TEST_F(MerkleTest, OutOfRangeArgumentsAreInvalid) {
  TableReader reader(table_, 9);
  EXPECT_TRUE(ProveInclusion(9, 9, reader).status().IsInvalidArgument());
  EXPECT_TRUE(ProveInclusion(0, 0, reader).status().IsInvalidArgument());
  EXPECT_TRUE(ProveConsistency(9, 10, reader).status().IsInvalidArgument());
  EXPECT_EQ(reader.calls(), 0);
  EXPECT_TRUE(CheckInclusion({}, 0, EmptyTreeHash(), 0, leaves_[0]).IsInvalidArgument());
  EXPECT_TRUE(CheckInclusion({}, 9, Root(9), 9, leaves_[0]).IsInvalidArgument());
  EXPECT_TRUE(CheckConsistency({}, 9, Root(9), 10, Root(10)).IsInvalidArgument());
}

TEST_F(MerkleTest, ErrorMessagesNameTheProofAndTheMismatch) {
  std::vector<Hash> proof = reference_.Path(5, 0, 9);
  proof[0][0] ^= 1;
  Status s = CheckInclusion(proof, 9, Root(9), 5, leaves_[5]);
  EXPECT_NE(s.message().find("inclusion proof of leaf 5 in tree of size 9"),
            std::string::npos) << s.message();
  EXPECT_NE(s.message().find("computed root"), std::string::npos) << s.message();
  proof.pop_back();
  s = CheckInclusion(proof, 9, Root(9), 5, leaves_[5]);
  EXPECT_NE(s.message().find("has 3 hashes, want 4"), std::string::npos) << s.message();
  std::vector<Hash> consistency = reference_.Proof(3, 8);
  s = CheckConsistency(consistency, 8, Root(8), 3, Root(4));
  EXPECT_NE(s.message().find("consistency proof from size 3 to 8"), std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("old root"), std::string::npos) << s.message();
}

TEST_F(MerkleTest, ReaderErrorsArePassedOnWithContext) {
  FailingReader reader;
  Status s = TreeHash(5, reader).status();
  EXPECT_TRUE(s.IsIOError());
  EXPECT_NE(s.message().find("disk on fire"), std::string::npos);
  EXPECT_NE(s.message().find("tree of size 5"), std::string::npos) << s.message();
  s = ProveInclusion(5, 2, reader).status();
  EXPECT_TRUE(s.IsIOError());
  EXPECT_NE(s.message().find("leaf 2"), std::string::npos) << s.message();
  s = ProveConsistency(5, 3, reader).status();
  EXPECT_TRUE(s.IsIOError());
  EXPECT_NE(s.message().find("from size 3 to 5"), std::string::npos) << s.message();
  // Nothing to read, nothing to fail.
  EXPECT_TRUE(TreeHash(0, reader).ok());
  EXPECT_TRUE(ProveInclusion(1, 0, reader).ok());
  EXPECT_TRUE(ProveConsistency(5, 5, reader).ok());
  EXPECT_TRUE(ProveConsistency(5, 0, reader).ok());
}

// Certificate Transparency's (and Trillian's) test vectors: leaves, the
// roots of trees of 1..8 of them, and proofs between them
// (github.com/transparency-dev/merkle, proof/verify_test.go).
class PublishedVectorsTest : public testing::Test {
 protected:
  PublishedVectorsTest() {
    for (const char* hex : {"", "00", "10", "2021", "3031", "40414243",
                            "5051525354555657", "606162636465666768696a6b6c6d6e6f"}) {
      leaves_.push_back(RecordHash(Bytes(hex)));
    }
  }
  static std::vector<Hash> Hashes(std::initializer_list<const char*> hexes) {
    std::vector<Hash> out;
    for (const char* hex : hexes) out.push_back(FromHex(hex));
    return out;
  }
  // roots_[n] is the root of the tree of the first n leaves.
  const std::vector<Hash> roots_ = Hashes({
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
  });
  std::vector<Hash> leaves_;
};

TEST_F(PublishedVectorsTest, RootsOfTheFirstNLeaves) {
  NodeTable table(leaves_);
  for (uint64_t n = 0; n <= 8; ++n) {
    TableReader reader(table, n);
    Result<Hash> root = TreeHash(n, reader);
    ASSERT_TRUE(root.ok());
    EXPECT_EQ(*root, roots_[n]) << "size " << n;
  }
}

TEST_F(PublishedVectorsTest, InclusionProofs) {
  struct Vector {
    uint64_t index, size;
    std::vector<Hash> proof;
  };
  const std::vector<Vector> vectors = {
      {0, 1, {}},
      {0, 8, Hashes({"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                     "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                     "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"})},
      {5, 8, Hashes({"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                     "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                     "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})},
      {2, 3, Hashes({"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"})},
      {1, 5, Hashes({"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                     "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                     "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"})},
  };
  NodeTable table(leaves_);
  for (const Vector& v : vectors) {
    TableReader reader(table, v.size);
    Result<std::vector<Hash>> proof = ProveInclusion(v.size, v.index, reader);
    ASSERT_TRUE(proof.ok());
    EXPECT_EQ(*proof, v.proof) << "leaf " << v.index << " size " << v.size;
    Status s = CheckInclusion(v.proof, v.size, roots_[v.size], v.index, leaves_[v.index]);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
}

TEST_F(PublishedVectorsTest, ConsistencyProofs) {
  struct Vector {
    uint64_t old_size, size;
    std::vector<Hash> proof;
  };
  const std::vector<Vector> vectors = {
      {1, 1, {}},
      {1, 8, Hashes({"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                     "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                     "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"})},
      {6, 8, Hashes({"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                     "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                     "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})},
      {2, 5, Hashes({"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                     "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"})},
      {6, 7, Hashes({"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                     "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                     "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})},
  };
  NodeTable table(leaves_);
  for (const Vector& v : vectors) {
    TableReader reader(table, v.size);
    Result<std::vector<Hash>> proof = ProveConsistency(v.size, v.old_size, reader);
    ASSERT_TRUE(proof.ok());
    EXPECT_EQ(*proof, v.proof) << "from " << v.old_size << " to " << v.size;
    Status s = CheckConsistency(v.proof, v.size, roots_[v.size], v.old_size,
                                roots_[v.old_size]);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
}

}  // namespace
}  // namespace jejak::integrity
