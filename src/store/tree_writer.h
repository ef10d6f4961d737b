// TreeWriter: the writer thread's Merkle tree (RFC 6962 over SHA-256,
// stored as C2SP tlog-tiles in the integrity family; docs/format.md
// "Merkle tree").
//
// It keeps the tree's right edge (a CompactRange: the roots of the perfect
// subtrees) and the partial tile of every level in memory, so appending a
// leaf costs O(1) hashes amortized, and each group writes only the tiles it
// changed: the partial tile of level 0 (overwritten as it grows), a tile
// that became full, and at a 256^L-leaf boundary a higher level's tile;
// plus the "tree" record (size, root). All of it goes into the group's
// WriteBatch, so the tree's size always equals the head position.
//
// Thread safety: none; used by one thread (the writer, or an upgrade).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "jejak/integrity/compact_range.h"
#include "jejak/integrity/sha256.h"
#include "jejak/status.h"
#include "store/store_db.h"

namespace rocksdb {
class WriteBatch;
}

namespace jejak::store {

class TreeWriter {
 public:
  // The tree of `size` leaves as stored in `db`'s integrity family.
  // Corruption when a tile it needs is missing or malformed.
  [[nodiscard]] static Result<std::unique_ptr<TreeWriter>> Load(const StoreDb& db,
                                                                uint64_t size);

  // Appends `leaves` and puts into `batch` every tile they changed and the
  // "tree" record. The in-memory state moves on at once: if the batch is
  // then not written, this TreeWriter must be discarded (the store is
  // failed until reopened, which loads it again).
  void Append(std::span<const integrity::Hash> leaves, rocksdb::WriteBatch& batch);

  uint64_t size() const { return range_.size(); }
  integrity::Hash root() const { return range_.Root(); }

 private:
  TreeWriter(const StoreDb& db, integrity::CompactRange range)
      : db_(db), range_(std::move(range)) {}
  // Adds `hash` to the partial tile of `level`; a tile that becomes full is
  // put into `batch` and a new one started.
  void AddToTile(int level, const integrity::Hash& hash, rocksdb::WriteBatch& batch);
  void PutTile(int level, rocksdb::WriteBatch& batch);

  struct LevelTile {
    uint64_t index = 0;                   // tile index at this level
    std::vector<integrity::Hash> hashes;  // its entries so far (< 256)
    bool dirty = false;                   // changed since last put
  };

  const StoreDb db_;
  integrity::CompactRange range_;
  std::vector<LevelTile> tiles_;  // by tile level
};

}  // namespace jejak::store
