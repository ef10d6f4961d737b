#include "audit/event_ref.h"

#include <capnp/dynamic.h>

namespace jejak::audit {

std::string PayloadTypeName(schema::Payload::Reader payload) {
  KJ_IF_MAYBE(field, capnp::toDynamic(payload).which()) {
    return field->getProto().getName().cStr();
  }
  return "unknown(" + std::to_string(static_cast<unsigned>(payload.which())) + ")";
}

EventRef RefOf(const store::RecordedEvent& rec) {
  const auto ev = rec.event();
  EventRef r;
  r.position = rec.position();
  r.stream = ev.getStream().cStr();
  r.event_id = ev.getEventId().cStr();
  r.type = PayloadTypeName(ev.getPayload());
  r.effective = ev.getEffectiveDate().getYyyymmdd();
  r.recorded_at_us = ev.getRecordedAt().getUnixMicros();
  r.leaf = rec.leaf_hash();
  return r;
}

}  // namespace jejak::audit
