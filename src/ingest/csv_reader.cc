#include "jejak/ingest/csv_reader.h"

namespace jejak::ingest {

namespace {

constexpr int kEof = std::char_traits<char>::eof();

}  // namespace

CsvReader::CsvReader(std::istream* in, char delimiter) : in_(in), delimiter_(delimiter) {}

int CsvReader::Get() {
  const int c = in_->rdbuf()->sbumpc();
  if (c == '\n') ++line_;
  return c;
}

int CsvReader::Peek() { return in_->rdbuf()->sgetc(); }

Result<bool> CsvReader::Next(std::vector<std::string>* fields) {
  fields->clear();
  if (in_->rdbuf() == nullptr) return Status::IOError("CSV input has no stream buffer");
  if (!started_) {
    started_ = true;
    // A UTF-8 byte order mark, as spreadsheets write it.
    static constexpr unsigned char kBom[] = {0xEF, 0xBB, 0xBF};
    if (Peek() == kBom[0]) {
      Get();
      if (Peek() == kBom[1]) Get();
      if (Peek() == kBom[2]) Get();
    }
  }
  if (Peek() == kEof) return false;
  ++record_;
  record_line_ = line_;

  enum class State { kStart, kUnquoted, kQuoted, kAfterQuote };
  State state = State::kStart;
  std::string field;
  std::string error;
  auto fail = [&](const std::string& why) {
    if (error.empty()) error = why + " (field " + std::to_string(fields->size() + 1) + ")";
  };
  while (true) {
    const int c = Get();
    if (state == State::kQuoted) {
      if (c == kEof) {
        fail("a quoted field is not closed before the end of the file");
        break;
      }
      if (c == '"') {
        if (Peek() == '"') {
          Get();
          field.push_back('"');
        } else {
          state = State::kAfterQuote;
        }
      } else {
        field.push_back(static_cast<char>(c));
      }
      continue;
    }
    if (c == kEof) break;
    if (c == delimiter_) {
      fields->push_back(std::move(field));
      field.clear();
      state = State::kStart;
      continue;
    }
    if (c == '\n') break;
    if (c == '\r') {
      if (Peek() == '\n') {
        Get();
      } else {
        ++line_;  // a lone CR ends a line too
      }
      break;
    }
    if (state == State::kStart && c == '"') {
      state = State::kQuoted;
      continue;
    }
    if (c == '"') fail("a quote inside an unquoted field (quote the whole field and double the quote)");
    if (state == State::kAfterQuote) {
      fail("text after the closing quote of a field");
      state = State::kUnquoted;
    }
    if (state == State::kStart) state = State::kUnquoted;
    field.push_back(static_cast<char>(c));
  }
  fields->push_back(std::move(field));
  if (in_->bad()) return Status::IOError("reading the CSV input failed at line " +
                                         std::to_string(line_));
  if (!error.empty()) {
    return Status::InvalidArgument("row " + std::to_string(record_) + " (line " +
                                   std::to_string(record_line_) + "): " + error);
  }
  return true;
}

}  // namespace jejak::ingest
