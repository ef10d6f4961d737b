#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/replace_file.h"
#include "jejak/integrity/base64.h"
#include "jejak/integrity/checkpoint.h"
#include "jejak/witness/witness.h"

namespace jejak::witness {

namespace {

// State file: "jejak-witness v1\n<size>\n<base64 root>\n".
constexpr std::string_view kStateHeader = "jejak-witness v1";

Status Errno(const std::string& what) {
  return Status::IOError(what + ": " + std::strerror(errno));
}

}  // namespace

std::string WitnessState::FileName(std::string_view origin) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string name = "log-";
  for (unsigned char c : origin) {
    name.push_back(kHex[c >> 4]);
    name.push_back(kHex[c & 0xf]);
  }
  return name;
}

Result<std::optional<WitnessedTree>> WitnessState::Load(std::string_view origin) const {
  const std::string path = (std::filesystem::path(dir_) / FileName(origin)).string();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return std::optional<WitnessedTree>();
    return Errno("opening " + path);
  }
  std::string header, size_line, root_line, rest;
  std::getline(in, header);
  std::getline(in, size_line);
  std::getline(in, root_line);
  auto bad = [&](const std::string& what) {
    return Status::Corruption("witness state " + path + ": " + what);
  };
  if (header != kStateHeader) return bad("not a \"jejak-witness v1\" file");
  const auto size = integrity::ParseCanonicalDecimal(size_line);
  if (!size) return bad("bad size line");
  auto root = integrity::Base64Decode(root_line);
  if (!root.ok() || root->size() != sizeof(integrity::Hash)) return bad("bad root line");
  WitnessedTree tree;
  tree.size = *size;
  std::memcpy(tree.root.data(), root->data(), tree.root.size());
  return std::optional<WitnessedTree>(tree);
}

Status WitnessState::Store(std::string_view origin, const WitnessedTree& tree,
                           std::string_view checkpoint) const {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return Status::IOError("creating " + dir_ + ": " + ec.message());
  const std::string base = (std::filesystem::path(dir_) / FileName(origin)).string();
  JEJAK_RETURN_IF_ERROR(ReplaceFile(base + ".checkpoint", checkpoint));
  std::string data(kStateHeader);
  data += "\n" + std::to_string(tree.size) + "\n" +
          integrity::Base64Encode(std::string_view(
              reinterpret_cast<const char*>(tree.root.data()), tree.root.size())) +
          "\n";
  return ReplaceFile(base, data);
}

}  // namespace jejak::witness
