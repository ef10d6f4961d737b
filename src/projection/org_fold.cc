// ApplyOrg: one effective event of an agency stream into its reference data.
#include <algorithm>

#include "jejak/projection/fold.h"

namespace jejak::projection {

const PositionVersion* PositionDef::InForce(uint32_t date) const {
  const PositionVersion* found = nullptr;
  for (const auto& v : versions) {  // sorted by key: the last one <= date wins
    if (v.key.effective <= date) found = &v;
  }
  return found;
}

const PositionDef* OrgState::FindPosition(std::string_view position_id) const {
  auto it = std::lower_bound(
      positions.begin(), positions.end(), position_id,
      [](const PositionDef& p, std::string_view id) { return p.position_id < id; });
  return it != positions.end() && it->position_id == position_id ? &*it : nullptr;
}

namespace {

void ApplyPositionDefined(OrgState& s, const FactKey& key, schema::PositionDefined::Reader d) {
  std::string id = d.getPositionId();
  auto it = std::lower_bound(
      s.positions.begin(), s.positions.end(), id,
      [](const PositionDef& p, const std::string& x) { return p.position_id < x; });
  if (it == s.positions.end() || it->position_id != id) {
    it = s.positions.insert(it, PositionDef{s.agency, id, {}});
  }
  PositionVersion v;
  v.key = key;
  v.name = d.getName();
  v.level = d.getLevel();
  v.unit_id = d.getUnitId();
  v.min_rank = d.getMinRank();
  v.max_rank = d.getMaxRank();
  for (auto c : d.getRequiredCompetencies()) {
    v.required.push_back(CompetencyRequirement{c.getCode(), c.getKind(), c.getLevel()});
  }
  v.required_training = d.getRequiredTraining();
  v.min_education = d.getMinEducation();
  auto& versions = it->versions;
  auto at = std::upper_bound(versions.begin(), versions.end(), key,
                             [](const FactKey& k, const PositionVersion& x) { return k < x.key; });
  versions.insert(at, std::move(v));
}

void ApplyUnitDefined(OrgState& s, const FactKey& key, schema::UnitDefined::Reader d) {
  UnitDef u{key, s.agency, d.getUnitId(), d.getName(), d.getParentUnitId()};
  auto it = std::lower_bound(s.units.begin(), s.units.end(), u.unit_id,
                             [](const UnitDef& x, const std::string& id) { return x.unit_id < id; });
  if (it != s.units.end() && it->unit_id == u.unit_id) {
    if (it->key < key) *it = std::move(u);
  } else {
    s.units.insert(it, std::move(u));
  }
}

// The agency itself is kept as its root unit, id "": the parent every
// top-level unit's empty parentUnitId names (UnitDef, profile_state.h).
void ApplyAgencyDefined(OrgState& s, const FactKey& key, schema::AgencyDefined::Reader d) {
  UnitDef root{key, s.agency, "", d.getName(), ""};
  if (s.units.empty() || !s.units.front().unit_id.empty()) {
    s.units.insert(s.units.begin(), std::move(root));
  } else if (s.units.front().key < key) {
    s.units.front() = std::move(root);
  }
}

}  // namespace

void ApplyOrg(OrgState& s, const FoldInput& in) {
  s.last_position = std::max(s.last_position, in.position);
  const FactKey key{in.effective, in.position};
  switch (in.payload.which()) {
    case schema::Payload::POSITION_DEFINED:
      ApplyPositionDefined(s, key, in.payload.getPositionDefined());
      break;
    case schema::Payload::UNIT_DEFINED:
      ApplyUnitDefined(s, key, in.payload.getUnitDefined());
      break;
    case schema::Payload::AGENCY_DEFINED:
      ApplyAgencyDefined(s, key, in.payload.getAgencyDefined());
      break;
    default:
      break;
  }
}

OrgState FoldOrg(std::string_view agency, std::span<const FoldInput> events) {
  OrgState s;
  s.agency = std::string(agency);
  for (const auto& e : events) ApplyOrg(s, e);
  return s;
}

ProfileState FoldProfile(std::string_view nip, std::span<const FoldInput> events) {
  ProfileState s;
  s.nip = std::string(nip);
  for (const auto& e : events) ApplyProfile(s, e);
  return s;
}

}  // namespace jejak::projection
