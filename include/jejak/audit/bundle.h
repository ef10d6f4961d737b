// The offline audit bundle: what an auditor outside the agency needs to
// check an audit report without the ledger or trust in its operator
// (docs/verification.md). In `dir`:
//   report.json, report.html   the report, every cited event with its
//                              Merkle leaf ("treeLeaf")
//   checkpoint                 the log's signed checkpoint of the tree the
//                              audit read (size = the report's head)
//   vkey                       the log's verifier key
//   evidence/<position>.entry       the entry of every cited event
//   evidence/<position>.tlog-proof  its inclusion proof (c2sp.org/tlog-proof@v1)
//   README.txt                 how to verify
// `jejak-verify-bundle DIR --vkey VKEY` checks all of it.
#pragma once

#include <cstddef>
#include <string>

#include "jejak/audit/report.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"

namespace jejak::integrity {
class NoteSigner;
}

namespace jejak::audit {

struct BundleStats {
  size_t evidence = 0;        // cited events written with their proofs
  uint64_t tree_size = 0;     // of the bundle's checkpoint
};

// Writes the bundle of `report` (read from `store` at report.head) into
// `dir` (created; files in it are replaced), filling in every cited
// event's tree_leaf. With `signer`, a checkpoint of the head is signed now;
// without, the latest stored checkpoint must be of the report's head.
// Errors: NotFound (no checkpoint and no signer), Conflict (the ledger
// moved on since the audit read it, or the latest checkpoint is of another
// size: sign one with a key), Corruption (an entry or proof could not be
// read back consistently), IOError.
[[nodiscard]] Result<BundleStats> WriteBundle(store::EventStore& store, AuditReport& report,
                                              const std::string& dir,
                                              const integrity::NoteSigner* signer);

}  // namespace jejak::audit
