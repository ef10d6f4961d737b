// LedgerCheck: the audit's integrity check of every event it reads
// (docs/audit.md "Integrity first"). The replay hands it each record of the
// log in position order; it recomputes
//   - the record's leaf hash from its body (BLAKE2b, chain_hashes.h) and
//     compares it with the stored one;
//   - the hash chain, and compares it with each record's stored chain hash
//     and, at the end, with the head the report cites;
//   - the Merkle leaf of each record's entry (entry.h; an event with
//     personal fields through EventStore::ReadEntry, which adds its salt),
//     folds them into a root and compares it with the head's tree root,
//     which the report and the audit bundle cite.
// Any difference is Corruption naming the position: the audit then refuses
// to report.
//
// Thread safety: none; one owner (the replay).
#pragma once

#include <cstdint>

#include "jejak/integrity/compact_range.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"

namespace jejak::audit {

class LedgerCheck {
 public:
  // `store` must outlive this object.
  explicit LedgerCheck(store::EventStore& store) : store_(store) {}

  // Checks `rec`, which must be the next record of the log (position 1
  // first). Corruption naming the position when a position is missing or
  // the record's body does not match its stored hashes; errors of
  // ReadEntry (IOError, Corruption) with context.
  [[nodiscard]] Status Add(const store::RecordedEvent& rec);

  // After the last record: Corruption unless exactly head.position records
  // were added, their chain ends in head.chain and their entries' Merkle
  // root is head.tree_root.
  [[nodiscard]] Status Finish(const store::Head& head) const;

  uint64_t checked() const { return next_ - 1; }

 private:
  store::EventStore& store_;
  uint64_t next_ = 1;
  integrity::Hash chain_{};
  integrity::CompactRange tree_;
};

}  // namespace jejak::audit
