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
  kMissingUjianDinas,        // II/d -> III/a or III/d -> IV/a without the exam
  kSkpScorePredikatMismatch, // predikat contradicts the numeric SKP score
};
inline constexpr int kRuleCount = 25;

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

// The entry requirements of a post of `level` for appointments effective
// in [from, to] (DOMAIN.md "Positions"; the post's own definition adds its
// minEducation, rank range and requiredTraining).
struct EntryRule {
  uint32_t from = 0;
  uint32_t to = 0;
  schema::JabatanLevel level = schema::JabatanLevel::UNSPECIFIED;
  // Minimum education; S1 is met by D4 ("S1/D4"). UNSPECIFIED = none.
  schema::EducationLevel min_education = schema::EducationLevel::UNSPECIFIED;
  // Years in posts at least `experience_height` high (post_level.h:
  // 1 pelaksana .. 6 JPT utama; functional posts level with their
  // structural equivalents), or in an Ahli Utama post when
  // `ahli_utama_counts`. 0 = none.
  int experience_years = 0;
  int experience_height = 0;
  bool ahli_utama_counts = false;
  int max_age = 0;     // full years on the TMT at most; 0 = none
  int baik_years = 0;  // at least Baik in each of the N years before the TMT's
  // The leadership training of the level, unless the post names its own;
  // UNSPECIFIED = no training checked.
  schema::TrainingKind training = schema::TrainingKind::UNSPECIFIED;
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

  // Evaluator patterns (DOMAIN.md "Performance"), judged per (evaluator,
  // rated year) on the log as it stands at the end.
  // inflated_evaluator: a share of Sangat Baik at or above this, among at
  // least `inflated_min_ratees` ratings. Default 0.9.
  double inflated_share = 0.9;
  // uniform_evaluator: at least this many ratings, all of one predikat
  // other than Sangat Baik (all Sangat Baik is inflated_evaluator).
  // Default 5.
  int uniform_min_ratees = 5;
  // unit_rating_outlier: a unit-year (the ratee's unit on record on the
  // rated year's 31 December) with at least `outlier_min_ratees` ratings,
  // compared with the rest of its agency that year (at least as many):
  // the shares of Sangat Baik differ by at least `outlier_min_gap` (0..1)
  // and the pooled two-proportion z statistic is at least `outlier_min_z`.
  // Ratings of evaluator-years flagged inflated or uniform are left out
  // of both sides (each rating is reported once, by its evaluator).
  // Defaults 10, 0.30 (30 percentage points), 3.0.
  int outlier_min_ratees = 10;
  double outlier_min_gap = 0.30;
  double outlier_min_z = 3.0;

  // jpt_replaced_early (UU 5/2014 Art. 116, from 2014-01-15): a JPT
  // holder is not replaced before this many years from installation.
  // Default 2.
  int jpt_min_years = 2;

  // entry_requirements: the leadership training of the post's level,
  // completed at most this many days after installation (TMT), lowers a
  // finding whose only unmet requirement is that training to medium.
  // Default 365 (the year an appointee is given to complete it).
  int training_grace_days = 365;
  // Entry requirements by level and date. Default: PP 100/2000 as amended
  // by PP 13/2002 (structural posts: Baik for 2 years) before 30 Mar 2017;
  // PP 11/2017 as amended by PP 17/2020 from then (DOMAIN.md's table).
  std::vector<EntryRule> entry;

  // Regulations cited, per rule, by effective date; sorted, non-overlapping.
  // Rules whose TMT table lives in `promotion` (off-cycle TMT, merit) cite
  // that table's `regulation` first.
  std::vector<DatedText> citations[kRuleCount];

  // The committee rule in force on `date`; nullptr if none.
  const CommitteeRule* CommitteeRuleOn(uint32_t date) const;
  // The entry rule of `level` in force on `date`; nullptr if none.
  const EntryRule* EntryRuleOn(schema::JabatanLevel level, uint32_t date) const;
  // The regulation `rule` cites for a decision effective on `date` ("" if
  // the table has none for that date).
  std::string Citation(RuleId rule, uint32_t date) const;
  // The severity of a finding of `rule`.
  static Severity DefaultSeverity(RuleId rule);

  // The tables of DOMAIN.md.
  static AuditRules Default();
};

}  // namespace jejak::audit
