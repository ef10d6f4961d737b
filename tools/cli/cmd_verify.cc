// jejak verify: recompute every leaf hash, the chain and the Merkle tree,
// check every index; with --checkpoint, prove the ledger consistent with a
// checkpoint published earlier. Exit 3 on damage.
#include <iostream>

#include "commands.h"
#include "jejak/integrity/checkpoint.h"
#include "key_file.h"
#include "progress.h"

namespace jejak::cli {

namespace {

struct VerifyArgs {
  std::string checkpoint;
  std::string vkey;
};

// The ledger against a checkpoint signed earlier: it must not be shorter,
// and its tree at that size must have the checkpoint's root.
Status CheckAgainst(store::EventStore& store, const VerifyArgs& a, std::string* said) {
  auto vkey_text = ReadKeyLine(a.vkey);
  if (!vkey_text.ok()) return vkey_text.status();
  auto vkey = integrity::ParseVerifierKey(*vkey_text);
  if (!vkey.ok()) return vkey.status().WithContext(a.vkey);
  auto note = ReadTextFile(a.checkpoint);
  if (!note.ok()) return note.status();
  const integrity::NoteVerifier known[] = {*vkey};
  auto checkpoint = integrity::OpenCheckpoint(*note, known);
  if (!checkpoint.ok()) return checkpoint.status().WithContext(a.checkpoint);
  const uint64_t head = store.GetHead().position;
  if (checkpoint->size > head) {
    return Status::Corruption(a.checkpoint + ": the checkpoint commits to " +
                              std::to_string(checkpoint->size) + " entries, the ledger has " +
                              std::to_string(head) + ": it was truncated (or rolled back)");
  }
  auto root = store.TreeRoot(checkpoint->size);
  if (!root.ok()) return root.status();
  if (*root != checkpoint->root) {
    return Status::Corruption(a.checkpoint + ": the ledger's tree of size " +
                              std::to_string(checkpoint->size) + " has root " +
                              store::ToHex(*root) + ", the checkpoint says " +
                              store::ToHex(checkpoint->root) +
                              ": the history was rewritten (or forked) since it was signed");
  }
  *said = ", consistent with the checkpoint of size " + std::to_string(checkpoint->size) +
          " signed by " + vkey->name();
  return Status::Ok();
}

int RunVerify(CliContext& ctx, const VerifyArgs& args) {
  if (args.checkpoint.empty() != args.vkey.empty()) {
    return ctx.Fail("verify", Status::InvalidArgument("--checkpoint and --vkey go together"));
  }
  auto store = ctx.Store();
  if (!store.ok()) return ctx.Fail("verify", store.status());
  uint64_t total = (*store)->GetHead().position;
  Progress progress("verify", total, "events");
  store::VerifyReport report;
  Status s = (*store)->Verify(&report, [&](uint64_t done) { progress.Update(done); });
  progress.Finish();
  double secs = progress.Elapsed();
  if (!s.ok()) {
    if (report.first_bad_position != 0) {
      std::cout << "verify: FAILED at position " << report.first_bad_position << " after "
                << report.events_checked << " good events\n";
    }
    return ctx.Fail("verify", s);
  }
  std::string against;
  if (!args.checkpoint.empty()) {
    Status c = CheckAgainst(**store, args, &against);
    if (!c.ok()) {
      std::cout << "verify: FAILED against " << args.checkpoint << "\n";
      return ctx.Fail("verify", c);
    }
  }
  std::cout << "verify: ok, " << report.events_checked << " events, head position "
            << report.head.position << ", chain " << store::ToHex(report.head.chain)
            << ", tree root " << store::ToHex(report.head.tree_root) << against << " ("
            << HumanCount(secs > 0 ? static_cast<double>(report.events_checked) / secs : 0)
            << " events/s)\n";
  return kExitOk;
}

}  // namespace

void AddVerifyCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "verify",
      "Recompute every event's leaf hash, the hash chain and the Merkle tree, check every "
      "index and the stored head. Exit 3 naming the first bad position. With --checkpoint "
      "and --vkey, also prove the ledger consistent with a checkpoint published earlier "
      "(exit 3 when it is shorter, or its tree at that size has another root).");
  auto args = std::make_shared<VerifyArgs>();
  cmd->add_option("--checkpoint", args->checkpoint, "a signed checkpoint file published earlier");
  cmd->add_option("--vkey", args->vkey, "file holding the log's verifier key");
  cmd->callback([&ctx, exit_code, args] {
    ctx.reader = true;
    *exit_code = RunVerify(ctx, *args);
  });
}

}  // namespace jejak::cli
