// Validation of selection-stream payloads (selectionOpened ..
// selectionDecided).
#include <set>

#include "domain/field_checks.h"

namespace jejak::domain::internal {

namespace {

using schema::Payload;

FieldPath Item(std::string_view path, uint32_t i) {
  return FieldPath(path, i);
}

Status ValidateSelectionOpened(schema::SelectionOpened::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "positionId"), r.getPositionId(), true));
  JEJAK_RETURN_IF_ERROR(CheckName(Join(p, "positionName"), r.getPositionName(), true));
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "level"), r.getLevel(), true));
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "agency"), r.getAgency(), true));
  JEJAK_RETURN_IF_ERROR(CheckEnum(Join(p, "kind"), r.getKind(), true));
  return CheckName(Join(p, "announcement"), r.getAnnouncement(), false);
}

Status ValidateCommitteeAppointed(schema::CommitteeAppointed::Reader r, std::string_view p) {
  const FieldPath list = Join(p, "members");
  auto members = r.getMembers();
  if (members.size() == 0) return FieldError(list, "required, list is empty");
  // Committee size and composition rules (5-9, at most 45% internal) are
  // merit rules for the audit, not malformation.
  std::set<std::string_view> ids;
  for (uint32_t i = 0; i < members.size(); ++i) {
    const FieldPath item = Item(list, i);
    auto m = members[i];
    JEJAK_RETURN_IF_ERROR(CheckId(Join(item, "memberId"), m.getMemberId(), true));
    JEJAK_RETURN_IF_ERROR(CheckName(Join(item, "name"), m.getName(), true));
    JEJAK_RETURN_IF_ERROR(CheckEnum(Join(item, "role"), m.getRole(), true));
    JEJAK_RETURN_IF_ERROR(CheckEnum(Join(item, "level"), m.getLevel(), false));
    if (!ids.emplace(View(m.getMemberId())).second) {
      return FieldError(Join(item, "memberId"),
                        Quoted(m.getMemberId()) + " listed twice");
    }
  }
  return CheckNipField(Join(p, "ppkNip"), r.getPpkNip(), false);
}

Status ValidateCandidateRegistered(schema::CandidateRegistered::Reader r,
                                   std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckNipField(Join(p, "nip"), r.getNip(), true));
  return CheckName(Join(p, "name"), r.getName(), true);
}

Status ValidateMemberRecused(schema::MemberRecused::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "memberId"), r.getMemberId(), true));
  JEJAK_RETURN_IF_ERROR(CheckNipField(Join(p, "candidateNip"), r.getCandidateNip(), false));
  return CheckFreeText(Join(p, "reason"), r.getReason(), false);
}

Status ValidateCandidateScored(schema::CandidateScored::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckId(Join(p, "memberId"), r.getMemberId(), true));
  JEJAK_RETURN_IF_ERROR(CheckNipField(Join(p, "candidateNip"), r.getCandidateNip(), true));
  const FieldPath list = Join(p, "scores");
  auto scores = r.getScores();
  for (uint32_t i = 0; i < scores.size(); ++i) {
    const FieldPath item = Item(list, i);
    JEJAK_RETURN_IF_ERROR(CheckName(Join(item, "criterion"), scores[i].getCriterion(), true));
    JEJAK_RETURN_IF_ERROR(CheckNumber(Join(item, "score"), scores[i].getScore(), 0, 100));
    JEJAK_RETURN_IF_ERROR(CheckNumber(Join(item, "weight"), scores[i].getWeight(), 0, 1));
  }
  return CheckNumber(Join(p, "total"), r.getTotal(), 0, 1e6);
}

Status ValidateShortlistSubmitted(schema::ShortlistSubmitted::Reader r, std::string_view p) {
  const FieldPath list = Join(p, "ranked");
  auto ranked = r.getRanked();
  if (ranked.size() == 0) return FieldError(list, "required, list is empty");
  std::set<std::string_view> seen;
  for (uint32_t i = 0; i < ranked.size(); ++i) {
    JEJAK_RETURN_IF_ERROR(CheckNipField(Item(list, i), ranked[i], true));
    if (!seen.emplace(ranked[i].cStr(), ranked[i].size()).second) {
      return FieldError(Item(list, i),
                        "NIP " + std::string(ranked[i].cStr()) + " listed twice");
    }
  }
  return Status::Ok();
}

Status ValidateSelectionDecided(schema::SelectionDecided::Reader r, std::string_view p) {
  JEJAK_RETURN_IF_ERROR(CheckNipField(Join(p, "appointeeNip"), r.getAppointeeNip(), true));
  JEJAK_RETURN_IF_ERROR(
      CheckNipField(Join(p, "decidingOfficialNip"), r.getDecidingOfficialNip(), false));
  return CheckFreeText(Join(p, "justification"), r.getJustification(), false);
}

}  // namespace

Status ValidateSelectionPayload(Payload::Reader payload, std::string_view p) {
  switch (payload.which()) {
    case Payload::SELECTION_OPENED:
      return ValidateSelectionOpened(payload.getSelectionOpened(), p);
    case Payload::COMMITTEE_APPOINTED:
      return ValidateCommitteeAppointed(payload.getCommitteeAppointed(), p);
    case Payload::CANDIDATE_REGISTERED:
      return ValidateCandidateRegistered(payload.getCandidateRegistered(), p);
    case Payload::MEMBER_RECUSED: return ValidateMemberRecused(payload.getMemberRecused(), p);
    case Payload::CANDIDATE_SCORED:
      return ValidateCandidateScored(payload.getCandidateScored(), p);
    case Payload::SHORTLIST_SUBMITTED:
      return ValidateShortlistSubmitted(payload.getShortlistSubmitted(), p);
    case Payload::SELECTION_DECIDED:
      return ValidateSelectionDecided(payload.getSelectionDecided(), p);
    default: break;
  }
  return FieldError(p, "not a selection event");
}

}  // namespace jejak::domain::internal
