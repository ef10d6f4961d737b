// The HR queries, answered from the profile projection's secondary indexes
// (key layout: docs/projections.md): each one scans one index range or
// prefix and builds its rows from the compact "brief" stored in the index
// values; it never reads a profile.
//
// Results are tables of text cells (the CLI prints them aligned, as CSV or
// as JSON); rows come in index order (by NIP within an index value).
// Thread safety: as the Projector's reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jejak/projection/lang.h"
#include "jejak/projection/profile_record.h"
#include "jejak/status.h"

namespace jejak::projection {

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

// Where to look: one agency, one unit of it with every unit below it
// (units defined with it as parent, level by level), or everyone (both
// empty). REQUIRES: unit set only with agency. Every query checks the
// scope first: an agency or unit the projection does not know is
// InvalidArgument naming the known ones (the parameter named as
// agency_param / unit_param say).
struct Scope {
  std::string agency;
  std::string unit;
  std::string agency_param = "agency";
  std::string unit_param = "unit";
};

// The first columns of every employee table: NIP, NAME, AGENCY,
// AGENCY_NAME (the agencyDefined name, "" if never defined), UNIT,
// UNIT_NAME (the unit's defined name, "" if never defined), RANK, POSITION,
// STATUS (StatusCell).
std::vector<std::string> TableColumns();
// "active", or how the employee left: the SeparationReason's name
// ("retirement", "death", ...), "separated" when unspecified.
std::string StatusCell(bool separated, schema::SeparationReason reason);

// Employees by agency, unit, rank and/or position level (any combination;
// at least one). Active employees only unless include_separated (which
// needs an agency scope or none at all).
struct EmployeeFilter {
  Scope scope;
  std::optional<RankValue> rank;
  std::optional<schema::JabatanLevel> level;
  bool include_separated = false;
};
[[nodiscard]] Result<Table> QueryEmployees(Projector& p, const EmployeeFilter& f);

// Regular rank promotion in [from, to]: every active PNS in scope whose
// years in rank allow a promotion by `to`, with the date and "eligible" or
// the blocking reasons, judged with the facts known on `today` (a rating
// not yet due is a note). With include_capped, also the active employees
// in scope who cannot be promoted regularly at all (education cap, PPPK,
// no rank) with the reason. With eligible_only, only the rows eligible
// in the period (and none of the capped). The reasons are written in
// `lang`.
[[nodiscard]] Result<Table> QueryPromotion(Projector& p, uint32_t from, uint32_t to,
                                           const Scope& scope, bool include_capped = false,
                                           uint32_t today = 0, bool eligible_only = false,
                                           Lang lang = Lang::kEn);

// Employees in scope, in service during `year`, with less than the rules'
// minimum JP (20) of competency development completed in that year.
[[nodiscard]] Result<Table> QueryLowJp(Projector& p, uint16_t year, const Scope& scope);

// Against the standard of position `position_id` of `agency` in force on
// `as_of`: every active employee in scope (default: that agency) with
// "meets" or their gap. NotFound when the position is not defined.
[[nodiscard]] Result<Table> QueryCompetencyFit(Projector& p, const std::string& agency,
                                               const std::string& position_id, Scope scope,
                                               uint32_t as_of);

// Active employees in the succession-pool boxes (rules: 7-9 by default),
// with the other pool conditions shown (Baik 2 years, JP last year).
[[nodiscard]] Result<Table> QuerySuccessionPool(Projector& p, const Scope& scope, uint32_t as_of);

// The agencies the projection knows (employees or reference data), or
// only scope.agency: AGENCY, AGENCY_NAME (its agencyDefined, "" if none),
// UNITS (defined), POSITIONS (defined),
// EMPLOYEES (active).
[[nodiscard]] Result<Table> QueryAgencies(Projector& p, const Scope& scope = {});
// The units of scope.agency (every agency when empty), with the active
// employees placed directly in each: AGENCY, UNIT, UNIT_NAME, PARENT,
// EMPLOYEES. scope.unit narrows to that unit and the units below it.
[[nodiscard]] Result<Table> QueryUnits(Projector& p, const Scope& scope);
// The positions an agency defined, as defined last: AGENCY, POSITION,
// POSITION_NAME, LEVEL, UNIT, MIN_RANK, MAX_RANK. Scope as QueryUnits
// (a position belongs to the unit its latest definition names).
[[nodiscard]] Result<Table> QueryPositions(Projector& p, const Scope& scope);

// Active employees whose retirement date (age by position level, rules)
// falls in [from, to].
[[nodiscard]] Result<Table> QueryRetirements(Projector& p, uint32_t from, uint32_t to,
                                             const Scope& scope);

}  // namespace jejak::projection
