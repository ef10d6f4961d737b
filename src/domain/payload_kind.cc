#include "jejak/domain/payload_kind.h"

#include <capnp/schema.h>

namespace jejak::domain {

std::string PayloadKindName(schema::Payload::Which kind) {
  const auto fields = capnp::Schema::from<schema::Payload>().getUnionFields();
  for (auto field : fields) {
    if (field.getProto().getDiscriminantValue() == static_cast<uint16_t>(kind)) {
      return field.getProto().getName();
    }
  }
  return "unknown kind " + std::to_string(static_cast<unsigned>(kind));
}

bool SetReferencedPosition(schema::Payload::Builder payload, uint64_t position) {
  switch (payload.which()) {
    case schema::Payload::CORRECTED:
      payload.getCorrected().setTarget(position);
      return true;
    case schema::Payload::RETRACTED:
      payload.getRetracted().setTarget(position);
      return true;
    case schema::Payload::SANCTION_LIFTED:
      payload.getSanctionLifted().setSanctionPosition(position);
      return true;
    default:
      return false;
  }
}

}  // namespace jejak::domain
