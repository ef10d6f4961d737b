#include "jejak/domain/golongan.h"

#include <gtest/gtest.h>

namespace jejak::domain {
namespace {

using schema::EducationLevel;
using schema::Golongan;
using schema::PredikatKinerja;
using schema::Rating;

TEST(GolonganTest, NamesStepsAndPangkat) {
  EXPECT_EQ(GolonganName(Golongan::IA), "I/a");
  EXPECT_EQ(GolonganName(Golongan::IIIA), "III/a");
  EXPECT_EQ(GolonganName(Golongan::IVE), "IV/e");
  EXPECT_EQ(GolonganName(Golongan::UNSPECIFIED), "");
  EXPECT_EQ(GolonganName(static_cast<Golongan>(99)), "");
  EXPECT_EQ(PangkatName(Golongan::IIIA), "Penata Muda");
  EXPECT_EQ(PangkatName(Golongan::IVD), "Pembina Utama Madya");
  EXPECT_EQ(GolonganStep(Golongan::IA), 1);
  EXPECT_EQ(GolonganStep(Golongan::IVE), 17);
  EXPECT_EQ(GolonganStep(Golongan::UNSPECIFIED), 0);
  EXPECT_EQ(GolonganStep(static_cast<Golongan>(18)), 0);
}

TEST(GolonganTest, ParseIsTheInverseOfName) {
  for (int i = 1; i <= 17; ++i) {
    const auto g = static_cast<Golongan>(i);
    ASSERT_EQ(ParseGolongan(GolonganName(g)), g);
  }
  EXPECT_FALSE(ParseGolongan("III/f").has_value());
  EXPECT_FALSE(ParseGolongan("iii/a").has_value());
  EXPECT_FALSE(ParseGolongan("").has_value());
}

TEST(GolonganTest, EducationTableFollowsKepBkn12Of2002) {
  struct Row {
    EducationLevel e;
    Golongan start, max;
  };
  const Row rows[] = {
      {EducationLevel::SD, Golongan::IA, Golongan::IIA},
      {EducationLevel::SLTP, Golongan::IC, Golongan::IIC},
      {EducationLevel::SLTP_KEJURUAN, Golongan::IC, Golongan::IID},
      {EducationLevel::SLTA, Golongan::IIA, Golongan::IIIB},
      {EducationLevel::D1, Golongan::IIA, Golongan::IIIB},
      {EducationLevel::D2, Golongan::IIB, Golongan::IIIB},
      {EducationLevel::D3, Golongan::IIC, Golongan::IIIC},
      {EducationLevel::D4, Golongan::IIIA, Golongan::IIID},
      {EducationLevel::S1, Golongan::IIIA, Golongan::IIID},
      {EducationLevel::S2, Golongan::IIIB, Golongan::IVA},
      {EducationLevel::S3, Golongan::IIIC, Golongan::IVB},
  };
  for (const Row& row : rows) {
    auto range = RankRangeForEducation(row.e);
    ASSERT_TRUE(range.has_value());
    EXPECT_EQ(range->start, row.start);
    EXPECT_EQ(range->max_regular, row.max);
  }
  EXPECT_FALSE(RankRangeForEducation(EducationLevel::UNSPECIFIED).has_value());
}

TEST(PredikatTest, OrderIsSangatBaikFirst) {
  EXPECT_EQ(PredikatScore(PredikatKinerja::SANGAT_BAIK), 5);
  EXPECT_EQ(PredikatScore(PredikatKinerja::BAIK), 4);
  EXPECT_EQ(PredikatScore(PredikatKinerja::BUTUH_PERBAIKAN), 3);
  EXPECT_EQ(PredikatScore(PredikatKinerja::KURANG), 2);
  EXPECT_EQ(PredikatScore(PredikatKinerja::SANGAT_KURANG), 1);
  EXPECT_EQ(PredikatScore(PredikatKinerja::UNSPECIFIED), 0);
}

TEST(PredikatTest, SkpMatrix) {
  using P = PredikatKinerja;
  // Rows: work result below, meets, above; columns: behaviour likewise.
  const P expected[3][3] = {
      {P::SANGAT_KURANG, P::BUTUH_PERBAIKAN, P::BUTUH_PERBAIKAN},
      {P::KURANG, P::BAIK, P::BAIK},
      {P::KURANG, P::BAIK, P::SANGAT_BAIK},
  };
  const Rating r[3] = {Rating::BELOW, Rating::MEETS, Rating::ABOVE};
  for (int w = 0; w < 3; ++w) {
    for (int b = 0; b < 3; ++b) EXPECT_EQ(PredikatFromMatrix(r[w], r[b]), expected[w][b]);
  }
  EXPECT_EQ(PredikatFromMatrix(Rating::UNSPECIFIED, Rating::MEETS), P::UNSPECIFIED);
  EXPECT_EQ(PredikatFromMatrix(Rating::MEETS, Rating::UNSPECIFIED), P::UNSPECIFIED);
}

}  // namespace
}  // namespace jejak::domain
