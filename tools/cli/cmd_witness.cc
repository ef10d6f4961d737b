// jejak witness add-checkpoint: cosign a log's checkpoint if it is
// consistent with what this witness cosigned before (C2SP tlog-witness).
#include <ctime>
#include <iostream>

#include "commands.h"
#include "jejak/integrity/cosignature.h"
#include "jejak/witness/witness.h"
#include "key_file.h"

namespace jejak::cli {

namespace {

struct WitnessArgs {
  std::string key;
  std::string state;
  std::string log_vkey;
  std::string body;
};

int RunAddCheckpoint(CliContext& ctx, const WitnessArgs& a) {
  const std::string what = "witness add-checkpoint";
  auto key_line = ReadKeyLine(a.key);
  if (!key_line.ok()) return ctx.Fail(what, key_line.status());
  auto witness = integrity::ParseCosignerKey(*key_line);
  if (!witness.ok()) return ctx.Fail(what, witness.status().WithContext(a.key));
  auto vkey_text = ReadKeyLine(a.log_vkey);
  if (!vkey_text.ok()) return ctx.Fail(what, vkey_text.status());
  auto log = integrity::ParseVerifierKey(*vkey_text);
  if (!log.ok()) return ctx.Fail(what, log.status().WithContext(a.log_vkey));
  auto body = ReadTextFile(a.body);
  if (!body.ok()) return ctx.Fail(what, body.status());
  witness::Refusal refusal;
  const integrity::NoteVerifier logs[] = {*log};
  auto line = witness::AddCheckpoint(*body, logs, *witness, witness::WitnessState(a.state),
                                     static_cast<uint64_t>(std::time(nullptr)), &refusal);
  if (!line.ok()) {
    if (line.status().IsConflict()) {
      std::cout << refusal.witness_size << "\n";  // as the spec's 409 body
    }
    return ctx.Fail(what, line.status());
  }
  std::cout << *line;
  return kExitOk;
}

}  // namespace

void AddWitnessCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "witness", "Act as a witness of a jejak log (C2SP tlog-witness / tlog-cosignature)");
  cmd->require_subcommand(1);
  auto args = std::make_shared<WitnessArgs>();
  auto* add = cmd->add_subcommand(
      "add-checkpoint",
      "Verify the log's signature and the consistency proof in BODY_FILE (from `jejak prove "
      "consistency`) against the size this witness last cosigned, persist the new size, and "
      "print the cosignature line. Refused (exit 4, the witness's size on stdout) when the "
      "checkpoint is older or inconsistent; exit 3 when the log's signature does not verify.");
  add->add_option("--key", args->key, "the witness's private key (jejak key generate --witness)")
      ->required();
  add->add_option("--state", args->state, "the witness's state directory")->required();
  add->add_option("--log-vkey", args->log_vkey, "file holding the log's verifier key")
      ->required();
  add->add_option("body", args->body, "add-checkpoint request body file")->required();
  add->callback([&ctx, exit_code, args] { *exit_code = RunAddCheckpoint(ctx, *args); });
}

}  // namespace jejak::cli
