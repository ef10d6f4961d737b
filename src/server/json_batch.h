// Splitting a POST /v1/events body into its events' JSON texts, before
// the codec parses each one: a JSON array of objects, or NDJSON (one
// object a line, blank lines skipped). The split checks the structure the
// codec would otherwise meet unbounded: nesting depth and the number of
// items; the codec then checks each item in full.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/status.h"

namespace jejak::server {

struct BatchLimits {
  int max_depth = 32;        // objects and arrays nested in one item, the item included
  size_t max_items = 10'000;
};

struct BatchError {
  enum class Kind { kNone, kSyntax, kTooDeep, kTooMany };
  Kind kind = Kind::kNone;
  size_t item = 0;  // the 0-based item the error is in
  std::string message;
};

// Fills `items` with views into `body` (one per event, in order). `ndjson`
// selects the form. On an error returns false and fills `error`.
// REQUIRES: `body` is valid UTF-8.
bool SplitBatch(std::string_view body, bool ndjson, const BatchLimits& limits,
                std::vector<std::string_view>* items, BatchError* error);

}  // namespace jejak::server
