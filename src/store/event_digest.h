// The content digest of a recorded event (docs/format.md "Hashes"): the
// digest of the EventInput it was appended from, normalized (stream set,
// expectedVersion null), rebuilt from the event's own fields.
#pragma once

#include "jejak/schema/envelope.capnp.h"
#include "jejak/store/types.h"

namespace jejak::store {

// REQUIRES: `event` reads a body that decoded; may throw kj::Exception on
// a damaged one (callers catch it at their boundary, as for any read).
Hash EventContentDigest(schema::Event::Reader event);

}  // namespace jejak::store
