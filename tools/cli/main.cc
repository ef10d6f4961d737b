// jejak: the command line. Opens the ledger directory directly (embedded),
// through one jejak::Ledger per invocation.
#include <kj/exception.h>

#include <cstdlib>
#include <iostream>

#include "cli_context.h"
#include "commands.h"

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
