#include "jejak/ingest/ndjson_reader.h"

#include <string>

#include "ingest/line_reader.h"
#include "jejak/domain/validate.h"

namespace jejak::ingest {

namespace {

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

}  // namespace

NdjsonReader::NdjsonReader(std::istream* in, const codec::EventJson* json,
                           NdjsonReaderOptions options)
    : lines_(std::make_unique<internal::LineReader>(in, options.max_line_bytes)),
      json_(json),
      options_(options) {}

NdjsonReader::~NdjsonReader() = default;

uint64_t NdjsonReader::lines() const { return lines_->line_no(); }

Status NdjsonReader::ReadChunk(size_t max_events, bool keep_going, EventBatch* batch,
                               std::vector<LineError>* errors, bool* at_end) {
  *at_end = false;
  std::string line;
  for (size_t added = 0; added < max_events;) {
    auto next = lines_->Next(&line);
    if (!next.ok() && !next.status().IsInvalidArgument()) {
      *at_end = true;
      return next.status();
    }
    if (next.ok() && !*next) {
      *at_end = true;
      return Status::Ok();
    }
    const uint64_t line_no = lines_->line_no();
    Status refused;
    if (!next.ok()) {
      refused = next.status();  // already "line N: ..."
    } else if (IsBlank(line)) {
      continue;
    } else if (auto event = json_->ParseInput(line, options_.max_line_bytes); !event.ok()) {
      refused = event.status().WithContext("line " + std::to_string(line_no));
    } else if (Status valid = options_.validate ? domain::ValidateEventInput(event->reader())
                                                : Status::Ok();
               !valid.ok()) {
      refused = valid.WithContext("line " + std::to_string(line_no));
    } else {
      batch->Add(std::move(*event), line_no);
      ++added;
      continue;
    }
    errors->push_back({line_no, std::move(refused)});
    if (!keep_going) return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace jejak::ingest
