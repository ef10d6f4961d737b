#include "event_type.h"

#include <capnp/dynamic.h>

namespace jejak::cli {

std::string EventTypeName(schema::Payload::Reader payload) {
  KJ_IF_MAYBE(field, capnp::toDynamic(payload).which()) {
    return std::string(field->getProto().getName().cStr());
  }
  return "unknown(" + std::to_string(static_cast<unsigned>(payload.which())) + ")";
}

}  // namespace jejak::cli
