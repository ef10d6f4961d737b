// The audit rules the generator violates on purpose, their stable ids
// (docs/generator.md), and the plan that decides when to inject them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "gen/prng.h"

namespace jejak::gen {

enum class Rule : uint8_t {
  kNonMeritPromotion,       // regular promotion before 4 years in rank or without Baik x2
  kSkippedRank,             // a promotion of two steps
  kPromotionDuringSanction, // rank promotion with TMT inside a disciplinary sentence
  kOffCycleTmt,             // regular promotion TMT not on an allowed date
  kAboveEducationCap,       // regular promotion past the education cap
  kRelatedCommitteeMember,  // member related to a candidate scored without recusing
  kPpkRelatedToAppointee,   // deciding official related to the appointee
  kSeniorityOverMerit,      // appointee outside the shortlist or its lowest
  kCompetencyGap,           // appointed to administrator/pengawas below the standard
  kBackdatedEvidence,       // assessment of the appointee recorded after the decision,
                            // effective before it
  kCommitteeComposition,    // open JPT committee: even, not 5..9, or > 45% internal
  kInflatedEvaluator,       // an evaluator rating all (>= 5) ratees Sangat Baik in a year
  kDp3PredikatMismatch,     // a DP3-era rating whose predikat is not its score's band,
                            // counted by a later promotion
  kRankRecordMismatch,      // a promotion decree whose `from` is not the rank on record
  kUniformEvaluator,        // an evaluator rating all (>= 5) ratees Baik in a year
  kFunctionalPromotionEarly, // a functional-post (selective) promotion before 2 years in rank
  kWrongPromotionRoute,     // a regular promotion of a functional-post holder
  kAppointeeNotShortlisted, // the official picks a candidate outside the shortlist
  kSelectionSequence,       // a decision effective before the shortlist was submitted
  kCommitteeMemberLevel,    // an internal open JPT committee member below the post's level
  kUnitRatingOutlier,       // a unit rated far more Sangat Baik than the rest of its agency
  kJptReplacedEarly,        // a JPT holder replaced within 2 years of installation
  kEntryRequirements,       // an appointee without the post's leadership training
  kMissingUjianDinas,       // a regular II/d -> III/a or III/d -> IV/a without the ujian dinas
  kSkpScorePredikatMismatch, // a numeric-SKP rating (2014-2021) whose predikat is not its
                             // score's band, counted by a later promotion
  kCount,
};

inline constexpr int kRuleCount = static_cast<int>(Rule::kCount);

// "non_merit_promotion", ...: the id in the answer key.
std::string_view RuleId(Rule r);

class ViolationPlan {
 public:
  // `rate` in 0..1. With `cover`, a rule never injected so far is forced
  // at its first opportunity in or after `cover_from_year`.
  ViolationPlan() = default;  // no violations
  ViolationPlan(double rate, bool cover, int cover_from_year)
      : rate_(rate), cover_(cover && rate > 0), cover_from_(cover_from_year) {}

  // Decides whether an opportunity in `year`, open to the `applicable`
  // rules, gets a violation, and which. `weight` scales the rate (weaker
  // opportunities use less than 1).
  std::optional<Rule> Choose(Rng& rng, std::span<const Rule> applicable, int year,
                             double weight = 1.0);

  // Records that a chosen violation was injected.
  void Injected(Rule r) { ++count_[static_cast<size_t>(r)]; }

 private:
  double rate_ = 0;
  bool cover_ = false;
  int cover_from_ = 0;
  std::array<uint64_t, kRuleCount> count_{};
};

}  // namespace jejak::gen
