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
// Appending is split in two so that the hashing can run on another thread
// than the one filling the batch: Grow() hashes and keeps what changed,
// PutChanges() puts it into the batch.
//
// Thread safety: none; one thread at a time (the writer or its helper, with
// a hand-off between them; or an upgrade).
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
  // Grow(leaves), then PutChanges(batch).
  void Append(std::span<const integrity::Hash> leaves, rocksdb::WriteBatch& batch);

  // Appends `leaves` to the in-memory tree (every node hash) and keeps the
  // tiles they changed until PutChanges. Touches no database.
  void Grow(std::span<const integrity::Hash> leaves);
  // Puts into `batch` every tile changed since the last PutChanges (full
  // tiles, then each level's partial tile once) and the "tree" record.
  void PutChanges(rocksdb::WriteBatch& batch);

  uint64_t size() const { return range_.size(); }
  // The root of the tree of size() leaves (computed by Grow and Load).
  const integrity::Hash& root() const { return root_; }

 private:
  TreeWriter(const StoreDb& db, integrity::CompactRange range)
      : db_(db), range_(std::move(range)), root_(range_.Root()) {}
  // Adds `hash` to the partial tile of `level`; a tile that becomes full is
  // kept for PutChanges and a new one started.
  void AddToTile(int level, const integrity::Hash& hash);

  struct LevelTile {
    uint64_t index = 0;                   // tile index at this level
    std::vector<integrity::Hash> hashes;  // its entries so far (< 256)
    bool dirty = false;                   // changed since the last PutChanges
  };
  struct FullTile {
    int level = 0;
    uint64_t index = 0;
    std::vector<integrity::Hash> hashes;  // 256
  };

  const StoreDb db_;
  integrity::CompactRange range_;
  integrity::Hash root_;
  std::vector<LevelTile> tiles_;  // by tile level
  // Tiles that became full since the last PutChanges, in order.
  std::vector<FullTile> full_;
  // Emptied tile vectors (capacity 256), reused for the next partial tiles.
  std::vector<std::vector<integrity::Hash>> spare_;
};

}  // namespace jejak::store
