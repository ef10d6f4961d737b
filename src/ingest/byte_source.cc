#include "ingest/byte_source.h"

#include <exception>

namespace jejak::ingest::internal {

namespace {

constexpr size_t kBlockBytes = 64u << 10;

}  // namespace

ByteSource::ByteSource(std::istream* in) : in_(in), buffer_(kBlockBytes, '\0') {}

bool ByteSource::Fill() {
  pos_ = end_ = 0;
  if (done_) return false;
  std::streambuf* buf = in_->rdbuf();
  if (buf == nullptr) {
    done_ = true;
    status_ = Status::IOError("the input has no stream buffer");
    return false;
  }
  std::streamsize got = 0;
  try {
    got = buf->sgetn(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  } catch (const std::exception& e) {
    done_ = true;
    status_ = Status::IOError(std::string("reading the input failed: ") + e.what());
    return false;
  } catch (...) {
    done_ = true;
    status_ = Status::IOError("reading the input failed");
    return false;
  }
  if (got <= 0) {
    done_ = true;
    return false;
  }
  end_ = static_cast<size_t>(got);
  return true;
}

}  // namespace jejak::ingest::internal
