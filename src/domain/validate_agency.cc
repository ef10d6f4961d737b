// Validation of agency-stream payloads (agencyDefined, unitDefined,
// positionDefined).
#include "domain/field_checks.h"
#include "jejak/domain/golongan.h"

namespace jejak::domain::internal {

namespace {

using schema::Payload;

Status ValidateUnitDefined(schema::UnitDefined::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "unitId"), r.getUnitId(), true));
  JEJAK_RETURN_IF_ERROR(CheckName(Join(p, "name"), r.getName(), true));
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "parentUnitId"), r.getParentUnitId(), false));
  if (r.getParentUnitId() == r.getUnitId()) {
    return FieldError(Join(p, "parentUnitId"), "a unit cannot be its own parent");
  }
  return Status::Ok();
}

Status ValidateAgencyDefined(schema::AgencyDefined::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckName(Join(p, "name"), r.getName(), true));
  JEJAK_RETURN_IF_ERROR(CheckDate(Join(p, "established"), r.getEstablished(), false));
  JEJAK_RETURN_IF_ERROR(CheckFreeText(Join(p, "legalBasis"), r.getLegalBasis(), false));
  return CheckId(Join(p, "regionCode"), r.getRegionCode(), false);
}

Status ValidatePositionDefined(schema::PositionDefined::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "positionId"), r.getPositionId(), true));
  JEJAK_RETURN_IF_ERROR(CheckName(Join(p, "name"), r.getName(), true));
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "level"), r.getLevel(), true));
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "unitId"), r.getUnitId(), true));
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "minRank"), r.getMinRank(), false));
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "maxRank"), r.getMaxRank(), false));
  const int lo = GolonganStep(r.getMinRank()), hi = GolonganStep(r.getMaxRank());
  if (lo != 0 && hi != 0 && hi < lo) {
    return FieldError(Join(p, "maxRank"),
                      std::string(GolonganName(r.getMaxRank())) + " is below minRank " +
                          std::string(GolonganName(r.getMinRank())));
  }
  JEJAK_RETURN_IF_ERROR(
      CheckCompetencies(Join(p, "requiredCompetencies"), r.getRequiredCompetencies(), false));
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "requiredTraining"), r.getRequiredTraining(), false));
  return CheckEnum(Join(p, "minEducation"), r.getMinEducation(), false);
}

}  // namespace

Status ValidateAgencyPayload(Payload::Reader payload, std::string_view p) {
  switch (payload.which()) {
    case Payload::AGENCY_DEFINED: return ValidateAgencyDefined(payload.getAgencyDefined(), p);
    case Payload::UNIT_DEFINED: return ValidateUnitDefined(payload.getUnitDefined(), p);
    case Payload::POSITION_DEFINED:
      return ValidatePositionDefined(payload.getPositionDefined(), p);
    default: break;
  }
  return FieldError(p, "not an agency event");
}

}  // namespace jejak::domain::internal
