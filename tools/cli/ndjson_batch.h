// Reading NDJSON event lines and turning them into one atomic Append.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

#include "jejak/codec/event_json.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"

namespace jejak::cli {

// Events of consecutive input lines, grouped for EventStore::Append.
// Order is preserved exactly: positions are assigned in line order, so a
// correction may name an event of an earlier line by its position.
class NdjsonBatch {
 public:
  // Parses `line` (1-based `line_no` in its source) and adds it. Blank
  // lines are skipped. InvalidArgument "line N: <field>: <reason>"; the
  // batch is unchanged then.
  Status Add(const codec::EventJson& json, std::string_view line, size_t line_no);

  size_t size() const { return events_.size(); }
  bool empty() const { return events_.empty(); }
  size_t line_no(size_t i) const { return line_nos_[i]; }
  void Clear();

  // Drops the events from index `n` on.
  void Truncate(size_t n);
  // Drops the event at index `i`.
  void Erase(size_t i);

  // Appends every event of the batch in one atomic call: consecutive lines
  // of one stream form one StreamAppend; a line with an explicit
  // non-"any" expectedVersion starts a new one carrying it. On an error
  // that names an event, the message is rewritten to name its input line.
  Result<store::AppendResult> AppendTo(store::EventStore& store) const;

  // The input line of the event the store's error names, or 0.
  size_t LineOfError(const Status& s) const;

 private:
  std::vector<store::NewEvent> events_;
  std::vector<size_t> line_nos_;
};

// Reads lines from `in` into `batch` until it holds `max_events` events or
// the input ends. `line_no` counts lines read so far (updated). Returns
// false at end of input with nothing more read.
Status ReadBatch(std::istream& in, const codec::EventJson& json, size_t max_events,
                 NdjsonBatch* batch, size_t* line_no, bool* at_end);

}  // namespace jejak::cli
