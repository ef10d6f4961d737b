// The LogIterator over the `log` family (EventStore::ReadLog). Decodes into
// one reused RecordedEvent: the projections' hot path allocates nothing per
// event beyond buffer growth and computes no hash.
#pragma once

#include <cstdint>
#include <memory>

#include "jejak/store/event_store.h"
#include "store/store_db.h"

namespace jejak::store {

std::unique_ptr<LogIterator> NewLogIterator(const StoreDb& db,
                                            uint64_t from_position,
                                            LogDecoding decoding);

}  // namespace jejak::store
