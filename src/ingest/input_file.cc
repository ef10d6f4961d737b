#include "jejak/ingest/input_file.h"

#include <filesystem>
#include <system_error>

namespace jejak::ingest {

Result<std::unique_ptr<std::ifstream>> OpenInputFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::InvalidArgument(path + " is a directory, not a file");
  }
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*in) return Status::NotFound("cannot open " + path);
  return in;
}

}  // namespace jejak::ingest
