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
// Not thread-safe. The stream is not owned and must outlive the reader.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "jejak/status.h"

namespace jejak::ingest {

class CsvReader {
 public:
  explicit CsvReader(std::istream* in, char delimiter = ',');

  // Reads the next record into `fields`. Returns true when a record was
  // read, false at the end of the input; InvalidArgument for a malformed
  // record (then `fields` holds what could be read and the next call
  // continues after it); IOError when the stream fails.
  [[nodiscard]] Result<bool> Next(std::vector<std::string>* fields);

  // 1-based number of the record last returned (the header is record 1).
  uint64_t record() const { return record_; }
  // 1-based line on which the record last returned started.
  uint64_t line() const { return record_line_; }

 private:
  int Get();
  int Peek();

  std::istream* in_;
  char delimiter_;
  uint64_t record_ = 0;
  uint64_t line_ = 1;          // current line
  uint64_t record_line_ = 0;
  bool started_ = false;
};

}  // namespace jejak::ingest
