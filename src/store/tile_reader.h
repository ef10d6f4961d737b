// RocksTileReader: the tiles of the ledger's Merkle tree, read from the
// integrity family ("tile/" keys, docs/format.md "Merkle tree").
//
// Thread safety: safe to use from one thread at a time; create one per
// reader. Tiles only grow (a partial tile is overwritten by a wider one, a
// full tile never changes), so reads need no snapshot: a reader asking for
// the tiles of a tree of size n gets those tiles or wider ones, whose
// prefixes are the same hashes.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "jejak/integrity/tile.h"
#include "store/store_db.h"

namespace jejak::store {

class RocksTileReader final : public integrity::TileReader {
 public:
  explicit RocksTileReader(const StoreDb& db) : db_(db) {}
  // data[i] holds at least tiles[i].width hashes. Corruption when a tile is
  // missing, shorter than asked or not a whole number of hashes; IOError.
  Status ReadTiles(std::span<const integrity::Tile> tiles,
                   std::vector<std::string>* data) override;

 private:
  const StoreDb db_;
};

}  // namespace jejak::store
