// jejak verify: recompute every leaf hash and the chain; exit 3 on damage.
#include <iostream>

#include "commands.h"
#include "progress.h"

namespace jejak::cli {

namespace {

int RunVerify(CliContext& ctx) {
  auto store = ctx.Store();
  if (!store.ok()) return ctx.Fail("verify", store.status());
  uint64_t total = (*store)->GetHead().position;
  Progress progress("verify", total, "events");
  store::VerifyReport report;
  Status s = (*store)->Verify(&report, [&](uint64_t done) { progress.Update(done); });
  progress.Finish();
  double secs = progress.Elapsed();
  if (!s.ok()) {
    if (report.first_bad_position != 0) {
      std::cout << "verify: FAILED at position " << report.first_bad_position << " after "
                << report.events_checked << " good events\n";
    }
    return ctx.Fail("verify", s);
  }
  std::cout << "verify: ok, " << report.events_checked << " events, head position "
            << report.head.position << ", chain " << store::ToHex(report.head.chain) << " ("
            << HumanCount(secs > 0 ? static_cast<double>(report.events_checked) / secs : 0)
            << " events/s)\n";
  return kExitOk;
}

}  // namespace

void AddVerifyCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "verify",
      "Recompute every event's leaf hash and the hash chain, check the indexes and the "
      "stored head. Exit 3 naming the first bad position.");
  cmd->callback([&ctx, exit_code] { *exit_code = RunVerify(ctx); });
}

}  // namespace jejak::cli
