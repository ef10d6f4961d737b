// jejak upgrade: bring a v1 ledger (no Merkle tree) to the current format.
#include <chrono>
#include <iostream>
#include <memory>

#include "commands.h"
#include "progress.h"

namespace jejak::cli {

namespace {

int RunUpgrade(CliContext& ctx) {
  store::StoreOptions options;
  // The total is known once the ledger is open: the bar starts then.
  std::unique_ptr<Progress> progress;
  uint64_t total = 0;
  const auto started = std::chrono::steady_clock::now();
  auto added = store::EventStore::Upgrade(options, ctx.data_dir,
                                          [&](uint64_t done, uint64_t all) {
                                            total = all;
                                            if (!progress) {
                                              progress = std::make_unique<Progress>(
                                                  "upgrade", all, "entries");
                                            }
                                            progress->Update(done);
                                          });
  if (progress) progress->Finish();
  if (!added.ok()) {
    if (added.status().IsNotFound()) {
      return ctx.Fail("upgrade", Status::NotFound("no ledger in " + ctx.data_dir));
    }
    return ctx.Fail("upgrade", added.status());
  }
  if (*added == 0 && total == 0) {
    std::cout << "upgrade: " << ctx.data_dir << " is already the current format\n";
    return kExitOk;
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "upgrade: " << ctx.data_dir << " is now the current format: " << *added
            << " entries hashed into the Merkle tree ("
            << HumanCount(secs > 0 ? static_cast<double>(*added) / secs : 0)
            << " entries/s)\n";
  return kExitOk;
}

}  // namespace

void AddUpgradeCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "upgrade",
      "Bring a ledger of an older format to the current one in place (v1 -> v2: build the "
      "Merkle tree over every recorded event). Resumable; the events are not touched.");
  cmd->callback([&ctx, exit_code] { *exit_code = RunUpgrade(ctx); });
}

}  // namespace jejak::cli
