// JSON form of events, through Cap'n Proto's own JSON codec (capnp-json).
// docs/events.md documents the form of every event kind.
//
// Dates are "YYYY-MM-DD", timestamps RFC 3339 UTC, golongan "III/a", enums
// by name, unions as {"member": value}. 64-bit integers are written as JSON
// strings (capnp-json's convention) and accepted as numbers or strings.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "jejak/schema/envelope.capnp.h"
#include "jejak/status.h"
#include "jejak/store/new_event.h"
#include "jejak/store/types.h"

namespace jejak::codec {

// Thread-safe after construction; construct once (building the codec walks
// the schema) and share.
class EventJson {
 public:
  EventJson();
  ~EventJson();
  EventJson(const EventJson&) = delete;
  EventJson& operator=(const EventJson&) = delete;

  // Parses one JSON object (one NDJSON line) into an EventInput. Rejects
  // syntax errors, unknown fields, unknown enum names / union members,
  // wrong types, a NUL byte anywhere, 64-bit integers written as numbers
  // beyond 2^53 - 1, and input over `max_bytes`, with InvalidArgument naming
  // the field path and reason. Does NOT run domain validation
  // (domain::ValidateEventInput does, at append).
  [[nodiscard]] Result<store::NewEvent> ParseInput(
      std::string_view json, size_t max_bytes = 1u << 20) const;

  // One-line JSON of a submitted event (the generator writes these).
  std::string InputToJson(schema::EventInput::Reader in) const;

  // JSON of a recorded event: every envelope field plus "leafHash" and
  // "chainHash" (hex) when given. `pretty` indents.
  std::string EventToJson(schema::Event::Reader ev,
                          const store::Hash* leaf = nullptr,
                          const store::Hash* chain = nullptr,
                          bool pretty = false) const;

  // JSON of a bare payload ({"rankPromoted": {...}}).
  std::string PayloadToJson(schema::Payload::Reader p) const;

  // The three encoders read the message through Cap'n Proto: on a message
  // that is itself malformed (bytes that passed a frame check but not a
  // pointer check) they throw kj::Exception, like any other field access;
  // callers reading untrusted bytes catch it at their boundary.

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jejak::codec
