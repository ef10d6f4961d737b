// The audit's rules: their stable ids (the generator's answer key uses the
// same ids, docs/generator.md), severities, and what the audit cites and
// checks on a given date, as data keyed by date ranges (DOMAIN.md: every
// check looks up the rule in force on the decision's effective date).
//
// The rank-promotion table (years in rank, Baik years, allowed TMT months,
// the regulation) is projection::Rules, the same table the projections and
// the generator use; this file adds only what the projections do not need:
// the selection rules and the regulations cited for the other rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/projection/rules.h"

namespace jejak::audit {

enum class RuleId : uint8_t {
  kNonMeritPromotion,        // regular promotion: < N years in rank or not Baik x2
  kSkippedRank,              // a promotion of more than one step
  kPromotionDuringSanction,  // TMT inside a disciplinary sentence
  kOffCycleTmt,              // TMT not on a date the rule in force allows
  kAboveEducationCap,        // regular promotion past the education cap
  kRelatedCommitteeMember,   // a member related to a candidate scored them
  kPpkRelatedToAppointee,    // the deciding official related to the appointee
  kSeniorityOverMerit,       // appointee outside the shortlist's top ranks
  kCommitteeComposition,     // open JPT committee of a forbidden make-up
  kCompetencyGap,            // administrator/pengawas appointee below standard
  kBackdatedEvidence,        // evidence recorded after the decision, effective before
  kInflatedEvaluator,        // an evaluator rating (nearly) all ratees Sangat Baik
  // Added with issue 15; ids are stable, append only.
  kRankRecordMismatch,       // the decree's `from` is not the rank on record
  kAppointeeNotShortlisted,  // the appointee is not on the submitted shortlist
  kSelectionSequence,        // decided before the shortlist, scored by a
                             // non-member, appointee never registered
  kCommitteeMemberLevel,     // an internal member below the post being filled
  kUniformEvaluator,         // an evaluator rating everyone the same
  kUnitRatingOutlier,        // a unit's ratings far from its agency's
  kDp3PredikatMismatch,      // predikat contradicts the DP3 score band
  kWrongPromotionRoute,      // regular promotion of a functional-post holder
  kJptReplacedEarly,         // JPT replaced within 2 years of installation
  kEntryRequirements,        // appointee does not meet the post's entry rules
  kFunctionalPromotionEarly, // functional-post promotion < 2 years in rank
};
inline constexpr int kRuleCount = 23;

enum class Severity : uint8_t { kLow = 0, kMedium = 1, kHigh = 2 };

// "non_merit_promotion", ...; and back (nullopt for an unknown id).
std::string_view RuleName(RuleId r);
std::optional<RuleId> ParseRuleName(std::string_view name);
// A short title for reports: "Promotion without merit"; in Indonesian:
// "Kenaikan pangkat tanpa dasar merit".
std::string_view RuleTitle(RuleId r);
std::string_view RuleTitleId(RuleId r);
// What the rule checks and the data it needs, one sentence (docs/audit.md).
std::string_view RuleNeeds(RuleId r);
// "low", "medium", "high".
std::string_view SeverityName(Severity s);
// Every rule, in RuleId order.
std::vector<RuleId> AllRules();

// A text valid for effective dates in [from, to] (YYYYMMDD, inclusive).
struct DatedText {
  uint32_t from = 0;
  uint32_t to = 0;
  const char* text = "";
};

// The make-up of an open JPT selection committee (pansel) required for
// selections decided in [from, to].
struct CommitteeRule {
  uint32_t from = 0;
  uint32_t to = 0;
  int min_members = 5;
  int max_members = 9;
  bool odd = true;
  double max_internal_share = 0.45;  // internal members / all members
};

struct AuditRules {
  // Rank promotion (shared with the projections). Default
  // projection::Rules::Default().
  projection::Rules promotion = projection::Rules::Default();

  // Open JPT committees; a selection decided outside every range is not
  // judged for composition. Default: UU 5/2014 from 2014-01-15 on.
  std::vector<CommitteeRule> committee;

  // The appointee must be among the first `merit_ranks` of the shortlist
  // (the committee's ranking). Default 2.
  int merit_ranks = 2;

  // An evaluator with at least this many ratees in a year who rates them
  // all Sangat Baik is flagged. Default 5.
  int inflated_min_ratees = 5;

  // Regulations cited, per rule, by effective date; sorted, non-overlapping.
  // Rules whose TMT table lives in `promotion` (off-cycle TMT, merit) cite
  // that table's `regulation` first.
  std::vector<DatedText> citations[kRuleCount];

  // The committee rule in force on `date`; nullptr if none.
  const CommitteeRule* CommitteeRuleOn(uint32_t date) const;
  // The regulation `rule` cites for a decision effective on `date` ("" if
  // the table has none for that date).
  std::string Citation(RuleId rule, uint32_t date) const;
  // The severity of a finding of `rule`.
  static Severity DefaultSeverity(RuleId rule);

  // The tables of DOMAIN.md.
  static AuditRules Default();
};

}  // namespace jejak::audit
