#include "store/event_digest.h"

#include <string_view>

#include <capnp/message.h>

#include "jejak/integrity/chain_hashes.h"

namespace jejak::store {

Hash EventContentDigest(schema::Event::Reader ev) {
  // Copying each field only when set keeps null pointers null, so the
  // canonical bytes are those prepare.cc digested at append.
  capnp::MallocMessageBuilder builder(
      static_cast<capnp::uint>(ev.totalSize().wordCount + 16));
  auto in = builder.initRoot<schema::EventInput>();
  if (ev.hasStream()) in.setStream(ev.getStream());
  if (ev.hasEventId()) in.setEventId(ev.getEventId());
  if (ev.hasEffectiveDate()) in.setEffectiveDate(ev.getEffectiveDate());
  if (ev.hasActor()) in.setActor(ev.getActor());
  if (ev.hasSource()) in.setSource(ev.getSource());
  if (ev.hasPayload()) in.setPayload(ev.getPayload());
  const auto canonical = capnp::canonicalize(in.asReader());
  const auto bytes = canonical.asBytes();
  return integrity::ContentDigest(
      std::string_view(reinterpret_cast<const char*>(bytes.begin()), bytes.size()));
}

}  // namespace jejak::store
