// Events submitted as Cap'n Proto (HTTP `application/x-capnp`): EventInput
// messages (schema/envelope.capnp) in the standard stream framing
// (capnp::writeMessage: segment table, then segments), one after another.
// docs/api.md documents it for clients.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/status.h"
#include "jejak/store/new_event.h"

namespace jejak::codec {

struct CapnpInputLimits {
  size_t max_events = 10'000;  // messages in one body
  int max_nesting = 32;        // struct and list nesting of one message
};

// Where a rejected body went wrong: the 0-based message and, when known,
// the field's path ("payload.trainingCompleted.name").
struct CapnpInputError {
  enum class Kind {
    kMalformed,  // not framed Cap'n Proto messages, or over the nesting limit
    kTooMany,    // more than max_events messages
    kInvalid,    // a message breaks a rule of this schema (field says where)
  };
  Kind kind = Kind::kInvalid;
  size_t item = 0;
  std::string field;
};

// The events of `body`, each held as a copy of its message. As strict as
// EventJson::ParseInput: InvalidArgument, with *error set, for a body that
// is not whole framed messages, more than max_events, nesting deeper than
// max_nesting, a member or enumerant this schema does not know, non-zero
// data or pointers past a struct's known fields (fields of a newer
// schema), and text that is not UTF-8 or holds a NUL byte. Does NOT run
// domain validation (the store does, at append). Never throws.
[[nodiscard]] Result<std::vector<store::NewEvent>> ParseCapnpInputs(std::string_view body,
                                                                    const CapnpInputLimits& limits,
                                                                    CapnpInputError* error);

}  // namespace jejak::codec
