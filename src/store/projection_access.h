// What the projections (src/projection) use of a store beyond its public
// interface: the RocksDB database and their own column families
// "proj.<name>". Internal to the library: users reach projections through
// jejak::Ledger. `store` must be the library's own EventStore (the one
// EventStore::Open returns). Thread safety as EventStore's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "jejak/status.h"
#include "jejak/store/event_store.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace jejak::store {

// The database. Projections write only their own families.
rocksdb::DB* RocksOf(EventStore& store);

// The column family "proj.<name>", created if missing. Owned by the store;
// valid until DropProjectionFamily(name) or the store closes.
// InvalidArgument for a name outside 1..64 of [A-Za-z0-9._-].
[[nodiscard]] Result<rocksdb::ColumnFamilyHandle*> ProjectionFamily(EventStore& store,
                                                                    std::string_view name);

// Drops "proj.<name>" and all its data; OK if missing. Its handle is
// destroyed: no other thread may be using it.
[[nodiscard]] Status DropProjectionFamily(EventStore& store, std::string_view name);

// The "<name>" of every "proj.<name>" the ledger holds, sorted.
std::vector<std::string> ProjectionFamilyNames(EventStore& store);

}  // namespace jejak::store
