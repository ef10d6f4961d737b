// The compact range: appending leaf by leaf gives the RFC 6962 root of every
// size, tells the sink of exactly the tree's complete nodes, and a range
// loaded from stored nodes continues as if it had been built leaf by leaf.
#include "jejak/integrity/compact_range.h"

#include <bit>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace jejak::integrity {
namespace {

Hash LeafOf(uint64_t i) { return RecordHash("leaf " + std::to_string(i)); }

// MTH(D[lo:hi]) of RFC 6962 section 2.1, word for word.
Hash Mth(const std::vector<Hash>& leaves, uint64_t lo, uint64_t hi) {
  if (hi == lo) return Sha256("");
  if (hi - lo == 1) return leaves[lo];
  uint64_t k = 1;
  while (k * 2 < hi - lo) k *= 2;
  return NodeHash(Mth(leaves, lo, lo + k), Mth(leaves, lo + k, hi));
}

// Every complete node of a tree, level by level, computed bottom-up.
class NodeTable {
 public:
  explicit NodeTable(uint64_t size) {
    levels_.emplace_back();
    for (uint64_t i = 0; i < size; ++i) levels_[0].push_back(LeafOf(i));
    while (levels_.back().size() > 1) {
      const std::vector<Hash>& below = levels_.back();
      std::vector<Hash> above;
      for (size_t i = 0; i + 1 < below.size(); i += 2) {
        above.push_back(NodeHash(below[i], below[i + 1]));
      }
      levels_.push_back(std::move(above));
    }
  }
  const Hash& at(int level, uint64_t index) const { return levels_[level][index]; }
  const std::vector<Hash>& leaves() const { return levels_[0]; }

 private:
  std::vector<std::vector<Hash>> levels_;
};

// The stored nodes of the tree of `size` leaves.
class TableReader : public HashReader {
 public:
  TableReader(const NodeTable& table, uint64_t size) : table_(table), size_(size) {}
  Status ReadHashes(std::span<const NodeId> ids, std::span<Hash> out) override {
    ++calls_;
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i].index >= (size_ >> ids[i].level)) return Status::InvalidArgument("incomplete");
      out[i] = table_.at(ids[i].level, ids[i].index);
    }
    return Status::Ok();
  }
  int calls() const { return calls_; }

 private:
  const NodeTable& table_;
  uint64_t size_;
  int calls_ = 0;
};

struct Node {
  NodeId id;
  Hash hash;
  friend bool operator==(const Node&, const Node&) = default;
};

class RecordingSink : public NodeSink {
 public:
  void OnNode(const NodeId& id, const Hash& hash) override { nodes.push_back({id, hash}); }
  std::vector<Node> nodes;
};

// The nodes appending leaf `index` completes, bottom-up.
std::vector<Node> CompletedBy(const NodeTable& table, uint64_t index) {
  std::vector<Node> nodes;
  for (int level = 1; level <= std::countr_one(index); ++level) {
    nodes.push_back({{level, index >> level}, table.at(level, index >> level)});
  }
  return nodes;
}

constexpr uint64_t kStored = 65800;

class CompactRangeTest : public testing::Test {
 protected:
  static void SetUpTestSuite() { table_ = new NodeTable(kStored); }
  static void TearDownTestSuite() { delete table_; }
  static NodeTable* table_;
};
NodeTable* CompactRangeTest::table_ = nullptr;

TEST_F(CompactRangeTest, RootAfterEachAppendIsTheReferenceRoot) {
  CompactRange range;
  EXPECT_EQ(range.size(), 0u);
  EXPECT_EQ(range.Root(), Sha256(""));
  for (uint64_t i = 0; i < 1000; ++i) {
    range.Append(table_->leaves()[i], nullptr);
    ASSERT_EQ(range.size(), i + 1);
    ASSERT_EQ(range.Root(), Mth(table_->leaves(), 0, i + 1)) << "size " << i + 1;
    ASSERT_EQ(range.hashes().size(), static_cast<size_t>(std::popcount(i + 1)));
  }
}

TEST_F(CompactRangeTest, RootAroundTwoToTheSixteenIsTheReferenceRoot) {
  CompactRange range;
  for (uint64_t i = 0; i < 65436; ++i) range.Append(table_->leaves()[i], nullptr);
  for (uint64_t size = 65436; size < kStored; ++size) {
    TableReader reader(*table_, size);
    ASSERT_EQ(range.Root(), *TreeHash(size, reader)) << "size " << size;
    if (size >= 65535 && size <= 65537) {
      ASSERT_EQ(range.Root(), Mth(table_->leaves(), 0, size)) << "size " << size;
    }
    range.Append(table_->leaves()[size], nullptr);
  }
}

TEST_F(CompactRangeTest, SinkIsToldOfExactlyTheCompleteNodesBottomUp) {
  CompactRange range;
  RecordingSink sink;
  std::vector<Node> want;
  for (uint64_t i = 0; i < kStored; ++i) {
    range.Append(table_->leaves()[i], &sink);
    for (const Node& node : CompletedBy(*table_, i)) want.push_back(node);
  }
  ASSERT_EQ(sink.nodes.size(), want.size());
  // Every complete node of level >= 1, once: 2^16 + ... nodes in all.
  uint64_t complete = 0;
  for (int level = 1; (kStored >> level) > 0; ++level) complete += kStored >> level;
  ASSERT_EQ(sink.nodes.size(), complete);
  for (size_t i = 0; i < want.size(); ++i) {
    ASSERT_EQ(sink.nodes[i], want[i]) << "node " << i << ": " << want[i].id.level << "/"
                                      << want[i].id.index;
  }
}

TEST_F(CompactRangeTest, LoadedRangeContinuesAsIfBuiltLeafByLeaf) {
  for (uint64_t size : {0, 1, 2, 3, 7, 8, 255, 256, 257, 1000, 65535, 65536, 65537}) {
    SCOPED_TRACE("size " + std::to_string(size));
    TableReader reader(*table_, size);
    Result<CompactRange> loaded = CompactRange::Load(size, reader);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    EXPECT_EQ(reader.calls(), size == 0 ? 0 : 1);
    ASSERT_EQ(loaded->size(), size);
    ASSERT_EQ(loaded->Root(), *TreeHash(size, reader));

    CompactRange built;
    for (uint64_t i = 0; i < size; ++i) built.Append(table_->leaves()[i], nullptr);
    ASSERT_TRUE(std::equal(loaded->hashes().begin(), loaded->hashes().end(),
                           built.hashes().begin(), built.hashes().end()));

    RecordingSink sink;
    std::vector<Node> want;
    for (uint64_t i = size; i < size + 200; ++i) {
      loaded->Append(table_->leaves()[i], &sink);
      for (const Node& node : CompletedBy(*table_, i)) want.push_back(node);
      TableReader grown(*table_, i + 1);
      ASSERT_EQ(loaded->Root(), *TreeHash(i + 1, grown)) << "size " << i + 1;
    }
    ASSERT_EQ(sink.nodes, want);
  }
}

class FailingReader : public HashReader {
 public:
  Status ReadHashes(std::span<const NodeId>, std::span<Hash>) override {
    return Status::IOError("disk on fire");
  }
};

TEST(CompactRangeLoadTest, ReaderErrorsArePassedOnWithContext) {
  FailingReader reader;
  Status s = CompactRange::Load(77, reader).status();
  EXPECT_TRUE(s.IsIOError());
  EXPECT_NE(s.message().find("disk on fire"), std::string::npos);
  EXPECT_NE(s.message().find("tree of size 77"), std::string::npos) << s.message();
  Result<CompactRange> empty = CompactRange::Load(0, reader);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->Root(), EmptyTreeHash());
}

}  // namespace
}  // namespace jejak::integrity
