// Opening a file an import reads (NDJSON, CSV, a CSV mapping).
#pragma once

#include <fstream>
#include <memory>
#include <string>

#include "jejak/status.h"

namespace jejak::ingest {

// Opens `path` for reading, in binary mode. NotFound when it does not
// exist or cannot be opened; InvalidArgument when it is a directory
// (a read from one would fail only later, with an I/O error). A device or
// a pipe (/dev/stdin) opens like a file.
[[nodiscard]] Result<std::unique_ptr<std::ifstream>> OpenInputFile(const std::string& path);

}  // namespace jejak::ingest
