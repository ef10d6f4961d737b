#include "jejak/store/new_event.h"

#include <capnp/message.h>

namespace jejak::store {

NewEvent::NewEvent() : message_(std::make_unique<capnp::MallocMessageBuilder>()) {
  message_->initRoot<schema::EventInput>();
}
NewEvent::~NewEvent() = default;
NewEvent::NewEvent(NewEvent&&) noexcept = default;
NewEvent& NewEvent::operator=(NewEvent&&) noexcept = default;

schema::EventInput::Builder NewEvent::builder() {
  return message_->getRoot<schema::EventInput>();
}

schema::EventInput::Reader NewEvent::reader() const {
  return message_->getRoot<schema::EventInput>().asReader();
}

}  // namespace jejak::store
