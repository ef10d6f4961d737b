// jejak init: create an empty ledger in the data directory.
#include <filesystem>
#include <iostream>

#include "commands.h"

namespace jejak::cli {

void AddInitCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "init", "Create an empty ledger in the data directory (no-op if one exists)");
  cmd->callback([&ctx, exit_code] {
    bool existed = std::filesystem::exists(ctx.data_dir + "/CURRENT");
    auto store = ctx.Store(/*create=*/true);
    if (!store.ok()) {
      *exit_code = ctx.Fail("init", store.status());
      return;
    }
    store::Head head = (*store)->GetHead();
    std::cout << (existed ? "ledger already exists in " : "created ledger in ")
              << ctx.data_dir << " (head position " << head.position << ")\n";
  });
}

}  // namespace jejak::cli
