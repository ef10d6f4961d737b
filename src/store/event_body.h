// The stored body of an event (docs/format.md "A log record"): the
// canonical Cap'n Proto encoding of schema::Event, built from the prepared
// (canonical, normalized) EventInput and what the writer assigns.
//
// Fast path: the canonical EventInput already holds every byte of the body
// but the Event's data section and its recordedAt struct, in the same
// preorder, so the body is the input's words with those spliced in and the
// top-level pointers after eventId moved one word — no Cap'n Proto build,
// copy or canonicalization. Inputs whose layout differs from the expected
// one (a pointer section other than EventInput's 7 pointers, a data section,
// recorded_at == 0, ...) take the slow path: build a schema::Event and
// canonicalize it. Both give the same bytes (tests/store/event_body_test.cc
// compares them; Debug builds compare them on every event).
#pragma once

#include <cstdint>
#include <string>

#include <capnp/common.h>
#include <kj/array.h>

namespace jejak::store {

// Appends the body to *out. `input` is PreparedEvent::input. May throw
// kj::Exception on malformed input (the writer catches it).
void AppendEventBody(kj::ArrayPtr<const capnp::word> input, uint64_t position,
                     uint64_t version, int64_t recorded_at_us, std::string* out);

// The slow path alone (the reference; for tests).
void AppendEventBodyByBuilding(kj::ArrayPtr<const capnp::word> input,
                               uint64_t position, uint64_t version,
                               int64_t recorded_at_us, std::string* out);

}  // namespace jejak::store
