// Files of the source tree, for the tests that check docs and examples.
#pragma once

#include <capnp/schema.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "jejak/schema/events.capnp.h"

namespace jejak::testing {

// $JEJAK_SOURCE_DIR (set by ctest), else the tree this test was built from.
inline std::string SourceDir() {
  if (const char* dir = std::getenv("JEJAK_SOURCE_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return JEJAK_DEFAULT_SOURCE_DIR;
}

// The whole file; empty when it cannot be read.
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The payload's union member name ("rankPromoted"), "" when unset.
inline std::string KindName(schema::Payload::Reader p) {
  KJ_IF_MAYBE (f, capnp::Schema::from<schema::Payload>().getFieldByDiscriminant(p.which())) {
    return f->getProto().getName().cStr();
  }
  return "";
}

}  // namespace jejak::testing
