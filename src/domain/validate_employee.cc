// Validation of employee-stream payloads (recruited .. separated).
#include <cmath>
#include <set>

#include "domain/field_checks.h"
#include "jejak/domain/date.h"
#include "jejak/domain/discipline.h"
#include "jejak/domain/nip.h"
#include "jejak/domain/performance.h"

namespace jejak::domain::internal {

namespace {

using schema::Payload;

Status ValidateRecruited(schema::Recruited::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "employmentType"), r.getEmploymentType(), true));
  const bool pppk = r.getEmploymentType() == schema::EmploymentType::PPPK;
  Result<NipParts> nip = ParseNip(View(r.getNip()), pppk);
  if (!nip.ok()) return FieldError(Join(p, "nip"), nip.status().message());

  if (r.getNik().size() > 0) {
    // The NIK's two-digit year is resolved against the NIP's appointment
    // year: the person was born before they were appointed.
    const uint32_t reference = nip->appointment_ym / 100 * 10000 + 1231;
    Result<NikParts> nik = ParseNik(View(r.getNik()), reference);
    if (!nik.ok()) return FieldError(Join(p, "nik"), nik.status().message());
    Status match = CheckNikMatchesNip(*nik, *nip);
    if (!match.ok()) return FieldError(Join(p, "nik"), match.message());
  }
  JEJAK_RETURN_IF_ERROR(CheckName(Join(p, "name"), r.getName(), true));
  JEJAK_RETURN_IF_ERROR(CheckDate(Join(p, "birthDate"), r.getBirthDate(), true));
  if (r.getBirthDate().getYyyymmdd() != nip->birth_date) {
    return FieldError(Join(p, "birthDate"),
                      FormatDate(r.getBirthDate().getYyyymmdd()) +
                          " differs from the NIP's birth date " + FormatDate(nip->birth_date));
  }
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "gender"), r.getGender(), true));
  if (r.getGender() != nip->gender) {
    return FieldError(Join(p, "gender"), std::string("differs from the NIP's digit 15 (") +
                                             (nip->gender == schema::Gender::MALE
                                                  ? "1, male)"
                                                  : "2, female)"));
  }
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "education"), r.getEducation(), true));
  JEJAK_RETURN_IF_ERROR(CheckName(Join(p, "educationMajor"), r.getEducationMajor(), false));
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "agency"), r.getAgency(), true));
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "unit"), r.getUnit(), false));

  const FieldPath rank_path = Join(p, "startingRank");
  JEJAK_RETURN_IF_ERROR(CheckRank(rank_path, r.getStartingRank(), true));
  const auto rank_kind = r.getStartingRank().which();
  if (!pppk && rank_kind != schema::Rank::GOLONGAN) {
    return FieldError(rank_path, "a pns recruit starts at a golongan, not a PPPK grade");
  }
  if (pppk && rank_kind != schema::Rank::PPPK_GRADE) {
    return FieldError(rank_path, "a pppk recruit starts at a pppkGrade, not a golongan");
  }
  JEJAK_RETURN_IF_ERROR(CheckNumber(Join(p, "selectionScore"), r.getSelectionScore(), 0, 1000));
  return CheckId(Join(p, "positionId"), r.getPositionId(), false);
}

Status ValidatePositionAssigned(schema::PositionAssigned::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "positionId"), r.getPositionId(), true));
  JEJAK_RETURN_IF_ERROR(CheckName(Join(p, "positionName"), r.getPositionName(), true));
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "level"), r.getLevel(), true));
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "agency"), r.getAgency(), true));
  return CheckId(Join(p, "unit"), r.getUnit(), false);
}

Status ValidateTransferred(schema::Transferred::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "fromAgency"), r.getFromAgency(), false));
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "fromUnit"), r.getFromUnit(), false));
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "toAgency"), r.getToAgency(), true));
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "toUnit"), r.getToUnit(), false));
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "positionId"), r.getPositionId(), false));
  JEJAK_RETURN_IF_ERROR(CheckName(Join(p, "positionName"), r.getPositionName(), false));
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "level"), r.getLevel(), false));
  return CheckFreeText(Join(p, "reason"), r.getReason(), false);
}

Status ValidateRankPromoted(schema::RankPromoted::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "kind"), r.getKind(), true));
  JEJAK_RETURN_IF_ERROR(CheckRank(Join(p, "to"), r.getTo(), true));
  JEJAK_RETURN_IF_ERROR(CheckRank(Join(p, "from"), r.getFrom(), false));
  auto from = r.getFrom(), to = r.getTo();
  if (from.which() != schema::Rank::UNSPECIFIED) {
    if (from.which() != to.which()) {
      return FieldError(Join(p, "to"), "is on a different scale than `from` "
                                       "(golongan and PPPK grade never mix)");
    }
    const bool same = to.which() == schema::Rank::GOLONGAN
                          ? from.getGolongan() == to.getGolongan()
                          : from.getPppkGrade() == to.getPppkGrade();
    // A skipped or downward step is non-compliant and left to the audit;
    // promoting to the rank already held is no promotion at all.
    if (same) return FieldError(Join(p, "to"), "equals `from`");
  }
  return CheckNumber(Join(p, "creditPoints"), r.getCreditPoints(), 0, 1e6);
}

Status ValidatePositionPromoted(schema::PositionPromoted::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "selectionId"), r.getSelectionId(), true));
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "positionId"), r.getPositionId(), true));
  JEJAK_RETURN_IF_ERROR(CheckName(Join(p, "positionName"), r.getPositionName(), true));
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "level"), r.getLevel(), true));
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "agency"), r.getAgency(), true));
  return CheckId(Join(p, "unit"), r.getUnit(), false);
}

Status ValidateCompetencyAssessed(schema::CompetencyAssessed::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckCompetencies(Join(p, "levels"), r.getLevels(), true));
  JEJAK_RETURN_IF_ERROR(CheckNumber(Join(p, "potentialScore"), r.getPotentialScore(), 0, 100));
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "potential"), r.getPotential(), false));
  JEJAK_RETURN_IF_ERROR(CheckName(Join(p, "assessor"), r.getAssessor(), false));
  return CheckName(Join(p, "method"), r.getMethod(), false);
}

Status ValidatePerformanceRated(schema::PerformanceRated::Reader r, std::string_view p) {
  if (r.getYear() < 1950 || r.getYear() > 2200) {
    return FieldError(Join(p, "year"), "must be 1950..2200, is " + std::to_string(r.getYear()));
  }
  JEJAK_RETURN_IF_ERROR(CheckPeriod(Join(p, "periodStart"), r.getPeriodStart(),
                                    Join(p, "periodEnd"), r.getPeriodEnd(), false));
  if (r.getDp3Score() > 100) {
    return FieldError(Join(p, "dp3Score"),
                      "must be 0..100, is " + std::to_string(r.getDp3Score()));
  }
  const double skp_score = r.getSkpScore();
  if (!std::isfinite(skp_score) || skp_score < 0 || skp_score > 100) {
    return FieldError(Join(p, "skpScore"), "must be a number in 0..100 (0 = none)");
  }
  // Each era has its own record (domain/performance.h): a score of another
  // era's scale is not a record that can exist.
  const RatingEra era = RatingEraOf(r.getYear());
  if (r.getDp3Score() != 0 && era != RatingEra::kDp3) {
    return FieldError(Join(p, "dp3Score"),
                      "a DP3 score rates years up to " + std::to_string(kLastDp3Year) +
                          " (PP 10/1979), not " + std::to_string(r.getYear()) +
                          (era == RatingEra::kSkpScore ? ": use skpScore" : ""));
  }
  if (skp_score != 0 && era != RatingEra::kSkpScore) {
    return FieldError(Join(p, "skpScore"),
                      "a numeric SKP score rates the years " + std::to_string(kLastDp3Year + 1) +
                          ".." + std::to_string(kLastSkpScoreYear) + " (PP 46/2011), not " +
                          std::to_string(r.getYear()) +
                          (era == RatingEra::kDp3 ? ": use dp3Score" : ""));
  }
  // A DP3 or numeric-SKP record has a score instead of the SKP matrix.
  const bool matrix = r.getDp3Score() == 0 && skp_score == 0;
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "workResult"), r.getWorkResult(), matrix));
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "behaviour"), r.getBehaviour(), matrix));
  // A predikat that disagrees with the matrix is inconsistent evaluation:
  // recorded, and left to the audit.
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "predikat"), r.getPredikat(), true));
  return CheckNipField(Join(p, "evaluatorNip"), r.getEvaluatorNip(), false);
}

Status ValidateTrainingCompleted(schema::TrainingCompleted::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "kind"), r.getKind(), true));
  JEJAK_RETURN_IF_ERROR(CheckName(Join(p, "name"), r.getName(), true));
  if (r.getJp() < 1 || r.getJp() > 2000) {
    return FieldError(Join(p, "jp"), "must be 1..2000, is " + std::to_string(r.getJp()));
  }
  JEJAK_RETURN_IF_ERROR(CheckName(Join(p, "provider"), r.getProvider(), false));
  return CheckPeriod(Join(p, "startDate"), r.getStartDate(), Join(p, "endDate"),
                     r.getEndDate(), false);
}

Status ValidateMentoringRecorded(schema::MentoringRecorded::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckNipField(Join(p, "mentorNip"), r.getMentorNip(), true));
  JEJAK_RETURN_IF_ERROR(CheckNipField(Join(p, "menteeNip"), r.getMenteeNip(), true));
  if (r.getMentorNip() == r.getMenteeNip()) {
    return FieldError(Join(p, "menteeNip"), "equals mentorNip");
  }
  JEJAK_RETURN_IF_ERROR(CheckPeriod(Join(p, "periodStart"), r.getPeriodStart(),
                                    Join(p, "periodEnd"), r.getPeriodEnd(), false));
  return CheckFreeText(Join(p, "topic"), r.getTopic(), false);
}

Status ValidateSanctionImposed(schema::SanctionImposed::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "kind"), r.getKind(), true));
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "level"), r.getLevel(), true));
  DisciplineRegulation regulation{};
  const schema::SanctionLevel expected =
      ExpectedSanctionLevel(r.getKind(), r.getStart().getYyyymmdd(), &regulation);
  if (expected != r.getLevel()) {
    static constexpr const char* kLevelNames[] = {"unspecified", "light", "medium", "heavy"};
    return FieldError(Join(p, "level"),
                      std::string("does not match the kind: it is a ") +
                          kLevelNames[static_cast<int>(expected)] + " sanction (" +
                          DisciplineRegulationText(regulation) + ")");
  }
  JEJAK_RETURN_IF_ERROR(
      CheckPeriod(Join(p, "start"), r.getStart(), Join(p, "end"), r.getEnd(), true));
  return CheckFreeText(Join(p, "reason"), r.getReason(), false);
}

Status ValidateSanctionLifted(schema::SanctionLifted::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckEventRef(Join(p, "sanctionPosition"), r.getSanctionPosition(),
                                      Join(p, "sanctionEventId"), r.getSanctionEventId()));
  return CheckFreeText(Join(p, "reason"), r.getReason(), false);
}

Status ValidateRelationshipDeclared(schema::RelationshipDeclared::Reader r,
                                    std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckNipField(Join(p, "otherNip"), r.getOtherNip(), false));
  JEJAK_RETURN_IF_ERROR(CheckName(Join(p, "otherName"), r.getOtherName(), true));
  return CheckEnum(Join(p, "relation"), r.getRelation(), true);
}

Status ValidateSeparated(schema::Separated::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "reason"), r.getReason(), true));
  return CheckFreeText(Join(p, "note"), r.getNote(), false);
}

Status ValidateExamPassed(schema::ExamPassed::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "kind"), r.getKind(), true));
  JEJAK_RETURN_IF_ERROR(CheckName(Join(p, "certificateNo"), r.getCertificateNo(), false));
  JEJAK_RETURN_IF_ERROR(CheckName(Join(p, "organiser"), r.getOrganiser(), false));
  // The degree adjusted to is what a penyesuaian ijazah is about; an ujian
  // dinas names none.
  const bool adjustment = r.getKind() == schema::ExamKind::PENYESUAIAN_IJAZAH;
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "education"), r.getEducation(), adjustment));
  if (!adjustment && r.getEducation() != schema::EducationLevel::UNSPECIFIED) {
    return FieldError(Join(p, "education"), "only a penyesuaianIjazah names an education");
  }
  return Status::Ok();
}

Status ValidateCreditPointsAwarded(schema::CreditPointsAwarded::Reader r, std::string_view p) {
  if (!std::isfinite(r.getPoints()) || r.getPoints() <= 0 || r.getPoints() > 10000) {
    return FieldError(Join(p, "points"), "must be a number above 0, at most 10000 (the points "
                                         "added for the period)");
  }
  JEJAK_RETURN_IF_ERROR(CheckPeriod(Join(p, "periodStart"), r.getPeriodStart(),
                                    Join(p, "periodEnd"), r.getPeriodEnd(), false));
  return CheckId(Join(p, "positionId"), r.getPositionId(), false);
}

}  // namespace

Status ValidateEmployeePayload(Payload::Reader payload, std::string_view p) {
  switch (payload.which()) {
    case Payload::RECRUITED: return ValidateRecruited(payload.getRecruited(), p);
    case Payload::CIVIL_SERVANT_CONFIRMED:
      return CheckName(Join(p, "latsarCertificate"),
                       payload.getCivilServantConfirmed().getLatsarCertificate(), false);
    case Payload::POSITION_ASSIGNED:
      return ValidatePositionAssigned(payload.getPositionAssigned(), p);
    case Payload::TRANSFERRED: return ValidateTransferred(payload.getTransferred(), p);
    case Payload::RANK_PROMOTED: return ValidateRankPromoted(payload.getRankPromoted(), p);
    case Payload::POSITION_PROMOTED:
      return ValidatePositionPromoted(payload.getPositionPromoted(), p);
    case Payload::COMPETENCY_ASSESSED:
      return ValidateCompetencyAssessed(payload.getCompetencyAssessed(), p);
    case Payload::PERFORMANCE_RATED:
      return ValidatePerformanceRated(payload.getPerformanceRated(), p);
    case Payload::TRAINING_COMPLETED:
      return ValidateTrainingCompleted(payload.getTrainingCompleted(), p);
    case Payload::MENTORING_RECORDED:
      return ValidateMentoringRecorded(payload.getMentoringRecorded(), p);
    case Payload::SANCTION_IMPOSED:
      return ValidateSanctionImposed(payload.getSanctionImposed(), p);
    case Payload::SANCTION_LIFTED: return ValidateSanctionLifted(payload.getSanctionLifted(), p);
    case Payload::RELATIONSHIP_DECLARED:
      return ValidateRelationshipDeclared(payload.getRelationshipDeclared(), p);
    case Payload::SEPARATED: return ValidateSeparated(payload.getSeparated(), p);
    case Payload::EXAM_PASSED: return ValidateExamPassed(payload.getExamPassed(), p);
    case Payload::CREDIT_POINTS_AWARDED:
      return ValidateCreditPointsAwarded(payload.getCreditPointsAwarded(), p);
    default: break;
  }
  return FieldError(p, "not an employee event");
}

}  // namespace jejak::domain::internal
