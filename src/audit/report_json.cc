// WriteJson: the machine-readable report (fields in docs/audit.md).
#include <ostream>

#include "jejak/audit/report_format.h"
#include "jejak/domain/date.h"
#include "jejak/projection/format.h"

namespace jejak::audit {

namespace {

using projection::JsonString;

std::string Date(uint32_t d) {
  return d == 0 || d == UINT32_MAX ? "null" : JsonString(domain::FormatDate(d));
}

void WriteRef(std::ostream& o, const EventRef& e) {
  o << "\"position\":" << e.position << ",\"stream\":" << JsonString(e.stream)
    << ",\"eventId\":" << JsonString(e.event_id) << ",\"type\":" << JsonString(e.type)
    << ",\"effectiveDate\":" << Date(e.effective)
    << ",\"recordedAt\":" << JsonString(domain::FormatTimestamp(e.recorded_at_us))
    << ",\"leafHash\":" << JsonString(store::ToHex(e.leaf));
  if (e.tree_leaf != store::Hash{}) o << ",\"treeLeaf\":" << JsonString(store::ToHex(e.tree_leaf));
}

void WriteEvidence(std::ostream& o, const AuditReport& r, const std::vector<Evidence>& list) {
  o << "[";
  for (size_t i = 0; i < list.size(); ++i) {
    o << (i > 0 ? "," : "") << "{";
    if (const EventRef* e = r.Event(list[i].position)) {
      WriteRef(o, *e);
    } else {
      o << "\"position\":" << list[i].position;
    }
    o << ",\"role\":" << JsonString(list[i].role) << "}";
  }
  o << "]";
}

void WriteFinding(std::ostream& o, const AuditReport& r, const Finding& f) {
  o << "{\"rule\":" << JsonString(RuleName(f.rule))
    << ",\"severity\":" << JsonString(SeverityName(f.severity))
    << ",\"regulation\":" << JsonString(f.regulation)
    << ",\"explanation\":" << JsonString(f.explanation) << ",\"evidence\":";
  WriteEvidence(o, r, f.evidence);
  o << "}";
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
  for (size_t i = 0; i < r.decisions.size(); ++i) {
    const DecisionVerdict& v = r.decisions[i];
    o << (i > 0 ? ",\n" : "\n") << "{\"kind\":" << JsonString(DecisionKindName(v.kind)) << ",";
    WriteRef(o, v.decision);
    o << ",\"verdict\":" << JsonString(VerdictName(v.verdict()))
      << ",\"subject\":" << JsonString(v.subject) << ",\"agency\":" << JsonString(v.agency)
      << ",\"summary\":" << JsonString(v.summary);
    if (!v.note.empty()) o << ",\"note\":" << JsonString(v.note);
    if (!v.missing.empty()) {
      o << ",\"missing\":[";
      for (size_t j = 0; j < v.missing.size(); ++j) {
        o << (j > 0 ? "," : "") << JsonString(v.missing[j]);
      }
      o << "]";
    }
    if (v.amended_by != 0) o << ",\"amendedBy\":" << v.amended_by;
    if (!v.checks.empty()) {  // an explained decision (--decision)
      o << ",\"checks\":[";
      const auto checks = ExplainChecks(r, v);
      for (size_t j = 0; j < checks.size(); ++j) {
        o << (j > 0 ? "," : "") << "{\"rule\":" << JsonString(RuleName(checks[j].rule))
          << ",\"outcome\":" << JsonString(CheckOutcomeName(checks[j].outcome))
          << ",\"reason\":" << JsonString(checks[j].reason) << "}";
      }
      o << "]";
    }
    o << ",\"evidence\":";
    WriteEvidence(o, r, v.evidence);
    o << ",\"findings\":[";
    for (size_t j = 0; j < v.findings.size(); ++j) {
      o << (j > 0 ? "," : "");
      WriteFinding(o, r, v.findings[j]);
    }
    o << "]}";
  }
  o << "],\n\"recordFindings\":[";
  for (size_t i = 0; i < r.record_findings.size(); ++i) {
    const RecordFinding& f = r.record_findings[i];
    o << (i > 0 ? ",\n" : "\n") << "{\"subject\":{";
    WriteRef(o, f.subject);
    o << "},\"agency\":" << JsonString(f.agency) << ",\"about\":" << JsonString(f.about)
      << ",\"finding\":";
    WriteFinding(o, r, f.finding);
    o << "}";
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
