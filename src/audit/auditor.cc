// RunAudit: the replay, the evaluator findings at the end of the log, and
// the events every verdict cites, read back with their leaf hashes.
#include "jejak/audit/auditor.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "audit/event_ref.h"
#include "audit/judge.h"
#include "audit/replay.h"

namespace jejak::audit {

namespace {

// Evaluator patterns (inflated, uniform evaluators; units far from their
// agency): properties of a whole rated year, judged on the log as it
// stands at the end (corrections and retractions applied).
std::string Percent(int part, int whole) {
  return std::to_string(whole > 0 ? (part * 1000 / whole + 5) / 10 : 0) + "%";
}

void AddRecordFindings(const Replay& replay, const AuditOptions& o, AuditReport* report) {
  const JudgeContext& ctx = replay.context();
  const AuditRules& rules = o.rules;
  const EvaluatorGroups::Patterns found = replay.groups().Find(rules);
  auto in_range = [&](uint16_t year) {
    const uint32_t year_end = static_cast<uint32_t>(year) * 10000 + 1231;
    return o.since <= year_end && year_end <= o.until;
  };
  auto group_finding = [&](RuleId rule, const EvaluatorGroups::Group& g, std::string explanation) {
    const uint32_t year_end = static_cast<uint32_t>(g.year) * 10000 + 1231;
    RecordFinding r;
    r.subject.position = g.positions.front();
    r.agency = g.agency;
    r.about = "evaluator " + g.evaluator + ", year " + std::to_string(g.year);
    r.finding = ctx.Make(rule, year_end);
    r.finding.explanation = std::move(explanation);
    for (size_t i = 0; i < g.positions.size(); ++i) {
      r.finding.evidence.push_back(
          {g.positions[i], PredikatText(g.predikats[i]) + " for " + std::to_string(g.year)});
    }
    report->record_findings.push_back(std::move(r));
  };
  if (ctx.On(RuleId::kInflatedEvaluator)) {
    for (const auto& g : found.inflated) {
      if (!in_range(g.year)) continue;
      const int n = static_cast<int>(g.positions.size());
      group_finding(RuleId::kInflatedEvaluator, g,
                    "Evaluator " + g.evaluator + " rated " +
                        (g.sangat_baik == n ? "all " + std::to_string(n)
                                            : std::to_string(g.sangat_baik) + " of " +
                                                  std::to_string(n) + " (" +
                                                  Percent(g.sangat_baik, n) + ")") +
                        " of their ratings for " + std::to_string(g.year) +
                        " Sangat Baik: an evaluation that does not tell ratees apart (flagged "
                        "from " + Percent(static_cast<int>(rules.inflated_share * 1000), 1000) +
                        " Sangat Baik among " + std::to_string(rules.inflated_min_ratees) +
                        " ratings or more).");
    }
  }
  if (ctx.On(RuleId::kUniformEvaluator)) {
    for (const auto& g : found.uniform) {
      if (!in_range(g.year)) continue;
      group_finding(RuleId::kUniformEvaluator, g,
                    "Evaluator " + g.evaluator + " rated all " +
                        std::to_string(g.positions.size()) + " of their ratings for " +
                        std::to_string(g.year) + " " + PredikatText(g.predikat) +
                        ": an evaluator who rates everyone the same does not evaluate "
                        "(flagged from " + std::to_string(rules.uniform_min_ratees) +
                        " ratings up).");
    }
  }
  if (ctx.On(RuleId::kUnitRatingOutlier)) {
    for (const auto& u : found.units) {
      if (!in_range(u.year)) continue;
      const uint32_t year_end = static_cast<uint32_t>(u.year) * 10000 + 1231;
      RecordFinding r;
      r.subject.position = u.positions.front();
      r.agency = u.agency;
      r.about = "unit " + u.unit + " of " + u.agency + ", year " + std::to_string(u.year);
      r.finding = ctx.Make(RuleId::kUnitRatingOutlier, year_end);
      char z[32];
      std::snprintf(z, sizeof z, "%.1f", u.z);
      r.finding.explanation =
          "Unit " + u.unit + " of " + u.agency + " rated " + std::to_string(u.unit_sangat_baik) +
          " of " + std::to_string(u.unit_ratings) + " (" +
          Percent(u.unit_sangat_baik, u.unit_ratings) + ") Sangat Baik for " +
          std::to_string(u.year) + ", against " + std::to_string(u.rest_sangat_baik) + " of " +
          std::to_string(u.rest_ratings) + " (" + Percent(u.rest_sangat_baik, u.rest_ratings) +
          ") in the rest of the agency: a departure of z = " + z +
          " (flagged from a gap of " +
          Percent(static_cast<int>(rules.outlier_min_gap * 1000), 1000) + " and z " +
          std::to_string(static_cast<int>(rules.outlier_min_z)) + ", " +
          std::to_string(rules.outlier_min_ratees) +
          " ratings a side; ratings of evaluators flagged inflated or uniform left out).";
      for (uint64_t p : u.positions) {
        r.finding.evidence.push_back({p, "rating for " + std::to_string(u.year) + " in the unit"});
      }
      report->record_findings.push_back(std::move(r));
    }
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
  std::vector<uint64_t> positions;
  auto cite = [&](const std::vector<Evidence>& evidence) {
    for (const auto& e : evidence) {
      if (e.position != 0) positions.push_back(e.position);
    }
  };
  for (const auto& v : report->decisions) {
    cite(v.evidence);
    for (const auto& f : v.findings) cite(f.evidence);
  }
  for (const auto& r : report->record_findings) {
    positions.push_back(r.subject.position);
    cite(r.finding.evidence);
  }
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  for (uint64_t p : positions) {
    auto rec = store.ReadAt(p);
    if (!rec.ok()) return rec.status().WithContext("reading evidence");
    try {
      report->events.emplace_hint(report->events.end(), p, RefOf(*rec));
    } catch (const kj::Exception& e) {
      return Status::Corruption("reading evidence at position " + std::to_string(p) + ": " +
                                e.getDescription().cStr());
    }
  }
  for (auto& r : report->record_findings) r.subject = report->events[r.subject.position];
  return Status::Ok();
}

// The replay's part of the report: verdicts, record findings, ratings and
// the replay's counts. The replay (every employee state it holds) is gone
// when this returns, before the cited events are read.
Status ReplayInto(store::EventStore& store, const AuditOptions& options, AuditReport* report) {
  Replay replay(store, options);
  for (RuleId r : AllRules()) {
    if (replay.context().On(r)) report->rules.push_back(r);
  }
  Status run = replay.Run(report->head.position);
  if (!run.ok()) {
    // A damaged record may also trip the replay: the check names it first.
    Status checked = replay.check().Wait();
    return checked.ok() ? run : checked;
  }
  JEJAK_RETURN_IF_ERROR(replay.check().Finish(report->head));
  report->decisions = std::move(replay.decisions());
  AddRecordFindings(replay, options, report);
  for (auto& [key, counts] : replay.groups().PredikatCounts()) {
    const uint32_t year_end = static_cast<uint32_t>(key.second) * 10000 + 1231;
    if (year_end >= options.since && year_end <= options.until) report->ratings[key] = counts;
  }
  report->stats.events_read = replay.events_read();
  report->stats.employees = replay.book().seen();
  report->stats.selections = replay.selections();
  report->stats.state_refolds = replay.book().refolds();
  report->stats.peak_cached_states = replay.book().peak();
  report->stats.state_unpacks = replay.book().unpacks();
  report->stats.peak_parked_bytes = replay.book().parked_peak_bytes();
  report->stats.folded_later = replay.book().folded_later();
  report->stats.integrity_seconds = replay.check().seconds();
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
  JEJAK_RETURN_IF_ERROR(ReplayInto(store, options, &report));
  if (!options.agency.empty()) KeepAgency(options.agency, &report);
  JEJAK_RETURN_IF_ERROR(ResolveEvents(store, &report));
  report.stats.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace jejak::audit
