// NdjsonReader: the events of an NDJSON input (docs/events.md), line by
// line, each parsed with the codec (and optionally checked as the store
// would before appending), with bounded memory whatever the input.
//
// A line is at most `max_line_bytes` (1 MiB by default, the codec's
// limit): a longer one is refused as soon as that many bytes are read,
// never held whole. A UTF-8 byte order mark at the start is skipped;
// blank lines are skipped; a line with a NUL byte is refused.
//
// Not thread-safe. `in` and `json` are not owned and must outlive the
// reader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <vector>

#include "jejak/codec/event_json.h"
#include "jejak/ingest/event_batch.h"
#include "jejak/status.h"

namespace jejak::ingest {

namespace internal {
class LineReader;
}

struct NdjsonReaderOptions {
  // Longest line accepted, in bytes. Default 1 MiB.
  size_t max_line_bytes = 1u << 20;
  // Also run domain::ValidateEventInput on each event, so that a line the
  // store would refuse for its content alone is refused here, as its own
  // line. Default false (the store checks at append anyway).
  bool validate = false;
};

// A refused line: its number and InvalidArgument "line N: ...".
struct LineError {
  uint64_t line = 0;
  Status status;
};

class NdjsonReader {
 public:
  NdjsonReader(std::istream* in, const codec::EventJson* json, NdjsonReaderOptions options = {});
  ~NdjsonReader();

  // Reads lines into `batch` until it holds `max_events` more events or the
  // input ends (`*at_end` then true). A refused line is added to `errors`;
  // with `keep_going` reading goes on after it, else it stops there.
  // Returns OK, or the IOError that ended the input (`*at_end` true).
  [[nodiscard]] Status ReadChunk(size_t max_events, bool keep_going, EventBatch* batch,
                                 std::vector<LineError>* errors, bool* at_end);

  // Lines read so far (the number of the last one).
  uint64_t lines() const;

 private:
  std::unique_ptr<internal::LineReader> lines_;
  const codec::EventJson* json_;
  NdjsonReaderOptions options_;
};

}  // namespace jejak::ingest
