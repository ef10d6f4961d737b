// Verification of a whole ledger (EventStore::Verify).
//
// On one snapshot: walks the log from position 1 and checks that keys are
// 1, 2, 3, ... without gaps, every record decodes, its body is canonical,
// its leaf and chain hashes recompute, recorded_at never decreases, and the
// stream index ('v' stream version) and event-id index map back to it;
// then that the stored head equals the recomputed one and no index entry
// points past the head (and the indexes hold exactly one entry per event).
// The first failure stops the walk: Corruption "verify: position N: what",
// with report->first_bad_position = N.
//
// Runs on millions of events: no heap allocation per event beyond reused
// buffers; index lookups are batched with MultiGet.
#pragma once

#include <cstdint>
#include <functional>

#include "jejak/status.h"
#include "jejak/store/event_store.h"
#include "store/store_db.h"

namespace jejak::store {

[[nodiscard]] Status VerifyLedger(const StoreDb& db, VerifyReport* report,
                                  const std::function<void(uint64_t)>& progress);

}  // namespace jejak::store
