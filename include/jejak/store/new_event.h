// NewEvent: one event as submitted, before the store records it.
#pragma once

#include <cstddef>
#include <memory>

#include "jejak/schema/envelope.capnp.h"

namespace capnp {
class MallocMessageBuilder;
}

namespace jejak::store {

// Owns a Cap'n Proto EventInput message. Build it through builder() (the
// JSON codec or the generator do), then hand it to EventStore::Append.
// Movable, not copyable. Not thread-safe; the store only reads it.
class NewEvent {
 public:
  NewEvent();
  ~NewEvent();
  NewEvent(NewEvent&&) noexcept;
  NewEvent& operator=(NewEvent&&) noexcept;

  // A NewEvent holding a copy of `in`.
  static NewEvent CopyOf(schema::EventInput::Reader in);

  schema::EventInput::Builder builder();
  schema::EventInput::Reader reader() const;
  // Words the message's segments use: at least the size of reader()'s
  // canonical encoding (every object reachable from the root lies in them,
  // once). Cheap: no traversal of the message.
  size_t words_used() const;

 private:
  std::unique_ptr<capnp::MallocMessageBuilder> message_;
};

}  // namespace jejak::store
