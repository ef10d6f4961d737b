#include "store/projection_access.h"

#include "event_store_impl.h"

namespace jejak::store {

namespace {
EventStoreImpl& Impl(EventStore& store) { return static_cast<EventStoreImpl&>(store); }
}  // namespace

rocksdb::DB* RocksOf(EventStore& store) { return Impl(store).rocks(); }

Result<rocksdb::ColumnFamilyHandle*> ProjectionFamily(EventStore& store, std::string_view name) {
  return Impl(store).ProjectionFamily(name);
}

Status DropProjectionFamily(EventStore& store, std::string_view name) {
  return Impl(store).DropProjectionFamily(name);
}

std::vector<std::string> ProjectionFamilyNames(EventStore& store) {
  return Impl(store).ProjectionFamilyNames();
}

}  // namespace jejak::store
