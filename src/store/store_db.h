// The open RocksDB database and the column families the store owns.
#pragma once

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace jejak::store {

// Non-owning view; the EventStore owns the database and the handles.
struct StoreDb {
  rocksdb::DB* db = nullptr;
  rocksdb::ColumnFamilyHandle* log = nullptr;
  rocksdb::ColumnFamilyHandle* streams = nullptr;
  rocksdb::ColumnFamilyHandle* event_ids = nullptr;
  rocksdb::ColumnFamilyHandle* integrity = nullptr;
  // A reader's secondary instance (StoreOptions::read_only): its view is
  // fixed when opened (never caught up again), and RocksDB refuses reads
  // through a snapshot on it, so readers read without one.
  bool fixed_view = false;
};

}  // namespace jejak::store
