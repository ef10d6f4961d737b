// The audit report as text (the command line's summary), JSON and HTML.
// docs/audit.md documents the JSON fields and the HTML sections.
//
// JSON and HTML are written to a stream as they are produced: a report of
// a large ledger is not built in memory a second time.
#pragma once

#include <ostream>
#include <string>

#include "jejak/audit/report.h"

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

// `s` with & < > " ' escaped for HTML text and attribute values.
std::string HtmlEscape(std::string_view s);

}  // namespace jejak::audit
