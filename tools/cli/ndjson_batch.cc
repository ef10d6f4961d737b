#include "ndjson_batch.h"

namespace jejak::cli {

namespace {

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

}  // namespace

Status NdjsonBatch::Add(const codec::EventJson& json, std::string_view line,
                        size_t line_no) {
  if (IsBlank(line)) return Status::Ok();
  auto parsed = json.ParseInput(line);
  if (!parsed.ok()) return parsed.status().WithContext("line " + std::to_string(line_no));
  events_.push_back(std::move(parsed).value());
  line_nos_.push_back(line_no);
  return Status::Ok();
}

void NdjsonBatch::Clear() {
  events_.clear();
  line_nos_.clear();
}

void NdjsonBatch::Truncate(size_t n) {
  if (n >= events_.size()) return;
  events_.erase(events_.begin() + static_cast<std::ptrdiff_t>(n), events_.end());
  line_nos_.resize(n);
}

void NdjsonBatch::Erase(size_t i) {
  if (i >= events_.size()) return;
  events_.erase(events_.begin() + static_cast<std::ptrdiff_t>(i));
  line_nos_.erase(line_nos_.begin() + static_cast<std::ptrdiff_t>(i));
}

Result<store::AppendResult> NdjsonBatch::AppendTo(store::EventStore& store) const {
  const auto runs = store::StreamRuns(events_);
  auto result = store.Append(runs);
  if (!result.ok()) {
    size_t line = LineOfError(result.status());
    if (line != 0) return result.status().WithContext("line " + std::to_string(line));
  }
  return result;
}

size_t NdjsonBatch::LineOfError(const Status& s) const {
  const auto index = store::EventIndexOfError(s);
  return index && *index < line_nos_.size() ? line_nos_[*index] : 0;
}

Status ReadBatch(std::istream& in, const codec::EventJson& json, size_t max_events,
                 NdjsonBatch* batch, size_t* line_no, bool* at_end) {
  std::string line;
  *at_end = false;
  while (batch->size() < max_events) {
    if (!std::getline(in, line)) {
      *at_end = true;
      if (in.bad()) return Status::IOError("reading input after line " + std::to_string(*line_no));
      return Status::Ok();
    }
    ++*line_no;
    JEJAK_RETURN_IF_ERROR(batch->Add(json, line, *line_no));
  }
  return Status::Ok();
}

}  // namespace jejak::cli
