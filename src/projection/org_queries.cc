// The catalog queries (queries.h): the agencies, units and positions the
// projection knows, so that a user can find the codes the other queries
// take.
#include <algorithm>
#include <map>

#include "index_reader.h"
#include "jejak/domain/golongan.h"
#include "jejak/projection/names.h"
#include "jejak/projection/queries.h"
#include "keys.h"
#include "org_catalog.h"
#include "state_codec.h"

namespace jejak::projection {

namespace {

// Active employees placed directly in each unit of `agency` ("iu" keys).
Result<std::map<std::string, uint64_t>> EmployeesByUnit(IndexReader& r, const std::string& agency) {
  std::map<std::string, uint64_t> counts;
  const std::string prefix = "iu" + agency + '\0';
  Status st = r.Prefix(prefix, [&](std::string_view key, std::string_view) -> Status {
    const size_t zero = key.find('\0', prefix.size());
    if (zero != std::string_view::npos) ++counts[std::string(key.substr(prefix.size(), zero - prefix.size()))];
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return counts;
}

// A catalog query's scope, checked, and the agencies it covers (its one
// agency, or every agency).
struct CatalogScope {
  ResolvedScope scope;
  std::vector<std::string> agencies;
};

Result<CatalogScope> Covered(OrgCatalog& org, const Scope& scope) {
  CatalogScope out;
  auto resolved = org.Resolve(scope, scope.agency_param, scope.unit_param);
  if (!resolved.ok()) return resolved.status();
  out.scope = std::move(resolved).value();
  if (!out.scope.agency.empty()) {
    out.agencies = {out.scope.agency};
    return out;
  }
  auto all = org.Agencies();
  if (!all.ok()) return all.status();
  out.agencies = std::move(all).value();
  return out;
}

bool UnitInScope(const ResolvedScope& scope, const std::string& unit) {
  return scope.units.empty() || std::binary_search(scope.units.begin(), scope.units.end(), unit);
}

}  // namespace

Result<Table> QueryAgencies(Projector& p, const Scope& scope) {
  IndexReader r(p);
  OrgCatalog org(r);
  auto covered = Covered(org, Scope{scope.agency, "", scope.agency_param, scope.unit_param});
  if (!covered.ok()) return covered.status();
  Table t;
  t.columns = {"AGENCY", "AGENCY_NAME", "UNITS", "POSITIONS", "EMPLOYEES"};
  for (const auto& agency : covered->agencies) {
    uint64_t units = 0, positions = 0, employees = 0;
    const std::string unit_prefix = keys::Unit(agency, "");
    JEJAK_RETURN_IF_ERROR(r.Prefix(keys::OrgPrefix(agency), [&](std::string_view key, std::string_view) {
      const char tag = key[keys::OrgPrefix(agency).size()];
      units += tag == 'u' && key != unit_prefix;  // the agency's root unit is not one
      positions += tag == 'p';
      return Status::Ok();
    }));
    auto name = org.AgencyName(agency);
    if (!name.ok()) return name.status();
    auto by_unit = EmployeesByUnit(r, agency);
    if (!by_unit.ok()) return by_unit.status();
    for (const auto& [unit, n] : *by_unit) employees += n;
    t.rows.push_back({agency, std::move(name).value(), std::to_string(units), std::to_string(positions),
                      std::to_string(employees)});
  }
  return t;
}

Result<Table> QueryUnits(Projector& p, const Scope& scope) {
  IndexReader r(p);
  OrgCatalog org(r);
  auto covered = Covered(org, scope);
  if (!covered.ok()) return covered.status();
  Table t;
  t.columns = {"AGENCY", "UNIT", "UNIT_NAME", "PARENT", "EMPLOYEES"};
  for (const auto& agency : covered->agencies) {
    auto units = org.Units(agency);
    if (!units.ok()) return units.status();
    auto by_unit = EmployeesByUnit(r, agency);
    if (!by_unit.ok()) return by_unit.status();
    for (const auto& u : *units) {
      if (!UnitInScope(covered->scope, u.unit_id)) continue;
      auto n = by_unit->find(u.unit_id);
      t.rows.push_back({agency, u.unit_id, u.name, u.parent_unit_id,
                        std::to_string(n == by_unit->end() ? 0 : n->second)});
    }
  }
  return t;
}

Result<Table> QueryPositions(Projector& p, const Scope& scope) {
  IndexReader r(p);
  OrgCatalog org(r);
  auto covered = Covered(org, scope);
  if (!covered.ok()) return covered.status();
  Table t;
  t.columns = {"AGENCY", "POSITION", "POSITION_NAME", "LEVEL", "UNIT", "MIN_RANK", "MAX_RANK"};
  for (const auto& agency : covered->agencies) {
    Status st = r.Prefix(keys::OrgPrefix(agency) + "p", [&](std::string_view, std::string_view value) -> Status {
      auto def = DecodePosition(value);
      if (!def.ok()) return def.status().WithContext("position definition of " + agency);
      if (def->versions.empty()) return Status::Ok();
      const PositionVersion& v = def->versions.back();
      if (!UnitInScope(covered->scope, v.unit_id)) return Status::Ok();
      auto rank = [](schema::Golongan g) {
        return g == schema::Golongan::UNSPECIFIED ? std::string() : std::string(domain::GolonganName(g));
      };
      t.rows.push_back({agency, def->position_id, v.name, EnumName(v.level), v.unit_id, rank(v.min_rank),
                        rank(v.max_rank)});
      return Status::Ok();
    });
    if (!st.ok()) return st;
  }
  return t;
}

}  // namespace jejak::projection
