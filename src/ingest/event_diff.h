// What differs between an event as submitted and the event recorded under
// its id (internal to ingest), field by field in the JSON form of
// docs/events.md: the parts the store's idempotency compares (stream,
// effectiveDate, actor, source, payload).
#pragma once

#include <string>
#include <vector>

#include "jejak/codec/event_json.h"
#include "jejak/schema/envelope.capnp.h"

namespace jejak::ingest::internal {

// One line per differing leaf, sorted by path:
//   actor.user: "migrasi.simpeg" recorded, "operator.baru" here
// A leaf present on one side only shows "(none)" on the other; payloads of
// two kinds give one line naming them ("payload: rankPromoted recorded,
// trainingCompleted here") instead of every field. Empty when the two agree
// on every compared part.
std::vector<std::string> EventDifferences(const codec::EventJson& json,
                                          schema::EventInput::Reader here,
                                          schema::Event::Reader recorded);

}  // namespace jejak::ingest::internal
