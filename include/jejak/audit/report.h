// What an audit finds: a verdict for every promotion decision of the log
// (compliant, with findings, or retracted), findings about evaluations,
// and enough about every event cited to check it in the ledger (position,
// stream, event id, leaf hash: `jejak history --json` prints the same
// hashes and `jejak verify` recomputes them).
//
// Plain values, no I/O; report_format.h writes them as text, JSON, HTML.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "jejak/audit/rules.h"
#include "jejak/store/types.h"

namespace jejak::audit {

// An event of the ledger, as a report cites it.
struct EventRef {
  uint64_t position = 0;
  std::string stream;
  std::string event_id;
  std::string type;        // the payload member: "rankPromoted", ...
  uint32_t effective = 0;  // YYYYMMDD (TMT)
  int64_t recorded_at_us = 0;
  store::Hash leaf{};       // BLAKE2b leaf hash of the stored record
  // SHA-256 Merkle leaf of the event's entry (docs/format.md "Entries");
  // all zero until an audit bundle fills it in (WriteBundle).
  store::Hash tree_leaf{};
};

// One event a judgement rests on, and what it shows ("predikat 2011:
// Baik"). The event itself is in AuditReport::events under `position`.
struct Evidence {
  uint64_t position = 0;
  std::string role;
};

struct Finding {
  RuleId rule = RuleId::kNonMeritPromotion;
  Severity severity = Severity::kMedium;
  std::string explanation;  // one or two plain sentences
  std::string regulation;   // the regulation in force on the decision's date
  std::vector<Evidence> evidence;
};

enum class DecisionKind : uint8_t { kRankPromoted, kPositionPromoted, kSelectionDecided };
// "rankPromoted", "positionPromoted", "selectionDecided".
const char* DecisionKindName(DecisionKind k);

// A decision the audit cannot judge (evidence a rule needs is missing) is
// never compliant: it is kInsufficientEvidence, naming what is missing.
enum class Verdict : uint8_t { kCompliant, kFindings, kRetracted, kInsufficientEvidence };
// "compliant", "findings", "retracted", "insufficient_evidence".
const char* VerdictName(Verdict v);

// How one rule fared on one decision (`jejak audit --decision`): passed,
// broken (a finding), not applicable to this decision (why), or not judged
// (the rule was not selected, or its data is missing: why).
enum class CheckOutcome : uint8_t { kPass, kFail, kNotApplicable, kNotJudged };
// "pass", "fail", "not_applicable", "not_judged".
const char* CheckOutcomeName(CheckOutcome o);
struct RuleCheck {
  RuleId rule = RuleId::kNonMeritPromotion;
  CheckOutcome outcome = CheckOutcome::kNotJudged;
  std::string reason;  // plain and specific: "4 years 1 month in III/a, 4 needed"
};

// The judgement of one promotion decision, made with what the ledger held
// when the decision was recorded (see auditor.h).
struct DecisionVerdict {
  DecisionKind kind = DecisionKind::kRankPromoted;
  EventRef decision;
  std::string subject;  // the promoted employee's / the appointee's NIP
  std::string agency;   // the agency the decision belongs to
  std::string summary;  // "III/a -> III/b (regular)", "appointed to <post>"
  std::vector<Evidence> evidence;  // what the decision was judged on
  std::vector<Finding> findings;   // empty: no rule checked broken
  // What a rule needed and the ledger did not hold when the decision was
  // recorded ("no predikat for 2011 on record"); non-empty and no
  // findings: the verdict is insufficient_evidence.
  std::vector<std::string> missing;
  bool retracted = false;          // retracted later: not judged
  uint64_t amended_by = 0;         // position of the latest correction or
                                   // retraction of the decision, 0 = none
  std::string note;                // what the amendment did
  // The judges' account of each rule they checked, filled only for a
  // decision the audit was asked to explain (AuditOptions::explain);
  // ExplainChecks (report_format.h) completes it with every rule of the
  // decision's kind.
  std::vector<RuleCheck> checks;

  Verdict verdict() const {
    if (retracted) return Verdict::kRetracted;
    if (!findings.empty()) return Verdict::kFindings;
    return missing.empty() ? Verdict::kCompliant : Verdict::kInsufficientEvidence;
  }
};

// A finding about records rather than a promotion decision (an evaluator's
// ratings). `subject` is the event the finding is keyed by (the first of
// the ratings in the log).
struct RecordFinding {
  EventRef subject;
  std::string agency;
  std::string about;  // "evaluator 1975... , year 2019"
  Finding finding;
};

struct AuditStats {
  uint64_t events_read = 0;
  uint64_t employees = 0;          // employee streams seen
  uint64_t selections = 0;         // selection streams seen
  uint64_t state_refolds = 0;      // employee states refolded from the store
  uint64_t peak_cached_states = 0; // most employee states held folded at once
  uint64_t state_unpacks = 0;      // parked (packed) states unpacked
  uint64_t peak_parked_bytes = 0;  // most bytes of packed states held at once
  uint64_t folded_later = 0;       // events handled without unpacking their
                                   // parked state (EmployeeBook::FoldLater)
  double seconds = 0;
  double integrity_seconds = 0;    // of which checking every event's hashes
};

struct AuditReport {
  store::Head head;            // the ledger's head the audit read up to
  int64_t audited_at_us = 0;   // when the audit ran
  std::vector<RuleId> rules;   // the rules checked
  uint32_t since = 0;          // decisions effective in [since, until]
  uint32_t until = UINT32_MAX;
  std::string agency;          // only this agency's verdicts ("" = all)

  std::vector<DecisionVerdict> decisions;  // in position order
  std::vector<RecordFinding> record_findings;
  // The predikat of every rating on record at the end of the log (as
  // corrected, retracted ones left out), by (ratee's agency, rated year),
  // counted by schema::PredikatKinerja (0 unspecified, 1 Sangat Baik .. 5
  // Sangat Kurang); rated years whose 31 December is in [since, until].
  std::map<std::pair<std::string, uint16_t>, std::array<uint64_t, 6>> ratings;
  // Every event cited above (decisions, evidence, subjects), by position.
  std::map<uint64_t, EventRef> events;
  AuditStats stats;

  const EventRef* Event(uint64_t position) const;
};

// Counts for the summary tables.
struct RuleTally {
  RuleId rule = RuleId::kNonMeritPromotion;
  uint64_t findings = 0;
};
struct AgencyTally {
  std::string agency;
  uint64_t decisions = 0;      // judged (not retracted)
  uint64_t compliant = 0;
  uint64_t with_findings = 0;
  uint64_t insufficient = 0;   // insufficient evidence to judge
  uint64_t findings = 0;       // decision and record findings
  uint64_t selections = 0;     // selectionDecided judged
  // Of those, the picks with a seniority_over_merit finding (the appointee
  // out-scored by a junior on the shortlist); the rate is
  // seniority_picks / selections.
  uint64_t seniority_picks = 0;
};
struct AuditSummary {
  uint64_t decisions = 0;      // judged, i.e. not retracted
  uint64_t compliant = 0;
  uint64_t with_findings = 0;
  uint64_t insufficient = 0;   // insufficient evidence to judge
  uint64_t retracted = 0;
  uint64_t findings = 0;       // decision and record findings
  uint64_t by_kind[3] = {0, 0, 0};  // judged decisions by DecisionKind
  std::vector<RuleTally> by_rule;   // every rule checked, in RuleId order
  std::vector<AgencyTally> by_agency;  // sorted by agency
};
AuditSummary Summarize(const AuditReport& report);

}  // namespace jejak::audit
