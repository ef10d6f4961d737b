// CheckRegularPromotion: DOMAIN.md "Rank promotion", regular kind.
#include "jejak/projection/promotion_check.h"

#include "jejak/domain/date.h"
#include "jejak/projection/profile_view.h"

namespace jejak::projection {

schema::PredikatKinerja PredikatForDp3(uint8_t score) {
  using P = schema::PredikatKinerja;
  if (score == 0 || score > 100) return P::UNSPECIFIED;
  if (score >= 91) return P::SANGAT_BAIK;
  if (score >= 76) return P::BAIK;
  if (score >= 61) return P::BUTUH_PERBAIKAN;
  if (score >= 51) return P::KURANG;
  return P::SANGAT_KURANG;
}

schema::PredikatKinerja CountedPredikat(const RatingFact& r) {
  const schema::PredikatKinerja band = PredikatForDp3(r.dp3_score);
  return band != schema::PredikatKinerja::UNSPECIFIED ? band : r.predikat;
}

RegularPromotionCheck CheckRegularPromotion(const ProfileState& s, schema::Golongan to,
                                            uint32_t tmt, const Rules& rules) {
  RegularPromotionCheck c;
  c.held = CurrentRank(s);
  c.cap = domain::RankRangeForEducation(s.education);
  c.within_cap = c.cap.has_value() && domain::GolonganStep(to) != 0 &&
                 domain::GolonganStep(to) <= domain::GolonganStep(c.cap->max_regular);
  c.rule = rules.RegularRuleOn(tmt);
  if (c.rule == nullptr) return c;
  c.allowed_date = tmt % 100 == 1 && c.rule->AllowsMonth(static_cast<int>(tmt / 100 % 100));
  if (c.held != nullptr) {
    c.years_due = domain::AddYears(c.held->key.effective, c.rule->min_years_in_rank);
    c.enough_years = c.years_due <= tmt;
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
