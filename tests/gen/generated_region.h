// A generated region in memory for the generator tests, and a walk over
// its lines parsed by the codec.
#pragma once

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "gen/generator.h"
#include "jejak/codec/event_json.h"

namespace jejak::gen::testing {

struct Generated {
  std::string text;
  std::vector<AnswerEntry> key;
  GenSummary summary;
};

inline Generated GenerateRegion(uint64_t employees, uint64_t seed, double rate = 0.05,
                                int start_year = 1995) {
  GenOptions o;
  o.employees = employees;
  o.seed = seed;
  o.violation_rate = rate;
  o.start_year = start_year;
  std::ostringstream out;
  Generated g;
  auto summary = Generate(o, out, &g.key);
  EXPECT_TRUE(summary.ok()) << summary.status().ToString();
  if (summary.ok()) g.summary = *summary;
  g.text = out.str();
  return g;
}

inline std::vector<std::string_view> Lines(const std::string& text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.emplace_back(text.data() + start, end - start);
    start = end + 1;
  }
  return out;
}

// Calls `f(position, reader, line)` for every line, failing on unparseable
// ones.
template <typename F>
void ForEachEvent(const codec::EventJson& json, const std::string& text, F f) {
  uint64_t position = 0;
  for (std::string_view line : Lines(text)) {
    ++position;
    auto ev = json.ParseInput(line);
    ASSERT_TRUE(ev.ok()) << "line " << position << ": " << ev.status().ToString();
    f(position, ev->reader(), line);
  }
}

}  // namespace jejak::gen::testing
