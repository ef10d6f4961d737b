#include "key_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace jejak::cli {

namespace {
// No key, vkey, checkpoint or proof file is anywhere near this size.
constexpr std::streamsize kMaxTextFile = 1 << 20;
}  // namespace

Status WriteKeyFile(const std::string& path, const std::string& line) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return Status::InvalidArgument(path + " exists: not overwriting a key");
    }
    return Status::IOError("creating " + path + ": " + std::strerror(errno));
  }
  const std::string data = line + "\n";
  const bool ok = ::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size()) &&
                  ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok) return Status::IOError("writing " + path + ": " + std::strerror(err));
  return Status::Ok();
}

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    const std::string what = "cannot open " + path + ": " + std::strerror(err);
    return err == ENOENT ? Status::NotFound(what) : Status::IOError(what);
  }
  std::string data(static_cast<size_t>(kMaxTextFile) + 1, '\0');
  in.read(data.data(), kMaxTextFile + 1);
  if (in.bad()) return Status::IOError("reading " + path);
  data.resize(static_cast<size_t>(in.gcount()));
  if (data.size() > static_cast<size_t>(kMaxTextFile)) {
    return Status::InvalidArgument(path + " is larger than " + std::to_string(kMaxTextFile) +
                                   " bytes");
  }
  return data;
}

Result<std::string> ReadKeyLine(const std::string& path) {
  auto data = ReadTextFile(path);
  if (!data.ok()) return data.status();
  const size_t eol = data->find('\n');
  return eol == std::string::npos ? *data : data->substr(0, eol);
}

Result<integrity::NoteSigner> ReadSignerKey(std::string path) {
  if (path.empty()) {
    const char* env = std::getenv("JEJAK_KEY");
    if (env == nullptr || *env == '\0') {
      return Status::InvalidArgument("no signing key: pass --key KEYFILE or set $JEJAK_KEY");
    }
    path = env;
  }
  auto line = ReadKeyLine(path);
  if (!line.ok()) return line.status();
  auto signer = integrity::ParseSignerKey(*line);
  if (!signer.ok()) return signer.status().WithContext(path);
  return signer;
}

}  // namespace jejak::cli
