// The audit report as text (the command line's summary), JSON and HTML.
// docs/audit.md documents the JSON fields and the HTML sections.
//
// JSON and HTML are written to a stream as they are produced: a report of
// a large ledger is not built in memory a second time.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "jejak/audit/report.h"
#include "jejak/status.h"

namespace jejak::audit {

// The summary tables: decisions checked, compliant, findings by rule and
// by agency, the ledger head audited.
std::string SummaryText(const AuditReport& report);

// One JSON object: "ledger", "scope", "summary", "decisions" (every
// promotion decision, in position order, with verdict, evidence and
// findings), "recordFindings", "stats".
void WriteJson(const AuditReport& report, std::ostream& out);

// One self-contained HTML page (inline CSS, no scripts, no external
// assets; every string from the ledger escaped): the ledger head and how
// to verify it, summaries by rule and by agency, evaluation findings, then
// every decision with its verdict and expandable evidence.
void WriteHtml(const AuditReport& report, std::ostream& out);

// Every rule that applies to a decision of v.kind, in RuleId order, with
// its outcome: a finding of the rule is a failure; otherwise what the
// judges recorded in v.checks (AuditOptions::explain); a rule not among
// report.rules, or one the judges did not report on, is not_judged (why).
std::vector<RuleCheck> ExplainChecks(const AuditReport& report, const DecisionVerdict& v);

// One decision in full, as text (`jejak audit --decision`): the decision
// event, its verdict, every rule of ExplainChecks with its outcome and
// reason, the findings with their explanations and regulations, what was
// missing, and every event it was judged on (position, event id, leaf hash).
std::string ExplainText(const AuditReport& report, const DecisionVerdict& v);

// The HTML report as a directory (`jejak audit --site DIR`), for reports
// too large for one page: index.html (the ledger head, the summary, inline
// SVG charts of findings by rule, decisions by year and by agency, the
// ratings' predikat by year, and a link to each agency), and per agency
// agency-<id>.html (then agency-<id>-2.html, ...): its counts and charts,
// its evaluation findings and its decisions, at most `decisions_per_page`
// a page, findings first. No scripts, no external assets.
struct SiteOptions {
  // Decisions on one page. Default 500: at most about 2 MB of HTML (a
  // page of decisions with findings; ~1 MB of compliant ones).
  size_t decisions_per_page = 500;
};
struct SiteStats {
  uint64_t pages = 0;
  uint64_t bytes = 0;               // all pages
  uint64_t largest_page_bytes = 0;
};
// Creates `dir` if needed and writes the pages (replacing files of the same
// names). IOError naming the file; InvalidArgument for bad options.
[[nodiscard]] Result<SiteStats> WriteSite(const AuditReport& report, const std::string& dir,
                                          const SiteOptions& options = {});

// `s` with & < > " ' escaped for HTML text and attribute values.
std::string HtmlEscape(std::string_view s);

}  // namespace jejak::audit
