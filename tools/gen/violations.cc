#include "gen/violations.h"

namespace jejak::gen {

std::string_view RuleId(Rule r) {
  switch (r) {
    case Rule::kNonMeritPromotion: return "non_merit_promotion";
    case Rule::kSkippedRank: return "skipped_rank";
    case Rule::kPromotionDuringSanction: return "promotion_during_sanction";
    case Rule::kOffCycleTmt: return "off_cycle_tmt";
    case Rule::kAboveEducationCap: return "above_education_cap";
    case Rule::kRelatedCommitteeMember: return "related_committee_member";
    case Rule::kPpkRelatedToAppointee: return "ppk_related_to_appointee";
    case Rule::kSeniorityOverMerit: return "seniority_over_merit";
    case Rule::kCompetencyGap: return "competency_gap_at_appointment";
    case Rule::kBackdatedEvidence: return "backdated_evidence";
    case Rule::kCommitteeComposition: return "committee_composition";
    case Rule::kInflatedEvaluator: return "inflated_evaluator";
    case Rule::kDp3PredikatMismatch: return "dp3_predikat_mismatch";
    case Rule::kMissingUjianDinas: return "missing_ujian_dinas";
    case Rule::kSkpScorePredikatMismatch: return "skp_score_predikat_mismatch";
    case Rule::kRankRecordMismatch: return "rank_record_mismatch";
    case Rule::kUniformEvaluator: return "uniform_evaluator";
    case Rule::kFunctionalPromotionEarly: return "functional_promotion_early";
    case Rule::kWrongPromotionRoute: return "wrong_promotion_route";
    case Rule::kAppointeeNotShortlisted: return "appointee_not_shortlisted";
    case Rule::kSelectionSequence: return "selection_sequence";
    case Rule::kCommitteeMemberLevel: return "committee_member_level";
    case Rule::kUnitRatingOutlier: return "unit_rating_outlier";
    case Rule::kJptReplacedEarly: return "jpt_replaced_early";
    case Rule::kEntryRequirements: return "entry_requirements";
    case Rule::kCount: break;
  }
  return "unknown";
}

std::optional<Rule> ViolationPlan::Choose(Rng& rng, std::span<const Rule> applicable, int year,
                                          double weight) {
  if (applicable.empty() || rate_ <= 0) return std::nullopt;
  // Always draw, so that forcing a rule does not shift later draws.
  const bool hit = rng.Chance(rate_ * weight);
  const Rule pick = applicable[rng.Below(static_cast<uint32_t>(applicable.size()))];
  if (cover_ && year >= cover_from_) {
    for (Rule r : applicable) {
      if (count_[static_cast<size_t>(r)] == 0) return r;
    }
  }
  if (!hit) return std::nullopt;
  return pick;
}

}  // namespace jejak::gen
