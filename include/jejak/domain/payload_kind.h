// The name of an event kind: its Payload union member ("recruited",
// "rankPromoted", ...), which is also the event's JSON type name.
#pragma once

#include <string>

#include "jejak/schema/events.capnp.h"

namespace jejak::domain {

// "unknown kind N" for a discriminant this schema does not know.
std::string PayloadKindName(schema::Payload::Which kind);

// The streams a payload member goes on (docs/events.md §2). The one home
// of that table: append validation, the CSV import and the tests read it.
enum class PayloadHome {
  kUnknown,    // `unspecified`, or a discriminant this schema does not know
  kEmployee,   // emp/<NIP>
  kSelection,  // sel/<id>
  kAgency,     // org/<agency>
  kAnyStream,  // corrected, retracted
};
PayloadHome HomeOf(schema::Payload::Which kind);

// Sets the position a reference names — corrected.target,
// retracted.target, sanctionLifted.sanctionPosition — to `position`;
// false (nothing set) for a kind that names no earlier event.
bool SetReferencedPosition(schema::Payload::Builder payload, uint64_t position);

}  // namespace jejak::domain
