// ExplainChecks and ExplainText: one decision in full (`jejak audit
// --decision`).
#include <algorithm>
#include <string>

#include "jejak/audit/report_format.h"
#include "jejak/domain/date.h"
#include "jejak/projection/format.h"

namespace jejak::audit {

namespace {

// The rules a judge of each kind of decision applies (judge_rank.cc,
// judge_appointment.cc, judge_selection.cc, and the replay's backdated
// evidence check), in RuleId order.
std::vector<RuleId> RulesOf(DecisionKind kind) {
  switch (kind) {
    case DecisionKind::kRankPromoted:
      return {RuleId::kNonMeritPromotion,   RuleId::kSkippedRank,
              RuleId::kPromotionDuringSanction, RuleId::kOffCycleTmt,
              RuleId::kAboveEducationCap,   RuleId::kBackdatedEvidence,
              RuleId::kRankRecordMismatch,  RuleId::kDp3PredikatMismatch,
              RuleId::kWrongPromotionRoute, RuleId::kFunctionalPromotionEarly,
              RuleId::kMissingUjianDinas,   RuleId::kSkpScorePredikatMismatch};
    case DecisionKind::kPositionPromoted:
      return {RuleId::kCompetencyGap, RuleId::kBackdatedEvidence, RuleId::kJptReplacedEarly,
              RuleId::kEntryRequirements};
    case DecisionKind::kSelectionDecided:
      return {RuleId::kRelatedCommitteeMember, RuleId::kPpkRelatedToAppointee,
              RuleId::kSeniorityOverMerit,     RuleId::kCommitteeComposition,
              RuleId::kAppointeeNotShortlisted, RuleId::kSelectionSequence,
              RuleId::kCommitteeMemberLevel};
  }
  return {};
}

std::string Hex(const store::Hash& h) { return store::ToHex(h); }

std::string EventLine(const AuditReport& r, uint64_t position, const std::string& role) {
  std::string out = "  #" + std::to_string(position);
  if (const EventRef* e = r.Event(position)) {
    out += " " + e->type + " " + e->stream + " TMT " + domain::FormatDate(e->effective) +
           " (event " + e->event_id + ", leaf " + Hex(e->leaf) + ")";
  }
  return out + (role.empty() ? "" : ": " + role) + "\n";
}

}  // namespace

std::vector<RuleCheck> ExplainChecks(const AuditReport& report, const DecisionVerdict& v) {
  std::vector<RuleId> rules = RulesOf(v.kind);
  for (const auto& f : v.findings) rules.push_back(f.rule);
  for (const auto& c : v.checks) rules.push_back(c.rule);
  std::sort(rules.begin(), rules.end());
  rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
  std::vector<RuleCheck> out;
  for (RuleId rule : rules) {
    RuleCheck c{rule, CheckOutcome::kNotJudged, ""};
    const auto finding = std::find_if(v.findings.begin(), v.findings.end(),
                                      [&](const Finding& f) { return f.rule == rule; });
    const auto checked = std::find_if(v.checks.begin(), v.checks.end(),
                                      [&](const RuleCheck& x) { return x.rule == rule; });
    if (v.retracted) {
      c.reason = "the decision was retracted: not judged";
    } else if (finding != v.findings.end()) {
      c.outcome = CheckOutcome::kFail;
      c.reason = finding->explanation;
    } else if (std::find(report.rules.begin(), report.rules.end(), rule) == report.rules.end()) {
      c.reason = "not among the rules this audit checked (--rule)";
    } else if (checked != v.checks.end()) {
      c = *checked;
    } else if (rule == RuleId::kBackdatedEvidence) {
      // The replay checks every later rating and assessment against the
      // decisions before it; none was flagged for this one.
      c.outcome = CheckOutcome::kPass;
      c.reason = "no rating or assessment of the employee effective before the TMT was "
                 "recorded after the decision";
    } else {
      c.reason = "the audit does not report on this rule for this decision";
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string ExplainText(const AuditReport& r, const DecisionVerdict& v) {
  std::string out = "decision at position " + std::to_string(v.decision.position) + ": " +
                    DecisionKindName(v.kind) + " of " + v.subject + " (" +
                    (v.agency.empty() ? "no agency" : v.agency) + "), TMT " +
                    domain::FormatDate(v.decision.effective) + ", " + v.summary + "\n" +
                    "event " + v.decision.event_id + " in " + v.decision.stream + ", recorded " +
                    domain::FormatTimestamp(v.decision.recorded_at_us) + ", leaf hash " +
                    Hex(v.decision.leaf) + "\n" + "verdict: " + VerdictName(v.verdict()) + "\n";
  if (!v.note.empty()) out += "note: " + v.note + "\n";

  projection::Table checks{{"RULE", "OUTCOME", "WHY"}, {}};
  for (const RuleCheck& c : ExplainChecks(r, v)) {
    checks.rows.push_back({std::string(RuleName(c.rule)), CheckOutcomeName(c.outcome), c.reason});
  }
  out += "\n" + projection::FormatAligned(checks);

  for (const Finding& f : v.findings) {
    out += "\nfinding " + std::string(RuleName(f.rule)) + " (" +
           std::string(SeverityName(f.severity)) + "): " + f.explanation + "\n" +
           "  regulation: " + (f.regulation.empty() ? "-" : f.regulation) + "\n";
    for (const Evidence& e : f.evidence) out += EventLine(r, e.position, e.role);
  }
  if (!v.missing.empty()) {
    out += "\nnot on record when the decision was recorded:\n";
    for (const auto& m : v.missing) out += "  " + m + "\n";
  }
  if (!v.evidence.empty()) {
    out += "\njudged on:\n";
    for (const Evidence& e : v.evidence) out += EventLine(r, e.position, e.role);
  }
  out += "\nledger head audited: position " + std::to_string(r.head.position) + ", chain head " +
         Hex(r.head.chain) + ", tree root " + Hex(r.head.tree_root) + "\n";
  return out;
}

}  // namespace jejak::audit
