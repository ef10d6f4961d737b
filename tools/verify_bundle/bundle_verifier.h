// Verifies an offline audit bundle (include/jejak/audit/bundle.h,
// docs/verification.md) with nothing but the files and the log's key.
#pragma once

#include <cstdint>
#include <string>

#include "jejak/status.h"

namespace jejak::bundle {

struct BundleCheck {
  std::string dir;
  std::string vkey_file;        // the log's verifier key, from the agency
  std::string later_checkpoint; // optional: a later signed checkpoint ...
  std::string consistency;      // ... and the consistency proof body to it
};

struct BundleResult {
  std::string origin;
  uint64_t tree_size = 0;
  uint64_t events = 0;          // cited events checked
  uint64_t later_size = 0;      // of the later checkpoint, when given
};

// Checks, in order: the checkpoint's signature by the key; that the
// report's ledger head is the checkpoint's tree; for every event the
// report cites, that its entry decodes to what the report says (position,
// stream, event id, type, TMT, recorded at), that its Merkle leaf is the
// report's treeLeaf (and, without personal fields, its BLAKE2b leaf the
// report's leafHash), and that its tlog-proof proves it in the
// checkpoint's tree; with a later checkpoint, that it is signed by the key
// and the consistency proof shows it extends the bundle's tree.
// Corruption naming the file on any mismatch, on a cited event without
// its leafHash and treeLeaf in the report, and on a cited event's missing
// entry or tlog-proof; InvalidArgument for bad arguments or malformed
// files; NotFound for another missing file (the key, the checkpoint, the
// report, the later checkpoint or its proof).
[[nodiscard]] Result<BundleResult> VerifyBundle(const BundleCheck& check);

}  // namespace jejak::bundle
