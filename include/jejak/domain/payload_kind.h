// The name of an event kind: its Payload union member ("recruited",
// "rankPromoted", ...), which is also the event's JSON type name.
#pragma once

#include <string>

#include "jejak/schema/events.capnp.h"

namespace jejak::domain {

// "unknown kind N" for a discriminant this schema does not know.
std::string PayloadKindName(schema::Payload::Which kind);

}  // namespace jejak::domain
