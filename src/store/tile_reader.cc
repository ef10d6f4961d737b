#include "store/tile_reader.h"

#include <rocksdb/db.h>

#include "store/keys.h"
#include "store/rocks_status.h"

namespace jejak::store {

Status RocksTileReader::ReadTiles(std::span<const integrity::Tile> tiles,
                                  std::vector<std::string>* data) {
  const size_t n = tiles.size();
  std::vector<std::string> keys;
  keys.reserve(n);
  std::vector<rocksdb::Slice> slices;
  slices.reserve(n);
  for (const auto& t : tiles) {
    keys.push_back(TileKey(t.level, t.index));
    slices.emplace_back(keys.back());
  }
  std::vector<rocksdb::PinnableSlice> values(n);
  std::vector<rocksdb::Status> statuses(n);
  db_.db->MultiGet(rocksdb::ReadOptions(), db_.integrity, n, slices.data(),
                   values.data(), statuses.data());
  data->resize(n);
  for (size_t i = 0; i < n; ++i) {
    const integrity::Tile& t = tiles[i];
    const std::string name =
        "tile " + std::to_string(t.level) + "/" + std::to_string(t.index);
    if (statuses[i].IsNotFound()) {
      return Status::Corruption(name + " is missing from the integrity family");
    }
    if (!statuses[i].ok()) return FromRocks(statuses[i], "reading " + name);
    const size_t bytes = values[i].size();
    if (bytes % sizeof(integrity::Hash) != 0 ||
        bytes < static_cast<size_t>(t.width) * sizeof(integrity::Hash) ||
        bytes > integrity::kTileWidth * sizeof(integrity::Hash)) {
      return Status::Corruption(name + " holds " + std::to_string(bytes) +
                                " bytes, want " + std::to_string(t.width) +
                                " hashes or more (of 32 bytes, at most 256)");
    }
    (*data)[i].assign(values[i].data(), bytes);
  }
  return Status::Ok();
}

}  // namespace jejak::store
