// C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the Merkle tree served as
// tiles of height 8. The level-L tile number N holds, for i in 0..255, the
// hash of the complete subtree of 256^L leaves number N·256 + i: level 0
// tiles hold leaf hashes, level L tiles the hashes of nodes at Merkle level
// 8·L (NodeId{8·L, N·256 + i}). The levels in between are recomputed from
// a tile's hashes. A tile's bytes are its hashes concatenated (width · 32).
//
// The rightmost tile of each level is usually partial: in the tree of s
// leaves the level-L partial tile has (s / 256^L) mod 256 hashes, and none
// when that is 0. A partial tile is a prefix of the full tile it becomes.
//
// Paths (relative to the log's prefix):
//   tile/<L>/<N>[.p/<W>]        a tile
//   tile/entries/<N>[.p/<W>]    the entry bundle of level-0 tile N
// <L> is decimal 0..63 without leading zeros; <N> is split into 3-digit
// groups, all but the last prefixed with "x" (1234067 is x001/x234/067);
// ".p/<W>" appears only for a partial tile, <W> decimal 1..255 without
// leading zeros. E.g. tile/0/x001/x234/067.p/8.
//
// Thread safety: the free functions may be called from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/integrity/merkle.h"
#include "jejak/status.h"

namespace jejak::integrity {

inline constexpr int kTileHeight = 8;
inline constexpr int kTileWidth = 256;  // 2^kTileHeight hashes

struct Tile {
  int level = 0;           // 0..63
  uint64_t index = 0;      // N, within the level
  int width = kTileWidth;  // 1..256; 256 is a full tile
  friend bool operator==(const Tile&, const Tile&) = default;
};

// The tile's path, e.g. "tile/0/x001/x234/067.p/8".
// REQUIRES 0 <= level <= 63 and 1 <= width <= 256.
std::string TilePath(const Tile& tile);

// Parses a path TilePath makes; anything else (other spellings of the same
// numbers, levels above 63, widths 0 or 256, indexes beyond 2^64 - 1,
// entry bundle paths) is InvalidArgument naming the path.
Result<Tile> ParseTilePath(std::string_view path);

// The path of the entry bundle of the level-0 tile {0, index, width},
// e.g. "tile/entries/x001/x234/067.p/8". REQUIRES 1 <= width <= 256.
std::string TileEntriesPath(uint64_t index, int width);

// Parses an entry bundle path, strictly as ParseTilePath, into the level-0
// tile whose hashes the bundle's entries hash to.
Result<Tile> ParseTileEntriesPath(std::string_view path);

// The tiles of the tree of `size` leaves, every level: the full tiles and
// the partial one of each level, level by level, index by index.
std::vector<Tile> TilesForSize(uint64_t size);

// The tiles of the tree of `new_size` leaves that the tree of `old_size`
// leaves does not have (tiles completed or widened by the growth): what a
// log publishes when it grows. TilesForSize(n) == NewTiles(0, n).
// REQUIRES old_size <= new_size.
std::vector<Tile> NewTiles(uint64_t old_size, uint64_t new_size);

// Reads tiles (from a store, a cache or a log's server).
class TileReader {
 public:
  virtual ~TileReader() = default;
  // On OK, data->size() == tiles.size() and (*data)[i] holds tiles[i]'s
  // bytes: at least tiles[i].width · 32 of them. A reader may return a
  // longer stored version of the tile (a wider partial tile, or the full
  // one); callers use the prefix they asked for.
  virtual Status ReadTiles(std::span<const Tile> tiles,
                           std::vector<std::string>* data) = 0;
};

// A HashReader for the tree of `size` leaves that reads the tiles holding
// the requested nodes and recomputes those between tile levels from the
// tile's hashes (as Go's tlog.TileHashReader, but without checking the tiles
// against a tree hash: callers verify what they compute, e.g. with
// CheckInclusion against a signed checkpoint's root).
//
// Each ReadHashes makes one ReadTiles call for all the tiles it needs, each
// tile at the width it has in the tree of `size` leaves. Errors of
// ReadHashes: InvalidArgument for a node not complete in the tree of `size`
// leaves; Corruption when the reader returns too few tiles or bytes; the
// TileReader's errors with context.
//
// `tiles` must outlive the returned reader. Thread safety: as `tiles`'s
// ReadTiles (the returned reader keeps no state of its own).
//
// With a `cache`, the nodes of full tiles of level >= 1 (a full tile never
// changes) are computed once and served from it; `cache` must outlive the
// reader.
class TileNodeCache;
std::unique_ptr<HashReader> NewTileHashReader(uint64_t size, TileReader& tiles,
                                              TileNodeCache* cache = nullptr);

// Every node of full tiles (the 256 stored hashes and the 255 computed over
// them), for the tiles of levels >= 1, which every proof of a large tree
// passes through: a proof then recomputes only its level-0 tile's nodes.
// Holds at most `capacity` tiles (16 KiB each), then starts again empty.
// Thread safety: safe to share between threads and readers.
class TileNodeCache {
 public:
  explicit TileNodeCache(size_t capacity = 1024) : capacity_(capacity) {}
  // rows[k] holds the 256 >> k nodes of height k over the tile's hashes.
  struct Nodes {
    std::array<std::vector<Hash>, kTileHeight + 1> rows;
  };
  std::shared_ptr<const Nodes> Find(int level, uint64_t index) const;
  // The nodes of the full tile `data` (256 hashes), computed and kept.
  std::shared_ptr<const Nodes> Add(int level, uint64_t index, std::string_view data);

 private:
  const size_t capacity_;
  mutable std::mutex mu_;
  std::map<std::pair<int, uint64_t>, std::shared_ptr<const Nodes>> tiles_;
};

}  // namespace jejak::integrity
