// Reads the profile family for the queries: index ranges and profiles.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

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

  // The profile of `nip`; Corruption when an index names a missing profile.
  [[nodiscard]] Result<ProfileState> Load(std::string_view nip);

  // What list queries show of a profile, read straight from the stored
  // message (no full decode: several times cheaper than Load).
  struct Brief {
    std::vector<std::string> cells;  // BaseCells
    std::string agency, unit;
    RankValue rank;
    schema::JabatanLevel level = schema::JabatanLevel::UNSPECIFIED;
    uint32_t birth_date = 0, recruited = 0, separated = 0;  // 0 = active
  };
  [[nodiscard]] Result<Brief> LoadBrief(std::string_view nip);

 private:
  Projector& p_;
};

// True when the profile's current placement is inside `scope`.
bool InScope(const ProfileState& s, const Scope& scope);
bool InScope(const IndexReader::Brief& b, const Scope& scope);

// NIP, NAME, AGENCY, UNIT, RANK, POSITION: the first columns of most tables.
std::vector<std::string> BaseColumns();
std::vector<std::string> BaseCells(const ProfileState& s);

}  // namespace jejak::projection
