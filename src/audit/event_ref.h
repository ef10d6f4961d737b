// EventRef of a recorded event, and the type name of a payload.
#pragma once

#include <string>

#include "jejak/audit/report.h"
#include "jejak/schema/events.capnp.h"
#include "jejak/store/recorded_event.h"

namespace jejak::audit {

// The payload's union member name ("rankPromoted"), "unknown(N)" for a kind
// this build does not know.
std::string PayloadTypeName(schema::Payload::Reader payload);

EventRef RefOf(const store::RecordedEvent& rec);

}  // namespace jejak::audit
