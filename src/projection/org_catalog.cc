#include "org_catalog.h"

#include <algorithm>
#include <set>

#include "keys.h"
#include "state_codec.h"

namespace jejak::projection {

namespace {

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "(none)" : out;
}

}  // namespace

bool ResolvedScope::Contains(const BriefView& b) const {
  if (agency.empty()) return true;
  if (b.agency != agency) return false;
  return units.empty() || std::binary_search(units.begin(), units.end(), b.unit);
}

Result<std::vector<std::string>> OrgCatalog::Distinct(const std::string& tag) {
  std::vector<std::string> out;
  std::string begin = tag;
  const std::string end = PrefixEnd(tag);
  for (;;) {
    auto key = reader_.FirstKey(begin, end);
    if (!key.ok()) return key.status();
    if (!key->has_value()) break;
    const std::string& k = **key;
    const size_t zero = k.find('\0', tag.size());
    if (zero == std::string::npos) break;  // not a key of this layout
    out.push_back(k.substr(tag.size(), zero - tag.size()));
    begin = k.substr(0, zero) + '\x01';  // past every key of this value
  }
  return out;
}

Result<std::vector<std::string>> OrgCatalog::Agencies() {
  auto employing = Distinct("ia");
  if (!employing.ok()) return employing.status();
  auto defining = Distinct("o");
  if (!defining.ok()) return defining.status();
  std::set<std::string> all(employing->begin(), employing->end());
  all.insert(defining->begin(), defining->end());
  return std::vector<std::string>(all.begin(), all.end());
}

Result<bool> OrgCatalog::HasAgency(const std::string& agency) {
  for (const std::string& prefix : {keys::AgencyPrefix(agency), keys::OrgPrefix(agency)}) {
    auto key = reader_.FirstKey(prefix, PrefixEnd(prefix));
    if (!key.ok()) return key.status();
    if (key->has_value()) return true;
  }
  return false;
}

Result<std::vector<UnitDef>> OrgCatalog::Units(const std::string& agency) {
  std::map<std::string, UnitDef> units;
  Status st = reader_.Prefix(keys::OrgPrefix(agency) + "u", [&](std::string_view, std::string_view value) -> Status {
    auto unit = DecodeUnit(value);
    if (!unit.ok()) return unit.status().WithContext("unit definition of " + agency);
    if (unit->unit_id.empty()) return Status::Ok();  // the agency itself
    units[unit->unit_id] = std::move(unit).value();
    return Status::Ok();
  });
  if (!st.ok()) return st;
  auto employing = Distinct("iu" + agency + '\0');
  if (!employing.ok()) return employing.status();
  for (const auto& id : *employing) {
    if (!units.contains(id)) units[id] = UnitDef{{}, agency, id, "", ""};
  }
  std::vector<UnitDef> out;
  for (auto& [id, unit] : units) out.push_back(std::move(unit));
  return out;
}

Result<std::string> OrgCatalog::UnitName(std::string_view agency, std::string_view unit) {
  std::string id(agency);
  id.push_back('\0');
  id += unit;
  auto it = unit_names_.find(id);
  if (it != unit_names_.end()) return it->second;
  std::string name;
  const std::string key = keys::Unit(agency, unit);
  Status st = reader_.Range(key, key + '\0', [&](std::string_view, std::string_view value) -> Status {
    auto def = DecodeUnit(value);
    if (!def.ok()) return def.status().WithContext("unit " + std::string(unit));
    name = def->name;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  unit_names_.emplace(std::move(id), name);
  return name;
}

Result<ResolvedScope> OrgCatalog::Resolve(const Scope& scope, const std::string& agency_param,
                                          const std::string& unit_param) {
  ResolvedScope out;
  out.agency = scope.agency;
  if (scope.agency.empty()) return out;
  auto known = HasAgency(scope.agency);
  if (!known.ok()) return known.status();
  if (!*known) {
    auto agencies = Agencies();
    if (!agencies.ok()) return agencies.status();
    return Status::InvalidArgument(agency_param + " " + scope.agency + ": no such agency; known: " +
                                   JoinNames(*agencies));
  }
  if (scope.unit.empty()) return out;
  auto units = Units(scope.agency);
  if (!units.ok()) return units.status();
  auto found = std::find_if(units->begin(), units->end(),
                            [&](const UnitDef& u) { return u.unit_id == scope.unit; });
  if (found == units->end()) {
    std::vector<std::string> ids;
    for (const auto& u : *units) ids.push_back(u.unit_id);
    return Status::InvalidArgument(unit_param + " " + scope.unit + ": no such unit in " + scope.agency +
                                   "; known: " + JoinNames(ids));
  }
  // The unit and, level by level, every unit whose parent is already in.
  std::set<std::string> in{scope.unit};
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& u : *units) {
      if (!u.parent_unit_id.empty() && in.contains(u.parent_unit_id) && in.insert(u.unit_id).second) grew = true;
    }
  }
  out.units.assign(in.begin(), in.end());
  return out;
}

}  // namespace jejak::projection
