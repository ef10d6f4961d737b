#include "store/tree_writer.h"

#include <string>

#include <rocksdb/write_batch.h>

#include "jejak/integrity/merkle.h"
#include "jejak/integrity/tile.h"
#include "store/keys.h"
#include "store/tile_reader.h"

namespace jejak::store {

using integrity::Hash;
using integrity::kTileHeight;
using integrity::kTileWidth;

Result<std::unique_ptr<TreeWriter>> TreeWriter::Load(const StoreDb& db, uint64_t size) {
  RocksTileReader tiles(db);
  auto hashes = integrity::NewTileHashReader(size, tiles);
  auto range = integrity::CompactRange::Load(size, *hashes);
  if (!range.ok()) {
    return range.status().WithContext("loading the Merkle tree of size " +
                                      std::to_string(size));
  }
  std::unique_ptr<TreeWriter> writer(new TreeWriter(db, std::move(range).value()));
  // The partial tile of each level: level L holds the nodes of Merkle
  // level 8L, of which the tree of `size` leaves has size >> 8L complete.
  std::vector<integrity::Tile> partial;
  for (int level = 0;; ++level) {
    const uint64_t nodes = level * kTileHeight >= 64 ? 0 : size >> (level * kTileHeight);
    if (nodes == 0) break;
    LevelTile t;
    t.index = nodes / kTileWidth;
    const int width = static_cast<int>(nodes % kTileWidth);
    writer->tiles_.push_back(std::move(t));
    if (width > 0) partial.push_back({level, nodes / kTileWidth, width});
  }
  if (!partial.empty()) {
    std::vector<std::string> data;
    Status s = tiles.ReadTiles(partial, &data);
    if (!s.ok()) return s.WithContext("loading the Merkle tree of size " + std::to_string(size));
    for (size_t i = 0; i < partial.size(); ++i) {
      LevelTile& t = writer->tiles_[partial[i].level];
      t.hashes.resize(partial[i].width);
      std::memcpy(t.hashes.data(), data[i].data(), partial[i].width * sizeof(Hash));
    }
  }
  return writer;
}

void TreeWriter::Append(std::span<const Hash> leaves, rocksdb::WriteBatch& batch) {
  Grow(leaves);
  PutChanges(batch);
}

void TreeWriter::Grow(std::span<const Hash> leaves) {
  struct Sink final : integrity::NodeSink {
    TreeWriter* self;
    void OnNode(const integrity::NodeId& id, const Hash& hash) override {
      if (id.level % kTileHeight == 0) self->AddToTile(id.level / kTileHeight, hash);
    }
  } sink;
  sink.self = this;
  for (const Hash& leaf : leaves) {
    AddToTile(0, leaf);
    range_.Append(leaf, &sink);
  }
  if (!leaves.empty()) root_ = range_.Root();
}

void TreeWriter::PutChanges(rocksdb::WriteBatch& batch) {
  auto put = [&](int level, uint64_t index, const std::vector<Hash>& hashes) {
    batch.Put(db_.integrity, TileKey(level, index),
              rocksdb::Slice(reinterpret_cast<const char*>(hashes.data()),
                             hashes.size() * sizeof(Hash)));
  };
  for (FullTile& full : full_) {
    put(full.level, full.index, full.hashes);
    full.hashes.clear();
    spare_.push_back(std::move(full.hashes));
  }
  full_.clear();
  for (size_t level = 0; level < tiles_.size(); ++level) {
    LevelTile& t = tiles_[level];
    // Empty: the tile just became full and is put above.
    if (t.dirty && !t.hashes.empty()) put(static_cast<int>(level), t.index, t.hashes);
    t.dirty = false;
  }
  batch.Put(db_.integrity, kTreeKey, EncodeTree(range_.size(), root_));
}

void TreeWriter::AddToTile(int level, const Hash& hash) {
  if (static_cast<size_t>(level) >= tiles_.size()) tiles_.resize(level + 1);
  LevelTile& t = tiles_[level];
  if (t.hashes.capacity() < kTileWidth) t.hashes.reserve(kTileWidth);
  t.hashes.push_back(hash);
  t.dirty = true;
  if (t.hashes.size() == kTileWidth) {
    full_.push_back({level, t.index, std::move(t.hashes)});
    t.hashes.clear();
    if (!spare_.empty()) {
      t.hashes = std::move(spare_.back());
      spare_.pop_back();
    }
    ++t.index;
  }
}

}  // namespace jejak::store
