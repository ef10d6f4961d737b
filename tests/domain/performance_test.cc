// The rating scales of each era: which years have which record, and the
// bands of the DP3 and numeric SKP scores at both edges of each band.
#include "jejak/domain/performance.h"

#include <gtest/gtest.h>

#include <cmath>

namespace jejak::domain {
namespace {

namespace s = ::jejak::schema;

TEST(PredikatForDp3Test, EachBandMapsToItsPredikatAtBothEdges) {
  EXPECT_EQ(PredikatForDp3(0), s::PredikatKinerja::UNSPECIFIED);  // SKP, not DP3
  EXPECT_EQ(PredikatForDp3(101), s::PredikatKinerja::UNSPECIFIED);
  EXPECT_EQ(PredikatForDp3(100), s::PredikatKinerja::SANGAT_BAIK);
  EXPECT_EQ(PredikatForDp3(91), s::PredikatKinerja::SANGAT_BAIK);
  EXPECT_EQ(PredikatForDp3(90), s::PredikatKinerja::BAIK);
  EXPECT_EQ(PredikatForDp3(76), s::PredikatKinerja::BAIK);
  EXPECT_EQ(PredikatForDp3(75), s::PredikatKinerja::BUTUH_PERBAIKAN);  // Cukup
  EXPECT_EQ(PredikatForDp3(61), s::PredikatKinerja::BUTUH_PERBAIKAN);
  EXPECT_EQ(PredikatForDp3(60), s::PredikatKinerja::KURANG);  // Sedang
  EXPECT_EQ(PredikatForDp3(51), s::PredikatKinerja::KURANG);
  EXPECT_EQ(PredikatForDp3(50), s::PredikatKinerja::SANGAT_KURANG);  // Kurang
  EXPECT_EQ(PredikatForDp3(1), s::PredikatKinerja::SANGAT_KURANG);
}

TEST(PredikatForSkpScoreTest, EachBandMapsToItsPredikatAtBothEdges) {
  EXPECT_EQ(PredikatForSkpScore(0), s::PredikatKinerja::UNSPECIFIED);  // no score
  EXPECT_EQ(PredikatForSkpScore(-1), s::PredikatKinerja::UNSPECIFIED);
  EXPECT_EQ(PredikatForSkpScore(100.01), s::PredikatKinerja::UNSPECIFIED);
  EXPECT_EQ(PredikatForSkpScore(std::nan("")), s::PredikatKinerja::UNSPECIFIED);
  EXPECT_EQ(PredikatForSkpScore(100), s::PredikatKinerja::SANGAT_BAIK);
  EXPECT_EQ(PredikatForSkpScore(91), s::PredikatKinerja::SANGAT_BAIK);
  EXPECT_EQ(PredikatForSkpScore(90.5), s::PredikatKinerja::SANGAT_BAIK);
  EXPECT_EQ(PredikatForSkpScore(90), s::PredikatKinerja::BAIK);
  EXPECT_EQ(PredikatForSkpScore(76), s::PredikatKinerja::BAIK);
  EXPECT_EQ(PredikatForSkpScore(75), s::PredikatKinerja::BUTUH_PERBAIKAN);  // Cukup
  EXPECT_EQ(PredikatForSkpScore(61), s::PredikatKinerja::BUTUH_PERBAIKAN);
  EXPECT_EQ(PredikatForSkpScore(60), s::PredikatKinerja::KURANG);
  EXPECT_EQ(PredikatForSkpScore(51), s::PredikatKinerja::KURANG);
  EXPECT_EQ(PredikatForSkpScore(50.5), s::PredikatKinerja::KURANG);
  EXPECT_EQ(PredikatForSkpScore(50), s::PredikatKinerja::SANGAT_KURANG);  // Buruk
  EXPECT_EQ(PredikatForSkpScore(0.5), s::PredikatKinerja::SANGAT_KURANG);
  EXPECT_STREQ(SkpScoreBandText(82.4), "76-90 Baik");
  EXPECT_STREQ(Dp3BandText(60), "51-60 Sedang");
}

TEST(RatingEraTest, ChangesOnTheFirstYearOfEachRegulation) {
  EXPECT_EQ(RatingEraOf(1995), RatingEra::kDp3);
  EXPECT_EQ(RatingEraOf(2013), RatingEra::kDp3);
  EXPECT_EQ(RatingEraOf(2014), RatingEra::kSkpScore);
  EXPECT_EQ(RatingEraOf(2021), RatingEra::kSkpScore);
  EXPECT_EQ(RatingEraOf(2022), RatingEra::kPredikat);
}

}  // namespace
}  // namespace jejak::domain
