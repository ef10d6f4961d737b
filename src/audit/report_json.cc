// WriteJson: the machine-readable report (fields in docs/audit.md).
#include <charconv>
#include <ostream>
#include <string>
#include <vector>

#include "jejak/audit/report_format.h"
#include "jejak/domain/date.h"
#include "jejak/json_string.h"
#include "jejak/projection/format.h"

namespace jejak::audit {

namespace {

using projection::JsonString;

std::string Date(uint32_t d) {
  return d == 0 || d == UINT32_MAX ? "null" : JsonString(domain::FormatDate(d));
}

// The report's bulk (decisions, their evidence and findings) is appended
// to a string and written once per decision: an ostream insertion per
// field costs about twice as much.
void AppendNumber(uint64_t n, std::string* out) {
  char buf[24];
  const auto end = std::to_chars(buf, buf + sizeof buf, n).ptr;
  out->append(buf, end);
}

void AppendRef(const EventRef& e, std::string* out) {
  out->append("\"position\":");
  AppendNumber(e.position, out);
  out->append(",\"stream\":");
  AppendJsonString(e.stream, out);
  out->append(",\"eventId\":");
  AppendJsonString(e.event_id, out);
  out->append(",\"type\":");
  AppendJsonString(e.type, out);
  out->append(",\"effectiveDate\":");
  out->append(Date(e.effective));
  out->append(",\"recordedAt\":");
  AppendJsonString(domain::FormatTimestamp(e.recorded_at_us), out);
  out->append(",\"leafHash\":");
  AppendJsonString(store::ToHex(e.leaf), out);
  if (e.tree_leaf != store::Hash{}) {
    out->append(",\"treeLeaf\":");
    AppendJsonString(store::ToHex(e.tree_leaf), out);
  }
}

void AppendEvidence(const AuditReport& r, const std::vector<Evidence>& list, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < list.size(); ++i) {
    out->append(i > 0 ? ",{" : "{");
    if (const EventRef* e = r.Event(list[i].position)) {
      AppendRef(*e, out);
    } else {
      out->append("\"position\":");
      AppendNumber(list[i].position, out);
    }
    out->append(",\"role\":");
    AppendJsonString(list[i].role, out);
    out->push_back('}');
  }
  out->push_back(']');
}

void AppendFinding(const AuditReport& r, const Finding& f, std::string* out) {
  out->append("{\"rule\":");
  AppendJsonString(RuleName(f.rule), out);
  out->append(",\"severity\":");
  AppendJsonString(SeverityName(f.severity), out);
  out->append(",\"regulation\":");
  AppendJsonString(f.regulation, out);
  out->append(",\"explanation\":");
  AppendJsonString(f.explanation, out);
  out->append(",\"evidence\":");
  AppendEvidence(r, f.evidence, out);
  out->push_back('}');
}

void WriteSummary(std::ostream& o, const AuditReport& r) {
  const AuditSummary s = Summarize(r);
  o << "{\"decisions\":" << s.decisions << ",\"compliant\":" << s.compliant
    << ",\"withFindings\":" << s.with_findings
    << ",\"insufficientEvidence\":" << s.insufficient << ",\"retracted\":" << s.retracted
    << ",\"findings\":" << s.findings << ",\"byKind\":{";
  for (int k = 0; k < 3; ++k) {
    o << (k > 0 ? "," : "") << JsonString(DecisionKindName(static_cast<DecisionKind>(k))) << ":"
      << s.by_kind[k];
  }
  o << "},\"byRule\":[";
  for (size_t i = 0; i < s.by_rule.size(); ++i) {
    const RuleTally& t = s.by_rule[i];
    o << (i > 0 ? "," : "") << "{\"rule\":" << JsonString(RuleName(t.rule))
      << ",\"title\":" << JsonString(RuleTitle(t.rule))
      << ",\"severity\":" << JsonString(SeverityName(AuditRules::DefaultSeverity(t.rule)))
      << ",\"findings\":" << t.findings << "}";
  }
  o << "],\"byAgency\":[";
  for (size_t i = 0; i < s.by_agency.size(); ++i) {
    const AgencyTally& a = s.by_agency[i];
    o << (i > 0 ? "," : "") << "{\"agency\":" << JsonString(a.agency)
      << ",\"decisions\":" << a.decisions << ",\"compliant\":" << a.compliant
      << ",\"withFindings\":" << a.with_findings
      << ",\"insufficientEvidence\":" << a.insufficient << ",\"findings\":" << a.findings
      << ",\"selections\":" << a.selections << ",\"seniorityPicks\":" << a.seniority_picks
      << ",\"seniorityPickRate\":";
    if (a.selections == 0) {
      o << "null";
    } else {
      o << static_cast<double>(a.seniority_picks) / static_cast<double>(a.selections);
    }
    o << "}";
  }
  o << "]}";
}

}  // namespace

void WriteJson(const AuditReport& r, std::ostream& o) {
  o << "{\"ledger\":{\"headPosition\":" << r.head.position
    << ",\"chainHead\":" << JsonString(store::ToHex(r.head.chain))
    << ",\"treeSize\":" << r.head.position
    << ",\"treeRoot\":" << JsonString(store::ToHex(r.head.tree_root))
    << ",\"auditedAt\":" << JsonString(domain::FormatTimestamp(r.audited_at_us)) << "},\n";
  o << "\"scope\":{\"since\":" << Date(r.since) << ",\"until\":" << Date(r.until)
    << ",\"rules\":[";
  for (size_t i = 0; i < r.rules.size(); ++i) {
    o << (i > 0 ? "," : "") << JsonString(RuleName(r.rules[i]));
  }
  o << "]";
  if (!r.agency.empty()) o << ",\"agency\":" << JsonString(r.agency);
  o << "},\n\"summary\":";
  WriteSummary(o, r);
  o << ",\n\"decisions\":[";
  std::string buf;
  for (size_t i = 0; i < r.decisions.size(); ++i) {
    const DecisionVerdict& v = r.decisions[i];
    buf.assign(i > 0 ? ",\n{\"kind\":" : "\n{\"kind\":");
    AppendJsonString(DecisionKindName(v.kind), &buf);
    buf.push_back(',');
    AppendRef(v.decision, &buf);
    buf.append(",\"verdict\":");
    AppendJsonString(VerdictName(v.verdict()), &buf);
    buf.append(",\"subject\":");
    AppendJsonString(v.subject, &buf);
    buf.append(",\"agency\":");
    AppendJsonString(v.agency, &buf);
    buf.append(",\"summary\":");
    AppendJsonString(v.summary, &buf);
    if (!v.note.empty()) {
      buf.append(",\"note\":");
      AppendJsonString(v.note, &buf);
    }
    if (!v.missing.empty()) {
      buf.append(",\"missing\":[");
      for (size_t j = 0; j < v.missing.size(); ++j) {
        if (j > 0) buf.push_back(',');
        AppendJsonString(v.missing[j], &buf);
      }
      buf.push_back(']');
    }
    if (v.amended_by != 0) {
      buf.append(",\"amendedBy\":");
      AppendNumber(v.amended_by, &buf);
    }
    if (!v.checks.empty()) {  // an explained decision (--decision)
      buf.append(",\"checks\":[");
      const auto checks = ExplainChecks(r, v);
      for (size_t j = 0; j < checks.size(); ++j) {
        buf.append(j > 0 ? ",{\"rule\":" : "{\"rule\":");
        AppendJsonString(RuleName(checks[j].rule), &buf);
        buf.append(",\"outcome\":");
        AppendJsonString(CheckOutcomeName(checks[j].outcome), &buf);
        buf.append(",\"reason\":");
        AppendJsonString(checks[j].reason, &buf);
        buf.push_back('}');
      }
      buf.push_back(']');
    }
    buf.append(",\"evidence\":");
    AppendEvidence(r, v.evidence, &buf);
    buf.append(",\"findings\":[");
    for (size_t j = 0; j < v.findings.size(); ++j) {
      if (j > 0) buf.push_back(',');
      AppendFinding(r, v.findings[j], &buf);
    }
    buf.append("]}");
    o.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  }
  o << "],\n\"recordFindings\":[";
  for (size_t i = 0; i < r.record_findings.size(); ++i) {
    const RecordFinding& f = r.record_findings[i];
    buf.assign(i > 0 ? ",\n{\"subject\":{" : "\n{\"subject\":{");
    AppendRef(f.subject, &buf);
    buf.append("},\"agency\":");
    AppendJsonString(f.agency, &buf);
    buf.append(",\"about\":");
    AppendJsonString(f.about, &buf);
    buf.append(",\"finding\":");
    AppendFinding(r, f.finding, &buf);
    buf.push_back('}');
    o.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  }
  o << "],\n\"stats\":{\"eventsRead\":" << r.stats.events_read
    << ",\"employees\":" << r.stats.employees << ",\"selections\":" << r.stats.selections
    << ",\"stateRefolds\":" << r.stats.state_refolds
    << ",\"peakCachedStates\":" << r.stats.peak_cached_states
    << ",\"stateUnpacks\":" << r.stats.state_unpacks
    << ",\"peakParkedBytes\":" << r.stats.peak_parked_bytes
    << ",\"foldedLater\":" << r.stats.folded_later
    << ",\"seconds\":" << r.stats.seconds
    << ",\"integritySeconds\":" << r.stats.integrity_seconds << "}}\n";
}

}  // namespace jejak::audit
