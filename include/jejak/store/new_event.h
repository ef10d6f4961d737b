// NewEvent: one event as submitted, before the store records it.
#pragma once

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

  schema::EventInput::Builder builder();
  schema::EventInput::Reader reader() const;

 private:
  std::unique_ptr<capnp::MallocMessageBuilder> message_;
};

}  // namespace jejak::store
