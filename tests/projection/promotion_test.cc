// Regular rank promotion outlook (DOMAIN.md) and the rule tables.
#include <gtest/gtest.h>

#include "jejak/projection/fold.h"
#include "jejak/projection/profile_view.h"
#include "jejak/projection/promotion_reason.h"
#include "projection/event_builder.h"

namespace jejak::projection {
namespace {

using testing::EventLog;
using testing::FillRecruited;
namespace s = ::jejak::schema;

using testing::kNip;
using testing::kStream;

TEST(RulesTest, AllowedPromotionDatesFollowThePeriod) {
  Rules r = Rules::Default();
  EXPECT_EQ(NextAllowedPromotionDate(r, 20230402), 20231001u);  // April/October
  EXPECT_EQ(NextAllowedPromotionDate(r, 20230401), 20230401u);
  EXPECT_EQ(NextAllowedPromotionDate(r, 20231002), 20240201u);  // even months from 2024
  EXPECT_EQ(NextAllowedPromotionDate(r, 20240302), 20240401u);
  EXPECT_EQ(NextAllowedPromotionDate(r, 20250902), 20251001u);  // any month from Oct 2025
  EXPECT_EQ(NextAllowedPromotionDate(r, 20251102), 20251201u);
  EXPECT_EQ(NextAllowedPromotionDate(r, 20260115), 20260201u);
}

TEST(RulesTest, RetirementAgeByPositionLevelAndDate) {
  Rules r = Rules::Default();
  EXPECT_EQ(r.RetirementAge(s::JabatanLevel::PELAKSANA), 58);
  EXPECT_EQ(r.RetirementAge(s::JabatanLevel::JPT_PRATAMA), 60);
  EXPECT_EQ(r.RetirementAge(s::JabatanLevel::AHLI_UTAMA), 65);
  EXPECT_EQ(r.RetirementAge(s::JabatanLevel::AHLI_MADYA), 60);
  EXPECT_EQ(r.RetirementAge(s::JabatanLevel::AHLI_MUDA), 58);
  EXPECT_EQ(r.RetirementAge(s::JabatanLevel::PENYELIA), 58);  // skills track
  // Teachers retire at 60 at every jenjang (UU 14/2005 Art. 40).
  EXPECT_EQ(r.RetirementAge(s::JabatanLevel::AHLI_PERTAMA, "Guru Ahli Pertama"), 60);
  EXPECT_EQ(r.RetirementAge(s::JabatanLevel::AHLI_UTAMA, "Guru Ahli Utama"), 60);
  EXPECT_EQ(r.RetirementAge(s::JabatanLevel::AHLI_PERTAMA, "Analis Kebijakan Ahli Pertama"), 58);
  // Configurable: an agency's table is data.
  r.retirement_ages_by_name.push_back({"Dosen", 65});
  EXPECT_EQ(r.RetirementAge(s::JabatanLevel::AHLI_MUDA, "Dosen Asisten Ahli"), 65);
  EXPECT_EQ(RetirementDate(19700517, 58), 20280601u);
  EXPECT_EQ(RetirementDate(19701201, 58), 20290101u);
}

class PromotionTest : public ::testing::Test {
 protected:
  PromotionTest() {
    FillRecruited(log_.Add(kStream, 20150301), kNip);
    log_.Add(kStream, 20160301).initCivilServantConfirmed();
  }
  void Rate(uint16_t year, s::PredikatKinerja p) {
    auto r = log_.Add(kStream, year * 10000u + 1231).initPerformanceRated();
    r.setYear(year);
    r.setPredikat(p);
  }
  PromotionOutlook Outlook(uint32_t from) {
    auto events = log_.Stream(kStream);
    state_ = FoldProfile(kNip, EffectiveEvents(events));
    return NextPromotion(state_, from, rules_);
  }
  EventLog log_;
  ProfileState state_;
  Rules rules_ = Rules::Default();
};

TEST_F(PromotionTest, FourYearsFromCpnsTmtThenTheNextAllowedDate) {
  Rate(2017, s::PredikatKinerja::BAIK);
  Rate(2018, s::PredikatKinerja::SANGAT_BAIK);
  auto o = Outlook(20180101);
  EXPECT_EQ(o.date, 20190401u);  // 2015-03-01 + 4y -> 1 April 2019
  EXPECT_EQ(o.to.golongan, s::Golongan::IIIB);
  EXPECT_TRUE(o.eligible()) << (o.blockers.empty() ? "" : o.blockers[0].Text());
}

TEST_F(PromotionTest, APoorRatingInTheLastTwoYearsBlocks) {
  Rate(2017, s::PredikatKinerja::BUTUH_PERBAIKAN);
  Rate(2018, s::PredikatKinerja::BAIK);
  auto o = Outlook(20190101);
  EXPECT_EQ(o.date, 20190401u);
  ASSERT_EQ(o.blockers.size(), 1u);
  EXPECT_NE(o.blockers[0].Text().find("2017 Butuh Perbaikan"), std::string::npos);
}

TEST_F(PromotionTest, MissingPastRatingBlocksButAFutureOneIsOnlyANote) {
  Rate(2018, s::PredikatKinerja::BAIK);
  auto past = Outlook(20190301);
  EXPECT_FALSE(past.eligible());  // 2017 has no rating
  auto future = Outlook(20170101);
  EXPECT_EQ(future.date, 20190401u);
  // 2017 is not over on 2017-01-01: eligible, subject to that rating.
  EXPECT_TRUE(future.eligible());
  ASSERT_FALSE(future.notes.empty());
  EXPECT_NE(future.notes[0].Text().find("subject to predikat 2017"), std::string::npos);
}

TEST_F(PromotionTest, ARatingNotYetDueOnTodayIsANoteEvenForALaterPeriod) {
  Rate(2017, s::PredikatKinerja::BAIK);
  auto o = Outlook(20190401);  // judged on 2019-04-01: 2018 is over and missing
  EXPECT_FALSE(o.eligible());
  auto ahead = NextPromotion(state_, 20190401, rules_, /*today=*/20181115);
  EXPECT_TRUE(ahead.eligible());  // on 2018-11-15 the 2018 rating is not due yet
  ASSERT_FALSE(ahead.notes.empty());
  EXPECT_NE(ahead.notes[0].Text().find("subject to predikat 2018"), std::string::npos);
}

TEST_F(PromotionTest, EducationCapBlocks) {
  log_.Add(kStream, 20190401).initRankPromoted().initTo().setGolongan(s::Golongan::IIID);
  auto o = Outlook(20240101);
  ASSERT_EQ(o.blockers.size(), 1u);
  EXPECT_NE(o.blockers[0].Text().find("highest rank by regular promotion"), std::string::npos);
}

TEST_F(PromotionTest, AnActiveSanctionPushesTheDatePastItsEnd) {
  Rate(2017, s::PredikatKinerja::BAIK);
  Rate(2018, s::PredikatKinerja::BAIK);
  Rate(2019, s::PredikatKinerja::BAIK);
  auto x = log_.Add(kStream, 20190101).initSanctionImposed();
  x.setKind(s::SanctionKind::DEMOTION12_MONTHS);
  x.getStart().setYyyymmdd(20190101);
  x.getEnd().setYyyymmdd(20191231);
  auto o = Outlook(20190101);
  EXPECT_EQ(o.date, 20200401u);
  EXPECT_TRUE(o.eligible());
  auto open = log_.Add(kStream, 20200101).initSanctionImposed();
  open.setKind(s::SanctionKind::TEMPORARY_SUSPENSION);
  open.getStart().setYyyymmdd(20200101);
  auto blocked = Outlook(20190101);
  EXPECT_FALSE(blocked.eligible());
  EXPECT_NE(blocked.blockers[0].Text().find("open-ended"), std::string::npos);
}

// The post held decides the route (PP 99/2000 Art. 7).
class RouteTest : public PromotionTest {
 protected:
  void Assign(uint32_t date, s::JabatanLevel level, const char* name) {
    auto a = log_.Add(kStream, date).initPositionAssigned();
    a.setPositionId("post-1");
    a.setPositionName(name);
    a.setLevel(level);
    a.setAgency("kemenkeu");
    a.setUnit("u1");
  }
  void Exam(uint32_t date, s::ExamKind kind) {
    log_.Add(kStream, date).initExamPassed().setKind(kind);
  }
  void Points(uint32_t date, double points) {
    log_.Add(kStream, date).initCreditPointsAwarded().setPoints(points);
  }
};

TEST_F(RouteTest, AFunctionalPostHolderIsDueAfterTwoYearsWithTheCreditPointsNoted) {
  Assign(20150301, s::JabatanLevel::AHLI_PERTAMA, "Analis Kebijakan Ahli Pertama");
  Rate(2015, s::PredikatKinerja::BAIK);
  Rate(2016, s::PredikatKinerja::BAIK);
  Points(20160131, 12.5);
  Points(20170131, 18.75);
  auto o = Outlook(20170101);
  EXPECT_EQ(o.route, PromotionRoute::kFunctional);
  EXPECT_EQ(o.date, 20170401u);  // 2015-03-01 + 2 years, then April
  EXPECT_TRUE(o.eligible()) << o.blockers[0].Text();
  ASSERT_FALSE(o.notes.empty());
  EXPECT_NE(o.notes.back().Text().find("31.25 credit points on record since 2015-03-01"),
            std::string::npos)
      << o.notes.back().Text();
  EXPECT_EQ(EarliestPromotionDate(state_, PromotionRoute::kFunctional, rules_), 20170401u);
  EXPECT_EQ(EarliestPromotionDate(state_, PromotionRoute::kRegular, rules_), 20190401u);
}

TEST_F(RouteTest, LeavingTheFunctionalPostReturnsToTheRegularRoute) {
  Assign(20150301, s::JabatanLevel::AHLI_PERTAMA, "Analis Kebijakan Ahli Pertama");
  Assign(20170101, s::JabatanLevel::PELAKSANA, "Pengadministrasi Umum");
  Rate(2017, s::PredikatKinerja::BAIK);
  Rate(2018, s::PredikatKinerja::BAIK);
  auto o = Outlook(20170101);
  EXPECT_EQ(o.route, PromotionRoute::kRegular);
  EXPECT_EQ(o.date, 20190401u);
}

TEST_F(RouteTest, TheRegularStepOutOfIIdNeedsTheUjianDinasTingkatI) {
  EventLog log;
  FillRecruited(log.Add(kStream, 20150301), kNip, s::EducationLevel::SLTA, s::Golongan::IID);
  log.Add(kStream, 20160301).initCivilServantConfirmed();
  for (uint16_t y : {2017, 2018}) {
    auto r = log.Add(kStream, y * 10000u + 1231).initPerformanceRated();
    r.setYear(y);
    r.setPredikat(s::PredikatKinerja::BAIK);
  }
  auto events = log.Stream(kStream);
  auto st = FoldProfile(kNip, EffectiveEvents(events));
  auto o = NextPromotion(st, 20190101, rules_);
  EXPECT_EQ(o.date, 20190401u);
  ASSERT_EQ(o.blockers.size(), 1u);
  EXPECT_EQ(o.blockers[0].Text(), "no ujian dinas tingkat I (or penyesuaian ijazah) on record, needed "
                           "from II/d to III/a");
  // Passed on the TMT itself is in time.
  log.Add(kStream, 20190401).initExamPassed().setKind(s::ExamKind::UJIAN_DINAS_TINGKAT_I);
  events = log.Stream(kStream);
  st = FoldProfile(kNip, EffectiveEvents(events));
  EXPECT_TRUE(NextPromotion(st, 20190101, rules_).eligible());
}

TEST_F(RouteTest, ATeacherRetiresAtSixtyWhateverTheJenjang) {
  Assign(20150301, s::JabatanLevel::AHLI_PERTAMA, "Guru Ahli Pertama");
  auto events = log_.Stream(kStream);
  state_ = FoldProfile(kNip, EffectiveEvents(events));
  const ProfileView v = Derive(state_, nullptr, 20200101, rules_);
  EXPECT_EQ(v.retirement_date, RetirementDate(19900101, 60));
}

TEST_F(PromotionTest, PppkHasNoRankPromotion) {
  EventLog log;
  auto r = log.Add(kStream, 20220101);
  FillRecruited(r, kNip);
  r.getRecruited().setEmploymentType(s::EmploymentType::PPPK);
  r.getRecruited().initStartingRank().setPppkGrade(9);
  auto events = log.Stream(kStream);
  auto st = FoldProfile(kNip, EffectiveEvents(events));
  auto o = NextPromotion(st, 20260101, rules_);
  EXPECT_FALSE(o.eligible());
  EXPECT_NE(o.blockers[0].Text().find("PPPK"), std::string::npos);
}

}  // namespace
}  // namespace jejak::projection

// Every reason reads in both languages, and the Indonesian is not the
// English.
TEST(PromotionReasonTextTest, EveryKindHasIndonesianAndEnglishText) {
  using K = jejak::projection::PromotionReason::Kind;
  for (int k = 0; k <= static_cast<int>(K::kSuperiorRankUnchecked); ++k) {
    jejak::projection::PromotionReason r;
    r.kind = static_cast<K>(k);
    r.date = 20200401;
    r.year = 2019;
    r.from = jejak::schema::Golongan::IID;
    r.to = jejak::schema::Golongan::IIIA;
    r.exam = jejak::schema::ExamKind::UJIAN_DINAS_TINGKAT_I;
    r.predikat = jejak::schema::PredikatKinerja::KURANG;
    r.separation = jejak::schema::SeparationReason::RETIREMENT;
    const std::string id = PromotionReasonText(r, jejak::projection::Lang::kId);
    const std::string en = PromotionReasonText(r, jejak::projection::Lang::kEn);
    EXPECT_FALSE(id.empty()) << k;
    EXPECT_EQ(en, r.Text()) << k;
    EXPECT_NE(id, en) << k;
  }
  jejak::projection::PromotionReason separated{.kind = K::kSeparated,
                                                .date = 20240101,
                                                .separation = jejak::schema::SeparationReason::RETIREMENT};
  EXPECT_EQ(PromotionReasonText(separated, jejak::projection::Lang::kId), "berhenti (pensiun) pada 2024-01-01");
}
