// What the queries know of agencies and units, read from one IndexReader's
// snapshot of the profile family: which agencies and units exist, unit
// names, a unit's sub-units, and the check of a query's scope.
//
// An agency exists when it has employees ("ia") or reference data ("o");
// a unit when the agency defined it ("o" agency "u") or it holds active
// employees ("iu"). An agency's name is the one its agencyDefined gave (kept
// as the agency's root unit, id ""), "" when it has none.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "index_reader.h"
#include "jejak/projection/queries.h"

namespace jejak::projection {

// A scope checked against the catalog: the agency ("" = everyone) and the
// unit with every unit below it (empty = the whole agency).
struct ResolvedScope {
  std::string agency;
  std::vector<std::string> units;  // sorted

  bool Contains(const BriefView& b) const;
};

class OrgCatalog {
 public:
  // `reader` must outlive the catalog.
  explicit OrgCatalog(IndexReader& reader) : reader_(reader) {}

  // Every agency, sorted.
  [[nodiscard]] Result<std::vector<std::string>> Agencies();
  [[nodiscard]] Result<bool> HasAgency(const std::string& agency);
  // Every unit of `agency`, sorted by id: its definition, or a unit of
  // that id with no name and no parent when only employees name it (the
  // agency's own root unit left out).
  [[nodiscard]] Result<std::vector<UnitDef>> Units(const std::string& agency);
  // The unit's name; "" when it was never defined (read once per unit).
  [[nodiscard]] Result<std::string> UnitName(std::string_view agency, std::string_view unit);
  // The agency's name (its agencyDefined); "" when it was never defined.
  [[nodiscard]] Result<std::string> AgencyName(std::string_view agency) {
    return UnitName(agency, "");
  }

  // Checks `scope`: InvalidArgument naming the known agencies for an
  // unknown agency (`agency_param` says how the caller named the
  // parameter) and the agency's known units for an unknown unit.
  [[nodiscard]] Result<ResolvedScope> Resolve(const Scope& scope, const std::string& agency_param = "agency",
                                              const std::string& unit_param = "unit");

 private:
  // The distinct values of the text that follows `tag` up to a 0x00, over
  // the keys starting with `tag`: one seek per value.
  Result<std::vector<std::string>> Distinct(const std::string& tag);

  IndexReader& reader_;
  std::map<std::string, std::string, std::less<>> unit_names_;  // agency 0x00 unit -> name
};

}  // namespace jejak::projection
