// Builds large ledgers for the benchmarks that need one already written
// (proofs over 10 million events, an upgrade of a million): the generated
// employee events of bench_events.h, appended in large batches while a
// helper thread generates the next batch, so the events never all live in
// memory at once.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "jejak/store/event_store.h"

namespace jejak::bench {

struct BuildResult {
  uint64_t events = 0;  // events appended by this call
  double seconds = 0;   // wall time of the whole call, generation included
  std::string error;    // "" on success
};

// Appends the events of the generated ledger (LedgerOrder(to, per_stream):
// streams of `per_stream` events, stream after stream) with indices
// [from, to) to `store`, in Append calls of `batch` events (consecutive
// events of one stream form one StreamAppend, expected version Any). Event
// i goes to position i + 1 when the store's head is `from` on entry.
// `progress(done)`, if given, is called after every Append with the events
// appended so far. The next batch is generated on a helper thread while
// the current one is appended.
BuildResult AppendGeneratedEvents(store::EventStore& store, uint64_t from, uint64_t to,
                                  uint32_t per_stream, size_t batch,
                                  const std::function<void(uint64_t)>& progress = nullptr);

}  // namespace jejak::bench
