// jejak append: record the events of an NDJSON file (or stdin) atomically.
#include <fstream>
#include <iostream>

#include "commands.h"
#include "jejak/ingest/event_batch.h"
#include "jejak/ingest/input_file.h"
#include "jejak/ingest/ndjson_reader.h"
#include "jejak/projection/profile_record.h"
#include "jejak/store/options.h"

namespace jejak::cli {

namespace {

int RunAppend(CliContext& ctx, const std::string& file) {
  std::unique_ptr<std::ifstream> file_in;
  std::istream* in = &std::cin;
  std::string source = "stdin";
  if (!file.empty() && file != "-") {
    auto opened = ingest::OpenInputFile(file);
    if (!opened.ok()) return ctx.Fail("append", opened.status());
    file_in = std::move(*opened);
    in = file_in.get();
    source = file;
  }
  auto ledger = ctx.Ledger();
  if (!ledger.ok()) return ctx.Fail("append", ledger.status());

  // The whole input is one atomic call: read everything first, so a bad
  // line anywhere means nothing is written. Reading stops one event past
  // the most one call takes.
  const size_t limit = store::StoreOptions().max_append_events;
  ingest::NdjsonReader reader(in, &ctx.Json());
  ingest::EventBatch batch;
  std::vector<ingest::LineError> refused;
  bool at_end = false;
  Status read = reader.ReadChunk(limit + 1, false, &batch, &refused, &at_end);
  if (!read.ok()) return ctx.Fail("append " + source, read);
  if (!refused.empty()) return ctx.Fail("append " + source, refused.front().status);
  if (batch.size() > limit) {
    return ctx.Fail("append " + source,
                    Status::InvalidArgument(
                        "more than " + std::to_string(limit) + " events (line " +
                        std::to_string(batch.origin(limit)) + " is one too many): one append "
                        "takes at most " + std::to_string(limit) +
                        "; load larger files with `jejak import`"));
  }
  if (batch.empty()) {
    std::cerr << "jejak: append " << source << ": no events in input\n";
    return kExitOk;
  }
  auto result = batch.AppendAll(ingest::AppendTo((*ledger)->store()));
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
