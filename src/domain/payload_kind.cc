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

PayloadHome HomeOf(schema::Payload::Which kind) {
  using P = schema::Payload;
  // No default: a member added to the union without its row here is a
  // compile error (-Wswitch), and tests/domain/payload_kind_test.cc walks
  // the schema for it.
  switch (kind) {
    case P::UNSPECIFIED: return PayloadHome::kUnknown;
    case P::RECRUITED:
    case P::CIVIL_SERVANT_CONFIRMED:
    case P::POSITION_ASSIGNED:
    case P::TRANSFERRED:
    case P::RANK_PROMOTED:
    case P::POSITION_PROMOTED:
    case P::COMPETENCY_ASSESSED:
    case P::PERFORMANCE_RATED:
    case P::TRAINING_COMPLETED:
    case P::MENTORING_RECORDED:
    case P::SANCTION_IMPOSED:
    case P::SANCTION_LIFTED:
    case P::RELATIONSHIP_DECLARED:
    case P::SEPARATED:
    case P::EXAM_PASSED:
    case P::CREDIT_POINTS_AWARDED:
      return PayloadHome::kEmployee;
    case P::SELECTION_OPENED:
    case P::COMMITTEE_APPOINTED:
    case P::CANDIDATE_REGISTERED:
    case P::MEMBER_RECUSED:
    case P::CANDIDATE_SCORED:
    case P::SHORTLIST_SUBMITTED:
    case P::SELECTION_DECIDED:
      return PayloadHome::kSelection;
    case P::UNIT_DEFINED:
    case P::POSITION_DEFINED:
    case P::AGENCY_DEFINED:
      return PayloadHome::kAgency;
    case P::CORRECTED:
    case P::RETRACTED:
      return PayloadHome::kAnyStream;
  }
  return PayloadHome::kUnknown;
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
