// jejak-verify-bundle: checks an offline audit bundle with nothing but its
// files and the log's verifier key (docs/verification.md). Exit 0 when
// everything verifies, 3 naming the file that does not, 2 for bad usage or
// malformed input, 1 when a file cannot be read.
#include <iostream>

#include <CLI/CLI.hpp>

#include "bundle_verifier.h"

int main(int argc, char** argv) {
  jejak::bundle::BundleCheck check;
  CLI::App app{
      "jejak-verify-bundle: verify a jejak audit bundle offline: the checkpoint's signature, "
      "every cited event's entry against the report, every inclusion proof, and optionally "
      "that a later checkpoint extends the bundle's."};
  app.add_option("dir", check.dir, "the bundle directory")->required();
  app.add_option("--vkey", check.vkey_file,
                 "file holding the log's verifier key, as the agency publishes it")
      ->required();
  app.add_option("--checkpoint", check.later_checkpoint, "a later signed checkpoint of the log");
  app.add_option("--consistency", check.consistency,
                 "the consistency proof from the bundle's size to it (an add-checkpoint body, "
                 "from `jejak prove consistency`)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  auto result = jejak::bundle::VerifyBundle(check);
  if (!result.ok()) {
    const jejak::Status& s = result.status();
    std::cerr << "jejak-verify-bundle: " << s.ToString() << "\n";
    std::cout << "bundle: FAILED\n";
    if (s.IsCorruption()) return 3;
    if (s.IsInvalidArgument()) return 2;
    return 1;
  }
  std::cout << "bundle: ok, checkpoint of " << result->origin << " at tree size "
            << result->tree_size << " signed by the key; " << result->events
            << " cited events match their entries and are proven in the tree";
  if (result->later_size != 0) {
    std::cout << "; the checkpoint of size " << result->later_size << " extends it";
  }
  std::cout << "\n";
  return 0;
}
