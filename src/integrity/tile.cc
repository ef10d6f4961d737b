// C2SP tlog-tiles: paths, the tiles of a tree, and a HashReader over tiles.
// The tile arithmetic follows Go's golang.org/x/mod/sumdb/tlog (tile.go,
// BSD-licensed), with the height fixed at 8 and C2SP's paths (no height
// element).
#include "jejak/integrity/tile.h"

#include <bit>

#include <algorithm>
#include <cassert>
#include <map>
#include <utility>

namespace jejak::integrity {

namespace {

constexpr std::string_view kTilePrefix = "tile/";
constexpr std::string_view kEntriesPrefix = "tile/entries/";
constexpr int kMaxLevel = 63;

// "x001/x234/067" for 1234067, then ".p/W" for a partial width.
std::string IndexAndWidth(uint64_t index, int width) {
  assert(width >= 1 && width <= kTileWidth);
  auto group = [](uint64_t n) {
    const unsigned v = static_cast<unsigned>(n % 1000);
    return std::string{static_cast<char>('0' + v / 100),
                       static_cast<char>('0' + v / 10 % 10),
                       static_cast<char>('0' + v % 10)};
  };
  std::string out = group(index);
  while (index >= 1000) {
    index /= 1000;
    out = "x" + group(index) + "/" + out;
  }
  if (width != kTileWidth) out += ".p/" + std::to_string(width);
  return out;
}

// A decimal number of at most 3 digits, no sign, no leading zero: the level
// and width elements.
bool ParseSmall(std::string_view s, int* value) {
  if (s.empty() || s.size() > 3 || (s[0] == '0' && s.size() > 1)) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *value = v;
  return true;
}

// Parses "x001/x234/067[.p/W]" into index and width.
bool ParseIndexAndWidth(std::string_view s, uint64_t* index, int* width) {
  *width = kTileWidth;
  const size_t dot = s.find(".p/");
  if (dot != std::string_view::npos) {
    if (!ParseSmall(s.substr(dot + 3), width) || *width < 1 ||
        *width >= kTileWidth) {
      return false;
    }
    s = s.substr(0, dot);
  }
  uint64_t n = 0;
  while (true) {
    const size_t slash = s.find('/');
    const bool last = slash == std::string_view::npos;
    std::string_view element = s.substr(0, slash);
    if (!last) {
      if (element.empty() || element[0] != 'x') return false;
      element.remove_prefix(1);
    }
    if (element.size() != 3) return false;
    unsigned group = 0;
    for (char c : element) {
      if (c < '0' || c > '9') return false;
      group = group * 10 + static_cast<unsigned>(c - '0');
    }
    if (n > (UINT64_MAX - group) / 1000) return false;
    n = n * 1000 + group;
    if (last) break;
    s.remove_prefix(slash + 1);
  }
  *index = n;
  return true;
}

Status BadPath(std::string_view what, std::string_view path) {
  return Status::InvalidArgument("malformed " + std::string(what) + " path \"" +
                                 std::string(path) + "\"");
}

// The hash of the complete subtree over the tile hashes [start, end) of
// `data`. REQUIRES end - start to be a power of two and data to hold them.
Hash SubtreeOfTile(std::string_view data, uint32_t start, uint32_t end) {
  std::vector<Hash> row(end - start);
  for (uint32_t i = start; i < end; ++i) {
    std::copy_n(data.data() + size_t{i} * sizeof(Hash), sizeof(Hash),
                row[i - start].begin());
  }
  for (size_t n = row.size(); n > 1; n /= 2) {
    for (size_t i = 0; i < n / 2; ++i) row[i] = NodeHash(row[2 * i], row[2 * i + 1]);
  }
  return row[0];
}

// The hashes of the tiles of a tree of a given size: each node is read from
// the tile at level/8 that holds it (level a multiple of 8) or holds the
// nodes it is made of.
class TileHashReader : public HashReader {
 public:
  TileHashReader(uint64_t size, TileReader& tiles, TileNodeCache* cache)
      : size_(size), tiles_(tiles), cache_(cache) {}

  Status ReadHashes(std::span<const NodeId> ids, std::span<Hash> out) override {
    assert(ids.size() == out.size());
    // Where each node's hash is: its tile and the range of that tile's
    // hashes it covers.
    struct Place {
      size_t tile;
      uint32_t start, end;
      std::shared_ptr<const TileNodeCache::Nodes> cached;
    };
    std::vector<Place> places;
    places.reserve(ids.size());
    std::vector<Tile> tiles;
    std::map<std::pair<int, uint64_t>, size_t> tile_numbers;
    for (const NodeId& id : ids) {
      if (id.level < 0 || id.level >= 64 || id.index >= (size_ >> id.level)) {
        return Status::InvalidArgument(
            "node " + std::to_string(id.level) + "/" + std::to_string(id.index) +
            " is not complete in tree of size " + std::to_string(size_));
      }
      const int tile_level = id.level / kTileHeight;
      const int within = id.level % kTileHeight;
      // The node's first hash at level 8·tile_level; no overflow, the node
      // being complete in a tree of size_ < 2^64 leaves.
      const uint64_t first = id.index << within;
      const uint64_t tile_index = first / kTileWidth;
      const auto start = static_cast<uint32_t>(first % kTileWidth);
      if (cache_ != nullptr && tile_level > 0) {
        if (auto nodes = cache_->Find(tile_level, tile_index)) {
          places.push_back({SIZE_MAX, start, start + (uint32_t{1} << within), std::move(nodes)});
          continue;
        }
      }
      auto [it, added] = tile_numbers.try_emplace({tile_level, tile_index}, tiles.size());
      if (added) {
        // The tile as the tree of size_ has it: full, or its partial tile.
        const uint64_t count = size_ >> (kTileHeight * tile_level);
        const uint64_t width =
            std::min<uint64_t>(kTileWidth, count - tile_index * kTileWidth);
        tiles.push_back({tile_level, tile_index, static_cast<int>(width)});
      }
      places.push_back({it->second, start, start + (uint32_t{1} << within), nullptr});
      assert(places.back().end <= static_cast<uint32_t>(tiles[it->second].width));
    }

    std::vector<std::string> data;
    if (!tiles.empty()) {
      Status s = tiles_.ReadTiles(tiles, &data);
      if (!s.ok()) {
        return s.WithContext("reading " + std::to_string(tiles.size()) +
                             " tiles of tree of size " + std::to_string(size_));
      }
    }
    if (data.size() != tiles.size()) {
      return Status::Corruption("tile reader returned " + std::to_string(data.size()) +
                                " tiles for " + std::to_string(tiles.size()));
    }
    for (size_t i = 0; i < tiles.size(); ++i) {
      const size_t want = size_t{sizeof(Hash)} * static_cast<size_t>(tiles[i].width);
      if (data[i].size() < want) {
        return Status::Corruption(TilePath(tiles[i]) + " has " +
                                  std::to_string(data[i].size()) + " bytes, want " +
                                  std::to_string(want));
      }
    }
    // Full tiles above level 0 go into the cache as they are read.
    std::vector<std::shared_ptr<const TileNodeCache::Nodes>> added(tiles.size());
    if (cache_ != nullptr) {
      for (size_t i = 0; i < tiles.size(); ++i) {
        if (tiles[i].level > 0 && tiles[i].width == kTileWidth) {
          added[i] = cache_->Add(tiles[i].level, tiles[i].index,
                                 std::string_view(data[i]).substr(0, kTileWidth * sizeof(Hash)));
        }
      }
    }
    for (size_t i = 0; i < ids.size(); ++i) {
      Place& p = places[i];
      if (p.cached == nullptr && p.tile != SIZE_MAX) p.cached = added[p.tile];
      if (p.cached != nullptr) {
        const size_t height = std::countr_zero(p.end - p.start);
        out[i] = p.cached->rows[height][p.start >> height];
        continue;
      }
      out[i] = SubtreeOfTile(data[p.tile], p.start, p.end);
    }
    return Status::Ok();
  }

 private:
  const uint64_t size_;
  TileReader& tiles_;
  TileNodeCache* cache_;
};

}  // namespace

std::string TilePath(const Tile& tile) {
  assert(tile.level >= 0 && tile.level <= kMaxLevel);
  return std::string(kTilePrefix) + std::to_string(tile.level) + "/" +
         IndexAndWidth(tile.index, tile.width);
}

Result<Tile> ParseTilePath(std::string_view path) {
  if (!path.starts_with(kTilePrefix)) return BadPath("tile", path);
  std::string_view rest = path.substr(kTilePrefix.size());
  const size_t slash = rest.find('/');
  Tile tile;
  if (slash == std::string_view::npos || !ParseSmall(rest.substr(0, slash), &tile.level) ||
      tile.level > kMaxLevel ||
      !ParseIndexAndWidth(rest.substr(slash + 1), &tile.index, &tile.width)) {
    return BadPath("tile", path);
  }
  // The grammar above admits some other spellings of the same numbers
  // (e.g. x000/001 for 1); only the one TilePath makes is accepted.
  if (TilePath(tile) != path) return BadPath("tile", path);
  return tile;
}

std::string TileEntriesPath(uint64_t index, int width) {
  return std::string(kEntriesPrefix) + IndexAndWidth(index, width);
}

Result<Tile> ParseTileEntriesPath(std::string_view path) {
  Tile tile;
  if (!path.starts_with(kEntriesPrefix) ||
      !ParseIndexAndWidth(path.substr(kEntriesPrefix.size()), &tile.index,
                          &tile.width) ||
      TileEntriesPath(tile.index, tile.width) != path) {
    return BadPath("entry bundle", path);
  }
  return tile;
}

std::vector<Tile> TilesForSize(uint64_t size) { return NewTiles(0, size); }

std::vector<Tile> NewTiles(uint64_t old_size, uint64_t new_size) {
  assert(old_size <= new_size);
  std::vector<Tile> tiles;
  // Levels with at least one hash; 8·level < 64 keeps the shifts defined.
  for (int level = 0; level * kTileHeight < 64 && (new_size >> (kTileHeight * level)) > 0;
       ++level) {
    const uint64_t old_count = old_size >> (kTileHeight * level);
    const uint64_t new_count = new_size >> (kTileHeight * level);
    if (old_count == new_count) continue;  // nothing changed at this level
    for (uint64_t n = old_count / kTileWidth; n < new_count / kTileWidth; ++n) {
      tiles.push_back({level, n, kTileWidth});
    }
    if (const uint64_t width = new_count % kTileWidth; width > 0) {
      tiles.push_back({level, new_count / kTileWidth, static_cast<int>(width)});
    }
  }
  return tiles;
}

std::unique_ptr<HashReader> NewTileHashReader(uint64_t size, TileReader& tiles,
                                              TileNodeCache* cache) {
  return std::make_unique<TileHashReader>(size, tiles, cache);
}

std::shared_ptr<const TileNodeCache::Nodes> TileNodeCache::Find(int level,
                                                                uint64_t index) const {
  std::lock_guard lock(mu_);
  auto it = tiles_.find({level, index});
  return it == tiles_.end() ? nullptr : it->second;
}

std::shared_ptr<const TileNodeCache::Nodes> TileNodeCache::Add(int level, uint64_t index,
                                                               std::string_view data) {
  assert(data.size() == size_t{kTileWidth} * sizeof(Hash));
  auto nodes = std::make_shared<Nodes>();
  nodes->rows[0].resize(kTileWidth);
  for (int i = 0; i < kTileWidth; ++i) {
    std::copy_n(data.data() + size_t(i) * sizeof(Hash), sizeof(Hash), nodes->rows[0][i].begin());
  }
  for (int k = 1; k <= kTileHeight; ++k) {
    const auto& below = nodes->rows[k - 1];
    auto& row = nodes->rows[k];
    row.resize(below.size() / 2);
    for (size_t i = 0; i < row.size(); ++i) row[i] = NodeHash(below[2 * i], below[2 * i + 1]);
  }
  std::lock_guard lock(mu_);
  if (tiles_.size() >= capacity_) tiles_.clear();
  tiles_[{level, index}] = nodes;
  return nodes;
}

}  // namespace jejak::integrity
