// jejak audit: judge every promotion decision of the ledger against the
// merit rules in force on its date, with the facts known when it was
// recorded (docs/audit.md). Findings are not errors: exit 0.
#include <fstream>
#include <iomanip>
#include <iostream>

#include "commands.h"
#include "event_type.h"
#include <cstdlib>
#include <optional>

#include "jejak/audit/auditor.h"
#include "jejak/audit/bundle.h"
#include "jejak/audit/report_format.h"
#include "jejak/domain/date.h"
#include "key_file.h"
#include "progress.h"

namespace jejak::cli {

namespace {

struct AuditArgs {
  std::string json;
  std::string html;
  std::string site;
  std::string decision;
  std::string agency;
  bool fail_on_findings = false;
  std::string bundle;
  std::string key;
  std::vector<std::string> rules;
  std::string since;
  std::string until;
  size_t max_states = 0;
  std::optional<size_t> max_parked_mb;
};

// Writes a report file with `write`; IOError naming the file on failure.
template <typename F>
Status WriteFile(const std::string& path, F write) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError("cannot create " + path);
  write(out);
  out.close();
  if (!out) return Status::IOError("writing " + path + " failed");
  return Status::Ok();
}

int RunAudit(CliContext& ctx, const AuditArgs& args) {
  audit::AuditOptions o;
  for (const auto& name : args.rules) {
    auto id = audit::ParseRuleName(name);
    if (!id) {
      std::string known;
      for (auto r : audit::AllRules()) known += " " + std::string(audit::RuleName(r));
      return ctx.Fail("audit: --rule", Status::InvalidArgument("unknown rule \"" + name +
                                                               "\"; the rules are:" + known));
    }
    o.only.push_back(*id);
  }
  for (auto [text, field] : {std::pair(&args.since, &o.since), std::pair(&args.until, &o.until)}) {
    if (text->empty()) continue;
    auto d = domain::ParseDate(*text);
    if (!d.ok()) return ctx.Fail("audit", d.status());
    *field = *d;
  }
  if (args.max_states != 0) o.max_cached_employees = args.max_states;
  if (args.max_parked_mb) o.max_parked_state_bytes = *args.max_parked_mb << 20;
  o.agency = args.agency;
  auto store = ctx.Store();
  if (!store.ok()) return ctx.Fail("audit", store.status());
  if (!args.decision.empty()) {
    auto position = (*store)->FindEventId(args.decision);
    if (!position.ok()) {
      return ctx.Fail("audit: --decision",
                      position.status().IsNotFound()
                          ? Status::NotFound("no event with id \"" + args.decision + "\"")
                          : position.status());
    }
    o.explain = *position;
  }
  Progress progress("audit", (*store)->GetHead().position, "events");
  o.progress = [&](uint64_t done, uint64_t) { progress.Update(done); };
  auto report = audit::RunAudit(**store, o);
  progress.Finish();
  if (!report.ok()) return ctx.Fail("audit", report.status());
  const audit::DecisionVerdict* explained = nullptr;
  if (o.explain != 0) {
    for (const auto& v : report->decisions) {
      if (v.decision.position == o.explain) explained = &v;
    }
    if (explained == nullptr) {
      auto rec = (*store)->ReadAt(o.explain);
      const std::string type =
          rec.ok() ? EventTypeName(rec->event().getPayload()) : std::string("unreadable");
      return ctx.Fail("audit: --decision",
                      Status::InvalidArgument(
                          "event " + args.decision + " at position " + std::to_string(o.explain) +
                          " (" + type + ") is not a promotion decision judged by this audit "
                          "(rankPromoted, positionPromoted or selectionDecided, within --since, "
                          "--until and --agency)"));
    }
  }

  if (!args.json.empty()) {
    Status s = WriteFile(args.json, [&](std::ostream& out) { audit::WriteJson(*report, out); });
    if (!s.ok()) return ctx.Fail("audit: --json", s);
  }
  if (!args.html.empty()) {
    Status s = WriteFile(args.html, [&](std::ostream& out) { audit::WriteHtml(*report, out); });
    if (!s.ok()) return ctx.Fail("audit: --html", s);
  }
  audit::SiteStats site;
  if (!args.site.empty()) {
    auto written = audit::WriteSite(*report, args.site);
    if (!written.ok()) return ctx.Fail("audit: --site", written.status());
    site = *written;
  }
  audit::BundleStats bundle;
  if (!args.bundle.empty()) {
    std::optional<integrity::NoteSigner> signer;
    // An empty $JEJAK_KEY is no key, as ReadSignerKey reads it.
    const char* env_key = std::getenv("JEJAK_KEY");
    if (!args.key.empty() || (env_key != nullptr && *env_key != '\0')) {
      auto key = ReadSignerKey(args.key);
      if (!key.ok()) return ctx.Fail("audit: --key", key.status());
      signer.emplace(std::move(key).value());
    }
    auto written = audit::WriteBundle(**store, *report, args.bundle,
                                      signer ? &*signer : nullptr);
    if (!written.ok()) return ctx.Fail("audit: --bundle", written.status());
    bundle = *written;
  }
  if (explained != nullptr) {
    std::cout << audit::ExplainText(*report, *explained);
  } else {
    std::cout << audit::SummaryText(*report);
  }
  const double secs = report->stats.seconds;
  std::cout << "\naudit: " << report->stats.events_read << " events, "
            << report->decisions.size() << " decisions in " << std::fixed
            << std::setprecision(2) << secs << " s ("
            << HumanCount(secs > 0 ? static_cast<double>(report->stats.events_read) / secs : 0)
            << " events/s; checking their hashes " << report->stats.integrity_seconds << " s";
  // More employees than --max-states: say what holding fewer cost.
  if (report->stats.state_unpacks > 0) {
    std::cout << "; " << HumanCount(static_cast<double>(report->stats.state_unpacks))
              << " employee states unpacked, up to "
              << HumanCount(static_cast<double>(report->stats.peak_parked_bytes))
              << " bytes parked; "
              << HumanCount(static_cast<double>(report->stats.folded_later))
              << " events handled without unpacking their parked state";
  }
  std::cout << ")";
  if (!args.json.empty()) std::cout << "; JSON report " << args.json;
  if (!args.html.empty()) std::cout << "; HTML report " << args.html;
  if (!args.site.empty()) {
    std::cout << "; HTML site " << args.site << "/index.html (" << site.pages << " pages, largest "
              << site.largest_page_bytes / 1024 << " KiB)";
  }
  if (!args.bundle.empty()) {
    std::cout << "; bundle " << args.bundle << " (" << bundle.evidence
              << " cited events with inclusion proofs in the tree of size "
              << bundle.tree_size << ")";
  }
  std::cout << "\n";
  if (args.fail_on_findings) {
    const auto summary = audit::Summarize(*report);
    if (summary.findings > 0) {
      std::cerr << "audit: " << summary.findings << " finding(s) (--fail-on-findings)\n";
      return kExitFailure;
    }
  }
  return kExitOk;
}

}  // namespace

void AddAuditCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "audit",
      "Judge every promotion decision (rankPromoted, positionPromoted, selectionDecided) "
      "against the merit rules in force on its date, with the facts known when it was "
      "recorded; print a summary and write the full report. Findings are not errors (exit "
      "0). See docs/audit.md.");
  auto args = std::make_shared<AuditArgs>();
  cmd->add_option("--json", args->json, "write the full report as JSON to this file");
  cmd->add_option("--html", args->html,
                  "write the report as one self-contained HTML page to this file (for small "
                  "ledgers; see --site)");
  cmd->add_option("--site", args->site,
                  "write the report as HTML pages in this directory: index.html (summary, "
                  "charts, links) and one page per agency (split every 500 decisions); "
                  "self-contained, opens quickly at any size");
  cmd->add_option("--bundle", args->bundle,
                  "write the offline audit bundle to this directory: the reports, a signed "
                  "checkpoint, the verifier key, every cited event's entry and inclusion proof "
                  "(check it with jejak-verify-bundle; docs/verification.md)");
  cmd->add_option("--key", args->key,
                  "with --bundle: sign a checkpoint of the audited head with this key (default "
                  "$JEJAK_KEY; without either, the latest stored checkpoint must be of the head)");
  cmd->add_option("--decision", args->decision,
                  "explain this decision (by event id) in full: every rule of its kind with "
                  "pass / fail / not applicable / not judged and why, its findings and the "
                  "evidence; printed instead of the summary");
  cmd->add_option("--agency", args->agency,
                  "report only this agency's decisions and record findings (the whole ledger "
                  "is still replayed and checked)");
  cmd->add_flag("--fail-on-findings", args->fail_on_findings,
                "exit 1 when the report holds any finding (for pipelines); the reports are "
                "written first");
  cmd->add_option("--rule", args->rules, "check only this rule (repeatable), e.g. skipped_rank");
  cmd->add_option("--since", args->since, "judge decisions effective on or after YYYY-MM-DD");
  cmd->add_option("--until", args->until, "judge decisions effective on or before YYYY-MM-DD");
  cmd->add_option("--max-states", args->max_states,
                  "employee states kept folded in memory (default 200000; fewer = less memory, "
                  "more unpacking)");
  cmd->add_option("--max-parked-mb", args->max_parked_mb,
                  "MiB of packed employee states kept beside them (default 3072; 0 = none: "
                  "an evicted state is re-read from the store)")
      ->check(CLI::Range(size_t{0}, size_t{1} << 24));
  cmd->callback([&ctx, exit_code, args] {
    ctx.reader = args->bundle.empty();  // a bundle may sign a new checkpoint
    *exit_code = RunAudit(ctx, *args);
  });
}

}  // namespace jejak::cli
