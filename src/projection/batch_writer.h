// Writing one batch commit (rebuild_batch.h, catch_up_batch.h): key-sorted puts and deletes (state, index
// changes and the checkpoint) applied to the projection family atomically,
// either as one WriteBatch through the memtable or, into a family being
// rebuilt, as one SST file ingested whole.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fold_tuning.h"
#include "jejak/status.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
class SstFileWriter;
}  // namespace rocksdb

namespace jejak::projection {

// One put or delete. It does not own its bytes: they live in the ByteArena
// of its run (or anything else that outlives the write).
struct Mutation {
  std::string_view key;
  std::string_view value;
  bool erase = false;
};

// The bytes of a run of mutations, copied into large chunks that never move
// (a view stays valid as long as the arena) and freed together: a commit of
// 100,000 profiles makes a million keys and values, and one allocation
// (and one free) for each cost more than encoding them. Chunks of
// tuning::kArenaChunkBytes, of ordinary pages. Not thread-safe.
class ByteArena {
 public:
  // A copy of the concatenation of `parts`.
  std::string_view Copy(std::initializer_list<std::string_view> parts);
  std::string_view Copy(std::string_view bytes) { return Copy({bytes}); }

 private:
  static constexpr size_t kChunk = tuning::kArenaChunkBytes;
  struct Free {
    void operator()(char* p) const;
  };
  char* NewChunk(size_t size);
  std::vector<std::unique_ptr<char, Free>> chunks_;
  char* free_ = nullptr;  // the unused end of the current chunk
  size_t left_ = 0;
};

// Sorts `muts` by key, in place. REQUIRES: keys are distinct.
void SortByKey(std::vector<Mutation>& muts);

// The same result as SortByKey, for mutations added employee by employee
// in NIP order: every key a prefix followed by an 18-byte NIP, so the
// mutations of one prefix (one index value: an agency, a rank, a date)
// already come in key order. Groups them by prefix and orders only the
// distinct prefixes (a commit of 100,000 profiles has 700,000 index keys
// but a few thousand prefixes). When the input breaks that assumption it
// falls back to SortByKey: the result is always key order.
// REQUIRES: keys are distinct.
void SortNipOrderedByKey(std::vector<Mutation>& muts);

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

// One SST file of a family being rebuilt, written by one thread with keys
// added in increasing order, then ingested by WriteByIngestion. The file
// is created by the first Add; the destructor removes it if it is still
// there (a failed commit; after an ingestion it was moved into the DB).
class SortedFile {
 public:
  SortedFile(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family, std::string path);
  SortedFile(SortedFile&& other) noexcept;
  SortedFile& operator=(SortedFile&&) = delete;
  ~SortedFile();

  // A put, or a delete when `erase`. REQUIRES: `key` is greater than every
  // key added before. After an error the file is unusable.
  [[nodiscard]] Status Add(std::string_view key, std::string_view value, bool erase = false);
  // Completes the file (nothing when nothing was added).
  [[nodiscard]] Status Finish();
  // A completed file with at least one entry, ready to be ingested.
  bool finished() const { return finished_; }
  const std::string& path() const { return path_; }

 private:
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* family_;
  std::string path_;
  std::unique_ptr<rocksdb::SstFileWriter> writer_;
  bool finished_ = false;
};

// Writes `runs` (each sorted by key; no key twice across them) into SST
// files of disjoint key ranges, `threads` files merged and written at once
// at `path_prefix` + "-<n>.sst.tmp", and ingests them into `family`
// together with the finished files of `ready` (whose keys must not overlap
// theirs) in ONE call (the files are moved in). An ingestion is atomic and
// recorded in the MANIFEST: after a crash every file is in the family or
// none is, so state and checkpoint stay in step. Meant for a family being
// rebuilt: it skips the memtable and the later flush. Files left by a crash
// are overwritten by the next call.
[[nodiscard]] Status WriteByIngestion(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                                      const std::vector<std::vector<Mutation>>& runs,
                                      const std::string& path_prefix, size_t threads,
                                      const std::string& what, std::vector<SortedFile>& ready);

// Moves the finished files at `paths` into `family` in ONE atomic
// ingestion (every file or none); a failure names `what`. The files are
// left to their SortedFile to remove on failure.
[[nodiscard]] Status IngestFiles(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                                 const std::vector<std::string>& paths, const std::string& what);

}  // namespace jejak::projection
