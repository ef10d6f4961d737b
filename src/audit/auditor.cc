// RunAudit: the replay, the evaluator findings at the end of the log, and
// the events every verdict cites, read back with their leaf hashes.
#include "jejak/audit/auditor.h"

#include <chrono>
#include <set>

#include "audit/event_ref.h"
#include "audit/replay.h"

namespace jejak::audit {

namespace {

// Inflated evaluators: a property of a whole rated year, judged on the
// log as it stands at the end (corrections and retractions applied).
void AddRecordFindings(const Replay& replay, const AuditOptions& o, AuditReport* report) {
  if (!replay.context().On(RuleId::kInflatedEvaluator)) return;
  const int min = o.rules.inflated_min_ratees;
  for (auto& g : replay.groups().Inflated(min)) {
    const uint32_t year_end = static_cast<uint32_t>(g.year) * 10000 + 1231;
    if (year_end < o.since || year_end > o.until) continue;
    RecordFinding r;
    r.subject.position = g.positions.front();
    r.agency = g.agency;
    r.about = "evaluator " + g.evaluator + ", year " + std::to_string(g.year);
    r.finding = replay.context().Make(RuleId::kInflatedEvaluator, year_end);
    r.finding.explanation = "Evaluator " + g.evaluator + " rated all " +
                            std::to_string(g.positions.size()) + " of their ratings for " +
                            std::to_string(g.year) +
                            " Sangat Baik: an evaluation that does not tell ratees apart "
                            "(flagged from " + std::to_string(min) + " ratings up).";
    for (uint64_t p : g.positions) {
      r.finding.evidence.push_back({p, "Sangat Baik for " + std::to_string(g.year)});
    }
    report->record_findings.push_back(std::move(r));
  }
}

// --agency: the verdicts and record findings of one agency.
void KeepAgency(const std::string& agency, AuditReport* report) {
  std::erase_if(report->decisions, [&](const DecisionVerdict& v) { return v.agency != agency; });
  std::erase_if(report->record_findings,
                [&](const RecordFinding& r) { return r.agency != agency; });
  std::erase_if(report->ratings, [&](const auto& r) { return r.first.first != agency; });
}

Status ResolveEvents(store::EventStore& store, AuditReport* report) {
  std::set<uint64_t> positions;
  auto cite = [&](const std::vector<Evidence>& evidence) {
    for (const auto& e : evidence) {
      if (e.position != 0) positions.insert(e.position);
    }
  };
  for (const auto& v : report->decisions) {
    cite(v.evidence);
    for (const auto& f : v.findings) cite(f.evidence);
  }
  for (const auto& r : report->record_findings) {
    positions.insert(r.subject.position);
    cite(r.finding.evidence);
  }
  for (uint64_t p : positions) {
    auto rec = store.ReadAt(p);
    if (!rec.ok()) return rec.status().WithContext("reading evidence");
    try {
      report->events.emplace(p, RefOf(*rec));
    } catch (const kj::Exception& e) {
      return Status::Corruption("reading evidence at position " + std::to_string(p) + ": " +
                                e.getDescription().cStr());
    }
  }
  for (auto& r : report->record_findings) r.subject = report->events[r.subject.position];
  return Status::Ok();
}

}  // namespace

Result<AuditReport> RunAudit(store::EventStore& store, const AuditOptions& options) {
  if (options.since > options.until) {
    return Status::InvalidArgument("audit: --since is after --until");
  }
  const auto start = std::chrono::steady_clock::now();
  AuditReport report;
  report.head = store.GetHead();
  report.audited_at_us = (options.clock != nullptr ? options.clock : SystemClock())->NowMicros();
  report.since = options.since;
  report.until = options.until;
  report.agency = options.agency;

  Replay replay(store, options);
  for (RuleId r : AllRules()) {
    if (replay.context().On(r)) report.rules.push_back(r);
  }
  Status run = replay.Run(report.head.position);
  if (!run.ok()) {
    // A damaged record may also trip the replay: the check names it first.
    Status checked = replay.check().Wait();
    return checked.ok() ? run : checked;
  }
  JEJAK_RETURN_IF_ERROR(replay.check().Finish(report.head));
  report.decisions = std::move(replay.decisions());
  AddRecordFindings(replay, options, &report);
  if (!options.agency.empty()) KeepAgency(options.agency, &report);
  JEJAK_RETURN_IF_ERROR(ResolveEvents(store, &report));

  report.stats.events_read = replay.events_read();
  report.stats.employees = replay.book().seen();
  report.stats.selections = replay.selections();
  report.stats.state_refolds = replay.book().refolds();
  report.stats.peak_cached_states = replay.book().peak();
  report.stats.integrity_seconds = replay.check().seconds();
  report.stats.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace jejak::audit
