// ProfileToJson's numbers: integers exactly, fractions as before (the
// default `std::ostream << double`, "%g").
#include <gtest/gtest.h>

#include <sstream>

#include "jejak/projection/format.h"

namespace jejak::projection {
namespace {

std::string StreamFormat(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}

ProfileView ActiveView() {
  ProfileView v;
  v.status = "PNS";
  v.active = true;
  return v;
}

TEST(ProfileFormatTest, PositionsPastAMillionAreWrittenExactly) {
  ProfileState s;
  s.nip = "197508172000031002";
  ProfileView v = ActiveView();
  SanctionView sanction;
  sanction.fact.key.position = 12'345'678;  // "%g" would write 1.23457e+07
  v.sanctions.push_back(sanction);
  RatingFact rating;
  rating.year = 2024;
  s.ratings.push_back(rating);
  const std::string json = ProfileToJson(s, v);
  EXPECT_NE(json.find("\"position\":12345678"), std::string::npos) << json;
  EXPECT_NE(json.find("\"year\":2024"), std::string::npos) << json;
}

TEST(ProfileFormatTest, FractionsAreWrittenAsTheStreamWroteThem) {
  for (double score : {72.5, 1.0 / 3, 0.1, 1e-7, -3.25, 123456.789}) {
    ProfileState s;
    s.nip = "197508172000031002";
    s.assessment.key.position = 7;
    s.assessment.potential_score = score;
    const std::string json = ProfileToJson(s, ActiveView());
    EXPECT_NE(json.find("\"score\":" + StreamFormat(score) + ","), std::string::npos)
        << score << ": " << json;
  }
}

}  // namespace
}  // namespace jejak::projection
