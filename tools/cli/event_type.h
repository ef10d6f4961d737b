// The type name of an event: the name of its payload's union member
// ("recruited", "rankPromoted", ...), or "unknown(N)" for a kind this build
// does not know (written by a newer jejak).
#pragma once

#include <string>

#include "jejak/schema/events.capnp.h"

namespace jejak::cli {

std::string EventTypeName(schema::Payload::Reader payload);

}  // namespace jejak::cli
