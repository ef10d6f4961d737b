#include "server/access_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>

#include "common/replace_file.h"
#include "jejak/domain/date.h"
#include "jejak/json_string.h"

namespace jejak::server {

namespace {

Status Errno(const std::string& what) {
  return Status::IOError(what + ": " + std::strerror(errno));
}

std::string Line(uint64_t seq, const AccessRecord& r) {
  std::string s = "{\"seq\":" + std::to_string(seq) + ",\"atMicros\":" + std::to_string(r.at_micros);
  const std::pair<const char*, std::string> fields[] = {
      {"at", domain::FormatTimestamp(r.at_micros)}, {"nip", r.nip}, {"token", r.token},
      {"role", r.role}, {"method", r.method}, {"route", r.route}, {"path", r.path},
      {"from", r.from}};
  for (const auto& [name, value] : fields) {
    s += ",\"";
    s += name;
    s += "\":";
    AppendJsonString(value, &s);
  }
  s += "}\n";
  return s;
}

// The integer after `"<name>":` in a line this file wrote, or 0.
int64_t IntField(std::string_view line, std::string_view key) {
  const size_t at = line.find(key);
  if (at == std::string_view::npos) return 0;
  int64_t v = 0;
  const char* begin = line.data() + at + key.size();
  std::from_chars(begin, line.data() + line.size(), v);
  return v;
}

// The NIP of a line this file wrote (digits only: no escapes).
std::string_view NipField(std::string_view line) {
  constexpr std::string_view kKey = "\"nip\":\"";
  const size_t at = line.find(kKey);
  if (at == std::string_view::npos) return {};
  const size_t start = at + kKey.size();
  const size_t end = line.find('"', start);
  return end == std::string_view::npos ? std::string_view() : line.substr(start, end - start);
}

}  // namespace

AccessLog::AccessLog(std::string path, int fd, uint64_t seq, uint64_t bytes)
    : path_(std::move(path)), fd_(fd), next_seq_(seq + 1), durable_bytes_(bytes) {}

AccessLog::~AccessLog() { ::close(fd_); }

Result<std::unique_ptr<AccessLog>> AccessLog::Open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return Errno("opening the access log " + path);
  // Count the whole lines; cut off a last line a crash left unfinished.
  uint64_t lines = 0, whole = 0, offset = 0;
  char buf[1 << 16];
  while (true) {
    const ssize_t n = ::pread(fd, buf, sizeof buf, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Status s = Errno("reading the access log " + path);
      ::close(fd);
      return s;
    }
    if (n == 0) break;
    for (ssize_t i = 0; i < n; ++i) {
      if (buf[i] == '\n') {
        ++lines;
        whole = offset + static_cast<uint64_t>(i) + 1;
      }
    }
    offset += static_cast<uint64_t>(n);
  }
  if (whole != offset && (::ftruncate(fd, static_cast<off_t>(whole)) != 0 || ::fsync(fd) != 0)) {
    Status s = Errno("cutting the unfinished last line of the access log " + path);
    ::close(fd);
    return s;
  }
  return std::unique_ptr<AccessLog>(new AccessLog(path, fd, lines, whole));
}

Status AccessLog::WriteAndSync(const std::string& data) {
  JEJAK_RETURN_IF_ERROR(WriteAll(fd_, data, "the access log " + path_));
  if (::fdatasync(fd_) != 0) return Errno("syncing the access log " + path_);
  return Status::Ok();
}

Status AccessLog::Record(std::vector<AccessRecord> records) {
  if (records.empty()) return Status::Ok();
  std::unique_lock lock(mu_);
  if (!failed_.ok()) return Status::Unavailable("the access log failed earlier: " + failed_.message());
  for (const auto& r : records) pending_ += Line(next_seq_++, r);
  const uint64_t ticket = ++queued_;
  // Leader/follower group commit: whoever finds no write in progress
  // writes everything queued so far; the others wait for it.
  while (durable_ < ticket) {
    if (writing_) {
      cv_.wait(lock);
      continue;
    }
    writing_ = true;
    std::string batch = std::move(pending_);
    pending_.clear();
    const uint64_t upto = queued_;
    lock.unlock();
    Status s = WriteAndSync(batch);
    lock.lock();
    writing_ = false;
    if (s.ok()) {
      durable_bytes_ += batch.size();
    } else if (failed_.ok()) {
      failed_ = s;
    }
    durable_ = upto;
    cv_.notify_all();
  }
  if (!failed_.ok()) return Status::Unavailable("the access log failed: " + failed_.message());
  return Status::Ok();
}

Result<std::vector<std::string>> AccessLog::Read(std::string_view nip, int64_t since, uint64_t after,
                                                 size_t limit, uint64_t* next) const {
  uint64_t bytes = 0;
  {
    std::lock_guard lock(mu_);
    bytes = durable_bytes_;
  }
  *next = 0;
  std::ifstream in(path_, std::ios::binary);
  if (!in) return Status::IOError("cannot open the access log " + path_);
  std::vector<std::string> out;
  std::string line;
  uint64_t read = 0;
  while (read < bytes && std::getline(in, line)) {
    read += line.size() + 1;
    const uint64_t seq = static_cast<uint64_t>(IntField(line, "\"seq\":"));
    if (seq <= after) continue;
    if (!nip.empty() && NipField(line) != nip) continue;
    if (IntField(line, "\"atMicros\":") < since) continue;
    if (out.size() == limit) {
      *next = static_cast<uint64_t>(IntField(out.back(), "\"seq\":"));
      break;
    }
    out.push_back(line);
  }
  return out;
}

}  // namespace jejak::server
