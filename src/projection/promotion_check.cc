// CheckRegularPromotion: DOMAIN.md "Rank promotion", regular kind.
#include "jejak/projection/promotion_check.h"

#include "jejak/domain/date.h"
#include "jejak/domain/performance.h"
#include "jejak/projection/profile_view.h"
#include "jejak/projection/rules.h"

namespace jejak::projection {

schema::PredikatKinerja CountedPredikat(const RatingFact& r) {
  schema::PredikatKinerja band = domain::PredikatForDp3(r.dp3_score);
  if (band == schema::PredikatKinerja::UNSPECIFIED) band = domain::PredikatForSkpScore(r.skp_score);
  return band != schema::PredikatKinerja::UNSPECIFIED ? band : r.predikat;
}

PromotionRoute RouteOf(const ProfileState& s, const PositionVersion* post) {
  return IsFunctionalLevel(CurrentLevel(s, post)) ? PromotionRoute::kFunctional
                                                  : PromotionRoute::kRegular;
}

RegularPromotionCheck CheckPromotion(const ProfileState& s, schema::Golongan to, uint32_t tmt,
                                     const Rules& rules, PromotionRoute route) {
  RegularPromotionCheck c;
  c.route = route;
  c.held = CurrentRank(s);
  c.cap = domain::RankRangeForEducation(s.education);
  c.within_cap = c.cap.has_value() && domain::GolonganStep(to) != 0 &&
                 domain::GolonganStep(to) <= domain::GolonganStep(c.cap->max_regular);
  c.rule = rules.RegularRuleOn(tmt);
  if (c.rule == nullptr) return c;
  c.allowed_date = tmt % 100 == 1 && c.rule->AllowsMonth(static_cast<int>(tmt / 100 % 100));
  c.years_needed = route == PromotionRoute::kFunctional ? rules.functional_min_years_in_rank
                                                        : c.rule->min_years_in_rank;
  if (c.held != nullptr) {
    c.years_due = domain::AddYears(c.held->key.effective, c.years_needed);
    c.enough_years = c.years_due <= tmt;
    if (route == PromotionRoute::kRegular) {
      c.exam_rule = rules.ExamRuleFor(c.held->rank.golongan, tmt);
    }
  }
  if (c.exam_rule != nullptr) {
    for (const auto& e : s.exams) {
      if (e.key.effective <= tmt &&
          (e.kind == c.exam_rule->exam || e.kind == schema::ExamKind::PENYESUAIAN_IJAZAH)) {
        c.exam = &e;
      }
    }
  }
  const int year = static_cast<int>(tmt / 10000);
  for (int y = year - c.rule->baik_years; y < year; ++y) {
    RegularPromotionCheck::Year out;
    out.year = y;
    for (const auto& r : s.ratings) {
      if (r.year == y) out.rating = &r;
    }
    if (out.rating != nullptr) {
      out.counted = CountedPredikat(*out.rating);
      out.baik = domain::PredikatScore(out.counted) >=
                 domain::PredikatScore(schema::PredikatKinerja::BAIK);
    }
    c.years.push_back(out);
  }
  return c;
}

uint32_t EarliestPromotionDate(const ProfileState& s, PromotionRoute route, const Rules& rules) {
  if (s.separation.key.position != 0 || s.employment_type == schema::EmploymentType::PPPK) return 0;
  const RankFact* rank = CurrentRank(s);
  if (rank == nullptr) return 0;
  const int step = domain::GolonganStep(rank->rank.golongan);
  if (step == 0 || step >= 17) return 0;
  const auto next = static_cast<schema::Golongan>(step + 1);
  if (route == PromotionRoute::kRegular) {
    const RegularPromotionCheck capped = CheckPromotion(s, next, rank->key.effective, rules, route);
    if (!capped.within_cap) return 0;
  }
  // Years in rank per the rule in force at the candidate date (the tables
  // keep one count throughout, but a table may differ).
  uint32_t earliest = rank->key.effective;
  for (int guard = 0; guard < 16; ++guard) {
    const uint32_t date = NextAllowedPromotionDate(rules, earliest);
    if (date == 0) return 0;
    const RegularPromotionCheck c = CheckPromotion(s, next, date, rules, route);
    if (c.rule == nullptr) return 0;
    if (c.enough_years) return date;
    earliest = c.years_due;
  }
  return 0;
}

bool IsFunctionalLevel(schema::JabatanLevel level) {
  using L = schema::JabatanLevel;
  switch (level) {
    case L::AHLI_PERTAMA:
    case L::AHLI_MUDA:
    case L::AHLI_MADYA:
    case L::AHLI_UTAMA:
    case L::PEMULA:
    case L::TERAMPIL:
    case L::MAHIR:
    case L::PENYELIA:
      return true;
    default:
      return false;
  }
}

}  // namespace jejak::projection
