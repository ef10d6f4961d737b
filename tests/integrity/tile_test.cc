// C2SP tlog-tiles: paths as the spec spells them, the tiles of a tree, and
// a HashReader over tiles that gives the same hashes and proofs as the
// tree's stored nodes, across the 256- and 65536-leaf tile boundaries.
#include "jejak/integrity/tile.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace jejak::integrity {
namespace {

// --- Paths ---

TEST(TilePathTest, FormatsAsTheSpecSpellsIt) {
  EXPECT_EQ(TilePath({0, 1234067, 8}), "tile/0/x001/x234/067.p/8");
  EXPECT_EQ(TilePath({0, 1234067, 256}), "tile/0/x001/x234/067");
  EXPECT_EQ(TilePath({1, 0, 256}), "tile/1/000");
  EXPECT_EQ(TilePath({1, 0, 1}), "tile/1/000.p/1");
  EXPECT_EQ(TilePath({2, 999, 255}), "tile/2/999.p/255");
  EXPECT_EQ(TilePath({3, 1000, 256}), "tile/3/x001/000");
  EXPECT_EQ(TilePath({63, 123456789, 17}), "tile/63/x123/x456/789.p/17");
  EXPECT_EQ(TilePath({0, UINT64_MAX, 256}), "tile/0/x018/x446/x744/x073/x709/x551/615");
  EXPECT_EQ(TileEntriesPath(1234067, 256), "tile/entries/x001/x234/067");
  EXPECT_EQ(TileEntriesPath(5, 17), "tile/entries/005.p/17");
}

TEST(TilePathTest, ParsesWhatItFormats) {
  for (const Tile& tile : std::vector<Tile>{{0, 0, 1},
                                            {0, 1234067, 8},
                                            {0, 1234067, 256},
                                            {7, 999, 255},
                                            {12, 1000, 128},
                                            {63, 1000000, 256},
                                            {0, UINT64_MAX, 256}}) {
    Result<Tile> parsed = ParseTilePath(TilePath(tile));
    ASSERT_TRUE(parsed.ok()) << TilePath(tile) << ": " << parsed.status().ToString();
    EXPECT_EQ(*parsed, tile) << TilePath(tile);
    Result<Tile> bundle = ParseTileEntriesPath(TileEntriesPath(tile.index, tile.width));
    ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
    EXPECT_EQ(*bundle, (Tile{0, tile.index, tile.width}));
  }
}

TEST(TilePathTest, RejectsEveryOtherSpelling) {
  for (const char* path : {
           "", "tile", "tile/", "tile/0", "tile/0/", "/tile/0/000", "tile//000",
           "tile/0/000/", "tile/00/000", "tile/01/000", "tile/64/000", "tile/-1/000",
           "tile/+1/000", "tile/a/000", "tile/data/000", "tile/entries/000",
           "tile/8/0/000", "tile/0/0", "tile/0/00", "tile/0/0000", "tile/0/00a",
           "tile/0/+01", "tile/0/-01", "tile/0/x001", "tile/0/001/002", "tile/0/x1/001",
           "tile/0/X001/000", "tile/0/x000/001", "tile/0/x000/x001/000",
           "tile/0/000.p", "tile/0/000.p/", "tile/0/000.p/0", "tile/0/000.p/08",
           "tile/0/000.p/256", "tile/0/000.p/1000", "tile/0/000.p/+8", "tile/0/000.q/8",
           "tile/0/000.p/8/9", "tile/0/000.p/8/", "tile/0/x001.p/8/000", "tile/0/000p/8",
           "tile/0/x018/x446/x744/x073/x709/x551/616",
           "tile/0/x001/x018/x446/x744/x073/x709/x551/615", "TILE/0/000", "tile/0/000 ",
       }) {
    Result<Tile> tile = ParseTilePath(path);
    EXPECT_TRUE(tile.status().IsInvalidArgument()) << '"' << path << '"';
  }
  for (const char* path : {"tile/entries/", "tile/entries/00", "tile/entries/000.p/256",
                           "tile/entries/x000/001", "tile/0/000", "tile/entries/0/000"}) {
    EXPECT_TRUE(ParseTileEntriesPath(path).status().IsInvalidArgument()) << path;
  }
  EXPECT_NE(ParseTilePath("tile/0/0").status().message().find("\"tile/0/0\""),
            std::string::npos);
}

// --- The tiles of a tree ---

TEST(TilesForSizeTest, FollowsTheSpecsExamples) {
  // "a tree of size 70,000 will be represented by 273 full level 0 tiles,
  // one partial level 0 tile of width 112, one full level 1 tile, one
  // partial level 1 tile of width 17, and one partial level 2 tile of
  // width 1."
  std::vector<Tile> want;
  for (uint64_t n = 0; n < 273; ++n) want.push_back({0, n, 256});
  want.push_back({0, 273, 112});
  want.push_back({1, 0, 256});
  want.push_back({1, 1, 17});
  want.push_back({2, 0, 1});
  EXPECT_EQ(TilesForSize(70000), want);
  // "a tree of size 256 will be represented by a full level 0 tile and a
  // partial level 1 tile of width 1."
  EXPECT_EQ(TilesForSize(256), (std::vector<Tile>{{0, 0, 256}, {1, 0, 1}}));
  EXPECT_TRUE(TilesForSize(0).empty());
  EXPECT_EQ(TilesForSize(1), (std::vector<Tile>{{0, 0, 1}}));
  // Trees near 2^64 leaves have tiles up to level 7: the leaf making 255·2^56
  // leaves completes a full tile at each of levels 0..6.
  const uint64_t big = uint64_t{255} << 56;
  const std::vector<Tile> top = NewTiles(big - 1, big);
  ASSERT_EQ(top.size(), 8u);
  EXPECT_EQ(top[0], (Tile{0, (big >> 8) - 1, 256}));
  EXPECT_EQ(top[6], (Tile{6, (big >> 56) - 1, 256}));
  EXPECT_EQ(top[7], (Tile{7, 0, 255}));
  EXPECT_EQ(NewTiles(UINT64_MAX - 1, UINT64_MAX),
            (std::vector<Tile>{{0, UINT64_MAX >> 8, 255}}));
}

TEST(NewTilesTest, AreTheTilesOfTheNewTreeTheOldOneLacks) {
  EXPECT_EQ(NewTiles(100, 300),
            (std::vector<Tile>{{0, 0, 256}, {0, 1, 44}, {1, 0, 1}}));
  EXPECT_EQ(NewTiles(256, 300), (std::vector<Tile>{{0, 1, 44}}));
  EXPECT_TRUE(NewTiles(300, 300).empty());
  std::mt19937_64 rng(6962);
  for (int i = 0; i < 300; ++i) {
    uint64_t a = rng() % 200000, b = rng() % 200000;
    if (i % 3 == 0) b = a + rng() % 600;
    if (a > b) std::swap(a, b);
    const std::vector<Tile> old_tiles = TilesForSize(a);
    std::vector<Tile> want;
    for (const Tile& t : TilesForSize(b)) {
      if (std::find(old_tiles.begin(), old_tiles.end(), t) == old_tiles.end()) {
        want.push_back(t);
      }
    }
    ASSERT_EQ(NewTiles(a, b), want) << a << " -> " << b;
  }
}

// --- Reading hashes from tiles ---

// Every complete node of a tree, level by level, computed bottom-up.
class NodeTable {
 public:
  explicit NodeTable(uint64_t size) {
    levels_.emplace_back();
    for (uint64_t i = 0; i < size; ++i) {
      levels_[0].push_back(RecordHash("leaf " + std::to_string(i)));
    }
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

 private:
  std::vector<std::vector<Hash>> levels_;
};

// The stored nodes of the tree of `size` leaves.
class TableReader : public HashReader {
 public:
  TableReader(const NodeTable& table, uint64_t size) : table_(table), size_(size) {}
  Status ReadHashes(std::span<const NodeId> ids, std::span<Hash> out) override {
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i].index >= (size_ >> ids[i].level)) return Status::InvalidArgument("incomplete");
      out[i] = table_.at(ids[i].level, ids[i].index);
    }
    return Status::Ok();
  }

 private:
  const NodeTable& table_;
  uint64_t size_;
};

// Serves the tiles of the tree of `size` leaves, and fails the test on a
// request for any other tile (a wider one in particular). With `wider`,
// returns the widest version of a tile it has (up to `stored` leaves), as a
// store keeping only the latest version of each tile would.
class MemoryTiles : public TileReader {
 public:
  MemoryTiles(const NodeTable& table, uint64_t size, uint64_t stored, bool wider)
      : table_(table), tree_tiles_(TilesForSize(size)), stored_(stored), wider_(wider) {}

  Status ReadTiles(std::span<const Tile> tiles, std::vector<std::string>* data) override {
    ++calls_;
    data->clear();
    for (const Tile& tile : tiles) {
      EXPECT_NE(std::find(tree_tiles_.begin(), tree_tiles_.end(), tile), tree_tiles_.end())
          << TilePath(tile) << " is not a tile of this tree";
      const int level = kTileHeight * tile.level;
      uint64_t width = tile.width;
      if (wider_) {
        width = std::min<uint64_t>(kTileWidth,
                                   (stored_ >> level) - tile.index * kTileWidth);
      }
      std::string bytes;
      for (uint64_t i = 0; i < width; ++i) {
        const Hash& h = table_.at(level, tile.index * kTileWidth + i);
        bytes.append(reinterpret_cast<const char*>(h.data()), h.size());
      }
      data->push_back(std::move(bytes));
    }
    return Status::Ok();
  }
  int calls() const { return calls_; }

 private:
  const NodeTable& table_;
  std::vector<Tile> tree_tiles_;
  uint64_t stored_;
  bool wider_;
  int calls_ = 0;
};

constexpr uint64_t kStored = 70000;

class TileHashReaderTest : public testing::Test {
 protected:
  static void SetUpTestSuite() { table_ = new NodeTable(kStored); }
  static void TearDownTestSuite() { delete table_; }
  static NodeTable* table_;
};
NodeTable* TileHashReaderTest::table_ = nullptr;

TEST_F(TileHashReaderTest, GivesTheStoredTreesRootsAndProofsAcrossTileBoundaries) {
  std::mt19937_64 rng(9162);
  std::vector<uint64_t> sizes = {1,   2,   255,   256,   257,   511,  512,
                                 513, 767, 65535, 65536, 65537, 69999};
  for (int i = 0; i < 6; ++i) sizes.push_back(1 + rng() % kStored);
  for (uint64_t size : sizes) {
    for (bool wider : {false, true}) {
      SCOPED_TRACE("size " + std::to_string(size) + (wider ? ", wider tiles" : ""));
      TableReader stored(*table_, size);
      MemoryTiles tiles(*table_, size, kStored, wider);
      std::unique_ptr<HashReader> reader = NewTileHashReader(size, tiles);

      Result<Hash> root = TreeHash(size, *reader);
      ASSERT_TRUE(root.ok()) << root.status().ToString();
      ASSERT_EQ(*root, *TreeHash(size, stored));
      ASSERT_EQ(tiles.calls(), 1);

      std::vector<uint64_t> indexes = {0, size / 2, size - 1};
      for (uint64_t i : {uint64_t{255}, uint64_t{256}, uint64_t{65535}, uint64_t{65536}}) {
        if (i < size) indexes.push_back(i);
      }
      for (int j = 0; j < 4; ++j) indexes.push_back(rng() % size);
      for (uint64_t index : indexes) {
        const int calls = tiles.calls();
        Result<std::vector<Hash>> proof = ProveInclusion(size, index, *reader);
        ASSERT_TRUE(proof.ok()) << proof.status().ToString();
        ASSERT_EQ(*proof, *ProveInclusion(size, index, stored)) << "leaf " << index;
        ASSERT_LE(tiles.calls(), calls + 1);
        ASSERT_TRUE(CheckInclusion(*proof, size, *root, index, table_->at(0, index)).ok());
      }
      for (uint64_t old_size : indexes) {
        if (old_size == 0) old_size = 1;
        Result<std::vector<Hash>> proof = ProveConsistency(size, old_size, *reader);
        ASSERT_TRUE(proof.ok()) << proof.status().ToString();
        ASSERT_EQ(*proof, *ProveConsistency(size, old_size, stored)) << "from " << old_size;
        ASSERT_TRUE(
            CheckConsistency(*proof, size, *root, old_size, *TreeHash(old_size, stored)).ok());
      }
    }
  }
}

TEST_F(TileHashReaderTest, ReadsEveryCompleteNodeAndRefusesOthers) {
  for (uint64_t size : {uint64_t{1}, uint64_t{300}, uint64_t{65537}}) {
    MemoryTiles tiles(*table_, size, kStored, false);
    std::unique_ptr<HashReader> reader = NewTileHashReader(size, tiles);
    for (int level = 0; (size >> level) > 0; ++level) {
      const uint64_t count = size >> level;
      for (uint64_t index : {uint64_t{0}, count / 3, count - 1}) {
        const NodeId id{level, index};
        Hash h;
        Status s = reader->ReadHashes({&id, 1}, {&h, 1});
        ASSERT_TRUE(s.ok()) << s.ToString();
        ASSERT_EQ(h, table_->at(level, index)) << level << "/" << index;
      }
      const NodeId incomplete{level, count};
      Hash h;
      Status s = reader->ReadHashes({&incomplete, 1}, {&h, 1});
      EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
      EXPECT_NE(s.message().find("not complete in tree of size " + std::to_string(size)),
                std::string::npos)
          << s.message();
    }
    for (int level : {-1, 64, 100}) {
      const NodeId id{level, 0};
      Hash h;
      EXPECT_TRUE(reader->ReadHashes({&id, 1}, {&h, 1}).IsInvalidArgument()) << level;
    }
  }
}

// Counts the full tiles above level 0 that are read through it.
class CountingTiles : public TileReader {
 public:
  explicit CountingTiles(TileReader& inner) : inner_(inner) {}
  Status ReadTiles(std::span<const Tile> tiles, std::vector<std::string>* data) override {
    for (const Tile& t : tiles) upper_full_ += t.level > 0 && t.width == kTileWidth;
    return inner_.ReadTiles(tiles, data);
  }
  int upper_full() const { return upper_full_; }

 private:
  TileReader& inner_;
  int upper_full_ = 0;
};

TEST_F(TileHashReaderTest, ACacheServesFullUpperTilesOnceWithTheSameHashes) {
  const uint64_t size = 69999;  // level-1 tile 0 full, tile 1 partial
  MemoryTiles plain_tiles(*table_, size, kStored, false);
  MemoryTiles tiles(*table_, size, kStored, false);
  CountingTiles counting(tiles);
  TileNodeCache cache;
  std::unique_ptr<HashReader> plain = NewTileHashReader(size, plain_tiles);
  std::unique_ptr<HashReader> cached = NewTileHashReader(size, counting, &cache);
  std::mt19937_64 rng(6962);
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 50; ++i) {
      const uint64_t index = rng() % size;
      auto want = ProveInclusion(size, index, *plain);
      auto got = ProveInclusion(size, index, *cached);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      ASSERT_EQ(*got, *want) << "leaf " << index;
      const uint64_t old_size = 1 + rng() % size;
      ASSERT_EQ(*ProveConsistency(size, old_size, *cached),
                *ProveConsistency(size, old_size, *plain))
          << "from " << old_size;
    }
  }
  // Every node of the cached tile, at every height, is the table's.
  for (int level = kTileHeight; level <= 2 * kTileHeight && (size >> level) > 0; ++level) {
    for (uint64_t index = 0; index < std::min<uint64_t>(size >> level, 256 >> (level - 8));
         ++index) {
      const NodeId id{level, index};
      Hash h;
      ASSERT_TRUE(cached->ReadHashes({&id, 1}, {&h, 1}).ok());
      ASSERT_EQ(h, table_->at(level, index)) << level << "/" << index;
    }
  }
  EXPECT_EQ(counting.upper_full(), 1) << "the full level-1 tile is read once, then cached";
}

TEST_F(TileHashReaderTest, BatchesAllTilesOfACallIntoOneRead) {
  MemoryTiles tiles(*table_, 65537, kStored, false);
  std::unique_ptr<HashReader> reader = NewTileHashReader(65537, tiles);
  const std::vector<NodeId> ids = {{0, 0}, {0, 1}, {3, 40}, {8, 0}, {8, 255}, {12, 15},
                                   {16, 0}, {0, 65536}};
  std::vector<Hash> out(ids.size());
  ASSERT_TRUE(reader->ReadHashes(ids, out).ok());
  EXPECT_EQ(tiles.calls(), 1);
  for (size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(out[i], table_->at(ids[i].level, ids[i].index)) << i;
  }
}

class ScriptedTiles : public TileReader {
 public:
  Status ReadTiles(std::span<const Tile> tiles, std::vector<std::string>* data) override {
    if (!status.ok()) return status;
    data->assign(tiles.size() + extra, std::string(bytes, '\0'));
    return Status::Ok();
  }
  Status status;
  size_t bytes = 256 * 32;
  int extra = 0;
};

TEST(TileHashReaderErrorsTest, ReaderErrorsAndShortTilesAreReported) {
  ScriptedTiles tiles;
  std::unique_ptr<HashReader> reader = NewTileHashReader(1000, tiles);
  const NodeId id{2, 100};
  Hash h;
  ASSERT_TRUE(reader->ReadHashes({&id, 1}, {&h, 1}).ok());

  tiles.status = Status::IOError("tile server down");
  Status s = reader->ReadHashes({&id, 1}, {&h, 1});
  EXPECT_TRUE(s.IsIOError());
  EXPECT_NE(s.message().find("tile server down"), std::string::npos);
  EXPECT_NE(s.message().find("tree of size 1000"), std::string::npos) << s.message();

  tiles.status = Status::Ok();
  tiles.extra = -1;
  EXPECT_TRUE(reader->ReadHashes({&id, 1}, {&h, 1}).IsCorruption());
  tiles.extra = 1;
  EXPECT_TRUE(reader->ReadHashes({&id, 1}, {&h, 1}).IsCorruption());

  tiles.extra = 0;
  tiles.bytes = 256 * 32 - 1;  // node 2/100 is in the full tile 0/1
  s = reader->ReadHashes({&id, 1}, {&h, 1});
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find("tile/0/001 has 8191 bytes"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace jejak::integrity
