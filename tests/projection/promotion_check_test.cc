// CheckRegularPromotion: the one regular-promotion check the projection's
// outlook and the audit share; the rule table by era.
#include <gtest/gtest.h>

#include "jejak/projection/fold.h"
#include "jejak/projection/profile_view.h"
#include "jejak/projection/promotion_check.h"
#include "projection/event_builder.h"

namespace jejak::projection {
namespace {

using testing::EventLog;
using testing::FillRecruited;
using testing::kNip;
using testing::kStream;
namespace s = ::jejak::schema;

TEST(RegularRuleTableTest, PP3Of1980AppliesUntilTheDayBeforePP99Of2000) {
  const Rules r = Rules::Default();
  ASSERT_NE(r.RegularRuleOn(20001109), nullptr);
  EXPECT_STREQ(r.RegularRuleOn(20001109)->regulation, "PP 3/1980");
  EXPECT_STREQ(r.RegularRuleOn(19850401)->regulation, "PP 3/1980");
  ASSERT_NE(r.RegularRuleOn(20001110), nullptr);
  EXPECT_STREQ(r.RegularRuleOn(20001110)->regulation, "PP 99/2000 as amended by PP 12/2002");
  // Same conditions on both sides: 4 years, Baik for 2 years, April/October.
  EXPECT_EQ(r.RegularRuleOn(20001109)->min_years_in_rank, 4);
  EXPECT_EQ(r.RegularRuleOn(20001109)->baik_years, 2);
  EXPECT_TRUE(r.RegularRuleOn(20001109)->AllowsMonth(4));
  EXPECT_FALSE(r.RegularRuleOn(20001109)->AllowsMonth(11));
}

class PromotionCheckTest : public ::testing::Test {
 protected:
  PromotionCheckTest() { FillRecruited(log_.Add(kStream, 20150301), kNip); }
  void Rate(uint16_t year, s::PredikatKinerja p, uint8_t dp3 = 0) {
    auto r = log_.Add(kStream, year * 10000u + 1231).initPerformanceRated();
    r.setYear(year);
    r.setPredikat(p);
    r.setDp3Score(dp3);
  }
  const ProfileState& State() {
    auto events = log_.Stream(kStream);
    state_ = FoldProfile(kNip, EffectiveEvents(events));
    return state_;
  }
  EventLog log_;
  ProfileState state_;
  Rules rules_ = Rules::Default();
};

TEST_F(PromotionCheckTest, FourFullYearsOnTheTmtAreEnoughADayLessIsNot) {
  const auto c = CheckRegularPromotion(State(), s::Golongan::IIIB, 20190301, rules_);
  ASSERT_NE(c.held, nullptr);
  EXPECT_TRUE(c.enough_years);  // 2015-03-01 + 4 years
  EXPECT_EQ(c.years_due, 20190301u);
  EXPECT_FALSE(c.allowed_date);  // March: April and October only
  const auto early = CheckRegularPromotion(state_, s::Golongan::IIIB, 20190228, rules_);
  EXPECT_FALSE(early.enough_years);
  EXPECT_TRUE(CheckRegularPromotion(state_, s::Golongan::IIIB, 20190401, rules_).allowed_date);
}

TEST_F(PromotionCheckTest, RatingsOfTheTwoYearsBeforeMissingOrBelowBaik) {
  Rate(2017, s::PredikatKinerja::BUTUH_PERBAIKAN);
  const auto c = CheckRegularPromotion(State(), s::Golongan::IIIB, 20190401, rules_);
  ASSERT_EQ(c.years.size(), 2u);
  EXPECT_EQ(c.years[0].year, 2017);
  ASSERT_NE(c.years[0].rating, nullptr);
  EXPECT_FALSE(c.years[0].baik);
  EXPECT_EQ(c.years[1].year, 2018);
  EXPECT_EQ(c.years[1].rating, nullptr);  // missing: the caller decides what that means
}

TEST_F(PromotionCheckTest, ADp3RatingCountsByItsScoreNotItsTranscribedPredikat) {
  Rate(2009, s::PredikatKinerja::BAIK, 60);          // Sedang, transcribed as Baik
  Rate(2010, s::PredikatKinerja::BUTUH_PERBAIKAN, 80);  // Baik, transcribed low
  const auto c = CheckRegularPromotion(State(), s::Golongan::IIIB, 20110401, rules_);
  ASSERT_EQ(c.years.size(), 2u);
  EXPECT_EQ(c.years[0].counted, s::PredikatKinerja::KURANG);
  EXPECT_FALSE(c.years[0].baik);
  EXPECT_EQ(c.years[1].counted, s::PredikatKinerja::BAIK);
  EXPECT_TRUE(c.years[1].baik);
}

TEST_F(PromotionCheckTest, TheEducationCapAndTheOutlookAgree) {
  // S1: highest rank by regular promotion III/d.
  const auto c = CheckRegularPromotion(State(), s::Golongan::IIID, 20190401, rules_);
  ASSERT_TRUE(c.cap.has_value());
  EXPECT_TRUE(c.within_cap);
  EXPECT_FALSE(CheckRegularPromotion(state_, s::Golongan::IVA, 20190401, rules_).within_cap);
  // The outlook blocks on a DP3 score below Baik, as the audit does.
  log_.Add(kStream, 20160301).initCivilServantConfirmed();
  Rate(2017, s::PredikatKinerja::BAIK, 70);
  Rate(2018, s::PredikatKinerja::BAIK);
  const auto o = NextPromotion(State(), 20190101, rules_);
  EXPECT_EQ(o.date, 20190401u);
  ASSERT_EQ(o.blockers.size(), 1u);
  EXPECT_NE(o.blockers[0].Text().find("predikat 2017 Butuh Perbaikan"), std::string::npos)
      << o.blockers[0].Text();
}

TEST(IsFunctionalLevelTest, OnlyTheFunctionalJenjangs) {
  EXPECT_TRUE(IsFunctionalLevel(s::JabatanLevel::AHLI_PERTAMA));
  EXPECT_TRUE(IsFunctionalLevel(s::JabatanLevel::AHLI_UTAMA));
  EXPECT_TRUE(IsFunctionalLevel(s::JabatanLevel::PEMULA));
  EXPECT_TRUE(IsFunctionalLevel(s::JabatanLevel::PENYELIA));
  EXPECT_FALSE(IsFunctionalLevel(s::JabatanLevel::PELAKSANA));
  EXPECT_FALSE(IsFunctionalLevel(s::JabatanLevel::ADMINISTRATOR));
  EXPECT_FALSE(IsFunctionalLevel(s::JabatanLevel::JPT_PRATAMA));
  EXPECT_FALSE(IsFunctionalLevel(s::JabatanLevel::UNSPECIFIED));
}

}  // namespace
}  // namespace jejak::projection
