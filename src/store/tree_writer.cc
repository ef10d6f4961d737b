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
  struct Sink final : integrity::NodeSink {
    TreeWriter* self;
    rocksdb::WriteBatch* batch;
    void OnNode(const integrity::NodeId& id, const Hash& hash) override {
      if (id.level % kTileHeight == 0) self->AddToTile(id.level / kTileHeight, hash, *batch);
    }
  } sink;
  sink.self = this;
  sink.batch = &batch;
  for (const Hash& leaf : leaves) {
    AddToTile(0, leaf, batch);
    range_.Append(leaf, &sink);
  }
  for (size_t level = 0; level < tiles_.size(); ++level) {
    if (tiles_[level].dirty) PutTile(static_cast<int>(level), batch);
  }
  batch.Put(db_.integrity, kTreeKey, EncodeTree(range_.size(), range_.Root()));
}

void TreeWriter::AddToTile(int level, const Hash& hash, rocksdb::WriteBatch& batch) {
  if (static_cast<size_t>(level) >= tiles_.size()) tiles_.resize(level + 1);
  LevelTile& t = tiles_[level];
  if (t.hashes.capacity() < kTileWidth) t.hashes.reserve(kTileWidth);
  t.hashes.push_back(hash);
  t.dirty = true;
  if (t.hashes.size() == kTileWidth) {
    PutTile(level, batch);
    t.hashes.clear();
    ++t.index;
  }
}

void TreeWriter::PutTile(int level, rocksdb::WriteBatch& batch) {
  LevelTile& t = tiles_[level];
  t.dirty = false;
  if (t.hashes.empty()) return;  // a tile just completed and put
  batch.Put(db_.integrity, TileKey(level, t.index),
            rocksdb::Slice(reinterpret_cast<const char*>(t.hashes.data()),
                           t.hashes.size() * sizeof(Hash)));
}

}  // namespace jejak::store
