// SummaryText: the command line's tables, through the projection's
// aligned-table formatter.
#include <string>

#include "jejak/audit/report_format.h"
#include "jejak/domain/date.h"
#include "jejak/projection/format.h"

namespace jejak::audit {

namespace {

std::string Scope(const AuditReport& r) {
  std::string out;
  if (r.since != 0 || r.until != UINT32_MAX) {
    out += "decisions effective " +
           (r.since != 0 ? "from " + domain::FormatDate(r.since) + " " : std::string()) +
           (r.until != UINT32_MAX ? "to " + domain::FormatDate(r.until) : std::string()) + "\n";
  }
  if (!r.agency.empty()) out += "agency " + r.agency + " only\n";
  if (r.rules.size() != static_cast<size_t>(kRuleCount)) {
    out += "rules checked:";
    for (RuleId id : r.rules) out += " " + std::string(RuleName(id));
    out += "\n";
  }
  return out;
}

}  // namespace

std::string SummaryText(const AuditReport& r) {
  const AuditSummary s = Summarize(r);
  std::string out = "audit of " + std::to_string(r.stats.events_read) +
                    " events, head position " + std::to_string(r.head.position) +
                    ", chain head " + store::ToHex(r.head.chain) + "\n" + Scope(r);
  projection::Table counts{{"DECISIONS", "COUNT"}, {}};
  counts.rows.push_back({"checked", std::to_string(s.decisions)});
  for (int k = 0; k < 3; ++k) {
    counts.rows.push_back({"  " + std::string(DecisionKindName(static_cast<DecisionKind>(k))),
                           std::to_string(s.by_kind[k])});
  }
  counts.rows.push_back({"compliant", std::to_string(s.compliant)});
  counts.rows.push_back({"with findings", std::to_string(s.with_findings)});
  counts.rows.push_back({"insufficient evidence", std::to_string(s.insufficient)});
  counts.rows.push_back({"retracted (not judged)", std::to_string(s.retracted)});
  counts.rows.push_back({"findings", std::to_string(s.findings)});
  out += "\n" + projection::FormatAligned(counts);

  projection::Table rules{{"RULE", "SEVERITY", "FINDINGS"}, {}};
  for (const auto& t : s.by_rule) {
    rules.rows.push_back({std::string(RuleName(t.rule)),
                          std::string(SeverityName(AuditRules::DefaultSeverity(t.rule))),
                          std::to_string(t.findings)});
  }
  out += "\n" + projection::FormatAligned(rules);

  projection::Table agencies{
      {"AGENCY", "DECISIONS", "COMPLIANT", "WITH FINDINGS", "INSUFFICIENT", "FINDINGS",
       "SENIORITY PICKS"},
      {}};
  for (const auto& a : s.by_agency) {
    agencies.rows.push_back({a.agency.empty() ? "(none)" : a.agency, std::to_string(a.decisions),
                             std::to_string(a.compliant), std::to_string(a.with_findings),
                             std::to_string(a.insufficient), std::to_string(a.findings),
                             std::to_string(a.seniority_picks) + " of " +
                                 std::to_string(a.selections) + " selections"});
  }
  if (!agencies.rows.empty()) out += "\n" + projection::FormatAligned(agencies);
  return out;
}

}  // namespace jejak::audit
