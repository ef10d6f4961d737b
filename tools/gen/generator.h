// The synthetic region generator behind `jejak gen` (docs/generator.md).
//
// Generate() writes the NDJSON history of a made-up region: a few agencies
// (org/ streams with units, positions and competency standards), careers
// from recruitment to separation or `today` (emp/ streams), and selections
// (sel/ streams), in a plausible recording order, with violations of the
// audit rules injected at a given rate and listed in an answer key.
//
// Deterministic: the same options give the same bytes, on any machine.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "jejak/status.h"

namespace jejak::gen {

struct GenOptions {
  // Careers to generate (everyone ever recruited, retired ones included).
  // At least 1. Default 1000.
  uint64_t employees = 1000;
  // Seed of every random choice. Default 1.
  uint64_t seed = 1;
  // Year of the first recruitments (the region's history starts then).
  // 1960 .. year of `today` - 1. Default 1995.
  int start_year = 1995;
  // Probability that a decision opportunity (a rank promotion, a
  // selection, an evaluator's year) carries an injected violation. 0..1.
  // Default 0.02.
  double violation_rate = 0.02;
  // The simulation's "today" (YYYYMMDD): nothing is recorded after it.
  // Default 2026-11-22.
  uint32_t today = 20261122;
  // When true (default) and the rate is above 0, a rule that has not been
  // injected yet takes the first opportunity it gets in the last eight
  // years, so that even a small region exercises every rule.
  bool cover_every_rule = true;
};

// One injected violation: the rule (docs/generator.md), the stream and id
// of the event that carries it, and a human-readable detail.
struct AnswerEntry {
  std::string rule;
  std::string stream;
  std::string event_id;
  std::string detail;
};

struct GenSummary {
  uint64_t employees = 0;
  uint64_t events = 0;
  uint64_t selections = 0;
  uint64_t violations = 0;
};

// Writes the region to `out` (NDJSON, one event per line) and, when
// `answers` is not null, the answer key sorted by rule, stream, event id.
// InvalidArgument for bad options; IOError when writing fails.
[[nodiscard]] Result<GenSummary> Generate(const GenOptions& options, std::ostream& out,
                                          std::vector<AnswerEntry>* answers);

// The answer key as a JSON array, one entry per line:
// [{"rule": "...", "stream": "...", "eventId": "...", "detail": "..."}, ...]
std::string AnswersToJson(const std::vector<AnswerEntry>& answers);

}  // namespace jejak::gen
