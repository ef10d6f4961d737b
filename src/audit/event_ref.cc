#include "audit/event_ref.h"

#include "jejak/domain/payload_kind.h"

namespace jejak::audit {

std::string PayloadTypeName(schema::Payload::Reader payload) {
  return domain::PayloadKindName(payload.which());
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
