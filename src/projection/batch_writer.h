// Writing one FoldBatch commit: key-sorted puts and deletes (state, index
// changes and the checkpoint) applied to the projection family atomically,
// either as one WriteBatch through the memtable or, into a family being
// rebuilt, as one SST file ingested whole.
#pragma once

#include <string>
#include <vector>

#include "jejak/status.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace jejak::projection {

struct Mutation {
  std::string key;
  std::string value;
  bool erase = false;
};

// Sorts `muts` by key, in place. REQUIRES: keys are distinct.
void SortByKey(std::vector<Mutation>& muts);

// Merges runs each sorted by key into one key-ordered list of pointers.
// REQUIRES: no key appears twice across the runs.
std::vector<const Mutation*> MergeRuns(const std::vector<std::vector<Mutation>>& runs);

// Applies `sorted` to `family` in one WriteBatch, without the WAL: state and
// checkpoint share the family's memtable, so a flush persists both or
// neither and a crash loses whole batches only. `what` names the batch in
// errors.
[[nodiscard]] Status WriteThroughMemtable(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                                          const std::vector<const Mutation*>& sorted,
                                          const std::string& what);

// Writes `runs` (each sorted by key; no key twice across them) into SST
// files of disjoint key ranges, `threads` files merged and written at once
// at `path_prefix` + "-<n>.sst.tmp", and ingests them into `family` in ONE
// call (the files are moved in). An ingestion is atomic and recorded in the
// MANIFEST: after a crash every file is in the family or none is, so state
// and checkpoint stay in step. Meant for a family being rebuilt: it skips
// the memtable and the later flush. Files left by a crash are overwritten
// by the next call.
[[nodiscard]] Status WriteByIngestion(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                                      const std::vector<std::vector<Mutation>>& runs,
                                      const std::string& path_prefix, size_t threads,
                                      const std::string& what);

}  // namespace jejak::projection
