// ProfileView: what a profile shows, derived from the folded facts on a
// reference date. Pure functions, no I/O.
//
// The stored state holds facts only (so it never depends on the clock);
// everything that depends on "today" — time in rank, active sanctions, the
// next regular promotion, age — is derived here from `as_of`. The live
// profile uses today's date; `jejak profile --valid-at D` uses D on a state
// folded from the events in effect on D.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "jejak/projection/profile_state.h"
#include "jejak/projection/promotion_check.h"
#include "jejak/projection/promotion_reason.h"
#include "jejak/projection/rules.h"

namespace jejak::projection {

struct CompetencyGap {
  std::string code;
  schema::CompetencyKind kind = schema::CompetencyKind::UNSPECIFIED;
  uint8_t required = 0;
  uint8_t actual = 0;  // 0 = never assessed
  friend bool operator==(const CompetencyGap&, const CompetencyGap&) = default;
};

// Gap of `s` against a position's standard: every required competency
// assessed below its level (or never assessed), in the standard's order.
std::vector<CompetencyGap> GapAgainst(const ProfileState& s, const PositionVersion& standard);

struct SanctionView {
  SanctionFact fact;
  uint32_t lifted_on = 0;  // effective date of a SanctionLifted, 0 = none
  bool active = false;     // in force on the view's date
};

// Sanction `f` in force on `date`: started, not ended, not lifted by then.
bool SanctionActiveOn(const ProfileState& s, const SanctionFact& f, uint32_t date);

// The next rank promotion (DOMAIN.md "Rank promotion"), by the route of
// the post held.
struct PromotionOutlook {
  PromotionRoute route = PromotionRoute::kRegular;
  uint32_t date = 0;          // earliest allowed TMT on or after the
                              // reference date and 4 years in rank; 0 if none
  RankValue to;               // the next rank
  std::vector<PromotionReason> blockers;  // why not on `date`; empty = eligible
  std::vector<PromotionReason> notes;     // provisional conditions (ratings not
                                          // yet due, superior's rank unchecked)
  bool eligible() const { return date != 0 && blockers.empty(); }
};

// Evaluates the rules of the route of `s` (RouteOf: functional while a
// functional post is held, regular otherwise) for the first allowed date on
// or after `from` and EarliestPromotionDate (a sanction with a known end
// pushes the date past its end). The regular route checks the education
// cap and the exam of its step (ujian dinas); the functional route 2 years
// in rank, and notes the credit points on record since the rank's TMT
// (the points a step needs are not checked). `today` is the date the facts
// are judged on: a rating for a year not over by then cannot exist yet, so
// its absence is a note, not a blocker. 0 = `from`.
PromotionOutlook NextPromotion(const ProfileState& s, uint32_t from, const Rules& rules,
                               uint32_t today = 0);

struct ProfileView {
  uint32_t as_of = 0;
  std::string status;  // "CPNS", "PNS" or "PPPK"
  bool active = true;  // false once separated
  const RankFact* rank = nullptr;   // current rank, nullptr if none
  int years_in_rank = 0;
  int months_in_rank = 0;           // beyond the whole years
  const Placement* placement = nullptr;  // current placement, nullptr if none
  uint32_t position_since = 0;
  uint32_t unit_since = 0;          // same agency and unit since
  std::string position_name;        // from the placement or the definition
  schema::JabatanLevel level = schema::JabatanLevel::UNSPECIFIED;
  bool standard_known = false;      // the current position's definition found
  std::vector<CompetencyGap> gaps;
  std::vector<SanctionView> sanctions;
  uint8_t talent_box = 0;           // 0 = performance or potential unknown
  const RatingFact* latest_rating = nullptr;
  PromotionOutlook next_promotion;
  int age = 0;
  uint32_t retirement_date = 0;
};

// Helpers shared with the indexes (one definition of "current").
const Placement* CurrentPlacement(const ProfileState& s);
const RankFact* CurrentRank(const ProfileState& s);
schema::JabatanLevel CurrentLevel(const ProfileState& s, const PositionVersion* def);
uint8_t TalentBox(const ProfileState& s, const Rules& rules);
uint32_t JpInYear(const ProfileState& s, uint16_t year);
// "PPPK", "PNS" or "CPNS" (not yet confirmed): the status a profile shows.
std::string StatusLabel(schema::EmploymentType type, bool confirmed);
// Credit points awarded (creditPointsAwarded) effective in [from, to].
double CreditPointsIn(const ProfileState& s, uint32_t from, uint32_t to);

// Derives the view of `s` on `as_of`. `position_def` is the definition of
// the current position in force on `as_of` (nullptr when unknown): its name,
// level and competency standard. The view points into `s` and
// `position_def`: both must outlive it.
ProfileView Derive(const ProfileState& s, const PositionVersion* position_def, uint32_t as_of,
                   const Rules& rules);

}  // namespace jejak::projection
