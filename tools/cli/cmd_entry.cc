// jejak entry POSITION: the exact bytes the Merkle tree commits to for one
// position (docs/format.md "Entries"), on stdout.
#include <cstdio>
#include <iostream>
#include <limits>

#include "commands.h"

namespace jejak::cli {

namespace {

int RunEntry(CliContext& ctx, uint64_t position) {
  auto store = ctx.Store();
  if (!store.ok()) return ctx.Fail("entry", store.status());
  auto entry = (*store)->ReadEntry(position);
  if (!entry.ok()) return ctx.Fail("entry " + std::to_string(position), entry.status());
  if (std::fwrite(entry->data(), 1, entry->size(), stdout) != entry->size() ||
      std::fflush(stdout) != 0) {
    return ctx.Fail("entry", Status::IOError("writing to stdout"));
  }
  return kExitOk;
}

}  // namespace

void AddEntryCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "entry",
      "Write the entry of POSITION (the bytes its Merkle leaf hashes: the public body and "
      "the personal-data commitment) to stdout");
  auto position = std::make_shared<uint64_t>(0);
  // CLI11 2.1 reads "-1" into a uint64_t as 2^64-1: negative numbers are refused here.
  cmd->add_option("position", *position, "log position (1-based)")
      ->required()
      ->check(CLI::Range(int64_t{0}, std::numeric_limits<int64_t>::max()));
  cmd->callback([&ctx, exit_code, position] {
    ctx.reader = true;
    *exit_code = RunEntry(ctx, *position);
  });
}

}  // namespace jejak::cli
