// CsvReader: records of a CSV file (RFC 4180), one at a time.
//
// Fields are separated by `delimiter` (',' by default; spreadsheets set to
// Indonesian locale often export ';'). A field in double quotes may hold
// the delimiter, line breaks and doubled quotes (""), which stand for one
// quote. Records end with LF or CRLF; a final line break is optional; a
// UTF-8 byte order mark at the start is skipped. Outside quotes a field is
// taken as is (no trimming here).
//
// A malformed record (a quote inside an unquoted field, text after a
// closing quote, a quoted field still open at the end of the input) is
// reported by Next() as InvalidArgument naming the record's line, and
// reading goes on with the next record: one bad row never loses the rest.
//
// Memory stays bounded whatever the input: a record over
// `max_record_bytes` or `max_fields`, or holding a NUL byte, is refused as
// soon as that is seen, before the rest of it is read; the next call skips
// the rest (an unclosed quote makes that the rest of the input).
//
// Not thread-safe. The stream is not owned and must outlive the reader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "jejak/status.h"

namespace jejak::ingest {

namespace internal {
class ByteSource;
}

struct CsvReaderOptions {
  char delimiter = ',';
  // Largest record, in bytes (delimiters and quotes included). Default 1 MiB.
  size_t max_record_bytes = 1u << 20;
  // Most fields in one record. Default 10,000.
  size_t max_fields = 10'000;
};

class CsvReader {
 public:
  explicit CsvReader(std::istream* in, char delimiter = ',');
  CsvReader(std::istream* in, const CsvReaderOptions& options);
  ~CsvReader();

  // Reads the next record into `fields`. Returns true when a record was
  // read, false at the end of the input; InvalidArgument for a malformed
  // or refused record (then `fields` holds what could be read and the next
  // call continues after it); IOError when the stream fails.
  [[nodiscard]] Result<bool> Next(std::vector<std::string>* fields);

  // 1-based number of the record last returned (the header is record 1).
  uint64_t record() const { return record_; }
  // 1-based line on which the record last returned started.
  uint64_t line() const { return record_line_; }

 private:
  enum class State { kStart, kUnquoted, kQuoted, kAfterQuote };
  int Get();
  int Peek();
  // Reads (or, with fields == nullptr, skips) a record from `state` on.
  // Returns why it was refused before its end ("" when it ended), and
  // leaves in `*state` where it stopped.
  std::string ReadRecord(std::vector<std::string>* fields, State* state, std::string* error);

  std::unique_ptr<internal::ByteSource> source_;
  CsvReaderOptions options_;
  uint64_t record_ = 0;
  uint64_t line_ = 1;          // current line
  uint64_t record_line_ = 0;
  bool started_ = false;
  bool skipping_ = false;      // the last record was refused before its end
  State skip_state_ = State::kStart;
};

}  // namespace jejak::ingest
