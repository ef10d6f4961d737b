// The conditions of a regular rank promotion (DOMAIN.md "Rank promotion"),
// written once: the projection's next-promotion outlook (profile_view.h)
// and the audit's judgement of a rankPromoted both call
// CheckRegularPromotion, with the rule table of rules.h in force on the TMT.
// Pure functions, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "jejak/domain/golongan.h"
#include "jejak/projection/profile_state.h"
#include "jejak/projection/rules.h"

namespace jejak::projection {

// The predikat a DP3 score's band stands for (PP 10/1979; DOMAIN.md
// "Performance"), mapped as docs/events.md and the CSV import map DP3
// predikats: 91-100 Amat Baik -> Sangat Baik, 76-90 Baik -> Baik, 61-75
// Cukup -> Butuh Perbaikan, 51-60 Sedang -> Kurang, <= 50 Kurang -> Sangat
// Kurang. UNSPECIFIED for 0 (an SKP rating, not DP3) or above 100.
schema::PredikatKinerja PredikatForDp3(uint8_t score);

// The predikat a rating counts as for merit: its DP3 band when it has a
// score (the score is the record; the predikat was transcribed from it),
// its predikat otherwise.
schema::PredikatKinerja CountedPredikat(const RatingFact& r);

// The regular-promotion conditions for a promotion of `s` to `to` with TMT
// `tmt`, judged on the facts of `s` (the caller chooses which facts: as
// known when a decision was recorded, or as of a reference date).
struct RegularPromotionCheck {
  // The rule in force on the TMT; nullptr when none covers it (then only
  // `held` and the education cap are filled in).
  const RegularPromotionRule* rule = nullptr;
  // The TMT is the 1st of a month the rule allows.
  bool allowed_date = false;
  // The rank on record (CurrentRank(s)); nullptr when none is.
  const RankFact* held = nullptr;
  // `held` reaches rule->min_years_in_rank full years by the TMT, on
  // `years_due` (0 without `held` or `rule`).
  bool enough_years = false;
  uint32_t years_due = 0;
  // The education's rank range (Kep BKN 12/2002); nullopt when the
  // education is not on record. `within_cap`: `to` is not above
  // cap->max_regular (false without a cap).
  std::optional<domain::EducationRankRange> cap;
  bool within_cap = false;
  // The rule->baik_years calendar years before the TMT's year, oldest
  // first, each with the rating on record (nullptr: none) and whether it
  // counts as at least Baik (CountedPredikat).
  struct Year {
    int year = 0;
    const RatingFact* rating = nullptr;
    schema::PredikatKinerja counted = schema::PredikatKinerja::UNSPECIFIED;
    bool baik = false;
  };
  std::vector<Year> years;
};

// Points into `s` and `rules`: both must outlive the result.
RegularPromotionCheck CheckRegularPromotion(const ProfileState& s, schema::Golongan to,
                                            uint32_t tmt, const Rules& rules);

// Functional-post levels (PP 11/2017: Ahli Pertama..Utama, Pemula..Penyelia),
// whose holders are promoted through credit points, not the regular route.
bool IsFunctionalLevel(schema::JabatanLevel level);

}  // namespace jejak::projection
