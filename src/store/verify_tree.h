// TreeVerifier: Verify's check of the Merkle tree (docs/format.md "Merkle
// tree", "Verify"): every record's entry is recomputed (with its salt),
// its leaf hash compared with the stored level-0 tile, every higher tile
// with the nodes recomputed from the leaves, and at the end the "tree"
// record with the recomputed size and root; no salt or tile is stored
// beyond what the tree of the head's size has.
//
// Thread safety: none; one per Verify.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "jejak/integrity/compact_range.h"
#include "jejak/integrity/sha256.h"
#include "jejak/schema/events.capnp.h"
#include "jejak/status.h"
#include "store/store_db.h"

namespace rocksdb {
class Iterator;
struct ReadOptions;
}  // namespace rocksdb

namespace jejak::store {

class TreeVerifier {
 public:
  // Reads with `read` (Verify's snapshot), which must outlive this object.
  TreeVerifier(const StoreDb& db, const rocksdb::ReadOptions& read);
  ~TreeVerifier();

  // The record at `position` (called for 1, 2, 3, ... in order) whose
  // decoded body is `body`, its payload of `kind`. Corruption naming what
  // differs; *bad_position
  // is set to the first position the failure concerns (a tile compared
  // after the leaves it holds names its first differing leaf).
  [[nodiscard]] Status Add(uint64_t position, std::string_view body,
                           schema::Payload::Which kind, uint64_t* bad_position);
  // After the last Add: the tree of the `size` records added. Sets
  // *root to the recomputed root.
  [[nodiscard]] Status Finish(uint64_t size, integrity::Hash* root,
                              uint64_t* bad_position);

 private:
  struct Level {
    uint64_t index = 0;                   // the tile being filled
    std::vector<integrity::Hash> hashes;  // its entries so far
  };
  // Compares the tile of `level` being filled with the stored one, which
  // must be exactly as wide; a full tile is then done with.
  Status CompareTile(int level, uint64_t* bad_position);
  void AddToLevel(int level, const integrity::Hash& hash);

  const StoreDb db_;
  const rocksdb::ReadOptions& read_;
  std::unique_ptr<rocksdb::Iterator> salts_;
  integrity::CompactRange range_;
  std::vector<Level> levels_;
  std::vector<int> full_;  // levels whose tile became full, to compare
  uint64_t tiles_seen_ = 0;
};

}  // namespace jejak::store
