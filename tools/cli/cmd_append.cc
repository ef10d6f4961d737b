// jejak append: record the events of an NDJSON file (or stdin) atomically.
#include <fstream>
#include <iostream>

#include "commands.h"
#include "jejak/projection/profile_record.h"
#include "ndjson_batch.h"

namespace jejak::cli {

namespace {

int RunAppend(CliContext& ctx, const std::string& file) {
  std::ifstream file_in;
  std::istream* in = &std::cin;
  std::string source = "stdin";
  if (!file.empty() && file != "-") {
    file_in.open(file);
    if (!file_in) {
      return ctx.Fail("append", Status::NotFound("cannot open " + file));
    }
    in = &file_in;
    source = file;
  }
  auto ledger = ctx.Ledger();
  if (!ledger.ok()) return ctx.Fail("append", ledger.status());

  // The whole input is one atomic call: parse everything first, so a bad
  // line anywhere means nothing is written.
  NdjsonBatch batch;
  size_t line_no = 0;
  bool at_end = false;
  Status read = ReadBatch(*in, ctx.Json(), SIZE_MAX, &batch, &line_no, &at_end);
  if (!read.ok()) return ctx.Fail("append " + source, read);
  if (batch.empty()) {
    std::cerr << "jejak: append " << source << ": no events in input\n";
    return kExitOk;
  }
  auto result = batch.AppendTo((*ledger)->store());
  if (!result.ok()) {
    std::cerr << "jejak: append " << source << ": nothing recorded\n";
    return ctx.Fail("append " + source, result.status());
  }
  // A read right after a write must see it: bring the projections up.
  Status caught_up = (*ledger)->CatchUp();
  if (!caught_up.ok()) {
    std::cerr << "jejak: append: events recorded, but the projections did not catch up ("
              << caught_up.ToString() << "); run `jejak rebuild`\n";
  }
  for (size_t i = 0; i < result->positions.size(); ++i) {
    std::cout << result->positions[i] << "\n";
  }
  std::cerr << "appended " << result->positions.size() - result->duplicates
            << " events (" << result->duplicates << " already recorded), head "
            << result->last_position << "\n";
  return kExitOk;
}

}  // namespace

void AddAppendCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "append",
      "Append the events of an NDJSON file (or stdin) in ONE atomic call: all are "
      "recorded or none. Prints each event's position, one per line.");
  auto file = std::make_shared<std::string>();
  cmd->add_option("file", *file, "NDJSON file, one event per line (default: stdin)");
  cmd->add_flag("!--no-sync", ctx.sync,
                "do not fsync before acknowledging (survives a crash of jejak, not of the machine)");
  cmd->callback([&ctx, exit_code, file] { *exit_code = RunAppend(ctx, *file); });
}

}  // namespace jejak::cli
