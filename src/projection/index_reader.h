// Reads the profile family's indexes for the queries: ordered key ranges,
// each value parsed as a brief (index_entries.h). Queries never read a
// profile: every row comes from the index entry that selected it.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "generation.h"
#include "index_entries.h"
#include "projector.h"
#include "jejak/projection/queries.h"

namespace rocksdb {
class Snapshot;
}

namespace jejak::projection {

class IndexReader {
 public:
  // Pins `p`'s current generation and a snapshot of it: every scan of
  // this reader sees the same projection, even across a rebuild's switch.
  explicit IndexReader(Projector& p);
  ~IndexReader();

  using Visit = std::function<Status(std::string_view key, std::string_view value)>;
  // Keys in [begin, end), in order. `visit` returning an error stops the scan.
  [[nodiscard]] Status Range(std::string_view begin, std::string_view end, const Visit& visit);
  // Keys starting with `prefix`.
  [[nodiscard]] Status Prefix(std::string_view prefix, const Visit& visit);

  // The first key in [begin, end) (end "" = no bound), or none.
  [[nodiscard]] Result<std::optional<std::string>> FirstKey(std::string_view begin, std::string_view end);

  // The same with each value parsed as a brief; Corruption (naming the
  // employee) for a value that is not one.
  using VisitBrief = std::function<Status(std::string_view key, const BriefView& brief)>;
  [[nodiscard]] Status BriefRange(std::string_view begin, std::string_view end, const VisitBrief& visit);
  [[nodiscard]] Status BriefPrefix(std::string_view prefix, const VisitBrief& visit);

 private:
  std::shared_ptr<Generation> gen_;
  const rocksdb::Snapshot* snapshot_;
};

// The smallest key greater than every key starting with `prefix`; empty
// when there is none (a prefix of 0xff bytes).
std::string PrefixEnd(std::string_view prefix);

}  // namespace jejak::projection
