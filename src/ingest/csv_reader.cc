#include "jejak/ingest/csv_reader.h"

#include "ingest/byte_source.h"

namespace jejak::ingest {

namespace {

constexpr int kEof = internal::ByteSource::kEnd;

}  // namespace

CsvReader::CsvReader(std::istream* in, char delimiter)
    : CsvReader(in, CsvReaderOptions{delimiter}) {}

CsvReader::CsvReader(std::istream* in, const CsvReaderOptions& options)
    : source_(std::make_unique<internal::ByteSource>(in)), options_(options) {}

CsvReader::~CsvReader() = default;

int CsvReader::Get() {
  const int c = source_->Get();
  if (c == '\n') ++line_;
  return c;
}

int CsvReader::Peek() { return source_->Peek(); }

std::string CsvReader::ReadRecord(std::vector<std::string>* fields, State* state,
                                  std::string* error) {
  const bool keep = fields != nullptr;
  std::string field;
  size_t bytes = 0;
  size_t count = 0;  // fields ended so far
  auto fail = [&](const std::string& why) {
    if (error->empty()) error->assign(why + " (field " + std::to_string(count + 1) + ")");
  };
  auto end_field = [&] {
    if (keep) fields->push_back(std::move(field));
    field.clear();
    ++count;
  };
  while (true) {
    const int c = Get();
    // A line break outside quotes ends the record and is not counted.
    const bool ends = *state != State::kQuoted && (c == '\n' || c == '\r');
    if (keep && c != kEof && !ends) {
      if (c == '\0') {
        return "a NUL byte in field " + std::to_string(count + 1) +
               " (text has none: save the file as UTF-8, not UTF-16)";
      }
      if (++bytes > options_.max_record_bytes) {
        return "longer than the limit of " + std::to_string(options_.max_record_bytes) +
               " bytes" + (*state == State::kQuoted ? " (a quote never closed?)" : "");
      }
    }
    if (*state == State::kQuoted) {
      if (c == kEof) {
        fail("a quoted field is not closed before the end of the file");
        break;
      }
      if (c == '"') {
        if (Peek() == '"') {
          Get();
          if (keep) field.push_back('"');
        } else {
          *state = State::kAfterQuote;
        }
      } else if (keep) {
        field.push_back(static_cast<char>(c));
      }
      continue;
    }
    if (c == kEof) break;
    if (c == options_.delimiter) {
      end_field();
      *state = State::kStart;
      if (keep && count >= options_.max_fields) {
        return "more than " + std::to_string(options_.max_fields) + " fields";
      }
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
    if (*state == State::kStart && c == '"') {
      *state = State::kQuoted;
      continue;
    }
    if (c == '"') fail("a quote inside an unquoted field (quote the whole field and double the quote)");
    if (*state == State::kAfterQuote) {
      fail("text after the closing quote of a field");
      *state = State::kUnquoted;
    }
    if (*state == State::kStart) *state = State::kUnquoted;
    if (keep) field.push_back(static_cast<char>(c));
  }
  end_field();
  return "";
}

Result<bool> CsvReader::Next(std::vector<std::string>* fields) {
  fields->clear();
  if (skipping_) {
    skipping_ = false;
    std::string ignored;
    (void)ReadRecord(nullptr, &skip_state_, &ignored);
  }
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
  if (Peek() == kEof) {
    if (!source_->status().ok()) {
      return source_->status().WithContext("CSV input, line " + std::to_string(line_));
    }
    return false;
  }
  ++record_;
  record_line_ = line_;
  const std::string where =
      "row " + std::to_string(record_) + " (line " + std::to_string(record_line_) + "): ";

  State state = State::kStart;
  std::string error;
  const std::string refused = ReadRecord(fields, &state, &error);
  if (!refused.empty()) {
    skipping_ = true;
    skip_state_ = state;
    return Status::InvalidArgument(where + refused);
  }
  if (!source_->status().ok()) {
    return source_->status().WithContext("CSV input, line " + std::to_string(line_));
  }
  if (!error.empty()) return Status::InvalidArgument(where + error);
  return true;
}

}  // namespace jejak::ingest
