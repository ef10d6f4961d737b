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

// The predikat a rating counts as for merit: the band of its DP3 or
// numeric SKP score when it has one (domain/performance.h: the score is the
// record, the predikat was transcribed from it), its predikat otherwise.
schema::PredikatKinerja CountedPredikat(const RatingFact& r);

// The route of a rank promotion (PP 99/2000 Art. 7): a holder of a
// functional post is promoted through credit points (selective, functional
// post), everyone else by the regular route.
enum class PromotionRoute : uint8_t { kRegular, kFunctional };

// The route of the next promotion of `s`: functional while the post on
// record (the latest placement; its level from the placement, else from
// `post`, the post's definition, when given) is a functional one.
PromotionRoute RouteOf(const ProfileState& s, const PositionVersion* post = nullptr);

// The conditions of a promotion of `s` to `to` with TMT `tmt` by `route`,
// judged on the facts of `s` (the caller chooses which facts: as known
// when a decision was recorded, or as of a reference date).
struct RegularPromotionCheck {
  PromotionRoute route = PromotionRoute::kRegular;
  // The rule in force on the TMT; nullptr when none covers it (then only
  // `held` and the education cap are filled in).
  const RegularPromotionRule* rule = nullptr;
  // The TMT is the 1st of a month the rule allows.
  bool allowed_date = false;
  // The rank on record (CurrentRank(s)); nullptr when none is.
  const RankFact* held = nullptr;
  // `held` reaches `years_needed` full years by the TMT (the rule's
  // min_years_in_rank on the regular route, Rules::
  // functional_min_years_in_rank on the functional one), on `years_due`
  // (0 without `held` or `rule`).
  int years_needed = 0;
  bool enough_years = false;
  uint32_t years_due = 0;
  // Regular route: the exam the step from `held` needs (ExamRule; nullptr
  // when none), and the exam on record by the TMT that meets it — that
  // ujian dinas, or a penyesuaian ijazah — (nullptr when none).
  const ExamRule* exam_rule = nullptr;
  const ExamFact* exam = nullptr;
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
RegularPromotionCheck CheckPromotion(const ProfileState& s, schema::Golongan to, uint32_t tmt,
                                     const Rules& rules, PromotionRoute route);
inline RegularPromotionCheck CheckRegularPromotion(const ProfileState& s, schema::Golongan to,
                                                   uint32_t tmt, const Rules& rules) {
  return CheckPromotion(s, to, tmt, rules, PromotionRoute::kRegular);
}

// The earliest TMT of the next promotion of `s` by `route`, from the rank
// on record alone: the first allowed date (NextAllowedPromotionDate) once
// the route's years in rank are served. 0 when the route cannot promote
// `s` at all: separated, PPPK, no golongan on record, IV/e, or — on the
// regular route — education unknown or at its cap. The one home of that
// date: the profile's outlook, the promotion index and the generator use it.
uint32_t EarliestPromotionDate(const ProfileState& s, PromotionRoute route, const Rules& rules);

// Functional-post levels (PP 11/2017: Ahli Pertama..Utama, Pemula..Penyelia),
// whose holders are promoted through credit points, not the regular route.
bool IsFunctionalLevel(schema::JabatanLevel level);

}  // namespace jejak::projection
