#include "jejak/store/new_event.h"

#include <capnp/message.h>

namespace jejak::store {

namespace {
// A typical event is well under 1 KiB: start with a 1 KiB segment instead of
// capnp's default 8 KiB (zeroed on allocation), growing as needed.
constexpr unsigned kFirstSegmentWords = 128;
}  // namespace

NewEvent::NewEvent()
    : message_(std::make_unique<capnp::MallocMessageBuilder>(kFirstSegmentWords)) {
  message_->initRoot<schema::EventInput>();
}
NewEvent::~NewEvent() = default;
NewEvent::NewEvent(NewEvent&&) noexcept = default;
NewEvent& NewEvent::operator=(NewEvent&&) noexcept = default;

NewEvent NewEvent::CopyOf(schema::EventInput::Reader in) {
  NewEvent e;
  e.message_->setRoot(in);
  return e;
}

schema::EventInput::Builder NewEvent::builder() {
  return message_->getRoot<schema::EventInput>();
}

schema::EventInput::Reader NewEvent::reader() const {
  return message_->getRoot<schema::EventInput>().asReader();
}

size_t NewEvent::words_used() const {
  // Reads the segments' sizes only (unlike getSegmentsForOutput, which may
  // fill a cache), so concurrent readers of one NewEvent stay safe.
  return message_->sizeInWords();
}

}  // namespace jejak::store
