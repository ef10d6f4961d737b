#include "store/checkpoint_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/replace_file.h"
#include "jejak/integrity/checkpoint.h"

namespace jejak::store {

namespace {

constexpr std::string_view kRecordTag = "jejak-checkpoint ";
// A note this large is not a checkpoint: the bound stops a damaged length
// from asking for gigabytes.
constexpr uint64_t kMaxNoteBytes = 1 << 20;

std::string FilePath(const std::string& dir) {
  return (std::filesystem::path(dir) / CheckpointFileName()).string();
}

Status Errno(const std::string& what) {
  return Status::IOError(what + ": " + std::strerror(errno));
}

// Parses the records of `data`; *complete_bytes is where the last complete
// record ends.
Result<std::vector<FiledCheckpoint>> ParseRecords(const std::string& data,
                                                  const std::string& path,
                                                  size_t* complete_bytes) {
  std::vector<FiledCheckpoint> out;
  size_t at = 0;
  *complete_bytes = 0;
  while (at < data.size()) {
    const size_t eol = data.find('\n', at);
    if (eol == std::string::npos) break;  // a cut header
    const std::string_view line = std::string_view(data).substr(at, eol - at);
    auto bad = [&](const std::string& what) {
      return Status::Corruption(path + ": record at byte " + std::to_string(at) + ": " + what);
    };
    if (!line.starts_with(kRecordTag)) return bad("not a \"jejak-checkpoint N\" line");
    const auto length = integrity::ParseCanonicalDecimal(line.substr(kRecordTag.size()));
    if (!length || *length == 0 || *length > kMaxNoteBytes) return bad("bad note length");
    if (data.size() - (eol + 1) < *length) break;  // a cut note
    auto filed = ParseFiledCheckpoint(std::string_view(data).substr(eol + 1, *length));
    if (!filed.ok()) return bad(filed.status().message());
    out.push_back(std::move(filed).value());
    at = eol + 1 + *length;
    *complete_bytes = at;
  }
  return out;
}

Result<std::string> ReadWhole(const std::string& path, bool* exists) {
  std::error_code ec;
  *exists = std::filesystem::exists(path, ec);
  if (!*exists) return std::string();
  std::ifstream in(path, std::ios::binary);
  if (!in) return Errno("opening " + path);
  std::ostringstream data;
  data << in.rdbuf();
  if (in.bad()) return Errno("reading " + path);
  return data.str();
}

}  // namespace

const char* CheckpointFileName() { return "jejak-checkpoints"; }

Result<FiledCheckpoint> ParseFiledCheckpoint(std::string_view note) {
  auto checkpoint = integrity::ParseSignedCheckpoint(note);
  if (!checkpoint.ok()) return checkpoint.status();
  FiledCheckpoint filed;
  filed.origin = checkpoint->origin;
  filed.size = checkpoint->size;
  filed.root = checkpoint->root;
  filed.note.assign(note);
  return filed;
}

Result<std::vector<FiledCheckpoint>> ReadCheckpointFile(const std::string& dir) {
  const std::string path = FilePath(dir);
  bool exists = false;
  auto data = ReadWhole(path, &exists);
  if (!data.ok()) return data.status();
  size_t complete = 0;
  return ParseRecords(*data, path, &complete);
}

Result<std::optional<FiledCheckpoint>> LastFiledCheckpoint(const std::string& dir) {
  auto all = ReadCheckpointFile(dir);
  if (!all.ok()) return all.status();
  if (all->empty()) return std::optional<FiledCheckpoint>();
  return std::optional<FiledCheckpoint>(std::move(all->back()));
}

Status FileCheckpoint(const std::string& dir, std::string_view note) {
  auto parsed = ParseFiledCheckpoint(note);
  if (!parsed.ok()) return parsed.status();
  const std::string path = FilePath(dir);
  bool exists = false;
  auto data = ReadWhole(path, &exists);
  if (!data.ok()) return data.status();
  size_t complete = 0;
  auto records = ParseRecords(*data, path, &complete);
  if (!records.ok()) return records.status();

  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("opening " + path);
  auto fail = [&](const std::string& what) {
    Status s = Errno(what + " " + path);
    ::close(fd);
    return s;
  };
  // A record cut short by a crash is dropped before the new one.
  if (complete != data->size() && ::ftruncate(fd, static_cast<off_t>(complete)) != 0) {
    return fail("truncating");
  }
  std::string record(kRecordTag);
  record += std::to_string(note.size());
  record += '\n';
  record.append(note);
  size_t written = 0;
  while (written < record.size()) {
    const ssize_t n = ::pwrite(fd, record.data() + written, record.size() - written,
                               static_cast<off_t>(complete + written));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("writing");
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("syncing");
  if (::close(fd) != 0) return Errno("closing " + path);
  if (!exists) return SyncDirectory(dir);
  return Status::Ok();
}

}  // namespace jejak::store
