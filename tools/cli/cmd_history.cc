// jejak history: every event of one employee or stream, in stream order.
#include <iomanip>
#include <iostream>

#include "commands.h"
#include "event_type.h"
#include "jejak/domain/date.h"

namespace jejak::cli {

namespace {

std::string StreamOf(const std::string& arg) {
  bool all_digits = arg.size() == 18 &&
                    arg.find_first_not_of("0123456789") == std::string::npos;
  return all_digits ? "emp/" + arg : arg;
}

int RunHistory(CliContext& ctx, const std::string& arg, bool json) {
  auto ledger = ctx.Ledger();
  if (!ledger.ok()) return ctx.Fail("history", ledger.status());
  std::string stream = StreamOf(arg);
  auto events = (*ledger)->ReadStream(stream);
  if (!events.ok()) return ctx.Fail("history " + stream, events.status());
  if (json) {
    for (const auto& e : *events) {
      auto text = (*ledger)->EventJson(e, /*with_hashes=*/true);
      if (!text.ok()) return ctx.Fail("history " + stream, text.status());
      std::cout << *text << "\n";
    }
    return kExitOk;
  }
  std::cout << std::left << std::setw(9) << "POSITION" << std::setw(5) << "VER"
            << std::setw(22) << "RECORDED (UTC)" << std::setw(12) << "TMT" << std::setw(24)
            << "TYPE" << "DECREE\n";
  for (const auto& e : *events) {
    auto ev = e.event();
    std::string recorded = domain::FormatTimestamp(ev.getRecordedAt().getUnixMicros());
    recorded = recorded.substr(0, 19);  // to the second
    std::cout << std::left << std::setw(9) << ev.getPosition() << std::setw(5) << ev.getVersion()
              << std::setw(22) << recorded << std::setw(12)
              << domain::FormatDate(ev.getEffectiveDate().getYyyymmdd()) << std::setw(24)
              << EventTypeName(ev.getPayload()) << ev.getSource().getDecreeNumber().cStr() << "\n";
  }
  std::cout << events->size() << " events in " << stream << "\n";
  return kExitOk;
}

}  // namespace

void AddHistoryCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "history", "Show every event of an employee (by NIP) or of a stream, oldest first");
  auto target = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("target", *target, "an 18-digit NIP, or a stream id (emp/…, sel/…, org/…)")
      ->required();
  cmd->add_flag("--json", *json, "one JSON object per event, with leaf and chain hashes");
  cmd->callback([&ctx, exit_code, target, json] {
    *exit_code = RunHistory(ctx, *target, *json);
  });
}

}  // namespace jejak::cli
