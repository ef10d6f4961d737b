// jejak rebuild: drop a projection and replay the whole log into it.
#include <iostream>

#include "commands.h"
#include "jejak/projection/profile_record.h"
#include "fold_progress.h"

namespace jejak::cli {

namespace {

int RunRebuild(CliContext& ctx, const std::string& name) {
  const auto names = Ledger::ProjectionNames();
  if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    return ctx.Fail("rebuild", Status::InvalidArgument("unknown projection \"" + name +
                                                       "\" (known: " + known + ")"));
  }
  auto ledger = ctx.Ledger();
  if (!ledger.ok()) return ctx.Fail("rebuild", ledger.status());
  for (const auto& n : names) {
    if (!name.empty() && n != name) continue;
    const uint64_t total = (*ledger)->Head().position;
    FoldProgress progress("rebuild " + n, total);
    Status s = (*ledger)->Rebuild(progress.Events(), progress.Employees());
    progress.Finish();
    if (!s.ok()) return ctx.Fail("rebuild " + n, s);
    if (progress.employees_from_copies() > 0) {
      std::cerr << "rebuild " << n << ": " << progress.employees_from_copies()
                << " employees folded from the copies of their events (more than --max-states)\n";
    }
    const double secs = progress.Elapsed();
    std::cerr << "rebuilt " << n << ": " << total << " events in " << secs << " s ("
              << HumanCount(secs > 0 ? static_cast<double>(total) / secs : 0.0) << " events/s)\n";
  }
  return kExitOk;
}

}  // namespace

void AddRebuildCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "rebuild", "Drop a projection (default: all) and replay the whole log into it");
  auto name = std::make_shared<std::string>();
  cmd->add_option("name", *name, "projection name (profile)");
  cmd->add_option("--max-states", ctx.max_fold_states,
                  "employee states held before the employees are folded from the copies of "
                  "their events instead (a memory bound; default 200000)")
      ->check(CLI::Range(size_t{1}, size_t{1} << 40));
  cmd->callback([&ctx, exit_code, name] { *exit_code = RunRebuild(ctx, *name); });
}

}  // namespace jejak::cli
