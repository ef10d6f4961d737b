// RocksDB status -> jejak Status for the projection's reads and writes.
#pragma once

#include <rocksdb/status.h>

#include <string>

#include "jejak/status.h"

namespace jejak::projection {

inline Status FromRocks(const rocksdb::Status& s, const std::string& what) {
  if (s.ok()) return Status::Ok();
  if (s.IsCorruption()) return Status::Corruption(what + ": " + s.ToString());
  return Status::IOError(what + ": " + s.ToString());
}

}  // namespace jejak::projection
