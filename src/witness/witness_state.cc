#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

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

Status WriteAll(int fd, std::string_view data, const std::string& path) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Errno("writing " + path);
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

// Writes `data` to `path` atomically: a temporary file, fsync, rename,
// fsync of the directory.
Status ReplaceFile(const std::string& dir, const std::string& path, std::string_view data) {
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("creating " + tmp);
  Status s = WriteAll(fd, data, tmp);
  if (s.ok() && ::fsync(fd) != 0) s = Errno("syncing " + tmp);
  if (::close(fd) != 0 && s.ok()) s = Errno("closing " + tmp);
  if (!s.ok()) return s;
  if (::rename(tmp.c_str(), path.c_str()) != 0) return Errno("renaming " + tmp);
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return Errno("opening " + dir);
  const int rc = ::fsync(dfd);
  ::close(dfd);
  if (rc != 0) return Errno("syncing " + dir);
  return Status::Ok();
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
  JEJAK_RETURN_IF_ERROR(ReplaceFile(dir_, base + ".checkpoint", checkpoint));
  std::string data(kStateHeader);
  data += "\n" + std::to_string(tree.size) + "\n" +
          integrity::Base64Encode(std::string_view(
              reinterpret_cast<const char*>(tree.root.data()), tree.root.size())) +
          "\n";
  return ReplaceFile(dir_, base, data);
}

}  // namespace jejak::witness
