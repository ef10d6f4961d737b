// jejak checkpoint: sign the checkpoint of the current tree, keep and print it.
#include <iostream>

#include "commands.h"
#include "key_file.h"

namespace jejak::cli {

namespace {

int RunCheckpoint(CliContext& ctx, const std::string& key_path) {
  auto signer = ReadSignerKey(key_path);
  if (!signer.ok()) return ctx.Fail("checkpoint", signer.status());
  auto store = ctx.Store();
  if (!store.ok()) return ctx.Fail("checkpoint", store.status());
  auto note = (*store)->SignCheckpoint(*signer);
  if (!note.ok()) return ctx.Fail("checkpoint", note.status());
  std::cout << *note;
  return kExitOk;
}

}  // namespace

void AddCheckpointCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "checkpoint",
      "Sign the checkpoint of the current Merkle tree (C2SP tlog-checkpoint: origin, size, "
      "root), keep it in the ledger and its checkpoint file, and print it. Refuses (exit 3) "
      "a tree that does not extend the last checkpoint signed.");
  auto key = std::make_shared<std::string>();
  cmd->add_option("--key", *key, "private key file (default: $JEJAK_KEY)");
  cmd->callback([&ctx, exit_code, key] { *exit_code = RunCheckpoint(ctx, *key); });
}

}  // namespace jejak::cli
