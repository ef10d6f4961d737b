// WriteHtml: one self-contained page, inline CSS, no scripts; <details>
// elements expand the evidence. Every string that comes from the ledger
// goes through HtmlEscape (E below).
#include <ostream>

#include "audit/report_html_parts.h"
#include "jejak/audit/report_format.h"
#include "jejak/domain/date.h"

namespace jejak::audit {

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace html {

std::string E(std::string_view s) { return HtmlEscape(s); }
std::string Date(uint32_t d) { return E(domain::FormatDate(d)); }

const char* Style() {
  return R"css(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#1d2733}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #d5dbe3;padding-bottom:.2em}
code,.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #d5dbe3;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f0f3f7}td.n{text-align:right}
.meta{color:#4a5868}.note{color:#4a5868;font-style:italic}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;font-weight:600;color:#fff;margin-right:6px}
.compliant{background:#2f7d32}.findings{background:#b3261e}.retracted{background:#6b7280}.insufficient_evidence{background:#a16207}
.high{color:#b3261e;font-weight:600}.medium{color:#a15c00;font-weight:600}.low{color:#4a5868;font-weight:600}
details{border:1px solid #e1e6ec;border-radius:4px;margin:4px 0;padding:2px 8px}
details[open]{background:#fafbfc}summary{cursor:pointer}
.finding{border-left:3px solid #b3261e;padding-left:8px;margin:8px 0}
)css";
}

void EventRow(std::ostream& o, const EventRef& e, const std::string& role) {
  o << "<tr><td class=n>" << e.position << "</td><td>" << E(e.stream) << "</td><td>"
    << E(e.event_id) << "</td><td>" << E(e.type) << "</td><td>" << Date(e.effective)
    << "</td><td>" << E(domain::FormatTimestamp(e.recorded_at_us)) << "</td><td class=hash>"
    << E(store::ToHex(e.leaf)) << "</td><td>" << E(role) << "</td></tr>\n";
}

void EvidenceTable(std::ostream& o, const AuditReport& r, const std::vector<Evidence>& list) {
  if (list.empty()) return;
  o << "<table><tr><th>position</th><th>stream</th><th>event id</th><th>type</th><th>TMT</th>"
       "<th>recorded</th><th>leaf hash</th><th>shows</th></tr>\n";
  for (const Evidence& e : list) {
    if (const EventRef* ref = r.Event(e.position)) {
      EventRow(o, *ref, e.role);
    } else {
      o << "<tr><td class=n>" << e.position << "</td><td colspan=7>" << E(e.role) << "</td></tr>\n";
    }
  }
  o << "</table>\n";
}

void FindingBlock(std::ostream& o, const AuditReport& r, const Finding& f) {
  const std::string sev(SeverityName(f.severity));
  o << "<div class=finding><b>" << E(RuleName(f.rule)) << "</b> &middot; <span class=" << sev
    << ">" << sev << "</span> &middot; " << E(RuleTitle(f.rule)) << "<br>" << E(f.explanation)
    << "<br><span class=meta>Regulation: " << E(f.regulation.empty() ? "-" : f.regulation)
    << "</span>\n";
  EvidenceTable(o, r, f.evidence);
  o << "</div>\n";
}

void DecisionBlock(std::ostream& o, const AuditReport& r, const DecisionVerdict& v) {
  const char* verdict = VerdictName(v.verdict());
  o << "<details><summary><span class=\"badge " << verdict << "\">" << verdict << "</span>#"
    << v.decision.position << " " << DecisionKindName(v.kind) << " &middot; " << E(v.subject)
    << " &middot; " << E(v.agency) << " &middot; " << E(v.summary);
  if (!v.findings.empty()) {
    o << " &middot; ";
    for (size_t i = 0; i < v.findings.size(); ++i) {
      o << (i > 0 ? ", " : "") << E(RuleName(v.findings[i].rule));
    }
  }
  o << "</summary>\n<p>Decision:</p><table><tr><th>position</th><th>stream</th><th>event id</th>"
       "<th>type</th><th>TMT</th><th>recorded</th><th>leaf hash</th><th></th></tr>\n";
  EventRow(o, v.decision, "");
  o << "</table>\n";
  if (!v.note.empty()) o << "<p class=note>" << E(v.note) << "</p>\n";
  for (const Finding& f : v.findings) FindingBlock(o, r, f);
  if (!v.missing.empty()) {
    o << "<p>Could not be judged in full: the ledger did not hold, when the decision was "
         "recorded:</p><ul>";
    for (const auto& m : v.missing) o << "<li>" << E(m) << "</li>";
    o << "</ul>\n";
  }
  if (v.verdict() == Verdict::kCompliant) {
    o << "<p>Transparent and compliant: no rule checked is broken by what the ledger held when "
         "the decision was recorded";
    if (v.kind == DecisionKind::kSelectionDecided) {
      o << ", and no declared family relation links the appointee to the deciding official, nor "
           "a scoring member to a candidate they scored";
    }
    o << ".</p>\n";
  }
  if (!v.evidence.empty()) {
    o << "<p>Judged on:</p>\n";
    EvidenceTable(o, r, v.evidence);
  }
  o << "</details>\n";
}

void Decisions(std::ostream& o, const AuditReport& r, Verdict which, const char* title) {
  uint64_t n = 0;
  for (const auto& v : r.decisions) n += v.verdict() == which ? 1 : 0;
  o << "<h3>" << title << " (" << n << ")</h3>\n";
  for (const auto& v : r.decisions) {
    if (v.verdict() == which) DecisionBlock(o, r, v);
  }
}

void Summary(std::ostream& o, const AuditReport& r) {
  const AuditSummary s = Summarize(r);
  o << "<h2>Summary</h2>\n<table>"
    << "<tr><th>promotion decisions checked</th><td class=n>" << s.decisions << "</td></tr>";
  for (int k = 0; k < 3; ++k) {
    o << "<tr><td>&nbsp;&nbsp;" << DecisionKindName(static_cast<DecisionKind>(k))
      << "</td><td class=n>" << s.by_kind[k] << "</td></tr>";
  }
  o << "<tr><th>transparent and compliant</th><td class=n>" << s.compliant << "</td></tr>"
    << "<tr><th>with findings</th><td class=n>" << s.with_findings << "</td></tr>"
    << "<tr><th>insufficient evidence</th><td class=n>" << s.insufficient << "</td></tr>"
    << "<tr><th>retracted (not judged)</th><td class=n>" << s.retracted << "</td></tr>"
    << "<tr><th>findings</th><td class=n>" << s.findings << "</td></tr></table>\n";
  o << "<h2>Findings by rule</h2>\n<table><tr><th>rule</th><th>what</th><th>severity</th>"
       "<th>findings</th></tr>\n";
  for (const auto& t : s.by_rule) {
    const std::string sev(SeverityName(AuditRules::DefaultSeverity(t.rule)));
    o << "<tr><td><code>" << E(RuleName(t.rule)) << "</code></td><td>" << E(RuleTitle(t.rule))
      << "</td><td class=" << sev << ">" << sev << "</td><td class=n>" << t.findings
      << "</td></tr>\n";
  }
  o << "</table>\n<h2>By agency</h2>\n<table><tr><th>agency</th><th>decisions</th>"
       "<th>compliant</th><th>with findings</th><th>findings</th>"
       "<th>seniority picks (of selections)</th></tr>\n";
  for (const auto& a : s.by_agency) {
    o << "<tr><td>" << E(a.agency.empty() ? "(none)" : a.agency) << "</td><td class=n>"
      << a.decisions << "</td><td class=n>" << a.compliant << "</td><td class=n>"
      << a.with_findings << "</td><td class=n>" << a.findings << "</td><td class=n>"
      << a.seniority_picks << " of " << a.selections << "</td></tr>\n";
  }
  o << "</table>\n";
}

}  // namespace html

using namespace html;  // this file's own parts

void WriteHtml(const AuditReport& r, std::ostream& o) {
  const std::string chain = E(store::ToHex(r.head.chain));
  o << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
       "<title>jejak merit audit</title><style>"
    << Style() << "</style></head><body>\n<h1>Merit audit</h1>\n<p class=meta>Ledger head at "
    << "audit time: position <b>" << r.head.position << "</b>, chain head <code>" << chain
    << "</code>. Audited " << E(domain::FormatTimestamp(r.audited_at_us)) << "; "
    << r.stats.events_read << " events read.";
  if (r.since != 0 || r.until != UINT32_MAX) {
    o << " Decisions effective " << (r.since != 0 ? "from " + Date(r.since) + " " : "")
      << (r.until != UINT32_MAX ? "to " + Date(r.until) : "") << ".";
  }
  o << " Rules checked:";
  for (RuleId id : r.rules) o << " <code>" << E(RuleName(id)) << "</code>";
  o << ".</p>\n<h2>How to verify</h2>\n<p>Every decision is judged with the facts the ledger "
       "held when it was recorded (events at earlier positions only), against the rules in "
       "force on its effective date. Every event cited below names its position, stream, event "
       "id and leaf hash. To check them against the ledger: <code>jejak verify</code> recomputes "
       "every leaf hash and the hash chain; at position "
    << r.head.position << " the chain head must be <code>" << chain
    << "</code> (events appended later move the head on, never the earlier hashes). "
       "<code>jejak history --json &lt;stream&gt;</code> prints each event of a stream with its "
       "position, <code>leafHash</code> and <code>chainHash</code>.</p>\n";
  Summary(o, r);
  o << "<h2>Evaluation findings (" << r.record_findings.size() << ")</h2>\n";
  for (const auto& f : r.record_findings) {
    o << "<details><summary><span class=\"badge findings\">findings</span>#" << f.subject.position
      << " &middot; " << E(f.agency) << " &middot; " << E(f.about) << " &middot; "
      << E(RuleName(f.finding.rule)) << "</summary>\n";
    FindingBlock(o, r, f.finding);
    o << "</details>\n";
  }
  o << "<h2>Decisions</h2>\n<p>Every promotion decision of the ledger with its verdict; open one "
       "to see the decision event, the findings and the evidence it was judged on.</p>\n";
  Decisions(o, r, Verdict::kFindings, "With findings");
  Decisions(o, r, Verdict::kInsufficientEvidence, "Insufficient evidence to judge");
  Decisions(o, r, Verdict::kCompliant, "Transparent and compliant");
  Decisions(o, r, Verdict::kRetracted, "Retracted (not judged)");
  o << "</body></html>\n";
}

}  // namespace jejak::audit
