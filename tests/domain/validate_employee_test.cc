// One test per rejection reason of employee events, plus the
// non-compliant-but-valid cases that must be accepted.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "domain/expect_status.h"
#include "domain/sample_events.h"
#include "jejak/domain/validate.h"

namespace jejak::domain {
namespace {

using jejak::testing::IsRejectedAt;
using jejak::testing::SampleEvent;
using schema::Payload;

Status Validate(const store::NewEvent& ev) { return ValidateEventInput(ev.reader()); }

class RecruitedTest : public ::testing::Test {
 protected:
  store::NewEvent ev_ = SampleEvent(Payload::RECRUITED);
  schema::Recruited::Builder r_ = ev_.builder().getPayload().getRecruited();
};

TEST_F(RecruitedTest, SampleIsValid) { EXPECT_TRUE(Validate(ev_).ok()) << Validate(ev_).ToString(); }

TEST_F(RecruitedTest, InvalidNipIsRejected) {
  r_.setNip("198503122010131001");
  ev_.builder().setStream("emp/198503122010131001");  // valid as a PPPK NI
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.nip: NIP 198503122010131001: "
                                          "digits 9-14"));
}

TEST_F(RecruitedTest, PppkNipSkipsMonthCheck) {
  r_.setNip("198503122021171001");
  r_.setNik("");
  r_.setEmploymentType(schema::EmploymentType::PPPK);
  r_.initStartingRank().setPppkGrade(9);
  ev_.builder().setStream("emp/198503122021171001");
  EXPECT_TRUE(Validate(ev_).ok()) << Validate(ev_).ToString();
}

TEST_F(RecruitedTest, NipMustBeTheStreams) {
  ev_.builder().setStream("emp/198503122010031002");
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.nip: differs from the stream"));
}

TEST_F(RecruitedTest, InvalidNikIsRejected) {
  r_.setNik("9973011203850001");
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.nik: NIK 9973011203850001: "
                                          "digits 1-2"));
}

TEST_F(RecruitedTest, NikMustMatchNip) {
  r_.setNik("1373015203850001");  // female
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.nik: NIK gender"));
}

TEST_F(RecruitedTest, EmptyNikIsAccepted) {
  r_.setNik("");
  EXPECT_TRUE(Validate(ev_).ok());
}

TEST_F(RecruitedTest, NameIsRequired) {
  r_.setName("");
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.name: required"));
}

TEST_F(RecruitedTest, NameIsLimitedTo200Bytes) {
  r_.setName(std::string(201, 'a'));
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.name: too long"));
}

TEST_F(RecruitedTest, BirthDateMustBeValid) {
  r_.getBirthDate().setYyyymmdd(19850230);
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.birthDate: not a valid date"));
}

TEST_F(RecruitedTest, BirthDateMustEqualTheNips) {
  r_.getBirthDate().setYyyymmdd(19850313);
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.birthDate: 1985-03-13 differs"));
}

TEST_F(RecruitedTest, GenderMustEqualTheNips) {
  r_.setGender(schema::Gender::FEMALE);
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.gender: differs"));
}

TEST_F(RecruitedTest, GenderIsRequired) {
  r_.setGender(schema::Gender::UNSPECIFIED);
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.gender: required"));
}

TEST_F(RecruitedTest, UnknownEnumNumberIsRejected) {
  r_.setEducation(static_cast<schema::EducationLevel>(40));
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.education: unknown"));
}

TEST_F(RecruitedTest, EmploymentTypeIsRequired) {
  r_.setEmploymentType(schema::EmploymentType::UNSPECIFIED);
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.employmentType: required"));
}

TEST_F(RecruitedTest, PnsStartsAtAGolongan) {
  r_.initStartingRank().setPppkGrade(9);
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.startingRank: a pns recruit"));
}

TEST_F(RecruitedTest, PppkStartsAtAGrade) {
  r_.setNik("");
  r_.setEmploymentType(schema::EmploymentType::PPPK);
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.startingRank: a pppk recruit"));
}

TEST_F(RecruitedTest, PppkGradeIs1To17) {
  r_.setNik("");
  r_.setEmploymentType(schema::EmploymentType::PPPK);
  r_.initStartingRank().setPppkGrade(18);
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.startingRank.pppkGrade: must be"));
}

TEST_F(RecruitedTest, StartingRankIsRequired) {
  r_.initStartingRank();
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.startingRank: required"));
}

TEST_F(RecruitedTest, AgencyIsRequired) {
  r_.setAgency("");
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.agency: required"));
}

TEST_F(RecruitedTest, IdsAreLimitedTo64Bytes) {
  r_.setUnit(std::string(65, 'u'));
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.unit: too long"));
}

TEST_F(RecruitedTest, SelectionScoreMustBeFinite) {
  r_.setSelectionScore(std::numeric_limits<double>::quiet_NaN());
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "payload.recruited.selectionScore: must be"));
}

TEST_F(RecruitedTest, TmtNotBeforeBirth) {
  ev_.builder().getEffectiveDate().setYyyymmdd(19800101);
  EXPECT_TRUE(IsRejectedAt(Validate(ev_), "effectiveDate: TMT 1980-01-01 is before"));
}

TEST(RankPromotedTest, ToIsRequired) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().getPayload().getRankPromoted().initTo();
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.rankPromoted.to: required"));
}

TEST(RankPromotedTest, ToMustDifferFromFrom) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().getPayload().getRankPromoted().getTo().setGolongan(schema::Golongan::IIIA);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.rankPromoted.to: equals"));
}

TEST(RankPromotedTest, ScalesNeverMix) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().getPayload().getRankPromoted().getTo().setPppkGrade(10);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.rankPromoted.to: is on a different scale"));
}

TEST(RankPromotedTest, KindIsRequired) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().getPayload().getRankPromoted().setKind(schema::PromotionKind::UNSPECIFIED);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.rankPromoted.kind: required"));
}

TEST(RankPromotedTest, UnknownGolongan) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().getPayload().getRankPromoted().getTo().setGolongan(
      static_cast<schema::Golongan>(18));
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.rankPromoted.to.golongan: unknown"));
}

TEST(NonCompliantTest, SkippedRankIsAccepted) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().getPayload().getRankPromoted().getTo().setGolongan(schema::Golongan::IVA);
  EXPECT_TRUE(Validate(ev).ok()) << Validate(ev).ToString();
}

TEST(NonCompliantTest, DemotionIsAccepted) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().getPayload().getRankPromoted().getTo().setGolongan(schema::Golongan::IID);
  EXPECT_TRUE(Validate(ev).ok()) << Validate(ev).ToString();
}

TEST(NonCompliantTest, OffCycleTmtIsAccepted) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().getEffectiveDate().setYyyymmdd(20190617);
  EXPECT_TRUE(Validate(ev).ok()) << Validate(ev).ToString();
}

TEST(NonCompliantTest, PredikatDisagreeingWithMatrixIsAccepted) {
  auto ev = SampleEvent(Payload::PERFORMANCE_RATED);
  auto r = ev.builder().getPayload().getPerformanceRated();
  r.setWorkResult(schema::Rating::BELOW);
  r.setPredikat(schema::PredikatKinerja::SANGAT_BAIK);
  EXPECT_TRUE(Validate(ev).ok()) << Validate(ev).ToString();
}

TEST(PerformanceRatedTest, YearRange) {
  auto ev = SampleEvent(Payload::PERFORMANCE_RATED);
  ev.builder().getPayload().getPerformanceRated().setYear(1949);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.performanceRated.year: must be 1950..2200"));
}

TEST(PerformanceRatedTest, RatingsAreRequired) {
  auto ev = SampleEvent(Payload::PERFORMANCE_RATED);
  ev.builder().getPayload().getPerformanceRated().setBehaviour(schema::Rating::UNSPECIFIED);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.performanceRated.behaviour: required"));
  ev = SampleEvent(Payload::PERFORMANCE_RATED);
  ev.builder().getPayload().getPerformanceRated().setPredikat(
      schema::PredikatKinerja::UNSPECIFIED);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.performanceRated.predikat: required"));
}

TEST(PerformanceRatedTest, Dp3RecordNeedsNoMatrix) {
  auto ev = SampleEvent(Payload::PERFORMANCE_RATED);
  auto r = ev.builder().getPayload().getPerformanceRated();
  r.setYear(2010);
  r.setWorkResult(schema::Rating::UNSPECIFIED);
  r.setBehaviour(schema::Rating::UNSPECIFIED);
  r.setDp3Score(88);
  r.initPeriodStart();
  r.initPeriodEnd();
  EXPECT_TRUE(Validate(ev).ok()) << Validate(ev).ToString();
  r.setDp3Score(101);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.performanceRated.dp3Score"));
}

// A rating of `year` recorded by its score alone (no SKP matrix).
store::NewEvent ScoredRating(uint16_t year, uint8_t dp3, double skp) {
  auto ev = SampleEvent(Payload::PERFORMANCE_RATED);
  auto r = ev.builder().getPayload().getPerformanceRated();
  r.setYear(year);
  r.setWorkResult(schema::Rating::UNSPECIFIED);
  r.setBehaviour(schema::Rating::UNSPECIFIED);
  r.setDp3Score(dp3);
  r.setSkpScore(skp);
  r.initPeriodStart();
  r.initPeriodEnd();
  return ev;
}

TEST(PerformanceRatedTest, NumericSkpScoreNeedsNoMatrixAndIsInRange) {
  EXPECT_TRUE(Validate(ScoredRating(2014, 0, 82.35)).ok());
  EXPECT_TRUE(Validate(ScoredRating(2021, 0, 100)).ok());
  EXPECT_TRUE(IsRejectedAt(Validate(ScoredRating(2016, 0, 100.5)),
                           "payload.performanceRated.skpScore: must be a number in 0..100"));
  EXPECT_TRUE(IsRejectedAt(Validate(ScoredRating(2016, 0, -3)),
                           "payload.performanceRated.skpScore"));
  EXPECT_TRUE(IsRejectedAt(Validate(ScoredRating(2016, 0, std::nan(""))),
                           "payload.performanceRated.skpScore"));
}

TEST(PerformanceRatedTest, EachScoreBelongsToItsEraOnTheDaysTheScalesChange) {
  EXPECT_TRUE(Validate(ScoredRating(2013, 88, 0)).ok());
  EXPECT_TRUE(IsRejectedAt(Validate(ScoredRating(2014, 88, 0)),
                           "payload.performanceRated.dp3Score: a DP3 score rates years up to "
                           "2013 (PP 10/1979), not 2014: use skpScore"));
  EXPECT_TRUE(IsRejectedAt(Validate(ScoredRating(2013, 0, 88)),
                           "payload.performanceRated.skpScore: a numeric SKP score rates the "
                           "years 2014..2021 (PP 46/2011), not 2013: use dp3Score"));
  EXPECT_TRUE(IsRejectedAt(Validate(ScoredRating(2022, 0, 88)),
                           "payload.performanceRated.skpScore: a numeric SKP score rates the "
                           "years 2014..2021 (PP 46/2011), not 2022"));
  EXPECT_TRUE(IsRejectedAt(Validate(ScoredRating(2015, 80, 80)),
                           "payload.performanceRated.dp3Score"));
  // From 2022 the matrix is the record: without a score it is required.
  EXPECT_TRUE(IsRejectedAt(Validate(ScoredRating(2022, 0, 0)),
                           "payload.performanceRated.workResult: required"));
}

TEST(NonCompliantTest, PredikatDisagreeingWithTheScoreBandIsAccepted) {
  auto ev = ScoredRating(2018, 0, 65);  // Cukup
  ev.builder().getPayload().getPerformanceRated().setPredikat(schema::PredikatKinerja::SANGAT_BAIK);
  EXPECT_TRUE(Validate(ev).ok()) << Validate(ev).ToString();
}

TEST(ExamPassedTest, KindIsRequiredAndOnlyAnAdjustmentNamesAnEducation) {
  auto ev = SampleEvent(Payload::EXAM_PASSED);
  auto r = ev.builder().getPayload().getExamPassed();
  EXPECT_TRUE(Validate(ev).ok()) << Validate(ev).ToString();
  r.setEducation(schema::EducationLevel::S1);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.examPassed.education: only a "
                                         "penyesuaianIjazah names an education"));
  r.setKind(schema::ExamKind::PENYESUAIAN_IJAZAH);
  EXPECT_TRUE(Validate(ev).ok()) << Validate(ev).ToString();
  r.setEducation(schema::EducationLevel::UNSPECIFIED);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.examPassed.education: required"));
  r.setKind(schema::ExamKind::UNSPECIFIED);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.examPassed.kind: required"));
}

TEST(CreditPointsAwardedTest, PointsArePositiveAndThePeriodInOrder) {
  auto ev = SampleEvent(Payload::CREDIT_POINTS_AWARDED);
  auto r = ev.builder().getPayload().getCreditPointsAwarded();
  r.setPoints(0);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.creditPointsAwarded.points: must be a number "
                                         "above 0"));
  r.setPoints(std::numeric_limits<double>::infinity());
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.creditPointsAwarded.points"));
  r.setPoints(18.75);
  EXPECT_TRUE(Validate(ev).ok()) << Validate(ev).ToString();
  r.getPeriodEnd().setYyyymmdd(20211231);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.creditPointsAwarded.periodEnd"));
}

TEST(PerformanceRatedTest, PeriodStartNotAfterEnd) {
  auto ev = SampleEvent(Payload::PERFORMANCE_RATED);
  ev.builder().getPayload().getPerformanceRated().getPeriodEnd().setYyyymmdd(20211231);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.performanceRated.periodEnd: 2021-12-31 is "
                                         "before the start"));
}

TEST(PerformanceRatedTest, EvaluatorNipMustBeValid) {
  auto ev = SampleEvent(Payload::PERFORMANCE_RATED);
  ev.builder().getPayload().getPerformanceRated().setEvaluatorNip("123");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.performanceRated.evaluatorNip: "));
}

TEST(CompetencyAssessedTest, LevelsAre1To5) {
  auto ev = SampleEvent(Payload::COMPETENCY_ASSESSED);
  ev.builder().getPayload().getCompetencyAssessed().getLevels()[1].setLevel(6);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.competencyAssessed.levels[1].level: must be "
                                         "1..5"));
}

TEST(CompetencyAssessedTest, ListIsRequired) {
  auto ev = SampleEvent(Payload::COMPETENCY_ASSESSED);
  ev.builder().getPayload().getCompetencyAssessed().initLevels(0);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.competencyAssessed.levels: required"));
}

TEST(CompetencyAssessedTest, CodesAreRequiredAndUnique) {
  auto ev = SampleEvent(Payload::COMPETENCY_ASSESSED);
  auto levels = ev.builder().getPayload().getCompetencyAssessed().getLevels();
  levels[0].setCode("");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.competencyAssessed.levels[0].code: required"));
  levels[0].setCode("kerjaSama");
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.competencyAssessed.levels[1].code: "
                                         "competency \"kerjaSama\" listed twice"));
}

TEST(TrainingCompletedTest, JpIs1To2000) {
  auto ev = SampleEvent(Payload::TRAINING_COMPLETED);
  ev.builder().getPayload().getTrainingCompleted().setJp(0);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.trainingCompleted.jp: must be 1..2000"));
  ev.builder().getPayload().getTrainingCompleted().setJp(2001);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.trainingCompleted.jp: must be 1..2000"));
}

TEST(TrainingCompletedTest, DatesMustBeValid) {
  auto ev = SampleEvent(Payload::TRAINING_COMPLETED);
  ev.builder().getPayload().getTrainingCompleted().getStartDate().setYyyymmdd(20230631);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.trainingCompleted.startDate: not a valid"));
}

TEST(MentoringRecordedTest, MentorAndMenteeDiffer) {
  auto ev = SampleEvent(Payload::MENTORING_RECORDED);
  ev.builder().getPayload().getMentoringRecorded().setMentorNip(jejak::testing::kNip);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.mentoringRecorded.menteeNip: equals"));
}

TEST(SanctionImposedTest, LevelMustMatchKind) {
  auto ev = SampleEvent(Payload::SANCTION_IMPOSED);
  ev.builder().getPayload().getSanctionImposed().setLevel(schema::SanctionLevel::HEAVY);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.sanctionImposed.level: does not match the "
                                         "kind: it is a light sanction"));
}

// A rank demotion of one year is medium under PP 53/2010 and heavy under
// PP 30/1980: the level is the one of the regulation in force on the start.
TEST(SanctionImposedTest, LevelIsTheOneOfTheRegulationInForceOnTheStart) {
  auto ev = SampleEvent(Payload::SANCTION_IMPOSED);
  auto s = ev.builder().getPayload().getSanctionImposed();
  s.setKind(schema::SanctionKind::RANK_DEMOTION1_YEAR);
  s.setLevel(schema::SanctionLevel::MEDIUM);
  s.getStart().setYyyymmdd(20150301);
  s.getEnd().setYyyymmdd(20160229);
  EXPECT_TRUE(Validate(ev).ok()) << Validate(ev).ToString();
  s.getStart().setYyyymmdd(20050301);
  s.getEnd().setYyyymmdd(20060228);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.sanctionImposed.level: does not match the "
                                         "kind: it is a heavy sanction (PP 30/1980 Art. 6)"));
  s.setLevel(schema::SanctionLevel::HEAVY);
  EXPECT_TRUE(Validate(ev).ok()) << Validate(ev).ToString();
}

// A kind the regulation of the start lacks is judged by the latest one that
// has it (a case begun under the older regulation, decided under the new).
TEST(SanctionImposedTest, KindOfAnotherRegulationTakesItsLatestLevel) {
  auto ev = SampleEvent(Payload::SANCTION_IMPOSED);
  auto s = ev.builder().getPayload().getSanctionImposed();
  s.setKind(schema::SanctionKind::PROMOTION_DELAY1_YEAR);
  s.setLevel(schema::SanctionLevel::MEDIUM);
  EXPECT_TRUE(Validate(ev).ok()) << Validate(ev).ToString();
  s.setKind(schema::SanctionKind::RANK_DEMOTION3_YEARS);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.sanctionImposed.level: does not match the "
                                         "kind: it is a heavy sanction (PP 53/2010 Art. 7)"));
}

TEST(SanctionImposedTest, KindIsRequired) {
  auto ev = SampleEvent(Payload::SANCTION_IMPOSED);
  ev.builder().getPayload().getSanctionImposed().setKind(schema::SanctionKind::UNSPECIFIED);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.sanctionImposed.kind: required"));
}

TEST(SanctionImposedTest, EndNotBeforeStart) {
  auto ev = SampleEvent(Payload::SANCTION_IMPOSED);
  ev.builder().getPayload().getSanctionImposed().getEnd().setYyyymmdd(20230228);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.sanctionImposed.end: 2023-02-28"));
}

TEST(SanctionImposedTest, OpenEndedSuspensionIsValid) {
  auto ev = SampleEvent(Payload::SANCTION_IMPOSED);
  auto s = ev.builder().getPayload().getSanctionImposed();
  s.setLevel(schema::SanctionLevel::HEAVY);
  s.setKind(schema::SanctionKind::TEMPORARY_SUSPENSION);
  s.getEnd().setYyyymmdd(0);
  EXPECT_TRUE(Validate(ev).ok()) << Validate(ev).ToString();
}

TEST(SanctionLiftedTest, PositionIsRequired) {
  auto ev = SampleEvent(Payload::SANCTION_LIFTED);
  ev.builder().getPayload().getSanctionLifted().setSanctionPosition(0);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.sanctionLifted.sanctionPosition: "));
}

TEST(RelationshipDeclaredTest, RelationIsRequired) {
  auto ev = SampleEvent(Payload::RELATIONSHIP_DECLARED);
  ev.builder().getPayload().getRelationshipDeclared().setRelation(
      schema::Relation::UNSPECIFIED);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.relationshipDeclared.relation: required"));
}

TEST(PositionAssignedTest, LevelIsRequired) {
  auto ev = SampleEvent(Payload::POSITION_ASSIGNED);
  ev.builder().getPayload().getPositionAssigned().setLevel(schema::JabatanLevel::UNSPECIFIED);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.positionAssigned.level: required"));
}

TEST(SeparatedTest, ReasonIsRequired) {
  auto ev = SampleEvent(Payload::SEPARATED);
  ev.builder().getPayload().getSeparated().setReason(schema::SeparationReason::UNSPECIFIED);
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.separated.reason: required"));
}

TEST(TransferredTest, FreeTextIsLimitedTo4000Bytes) {
  auto ev = SampleEvent(Payload::TRANSFERRED);
  ev.builder().getPayload().getTransferred().setReason(std::string(4001, 'x'));
  EXPECT_TRUE(IsRejectedAt(Validate(ev), "payload.transferred.reason: too long"));
}

}  // namespace
}  // namespace jejak::domain
