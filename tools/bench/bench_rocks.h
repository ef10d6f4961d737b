// Plain RocksDB baselines for the benchmarks: a database with the same
// options as a column family of an existing database, raw batched writes,
// prefix reads and full scans — no encoding, no hashing.
//
// Errors are returned as messages ("" = success).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

namespace jejak::bench {

// Options of column family `family` of the RocksDB database in `db_path`
// (from its latest OPTIONS file) with create_if_missing set and a fresh LRU
// block cache of `cache_bytes` (the OPTIONS file does not record the
// cache): a plain database tuned like that family. Concurrent memtable
// writes stay on (RocksDB's default; the ledger turns them off for its
// event_ids hash memtable, which a one-family database does not have). When
// the options cannot be read, RocksDB defaults with that cache, and *note
// says why.
rocksdb::Options OptionsLikeFamily(const std::string& db_path, const std::string& family,
                                   size_t cache_bytes, std::string* note);

// A plain database with the column families (names and options) of
// another one. Owns the database; closes it on destruction.
class RawFamilies {
 public:
  RawFamilies() = default;
  ~RawFamilies();
  RawFamilies(const RawFamilies&) = delete;
  RawFamilies& operator=(const RawFamilies&) = delete;

  // Creates the database at `path` with the families of the database in
  // `like_path` (from its OPTIONS file), all sharing a fresh LRU block cache
  // of `cache_bytes`. Error message or "".
  std::string Open(const std::string& like_path, const std::string& path, size_t cache_bytes);

  rocksdb::DB* db() const { return db_.get(); }
  // The handle of family `name`; nullptr if there is none.
  rocksdb::ColumnFamilyHandle* family(std::string_view name) const;

 private:
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<std::string> names_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

// Opens (creating) a plain database; nullptr and *error on failure.
std::unique_ptr<rocksdb::DB> OpenRaw(const rocksdb::Options& options, const std::string& path,
                                     std::string* error);

// Every (key, value) of column family `family` of the database in
// `db_path`, opened read-only, in key order. Error message or "".
std::string ReadFamily(const std::string& db_path, const std::string& family,
                       std::vector<std::pair<std::string, std::string>>* out);

// 8-byte big-endian key of `n`, and back (0 unless `key` has 8 bytes).
std::string BigEndianKey(uint64_t n);
uint64_t FromBigEndianKey(std::string_view key);

// One Put: `family` nullptr is the default family.
struct RawPut {
  rocksdb::ColumnFamilyHandle* family = nullptr;
  std::string_view key;
  std::string_view value;
};

// One WriteBatch of `puts`, written with `sync`.
std::string WritePuts(rocksdb::DB* db, bool sync, const std::vector<RawPut>& puts);
// The same in `*batch` (cleared first), which a writer keeps across calls
// as the store keeps its group batch: its buffer is not allocated afresh
// for every call (a large fresh buffer is page-faulted in each time, which
// made raw batches of 1,000 slower per event than batches of 100).
std::string WritePuts(rocksdb::DB* db, bool sync, const std::vector<RawPut>& puts,
                      rocksdb::WriteBatch* batch);

// Reads every value whose key starts with `prefix` through a fresh
// iterator (seek + next). Adds the value bytes' sizes and first bytes to
// *checksum so the reads cannot be optimized away. Returns how many.
uint64_t ReadPrefix(rocksdb::DB* db, std::string_view prefix, uint64_t* checksum);

// Iterates the whole database in key order, touching every value as
// ReadPrefix does, with a readahead of kScanReadaheadBytes (as the ledger's
// log iterator: without it every block is a read syscall). Returns how many
// pairs.
inline constexpr size_t kScanReadaheadBytes = 2u << 20;
uint64_t ScanAll(rocksdb::DB* db, uint64_t* checksum);

}  // namespace jejak::bench
