// RocksDB status -> jejak Status, with context naming what was accessed.
#pragma once

#include <string>

#include <rocksdb/status.h>

#include "jejak/status.h"

namespace jejak::store {

inline Status FromRocks(const rocksdb::Status& s, const std::string& context) {
  if (s.ok()) return Status::Ok();
  const std::string msg = context + ": " + s.ToString();
  if (s.IsNotFound()) return Status::NotFound(msg);
  if (s.IsCorruption()) return Status::Corruption(msg);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(msg);
  return Status::IOError(msg);
}

}  // namespace jejak::store
