// ByteSource: the bytes of an std::istream, read in blocks through its
// stream buffer (internal to ingest).
//
// Never throws: libstdc++'s file buffer throws std::ios_failure from a
// failed read (a directory opened as a file, an I/O error), bypassing the
// stream's own error state; such a failure, or a stream without a buffer,
// ends the input and is kept in status() as IOError.
//
// Not thread-safe. The stream is not owned and must outlive the source.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

#include "jejak/status.h"

namespace jejak::ingest::internal {

class ByteSource {
 public:
  static constexpr int kEnd = -1;

  explicit ByteSource(std::istream* in);

  // The buffered bytes not consumed yet, reading a block first when there
  // are none. Empty at the end of the input (or after a failure).
  std::string_view Available() {
    if (pos_ == end_) Fill();
    return std::string_view(buffer_.data() + pos_, end_ - pos_);
  }
  // REQUIRES: n <= Available().size().
  void Consume(size_t n) { pos_ += n; }

  // The next byte (0..255) and consumes it, or kEnd.
  int Get() {
    if (pos_ == end_ && !Fill()) return kEnd;
    return static_cast<unsigned char>(buffer_[pos_++]);
  }
  // The next byte without consuming it, or kEnd.
  int Peek() {
    if (pos_ == end_ && !Fill()) return kEnd;
    return static_cast<unsigned char>(buffer_[pos_]);
  }

  // OK, or the IOError that ended the input early.
  const Status& status() const { return status_; }

 private:
  // Reads the next block; false at the end or on a failure.
  bool Fill();

  std::istream* in_;
  std::string buffer_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool done_ = false;
  Status status_;
};

}  // namespace jejak::ingest::internal
