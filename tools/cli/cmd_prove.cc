// jejak prove inclusion|consistency: Merkle proofs in the C2SP formats,
// against a checkpoint the ledger signed.
#include <iostream>
#include <limits>

#include "commands.h"
#include "jejak/integrity/proof_format.h"

namespace jejak::cli {

namespace {

struct ProveArgs {
  uint64_t position = 0;
  uint64_t old_size = 0;
  uint64_t size = 0;  // 0: the latest signed checkpoint's size
};

// The signed checkpoint of `size` (0: the latest) and its size.
Result<std::string> CheckpointFor(store::EventStore& store, uint64_t size, uint64_t* out_size) {
  auto note = size == 0 ? store.LatestCheckpoint() : store.GetCheckpoint(size);
  if (!note.ok()) {
    if (note.status().IsNotFound()) {
      return Status::NotFound(note.status().message() +
                              " (sign one with `jejak checkpoint --key KEYFILE`)");
    }
    return note.status();
  }
  auto checkpoint = integrity::ParseSignedCheckpoint(*note);
  if (!checkpoint.ok()) return checkpoint.status().WithContext("the stored checkpoint");
  *out_size = checkpoint->size;
  return note;
}

int RunInclusion(CliContext& ctx, const ProveArgs& a) {
  auto store = ctx.Store();
  if (!store.ok()) return ctx.Fail("prove inclusion", store.status());
  uint64_t size = 0;
  auto note = CheckpointFor(**store, a.size, &size);
  if (!note.ok()) return ctx.Fail("prove inclusion", note.status());
  auto proof = (*store)->ProveInclusion(a.position, size);
  if (!proof.ok()) return ctx.Fail("prove inclusion", proof.status());
  integrity::TlogProof out;
  out.index = a.position - 1;
  out.inclusion_proof = std::move(proof).value();
  out.checkpoint = std::move(note).value();
  std::cout << integrity::FormatTlogProof(out);
  return kExitOk;
}

int RunConsistency(CliContext& ctx, const ProveArgs& a) {
  auto store = ctx.Store();
  if (!store.ok()) return ctx.Fail("prove consistency", store.status());
  uint64_t size = 0;
  auto note = CheckpointFor(**store, a.size, &size);
  if (!note.ok()) return ctx.Fail("prove consistency", note.status());
  auto proof = (*store)->ProveConsistency(a.old_size, size);
  if (!proof.ok()) return ctx.Fail("prove consistency", proof.status());
  if (proof->size() > integrity::kMaxConsistencyProofHashes) {
    return ctx.Fail("prove consistency",
                    Status::InvalidArgument("the proof has more hashes than a witness accepts"));
  }
  integrity::AddCheckpointRequest out;
  out.old_size = a.old_size;
  out.consistency_proof = std::move(proof).value();
  out.checkpoint = std::move(note).value();
  std::cout << integrity::FormatAddCheckpointRequest(out);
  return kExitOk;
}

}  // namespace

void AddProveCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand("prove", "Merkle proofs against a signed checkpoint");
  cmd->require_subcommand(1);
  auto args = std::make_shared<ProveArgs>();

  auto* inc = cmd->add_subcommand(
      "inclusion",
      "Print a C2SP tlog-proof (c2sp.org/tlog-proof@v1): the event at POSITION (leaf "
      "POSITION-1) is in the tree of the signed checkpoint of size N (default: the latest)");
  // CLI11 2.1 reads "-1" into a uint64_t as 2^64-1: negative numbers are refused here.
  inc->add_option("position", args->position, "log position (1-based)")
      ->required()
      ->check(CLI::Range(int64_t{0}, std::numeric_limits<int64_t>::max()));
  inc->add_option("--size", args->size, "tree size of a signed checkpoint (default: latest)")
      ->check(CLI::Range(int64_t{0}, std::numeric_limits<int64_t>::max()));
  inc->callback([&ctx, exit_code, args] {
    ctx.reader = true;
    *exit_code = RunInclusion(ctx, *args);
  });

  auto* con = cmd->add_subcommand(
      "consistency",
      "Print the body of a C2SP tlog-witness add-checkpoint request: the tree of OLD_SIZE "
      "entries is a prefix of the tree of the signed checkpoint of size N (default: latest)");
  con->add_option("old_size", args->old_size, "the older tree size")
      ->required()
      ->check(CLI::Range(int64_t{0}, std::numeric_limits<int64_t>::max()));
  con->add_option("--size", args->size, "tree size of a signed checkpoint (default: latest)")
      ->check(CLI::Range(int64_t{0}, std::numeric_limits<int64_t>::max()));
  con->callback([&ctx, exit_code, args] {
    ctx.reader = true;
    *exit_code = RunConsistency(ctx, *args);
  });
}

}  // namespace jejak::cli
