// jejak key generate|vkey: the log's signing key (and a witness's).
#include <iostream>

#include "commands.h"
#include "jejak/integrity/cosignature.h"
#include "key_file.h"

namespace jejak::cli {

namespace {

struct KeyArgs {
  std::string origin;
  std::string out;
  std::string file;
  bool witness = false;
};

int RunGenerate(CliContext& ctx, const KeyArgs& a) {
  auto pair = a.witness ? integrity::GenerateCosignerKey(a.origin)
                        : integrity::GenerateNoteKey(a.origin);
  if (!pair.ok()) return ctx.Fail("key generate", pair.status());
  Status s = WriteKeyFile(a.out, pair->signer_key);
  if (!s.ok()) return ctx.Fail("key generate", s);
  std::cout << pair->verifier_key << "\n";
  return kExitOk;
}

int RunVkey(CliContext& ctx, const KeyArgs& a) {
  auto line = ReadKeyLine(a.file);
  if (!line.ok()) return ctx.Fail("key vkey", line.status());
  auto signer = integrity::ParseSignerKey(*line);
  if (!signer.ok()) signer = integrity::ParseCosignerKey(*line);
  if (signer.ok()) {
    std::cout << signer->VerifierKey() << "\n";
    return kExitOk;
  }
  return ctx.Fail("key vkey", Status::InvalidArgument(a.file + " holds no jejak signing key"));
}

}  // namespace

void AddKeyCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand("key", "Signing keys of the log's checkpoints (and of witnesses)");
  cmd->require_subcommand(1);
  auto args = std::make_shared<KeyArgs>();

  auto* gen = cmd->add_subcommand(
      "generate",
      "Generate an Ed25519 key: write the private key to --out (mode 0600, never "
      "overwritten) and print the verifier key (name+keyid+base64) on stdout");
  gen->add_option("--origin", args->origin,
                  "the log's name, e.g. bkpsdm.sawahlunto.go.id/jejak (a witness's name "
                  "with --witness)")
      ->required();
  gen->add_option("--out", args->out, "private key file to create")->required();
  gen->add_flag("--witness", args->witness,
                "a witness's cosigning key (C2SP tlog-cosignature, type 0x04)");
  gen->callback([&ctx, exit_code, args] { *exit_code = RunGenerate(ctx, *args); });

  auto* vkey = cmd->add_subcommand("vkey", "Print the verifier key of a private key file");
  vkey->add_option("keyfile", args->file, "private key file")->required();
  vkey->callback([&ctx, exit_code, args] { *exit_code = RunVkey(ctx, *args); });
}

}  // namespace jejak::cli
