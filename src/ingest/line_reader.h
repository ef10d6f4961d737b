// LineReader: the lines of a text input, each at most a bounded number of
// bytes (internal to ingest). Memory stays bounded whatever the input: a
// line over the limit is refused as soon as the limit is passed, before
// the rest of it is read, and skipped (never stored) if reading goes on.
//
// Lines end with LF; the LF is not part of the line (a CR before it is).
// A UTF-8 byte order mark at the very start is skipped. A line holding a
// NUL byte is refused (text has none; a UTF-16 file is full of them).
//
// Not thread-safe. The stream is not owned and must outlive the reader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>

#include "ingest/byte_source.h"
#include "jejak/status.h"

namespace jejak::ingest::internal {

class LineReader {
 public:
  LineReader(std::istream* in, size_t max_line_bytes);

  // Reads the next line into `line`. True when a line was read, false at
  // the end of the input. InvalidArgument "line N: ..." for a line over
  // the limit or with a NUL byte (the next call reads the line after it);
  // IOError when reading fails (the input then ends).
  [[nodiscard]] Result<bool> Next(std::string* line);

  // 1-based number of the line last returned (or refused).
  uint64_t line_no() const { return line_no_; }

 private:
  // Consumes up to and including the next LF; false at the end.
  bool SkipRestOfLine();

  ByteSource source_;
  size_t max_line_bytes_;
  uint64_t line_no_ = 0;
  bool started_ = false;
  bool skipping_ = false;  // the line last refused for its length goes on
};

}  // namespace jejak::ingest::internal
