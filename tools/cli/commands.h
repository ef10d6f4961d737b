// Every `jejak` subcommand registers itself here. Each Add*Command adds a
// subcommand to `app` whose callback sets `*exit_code`; one file per
// command (cmd_<name>.cc).
#pragma once

#include <CLI/CLI.hpp>

#include "cli_context.h"

namespace jejak::cli {

void AddInitCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddAppendCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddImportCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddHistoryCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddVerifyCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddStatsCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddProfileCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddQueryCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddRebuildCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddGenCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddAuditCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddUpgradeCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddEntryCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddKeyCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddCheckpointCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddProveCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddWitnessCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddServeCommand(CLI::App& app, CliContext& ctx, int* exit_code);
void AddTokenCommand(CLI::App& app, CliContext& ctx, int* exit_code);

}  // namespace jejak::cli
