// The generator's JSON line writer writes what the codec writes.
#include "gen/json_line.h"

#include <gtest/gtest.h>

#include "jejak/codec/event_json.h"
#include "jejak/store/new_event.h"

namespace jejak::gen {
namespace {

class JsonLineTest : public ::testing::Test {
 protected:
  std::string Fast(const store::NewEvent& e) {
    std::string out;
    writer_.Append(e.reader(), &out);
    return out;
  }
  JsonLineWriter writer_;
  codec::EventJson json_;
};

TEST_F(JsonLineTest, EscapesAndUnicodeAsTheCodec) {
  store::NewEvent e;
  auto in = e.builder();
  in.setStream("emp/199001012015031001");
  in.setEventId("id-1");
  in.initEffectiveDate().setYyyymmdd(20150301);
  auto a = in.initActor();
  a.setUser("quote \" backslash \\ tab \t newline \n cr \r bell \x07 unit \x1f");
  a.setRole("Pemerintah Kota Pangkalpinang · Gerunggang é 日本");
  in.initPayload().initSeparated().setNote("");
  EXPECT_EQ(Fast(e), json_.InputToJson(e.reader()));
}

TEST_F(JsonLineTest, NumbersUnionsListsAndAbsentFieldsAsTheCodec) {
  store::NewEvent e;
  auto in = e.builder();
  in.setStream("sel/x");
  in.setEventId("id-2");
  in.initExpectedVersion().setExact(18446744073709551615ull);
  auto p = in.initPayload().initCandidateScored();
  p.setMemberId("m");
  auto scores = p.initScores(2);
  scores[0].setCriterion("a");
  scores[0].setScore(0.1 + 0.2);
  scores[0].setWeight(1.0 / 3.0);
  scores[1].setCriterion("b");
  scores[1].setScore(100);
  p.setTotal(85.25);
  EXPECT_EQ(Fast(e), json_.InputToJson(e.reader()));

  store::NewEvent c;
  auto cin = c.builder();
  cin.setStream("emp/199001012015031001");
  cin.setEventId("id-3");
  cin.initExpectedVersion().setNoStream();
  auto corr = cin.initPayload().initCorrected();
  corr.setTarget(12345678901234ull);
  auto r = corr.initReplacement().initRankPromoted();
  r.initFrom();  // a rank left unspecified
  r.initTo().setPppkGrade(9);
  EXPECT_EQ(Fast(c), json_.InputToJson(c.reader()));

  store::NewEvent empty;
  EXPECT_EQ(Fast(empty), json_.InputToJson(empty.reader()));
}

}  // namespace
}  // namespace jejak::gen
