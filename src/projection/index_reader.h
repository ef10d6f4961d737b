// Reads the profile family's indexes for the queries: ordered key ranges,
// each value parsed as a brief (index_entries.h). Queries never read a
// profile: every row comes from the index entry that selected it.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "index_entries.h"
#include "jejak/projection/projector.h"
#include "jejak/projection/queries.h"

namespace jejak::projection {

class IndexReader {
 public:
  explicit IndexReader(Projector& p) : p_(p) {}

  using Visit = std::function<Status(std::string_view key, std::string_view value)>;
  // Keys in [begin, end), in order. `visit` returning an error stops the scan.
  [[nodiscard]] Status Range(std::string_view begin, std::string_view end, const Visit& visit);
  // Keys starting with `prefix`.
  [[nodiscard]] Status Prefix(std::string_view prefix, const Visit& visit);

  // The same with each value parsed as a brief; Corruption (naming the
  // employee) for a value that is not one.
  using VisitBrief = std::function<Status(std::string_view key, const BriefView& brief)>;
  [[nodiscard]] Status BriefRange(std::string_view begin, std::string_view end, const VisitBrief& visit);
  [[nodiscard]] Status BriefPrefix(std::string_view prefix, const VisitBrief& visit);

 private:
  Projector& p_;
};

// True when the brief's current placement is inside `scope`.
bool InScope(const BriefView& b, const Scope& scope);

}  // namespace jejak::projection
