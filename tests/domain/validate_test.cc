// Stream ids, the envelope, kinds per stream, selection / agency events,
// corrections and retractions.
#include "jejak/domain/validate.h"

#include <gtest/gtest.h>

#include "domain/expect_status.h"
#include "domain/sample_events.h"

namespace jejak::domain {
namespace {

using jejak::testing::IsRejectedAt;
using jejak::testing::IsRejectedWith;
using jejak::testing::SampleEvent;
using schema::Payload;

Status Validate(const store::NewEvent& ev) { return ValidateEventInput(ev.reader()); }

TEST(ValidateTest, EverySampleIsValid) {
  for (auto kind : jejak::testing::AllKinds()) {
    auto ev = SampleEvent(kind);
    EXPECT_TRUE(Validate(ev).ok()) << static_cast<int>(kind) << ": " << Validate(ev).ToString();
  }
}

TEST(StreamIdTest, Kinds) {
  EXPECT_EQ(*ParseStreamId("emp/198503122010031001"), StreamKind::kEmployee);
  EXPECT_EQ(*ParseStreamId("sel/jpt-2023.01_a"), StreamKind::kSelection);
  EXPECT_EQ(*ParseStreamId("org/pemko-sawahlunto"), StreamKind::kAgency);
}

TEST(StreamIdTest, MalformedIdsAreRejected) {
  for (const char* bad : {"", "emp", "emp/", "xyz/abc", "EMP/198503122010031001", "sel/a b",
                          "org/a/b", "sel/é"}) {
    EXPECT_TRUE(IsRejectedAt(ParseStreamId(bad).status(), "stream \"")) << bad;
  }
  EXPECT_FALSE(ParseStreamId("sel/" + std::string(65, 'a')).ok());
  EXPECT_TRUE(ParseStreamId("sel/" + std::string(64, 'a')).ok());
}

TEST(StreamIdTest, EmployeeStreamNeedsAValidNip) {
  EXPECT_TRUE(IsRejectedWith(ParseStreamId("emp/198503122010031000").status(), "digits 16-18"));
  EXPECT_TRUE(IsRejectedWith(ParseStreamId("emp/pegawai-1").status(), "18 digits"));
}

TEST(EnvelopeTest, StreamIsChecked) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().setStream("emp/1");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "stream \"emp/1\""));
}

TEST(EnvelopeTest, EventIdIsRequired) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().setEventId("");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "eventId: required"));
}

TEST(EnvelopeTest, EventIdIsAtMost128Bytes) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().setEventId(std::string(129, 'e'));
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "eventId: too long"));
  ev.builder().setEventId(std::string(128, 'e'));
  EXPECT_TRUE(Validate(ev).ok());
}

TEST(EnvelopeTest, EventIdIsPrintableAscii) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().setEventId("a b");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "eventId: byte 1 is not printable"));
  ev.builder().setEventId("a\x7f");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "eventId: byte 1"));
}

TEST(EnvelopeTest, EffectiveDateIsRequiredAndValid) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().getEffectiveDate().setYyyymmdd(0);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "effectiveDate: required"));
  ev.builder().getEffectiveDate().setYyyymmdd(20150230);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "effectiveDate: not a valid date (20150230"));
}

TEST(EnvelopeTest, SigningDateMustBeValidWhenSet) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().getSource().getSigningDate().setYyyymmdd(20231301);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "source.signingDate: not a valid date"));
}

TEST(EnvelopeTest, ActorTextIsBounded) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().getActor().setUser(std::string(201, 'u'));
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "actor.user: too long"));
}

TEST(PayloadTest, PayloadMustBeSet) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().initPayload();
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload: no event kind set"));
}

TEST(PayloadTest, KindMustBelongOnTheStream) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().setStream("sel/jpt-2023-01");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.rankPromoted: belongs on emp/ streams, not "
                                         "on sel/"));
  auto unit = SampleEvent(Payload::UNIT_DEFINED);
  unit.builder().setStream("emp/198503122010031001");
  EXPECT_TRUE(IsRejectedAt(Validate(unit), "payload.unitDefined: belongs on org/"));
  auto sel = SampleEvent(Payload::SHORTLIST_SUBMITTED);
  sel.builder().setStream("org/pemko-sawahlunto");
  EXPECT_TRUE(IsRejectedAt(Validate(sel), "payload.shortlistSubmitted: belongs on sel/"));
}

TEST(PayloadTest, CorrectionsAndRetractionsGoAnywhere) {
  for (const char* stream : {"org/pemko-sawahlunto", "sel/jpt-2023-01"}) {
    auto ev = SampleEvent(Payload::RETRACTED);
    ev.builder().setStream(stream);
    EXPECT_TRUE(Validate(ev).ok()) << stream;
  }
}

TEST(CorrectedTest, TargetIsRequired) {
  auto ev = SampleEvent(Payload::CORRECTED);
  ev.builder().getPayload().getCorrected().setTarget(0);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.corrected.target: must be a position >= 1"));
}

TEST(CorrectedTest, ReplacementIsRequired) {
  auto ev = SampleEvent(Payload::CORRECTED);
  ev.builder().getPayload().getCorrected().initReplacement();
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.corrected.replacement: no event kind set"));
}

TEST(CorrectedTest, ReplacementIsNotACorrection) {
  auto ev = SampleEvent(Payload::CORRECTED);
  ev.builder().getPayload().getCorrected().initReplacement().initRetracted().setTarget(1);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.corrected.replacement: a replacement cannot"));
}

TEST(CorrectedTest, ReplacementIsValidated) {
  auto ev = SampleEvent(Payload::CORRECTED);
  ev.builder().getPayload().getCorrected().getReplacement().getRankPromoted().initTo();
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.corrected.replacement.rankPromoted.to: "
                                         "required"));
}

TEST(CorrectedTest, ReplacementMustBelongOnTheStream) {
  auto ev = SampleEvent(Payload::CORRECTED);
  ev.builder().setStream("org/pemko-sawahlunto");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.corrected.replacement.rankPromoted: belongs"));
}

TEST(CorrectedTest, RecruitedReplacementKeepsTheStreamsNip) {
  auto ev = SampleEvent(Payload::CORRECTED);
  auto rec = SampleEvent(Payload::RECRUITED);
  ev.builder().getPayload().getCorrected().setReplacement(rec.reader().getPayload());
  EXPECT_TRUE(Validate(ev).ok()) << Validate(ev).ToString();
  ev.builder().setStream("emp/199007252015012002");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.corrected.replacement.recruited.nip: "
                                         "differs from the stream"));
}

// A correction's effective date is the TMT of the fact as corrected, so a
// corrected recruitment is held to the birth date like a direct one.
TEST(CorrectedTest, RecruitedReplacementTmtIsNotBeforeBirth) {
  auto ev = SampleEvent(Payload::CORRECTED);
  auto rec = SampleEvent(Payload::RECRUITED);
  ev.builder().getPayload().getCorrected().setReplacement(rec.reader().getPayload());
  ev.builder().setEffectiveDate(rec.reader().getEffectiveDate());
  EXPECT_TRUE(Validate(ev).ok()) << Validate(ev).ToString();
  ev.builder().initEffectiveDate().setYyyymmdd(19800101);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "effectiveDate: TMT 1980-01-01 is before the birth date"));
}

TEST(CorrectedTest, ReasonAndAuthorityAreRequired) {
  auto ev = SampleEvent(Payload::CORRECTED);
  ev.builder().getPayload().getCorrected().setReason("");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.corrected.reason: required"));
  ev = SampleEvent(Payload::CORRECTED);
  ev.builder().getPayload().getCorrected().setAuthority("");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.corrected.authority: required"));
}

TEST(RetractedTest, TargetReasonAuthorityAreRequired) {
  auto ev = SampleEvent(Payload::RETRACTED);
  ev.builder().getPayload().getRetracted().setTarget(0);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.retracted.target: "));
  ev = SampleEvent(Payload::RETRACTED);
  ev.builder().getPayload().getRetracted().setReason("");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.retracted.reason: required"));
  ev = SampleEvent(Payload::RETRACTED);
  ev.builder().getPayload().getRetracted().setAuthority("");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.retracted.authority: required"));
}

TEST(SelectionTest, OpenedNeedsKindAndLevel) {
  auto ev = SampleEvent(Payload::SELECTION_OPENED);
  ev.builder().getPayload().getSelectionOpened().setKind(schema::SelectionKind::UNSPECIFIED);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.selectionOpened.kind: required"));
}

TEST(SelectionTest, CommitteeIsNonEmpty) {
  auto ev = SampleEvent(Payload::COMMITTEE_APPOINTED);
  ev.builder().getPayload().getCommitteeAppointed().initMembers(0);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.committeeAppointed.members: required"));
}

TEST(SelectionTest, CommitteeMemberIdsAreUnique) {
  auto ev = SampleEvent(Payload::COMMITTEE_APPOINTED);
  auto m = ev.builder().getPayload().getCommitteeAppointed().getMembers();
  m[1].setMemberId(m[0].getMemberId());
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.committeeAppointed.members[1].memberId: "));
}

TEST(SelectionTest, CommitteeMemberNeedsRole) {
  auto ev = SampleEvent(Payload::COMMITTEE_APPOINTED);
  ev.builder().getPayload().getCommitteeAppointed().getMembers()[0].setRole(
      schema::CommitteeRole::UNSPECIFIED);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.committeeAppointed.members[0].role: "));
}

TEST(SelectionTest, PpkNipMustBeValid) {
  auto ev = SampleEvent(Payload::COMMITTEE_APPOINTED);
  ev.builder().getPayload().getCommitteeAppointed().setPpkNip("196805141990031000");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.committeeAppointed.ppkNip: NI PPPK "
                                         "196805141990031000: digits 16-18"));
}

TEST(SelectionTest, CandidateNipIsRequired) {
  auto ev = SampleEvent(Payload::CANDIDATE_REGISTERED);
  ev.builder().getPayload().getCandidateRegistered().setNip("");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.candidateRegistered.nip: required"));
}

TEST(SelectionTest, ScoresAreBounded) {
  auto ev = SampleEvent(Payload::CANDIDATE_SCORED);
  ev.builder().getPayload().getCandidateScored().getScores()[1].setScore(101);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.candidateScored.scores[1].score: must be"));
}

TEST(SelectionTest, ShortlistIsNonEmpty) {
  auto ev = SampleEvent(Payload::SHORTLIST_SUBMITTED);
  ev.builder().getPayload().getShortlistSubmitted().initRanked(0);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.shortlistSubmitted.ranked: required"));
}

TEST(SelectionTest, ShortlistNipsAreUnique) {
  auto ev = SampleEvent(Payload::SHORTLIST_SUBMITTED);
  ev.builder().getPayload().getShortlistSubmitted().getRanked().set(2, jejak::testing::kNip);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.shortlistSubmitted.ranked[2]: NIP "));
}

TEST(SelectionTest, ShortlistNipsAreValid) {
  auto ev = SampleEvent(Payload::SHORTLIST_SUBMITTED);
  ev.builder().getPayload().getShortlistSubmitted().getRanked().set(1, "1234");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.shortlistSubmitted.ranked[1]: "));
}

TEST(SelectionTest, AppointeeIsRequired) {
  auto ev = SampleEvent(Payload::SELECTION_DECIDED);
  ev.builder().getPayload().getSelectionDecided().setAppointeeNip("");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.selectionDecided.appointeeNip: required"));
}

TEST(AgencyTest, MinRankNotAboveMaxRank) {
  auto ev = SampleEvent(Payload::POSITION_DEFINED);
  ev.builder().getPayload().getPositionDefined().setMinRank(schema::Golongan::IVC);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.positionDefined.maxRank: IV/b is below "
                                         "minRank IV/c"));
}

TEST(AgencyTest, RequiredCompetencyLevels) {
  auto ev = SampleEvent(Payload::POSITION_DEFINED);
  ev.builder().getPayload().getPositionDefined().getRequiredCompetencies()[0].setLevel(0);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.positionDefined.requiredCompetencies[0].level"));
}

TEST(AgencyTest, UnitIsNotItsOwnParent) {
  auto ev = SampleEvent(Payload::UNIT_DEFINED);
  ev.builder().getPayload().getUnitDefined().setParentUnitId("bkpsdm");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.unitDefined.parentUnitId: "));
}

TEST(AgencyTest, UnitNameIsRequired) {
  auto ev = SampleEvent(Payload::UNIT_DEFINED);
  ev.builder().getPayload().getUnitDefined().setName("");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.unitDefined.name: required"));
}

}  // namespace
}  // namespace jejak::domain
