// jejak history: every event of one employee or stream, in stream order,
// one readable line each (event_summary.h), or NDJSON with hashes.
#include <iomanip>
#include <iostream>
#include <map>

#include "commands.h"
#include "event_summary.h"
#include "jejak/domain/date.h"
#include "nip_arg.h"

namespace jejak::cli {

namespace {

// A stream id ("emp/…", "sel/…", "org/…") as given; anything else is a NIP.
Result<std::string> StreamOf(const std::string& arg) {
  if (arg.find('/') != std::string::npos) return arg;
  auto nip = NipArg(arg);
  if (!nip.ok()) return nip.status();
  return "emp/" + *nip;
}

int RunHistory(CliContext& ctx, const std::string& arg, bool json) {
  auto stream = StreamOf(arg);
  if (!stream.ok()) return ctx.Fail("history", stream.status());
  auto ledger = ctx.Ledger();
  if (!ledger.ok()) return ctx.Fail("history", ledger.status());
  auto events = (*ledger)->ReadStream(*stream);
  if (!events.ok()) return ctx.Fail("history " + *stream, events.status());
  if (json) {
    for (const auto& e : *events) {
      auto text = (*ledger)->EventJson(e, /*with_hashes=*/true);
      if (!text.ok()) return ctx.Fail("history " + *stream, text.status());
      std::cout << *text << "\n";
    }
    return kExitOk;
  }
  std::cout << std::left << std::setw(9) << "POSITION" << std::setw(12) << "TMT" << std::setw(21)
            << "RECORDED (UTC)" << std::setw(26) << "DECREE" << "WHAT\n";
  std::map<uint64_t, std::string> said;  // position -> summary, for amendments of them
  for (const auto& e : *events) {
    auto ev = e.event();
    const auto payload = ev.getPayload();
    std::string what;
    if (payload.isCorrected() || payload.isRetracted()) {
      const uint64_t target =
          payload.isCorrected() ? payload.getCorrected().getTarget() : payload.getRetracted().getTarget();
      auto it = said.find(target);
      what = SummarizeAmendment(payload, it == said.end() ? "" : it->second);
    } else {
      what = SummarizePayload(payload);
      said[ev.getPosition()] = what;
    }
    std::string recorded = domain::FormatTimestamp(ev.getRecordedAt().getUnixMicros());
    recorded = recorded.substr(0, 16);  // to the minute
    std::cout << std::left << std::setw(9) << ev.getPosition() << std::setw(12)
              << domain::FormatDate(ev.getEffectiveDate().getYyyymmdd()) << std::setw(21) << recorded
              << std::setw(25) << ev.getSource().getDecreeNumber().cStr() << " " << what << "\n";
  }
  std::cout << events->size() << " events in " << *stream << "\n";
  return kExitOk;
}

}  // namespace

void AddHistoryCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "history", "Show every event of an employee (by NIP) or of a stream, oldest first, one line each");
  auto target = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("target", *target, "an 18-digit NIP (spaces or a leading ' allowed), or a stream id (emp/…, sel/…, org/…)")
      ->required();
  cmd->add_flag("--json", *json, "one JSON object per event, with leaf and chain hashes");
  cmd->callback([&ctx, exit_code, target, json] {
    ctx.reader = true;
    *exit_code = RunHistory(ctx, *target, *json);
  });
}

}  // namespace jejak::cli
