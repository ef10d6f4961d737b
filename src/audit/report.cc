// Names of the report's enums, and the summary counts.
#include "jejak/audit/report.h"

#include <algorithm>

namespace jejak::audit {

const char* DecisionKindName(DecisionKind k) {
  switch (k) {
    case DecisionKind::kRankPromoted: return "rankPromoted";
    case DecisionKind::kPositionPromoted: return "positionPromoted";
    case DecisionKind::kSelectionDecided: return "selectionDecided";
  }
  return "unknown";
}

const char* VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kCompliant: return "compliant";
    case Verdict::kFindings: return "findings";
    case Verdict::kRetracted: return "retracted";
    case Verdict::kInsufficientEvidence: return "insufficient_evidence";
  }
  return "unknown";
}

const char* CheckOutcomeName(CheckOutcome o) {
  switch (o) {
    case CheckOutcome::kPass: return "pass";
    case CheckOutcome::kFail: return "fail";
    case CheckOutcome::kNotApplicable: return "not_applicable";
    case CheckOutcome::kNotJudged: return "not_judged";
  }
  return "unknown";
}

const EventRef* AuditReport::Event(uint64_t position) const {
  auto it = events.find(position);
  return it == events.end() ? nullptr : &it->second;
}

AuditSummary Summarize(const AuditReport& report) {
  AuditSummary s;
  uint64_t by_rule[kRuleCount] = {};
  std::map<std::string, AgencyTally> agencies;
  auto agency = [&](const std::string& name) -> AgencyTally& {
    AgencyTally& a = agencies[name];
    a.agency = name;
    return a;
  };
  for (const auto& v : report.decisions) {
    if (v.retracted) {
      ++s.retracted;
      continue;
    }
    AgencyTally& a = agency(v.agency);
    ++s.decisions;
    ++a.decisions;
    ++s.by_kind[static_cast<int>(v.kind)];
    switch (v.verdict()) {
      case Verdict::kCompliant:
        ++s.compliant;
        ++a.compliant;
        break;
      case Verdict::kFindings:
        ++s.with_findings;
        ++a.with_findings;
        break;
      case Verdict::kInsufficientEvidence:
        ++s.insufficient;
        ++a.insufficient;
        break;
      case Verdict::kRetracted:
        break;
    }
    for (const auto& f : v.findings) {
      ++by_rule[static_cast<int>(f.rule)];
      ++s.findings;
      ++a.findings;
    }
    if (v.kind == DecisionKind::kSelectionDecided) {
      ++a.selections;
      if (std::any_of(v.findings.begin(), v.findings.end(), [](const Finding& f) {
            return f.rule == RuleId::kSeniorityOverMerit;
          })) {
        ++a.seniority_picks;
      }
    }
  }
  for (const auto& r : report.record_findings) {
    ++by_rule[static_cast<int>(r.finding.rule)];
    ++s.findings;
    ++agency(r.agency).findings;
  }
  for (RuleId r : report.rules) s.by_rule.push_back({r, by_rule[static_cast<int>(r)]});
  for (auto& [name, a] : agencies) s.by_agency.push_back(std::move(a));
  return s;
}

}  // namespace jejak::audit
