// What the judges share: making a finding, display names, and the
// backdated-evidence finding the replay adds to a decision after the fact.
#include <algorithm>

#include "audit/judge.h"
#include "jejak/audit/auditor.h"
#include "jejak/domain/date.h"

namespace jejak::audit {

Finding JudgeContext::Make(RuleId r, uint32_t date) const {
  Finding f;
  f.rule = r;
  f.severity = AuditRules::DefaultSeverity(r);
  f.regulation = rules.Citation(r, date);
  return f;
}

void JudgeContext::Checked(DecisionVerdict* v, RuleId r, CheckOutcome outcome,
                           std::string reason) const {
  if (explain == 0 || !On(r)) return;
  if (explain != kExplainAll && explain != v->decision.position) return;
  for (auto& c : v->checks) {
    if (c.rule == r) {  // a later check of the same rule (a re-judgement) wins
      c.outcome = outcome;
      c.reason = std::move(reason);
      return;
    }
  }
  v->checks.push_back({r, outcome, std::move(reason)});
}

std::string PredikatText(schema::PredikatKinerja p) {
  static constexpr const char* kNames[] = {"unspecified", "Sangat Baik", "Baik",
                                           "Butuh Perbaikan", "Kurang", "Sangat Kurang"};
  const auto i = static_cast<size_t>(p);
  return i < std::size(kNames) ? kNames[i] : "unknown";
}

std::string EducationText(schema::EducationLevel e) {
  static constexpr const char* kNames[] = {"unspecified", "SD", "SLTP", "SLTP Kejuruan",
                                           "SLTA",        "D1", "D2",   "D3",
                                           "D4",          "S1", "S2",   "S3"};
  const auto i = static_cast<size_t>(e);
  return i < std::size(kNames) ? kNames[i] : "unknown";
}

void AddBackdatedEvidence(const JudgeContext& ctx, DecisionVerdict* v, uint64_t evidence_position,
                          uint32_t evidence_date, const std::string& kind) {
  if (!ctx.On(RuleId::kBackdatedEvidence) || v->retracted) return;
  auto it = std::find_if(v->findings.begin(), v->findings.end(),
                         [](const Finding& f) { return f.rule == RuleId::kBackdatedEvidence; });
  const std::string role = kind + " effective " + domain::FormatDate(evidence_date) +
                           ", recorded after the decision";
  if (it != v->findings.end()) {
    it->evidence.push_back({evidence_position, role});
    it->explanation += " Also: " + kind + " effective " + domain::FormatDate(evidence_date) +
                       " (position " + std::to_string(evidence_position) + ").";
    return;
  }
  // The evidence belongs to the rule the decision needed it for.
  const RuleId basis = v->kind == DecisionKind::kRankPromoted ? RuleId::kNonMeritPromotion
                                                              : RuleId::kCompetencyGap;
  Finding f = ctx.Make(RuleId::kBackdatedEvidence, v->decision.effective);
  f.regulation = ctx.rules.Citation(basis, v->decision.effective);
  f.explanation = "A " + kind + " of the employee effective " + domain::FormatDate(evidence_date) +
                  ", before the decision's TMT " + domain::FormatDate(v->decision.effective) +
                  ", was recorded only at position " + std::to_string(evidence_position) +
                  ", after the decision (position " + std::to_string(v->decision.position) +
                  "): the decision cannot have rested on it when it was made.";
  f.evidence.push_back({evidence_position, role});
  v->findings.push_back(std::move(f));
}

}  // namespace jejak::audit
