// Direct RocksDB access to a closed ledger, for tests that tamper with the
// stored bytes or plant records written by other code.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <rocksdb/db.h>

namespace jejak::store::testing {

class RawDb {
 public:
  // Opens every column family of the database in `path`; fails the test
  // (and leaves db() null) if it cannot.
  explicit RawDb(const std::string& path);
  ~RawDb();
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  rocksdb::DB* db() { return db_; }
  rocksdb::ColumnFamilyHandle* family(const std::string& name);

  // Value of `key` in `family`; "" and a test failure if missing.
  std::string Get(const std::string& family, std::string_view key);
  void Put(const std::string& family, std::string_view key, std::string_view value);
  void Delete(const std::string& family, std::string_view key);
  // Flushes every family and rewrites all its tables with the options
  // this RawDb opened them with (RocksDB's defaults).
  void CompactAll();

 private:
  rocksdb::DB* db_ = nullptr;
  std::map<std::string, rocksdb::ColumnFamilyHandle*> families_;
};

// The 8-byte big-endian log key of `position`.
std::string LogKey(uint64_t position);

}  // namespace jejak::store::testing
