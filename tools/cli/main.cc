// jejak: the command line. Opens the ledger directory directly (embedded),
// through one jejak::Ledger per invocation.
#include <kj/exception.h>

#include <cstdlib>
#include <iostream>

#include "cli_context.h"
#include "commands.h"
#include "suggest.h"

int main(int argc, char** argv) {
  using namespace jejak::cli;
  CliContext ctx;
  int exit_code = kExitOk;

  CLI::App app{
      "jejak: an append-only, tamper-evident ledger of civil-servant (ASN) "
      "careers.\n\nExit codes: 0 ok, 1 failure of this machine (I/O), 2 bad "
      "usage or input, 3 integrity failure, 4 concurrency conflict, 5 not "
      "found."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("jejak ") + JEJAK_VERSION);
  const char* env_data = std::getenv("JEJAK_DATA");
  ctx.data_dir = env_data != nullptr && *env_data != '\0' ? env_data : "./jejak-data";
  app.add_option("--data", ctx.data_dir,
                 "ledger directory (default: $JEJAK_DATA or ./jejak-data)");

  AddInitCommand(app, ctx, &exit_code);
  AddAppendCommand(app, ctx, &exit_code);
  AddImportCommand(app, ctx, &exit_code);
  AddHistoryCommand(app, ctx, &exit_code);
  AddVerifyCommand(app, ctx, &exit_code);
  AddStatsCommand(app, ctx, &exit_code);
  AddProfileCommand(app, ctx, &exit_code);
  AddQueryCommand(app, ctx, &exit_code);
  AddRebuildCommand(app, ctx, &exit_code);
  AddGenCommand(app, ctx, &exit_code);
  AddAuditCommand(app, ctx, &exit_code);
  AddUpgradeCommand(app, ctx, &exit_code);
  AddEntryCommand(app, ctx, &exit_code);
  AddKeyCommand(app, ctx, &exit_code);
  AddCheckpointCommand(app, ctx, &exit_code);
  AddProveCommand(app, ctx, &exit_code);
  AddWitnessCommand(app, ctx, &exit_code);
  AddServeCommand(app, ctx, &exit_code);
  AddTokenCommand(app, ctx, &exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // A mistyped command: CLI11 sees an unexpected argument where the
    // command should be; name the nearest one.
    const CLI::App* parent = &app;
    for (const CLI::App* sub = &app; sub != nullptr;) {
      parent = sub;
      auto parsed = sub->get_subcommands();
      sub = parsed.empty() ? nullptr : parsed.front();
    }
    const auto extras = parent->remaining();
    if (!extras.empty() &&
        !parent->get_subcommands({}).empty() && parent->get_subcommands().empty()) {
      std::vector<std::string> names;
      for (const CLI::App* sub : parent->get_subcommands({})) names.push_back(sub->get_name());
      const std::string nearest = NearestName(extras.front(), names);
      std::cerr << "jejak: unknown command \"" << extras.front() << "\""
                << (nearest.empty() ? "" : "; did you mean \"" + nearest + "\"?") << " (jejak "
                << (parent == &app ? "" : parent->get_name() + " ") << "--help lists them)\n";
      return kExitUsage;
    }
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  } catch (const kj::Exception& e) {
    // A stored body damaged so that it still matched its hashes and decoded,
    // but not when a command read deeper into it: an integrity failure.
    std::cerr << "jejak: a damaged record was read: " << e.getDescription().cStr() << "\n";
    ctx.CloseStore();
    return kExitIntegrity;
  }
  ctx.CloseStore();
  return exit_code;
}
