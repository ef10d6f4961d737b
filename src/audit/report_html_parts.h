// The parts of the HTML report (report_html.cc) that the single page and
// the site (report_site.cc) share. Every string from the ledger goes
// through E().
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "jejak/audit/report.h"

namespace jejak::audit::html {

std::string E(std::string_view s);  // HtmlEscape
std::string Date(uint32_t d);       // YYYY-MM-DD, escaped
// The report's CSS (no external assets).
const char* Style();
// The summary counts, findings by rule and by agency tables of `r`.
void Summary(std::ostream& o, const AuditReport& r);
// One finding with its evidence table.
void FindingBlock(std::ostream& o, const AuditReport& r, const Finding& f);
// One decision: a <details> with its event, note, findings, what was
// missing and the evidence it was judged on.
void DecisionBlock(std::ostream& o, const AuditReport& r, const DecisionVerdict& v);

}  // namespace jejak::audit::html
