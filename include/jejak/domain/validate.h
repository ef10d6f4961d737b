// Append-time validation of one submitted event, without store state.
//
// Rejects only what is malformed or impossible (DESIGN.md): an invalid NIP
// or NIK, a NIK that disagrees with the NIP, an unknown rank, an impossible
// date, a stream id of the wrong form, an event kind that does not belong
// on the stream's kind, missing required fields, out-of-range values. It
// never rejects what is merely non-compliant with merit rules (a promotion
// without Baik ratings is recorded; the audit reports it).
//
// Checks that need store state (the stream exists, the first event of an
// employee stream is `recruited`, a correction's target is in the stream)
// are made by the store's writer.
#pragma once

#include <string_view>

#include "jejak/schema/envelope.capnp.h"
#include "jejak/status.h"

namespace jejak::domain {

// Kind of stream, from the prefix of its id.
enum class StreamKind { kEmployee, kSelection, kAgency };

// Parses "emp/<NIP>", "sel/<id>", "org/<agency>". The id part is 1..64
// characters of [A-Za-z0-9._-]; for emp it must be a valid 18-digit NIP.
// InvalidArgument naming the stream otherwise.
[[nodiscard]] Result<StreamKind> ParseStreamId(std::string_view stream);

// Validates `in` (which must name its stream). InvalidArgument whose
// message starts with the field path, e.g.
//   "payload.recruited.nip: digits 9-14 (CPNS TMT 201513) are not a month".
[[nodiscard]] Status ValidateEventInput(schema::EventInput::Reader in);
// The same for an event whose stream id is already known to be valid and
// of kind `kind` (REQUIRES: ParseStreamId(in.getStream()) == kind): skips
// parsing the stream id again, e.g. for every event of one append's part.
[[nodiscard]] Status ValidateEventInput(schema::EventInput::Reader in, StreamKind kind);

// Validates a payload against the stream kind it goes to (used for
// corrections' replacements too). `path` prefixes error messages.
[[nodiscard]] Status ValidatePayload(schema::Payload::Reader payload,
                                     StreamKind kind, std::string_view path);

}  // namespace jejak::domain
