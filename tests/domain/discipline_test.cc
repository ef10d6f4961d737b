// The discipline regulations' kinds and levels by date.
#include "jejak/domain/discipline.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace jejak::domain {
namespace {

using K = schema::SanctionKind;
using L = schema::SanctionLevel;
using R = DisciplineRegulation;

bool Has(R r, K k) {
  auto kinds = SanctionKindsOf(r);
  return std::find(kinds.begin(), kinds.end(), k) != kinds.end();
}

TEST(DisciplineTest, RegulationChangesOnTheDaysTheNewOnesTookEffect) {
  EXPECT_EQ(DisciplineRegulationOn(19950101), R::kPp30Of1980);
  EXPECT_EQ(DisciplineRegulationOn(20100605), R::kPp30Of1980);
  EXPECT_EQ(DisciplineRegulationOn(20100606), R::kPp53Of2010);
  EXPECT_EQ(DisciplineRegulationOn(20210830), R::kPp53Of2010);
  EXPECT_EQ(DisciplineRegulationOn(20210831), R::kPp94Of2021);
}

TEST(DisciplineTest, EachRegulationHasItsOwnKinds) {
  // The allowance cuts are PP 94/2021's alone; the salary reduction PP
  // 30/1980's; the three-year demotion PP 53/2010's.
  EXPECT_TRUE(Has(R::kPp94Of2021, K::ALLOWANCE_CUT12_MONTHS));
  EXPECT_FALSE(Has(R::kPp53Of2010, K::ALLOWANCE_CUT12_MONTHS));
  EXPECT_FALSE(Has(R::kPp30Of1980, K::ALLOWANCE_CUT6_MONTHS));
  EXPECT_TRUE(Has(R::kPp30Of1980, K::SALARY_REDUCTION1_YEAR));
  EXPECT_FALSE(Has(R::kPp53Of2010, K::SALARY_REDUCTION1_YEAR));
  EXPECT_TRUE(Has(R::kPp53Of2010, K::RANK_DEMOTION3_YEARS));
  EXPECT_FALSE(Has(R::kPp94Of2021, K::PROMOTION_DELAY1_YEAR));
  EXPECT_EQ(SanctionKindsOf(R::kPp30Of1980).size(), 11u);
  EXPECT_EQ(SanctionKindsOf(R::kPp53Of2010).size(), 12u);
  EXPECT_EQ(SanctionKindsOf(R::kPp94Of2021).size(), 10u);
  for (R r : {R::kPp30Of1980, R::kPp53Of2010, R::kPp94Of2021}) {
    for (K k : SanctionKindsOf(r)) EXPECT_NE(SanctionLevelUnder(r, k), L::UNSPECIFIED);
  }
}

TEST(DisciplineTest, LevelOfAKindDependsOnTheRegulation) {
  EXPECT_EQ(SanctionLevelUnder(R::kPp30Of1980, K::RANK_DEMOTION1_YEAR), L::HEAVY);
  EXPECT_EQ(SanctionLevelUnder(R::kPp53Of2010, K::RANK_DEMOTION1_YEAR), L::MEDIUM);
  EXPECT_EQ(SanctionLevelUnder(R::kPp94Of2021, K::RANK_DEMOTION1_YEAR), L::UNSPECIFIED);
  R from{};
  EXPECT_EQ(ExpectedSanctionLevel(K::RANK_DEMOTION1_YEAR, 20220101, &from), L::MEDIUM);
  EXPECT_EQ(from, R::kPp53Of2010);
  EXPECT_EQ(ExpectedSanctionLevel(K::ALLOWANCE_CUT6_MONTHS, 20000101, &from), L::MEDIUM);
  EXPECT_EQ(from, R::kPp94Of2021);
  EXPECT_EQ(ExpectedSanctionLevel(K::UNSPECIFIED, 20000101, nullptr), L::UNSPECIFIED);
}

}  // namespace
}  // namespace jejak::domain
