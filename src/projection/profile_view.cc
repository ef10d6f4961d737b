// Derive: the current values of a profile on a reference date.
#include "jejak/projection/profile_view.h"

#include <algorithm>

#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"

namespace jejak::projection {

const Placement* CurrentPlacement(const ProfileState& s) {
  return s.placements.empty() ? nullptr : &s.placements.back();
}

const RankFact* CurrentRank(const ProfileState& s) {
  return s.ranks.empty() ? nullptr : &s.ranks.back();
}

schema::JabatanLevel CurrentLevel(const ProfileState& s, const PositionVersion* def) {
  const Placement* p = CurrentPlacement(s);
  if (p != nullptr && p->level != schema::JabatanLevel::UNSPECIFIED) return p->level;
  return def != nullptr ? def->level : schema::JabatanLevel::UNSPECIFIED;
}

namespace {

BoxAxis PerformanceAxis(schema::PredikatKinerja p) {
  switch (p) {
    case schema::PredikatKinerja::SANGAT_BAIK: return BoxAxis::kHigh;
    case schema::PredikatKinerja::BAIK: return BoxAxis::kMid;
    default: return BoxAxis::kLow;
  }
}

}  // namespace

uint8_t TalentBox(const ProfileState& s, const Rules& rules) {
  if (s.ratings.empty() || s.assessment.key.position == 0) return 0;
  const auto predikat = s.ratings.back().predikat;  // ratings are sorted by year
  const auto potential = s.assessment.potential;
  if (predikat == schema::PredikatKinerja::UNSPECIFIED ||
      potential == schema::PotentialLevel::UNSPECIFIED) {
    return 0;
  }
  const BoxAxis pot = potential == schema::PotentialLevel::HIGH     ? BoxAxis::kHigh
                      : potential == schema::PotentialLevel::MEDIUM ? BoxAxis::kMid
                                                                    : BoxAxis::kLow;
  return rules.Box(PerformanceAxis(predikat), pot);
}

uint32_t JpInYear(const ProfileState& s, uint16_t year) {
  uint32_t jp = 0;
  for (const auto& t : s.training_jp) {
    if (t.year == year) jp += t.jp;
  }
  return jp;
}

std::string StatusLabel(schema::EmploymentType type, bool confirmed) {
  if (type == schema::EmploymentType::PPPK) return "PPPK";
  return confirmed ? "PNS" : "CPNS";
}

double CreditPointsIn(const ProfileState& s, uint32_t from, uint32_t to) {
  double points = 0;
  for (const auto& f : s.credit_points) {
    if (from <= f.key.effective && f.key.effective <= to) points += f.points;
  }
  return points;
}

std::vector<CompetencyGap> GapAgainst(const ProfileState& s, const PositionVersion& standard) {
  std::vector<CompetencyGap> gaps;
  for (const auto& req : standard.required) {
    auto it = std::lower_bound(
        s.competencies.begin(), s.competencies.end(), req.code,
        [](const CompetencyFact& f, const std::string& c) { return f.code < c; });
    uint8_t actual = it != s.competencies.end() && it->code == req.code ? it->level : 0;
    if (actual < req.level) gaps.push_back(CompetencyGap{req.code, req.kind, req.level, actual});
  }
  return gaps;
}

bool SanctionActiveOn(const ProfileState& s, const SanctionFact& f, uint32_t date) {
  if (f.start > date || (f.end != 0 && f.end < date)) return false;
  for (const auto& lift : s.lifts) {
    if (lift.sanction_position == f.key.position && lift.key.effective <= date) return false;
  }
  return true;
}

ProfileView Derive(const ProfileState& s, const PositionVersion* def, uint32_t as_of,
                   const Rules& rules) {
  ProfileView v;
  v.as_of = as_of;
  v.status = StatusLabel(s.employment_type, s.confirmed.position != 0);
  v.active = s.separation.key.position == 0;

  v.rank = CurrentRank(s);
  if (v.rank != nullptr) {
    const int months = domain::FullMonthsBetween(v.rank->key.effective, as_of);
    v.years_in_rank = months / 12;
    v.months_in_rank = months % 12;
  }

  v.placement = CurrentPlacement(s);
  if (v.placement != nullptr) {
    // Walk back over the placements that continue the current one.
    const Placement& cur = *v.placement;
    v.position_since = v.unit_since = cur.key.effective;
    for (auto it = s.placements.rbegin(); it != s.placements.rend(); ++it) {
      if (it->agency != cur.agency || it->unit != cur.unit) break;
      v.unit_since = it->key.effective;
    }
    for (auto it = s.placements.rbegin(); it != s.placements.rend(); ++it) {
      if (it->position_id != cur.position_id || it->agency != cur.agency) break;
      v.position_since = it->key.effective;
    }
    v.position_name = cur.position_name;
    if (v.position_name.empty() && def != nullptr) v.position_name = def->name;
  }
  v.level = CurrentLevel(s, def);
  if (def != nullptr) {
    v.standard_known = true;
    v.gaps = GapAgainst(s, *def);
  }

  for (const auto& f : s.sanctions) {
    SanctionView sv{f, 0, SanctionActiveOn(s, f, as_of)};
    for (const auto& lift : s.lifts) {
      if (lift.sanction_position == f.key.position) sv.lifted_on = lift.key.effective;
    }
    v.sanctions.push_back(std::move(sv));
  }

  v.talent_box = TalentBox(s, rules);
  if (!s.ratings.empty()) v.latest_rating = &s.ratings.back();
  v.next_promotion = NextPromotion(s, as_of, rules);
  if (s.birth_date != 0) {
    v.age = domain::FullYearsBetween(s.birth_date, as_of);
    v.retirement_date = RetirementDate(s.birth_date, rules.RetirementAge(v.level, v.position_name));
  }
  return v;
}

}  // namespace jejak::projection
