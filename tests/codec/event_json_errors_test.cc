// Malformed JSON is InvalidArgument naming the field; garbage never crashes.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "domain/expect_status.h"
#include "domain/sample_events.h"
#include "jejak/codec/event_json.h"

namespace jejak::codec {
namespace {

using jejak::testing::IsRejectedAt;
using jejak::testing::IsRejectedWith;
using jejak::testing::SampleEvent;
using schema::Payload;

class EventJsonErrorsTest : public ::testing::Test {
 protected:
  // The sample of `kind` as JSON with `from` replaced by `to`.
  std::string Edit(Payload::Which kind, const std::string& from, const std::string& to) {
    std::string text = json_.InputToJson(SampleEvent(kind).reader());
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from << " not in " << text;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
  }
  Status Parse(const std::string& text, size_t max_bytes = 1u << 20) {
    return json_.ParseInput(text, max_bytes).status();
  }

  EventJson json_;
};

TEST_F(EventJsonErrorsTest, UnknownFieldNamesItsPath) {
  auto text = Edit(Payload::RECRUITED, "\"gender\":", "\"gendr\":");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.recruited.gendr: unknown field"));
  text = Edit(Payload::RECRUITED, "\"stream\":", "\"streem\":");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "streem: unknown field"));
}

TEST_F(EventJsonErrorsTest, UnknownEventKind) {
  auto text = Edit(Payload::RECRUITED, "\"recruited\":", "\"recruted\":");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.recruted: unknown field"));
}

TEST_F(EventJsonErrorsTest, UnknownEnumNameListsTheNames) {
  auto text = Edit(Payload::RECRUITED, "\"gender\":\"male\"", "\"gender\":\"mle\"");
  Status s = Parse(text);
  EXPECT_TRUE(IsRejectedAt(s, "payload.recruited.gender: unknown Gender \"mle\""));
  EXPECT_TRUE(IsRejectedWith(s, "unspecified male female"));
  text = Edit(Payload::RECRUITED, "\"III/a\"", "\"III/x\"");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.recruited.startingRank.golongan: unknown "
                                        "Golongan \"III/x\""));
}

TEST_F(EventJsonErrorsTest, EnumNumbersAreRejected) {
  auto text = Edit(Payload::RECRUITED, "\"gender\":\"male\"", "\"gender\":1");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.recruited.gender: expected a name"));
}

TEST_F(EventJsonErrorsTest, BadDateShowsTheValue) {
  auto text = Edit(Payload::RECRUITED, "\"effectiveDate\":\"2010-03-01\"",
                   "\"effectiveDate\":\"2015-02-30\"");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "effectiveDate: date \"2015-02-30\" does not exist"));
  text = Edit(Payload::RECRUITED, "\"birthDate\":\"1985-03-12\"", "\"birthDate\":\"12/03/1985\"");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.recruited.birthDate: date \"12/03/1985\" is "
                                        "not YYYY-MM-DD"));
  text = Edit(Payload::RECRUITED, "\"birthDate\":\"1985-03-12\"", "\"birthDate\":19850312");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.recruited.birthDate: expected a date string"));
}

TEST_F(EventJsonErrorsTest, WrongTypes) {
  auto text = Edit(Payload::RECRUITED, "\"name\":\"Andi Saputra\"", "\"name\":5");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.recruited.name: expected a string, got a "
                                        "number"));
  text = Edit(Payload::RECRUITED, "\"selectionScore\":412.5", "\"selectionScore\":\"412.5\"");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.recruited.selectionScore: expected a number"));
  text = Edit(Payload::RECRUITED, "\"startingRank\":{\"golongan\":\"III/a\"}",
              "\"startingRank\":\"III/a\"");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.recruited.startingRank: expected an object, "
                                        "got a string"));
  text = Edit(Payload::COMPETENCY_ASSESSED, "\"levels\":[", "\"levels\":{\"x\":1},\"y\":[");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.competencyAssessed.levels: expected an array"));
  text = Edit(Payload::COMPETENCY_ASSESSED, "\"level\":3", "\"level\":3.5");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.competencyAssessed.levels[0].level: 3.5 is "
                                        "not an integer"));
  text = Edit(Payload::COMPETENCY_ASSESSED, "\"level\":3", "\"level\":300");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.competencyAssessed.levels[0].level: 300"));
  text = Edit(Payload::PERFORMANCE_RATED, "\"year\":2022", "\"year\":-1");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.performanceRated.year: -1"));
}

TEST_F(EventJsonErrorsTest, SixtyFourBitStrings) {
  auto text = Edit(Payload::RETRACTED, "\"target\":\"5\"", "\"target\":\"5x\"");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.retracted.target: \"5x\" is not a 64-bit"));
  text = Edit(Payload::RETRACTED, "\"target\":\"5\"", "\"target\":\"18446744073709551616\"");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.retracted.target: \"18446744073709551616\" is "
                                        "out of range"));
  text = Edit(Payload::RETRACTED, "\"target\":\"5\"", "\"target\":\"-5\"");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.retracted.target: \"-5\""));
  text = Edit(Payload::RETRACTED, "\"target\":\"5\"", "\"target\":1e300");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.retracted.target: "));
}

TEST_F(EventJsonErrorsTest, OnlyOneUnionMember) {
  auto text = Edit(Payload::RETRACTED, "\"payload\":{",
                   "\"payload\":{\"civilServantConfirmed\":{},");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload: only one of a union's members may be set, "
                                        "got \"civilServantConfirmed\" and \"retracted\""));
}

TEST_F(EventJsonErrorsTest, DuplicateKey) {
  auto text = Edit(Payload::RETRACTED, "\"eventId\":", "\"eventId\":\"a\",\"eventId\":");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "eventId: appears twice"));
}

TEST_F(EventJsonErrorsTest, VoidMembersMustBeNull) {
  auto text = Edit(Payload::RETRACTED, "{\"exact\":\"4\"}", "{\"noStream\":1}");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "expectedVersion.noStream: expected null, got a "
                                        "number"));
  text = Edit(Payload::RETRACTED, "{\"exact\":\"4\"}", "{\"noStream\":null}");
  EXPECT_TRUE(Parse(text).ok());
}

// JSON numbers lose digits past 2^53: such a 64-bit value is refused, not
// rounded; the same value as a string of digits is exact.
TEST_F(EventJsonErrorsTest, IntegerNumbersBeyond2To53AreRefusedNamingTheField) {
  auto text = Edit(Payload::RETRACTED, "{\"exact\":\"4\"}", "{\"exact\":9007199254740993}");
  Status s = Parse(text);
  EXPECT_TRUE(IsRejectedAt(s, "expectedVersion.exact: a number beyond 2^53 - 1")) << s.ToString();
  text = Edit(Payload::RETRACTED, "{\"exact\":\"4\"}", "{\"exact\":9007199254740992}");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "expectedVersion.exact: "));
  text = Edit(Payload::RETRACTED, "{\"exact\":\"4\"}", "{\"exact\":9007199254740991}");
  EXPECT_TRUE(Parse(text).ok());
  text = Edit(Payload::RETRACTED, "{\"exact\":\"4\"}", "{\"exact\":\"9007199254740993\"}");
  auto parsed = json_.ParseInput(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->reader().getExpectedVersion().getExact(), 9007199254740993u);
}

// capnp-json's parser ends its input at a NUL byte; nothing after one may
// be ignored.
TEST_F(EventJsonErrorsTest, NulByteIsRefusedWhateverFollowsIt) {
  const std::string text = Edit(Payload::RETRACTED, "", "");
  EXPECT_TRUE(IsRejectedAt(Parse(text + std::string(1, '\0') + "garbage"), "a NUL byte at offset "));
  EXPECT_TRUE(IsRejectedAt(Parse(text + std::string(1, '\0')), "a NUL byte at offset "));
}

TEST_F(EventJsonErrorsTest, Oversize) {
  auto text = Edit(Payload::RETRACTED, "", "");
  EXPECT_TRUE(Parse(text, text.size()).ok());
  EXPECT_TRUE(IsRejectedAt(Parse(text, text.size() - 1), "event JSON is "));
}

TEST_F(EventJsonErrorsTest, TruncatedAndMalformedJson) {
  const std::string text = Edit(Payload::RECRUITED, "", "");
  for (size_t cut : {size_t{0}, size_t{1}, text.size() / 2, text.size() - 1}) {
    EXPECT_TRUE(IsRejectedAt(Parse(text.substr(0, cut)), "invalid JSON: ")) << cut;
  }
  EXPECT_TRUE(IsRejectedAt(Parse(text + "x"), "invalid JSON: "));
  EXPECT_TRUE(IsRejectedAt(Parse("[1,2]"), "event: expected an object, got an array"));
  EXPECT_TRUE(IsRejectedAt(Parse("null"), "event: expected an object, got null"));
  EXPECT_TRUE(IsRejectedAt(Parse("{\"stream\":\"a\\q\"}"), "invalid JSON: "));
}

TEST_F(EventJsonErrorsTest, NestingIsBounded) {
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "{\"payload\":{\"corrected\":{\"replacement\":";
  Status s = Parse(deep);
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
  std::string arrays(100000, '[');
  EXPECT_TRUE(Parse(arrays).IsInvalidArgument());
}

TEST_F(EventJsonErrorsTest, TextMustBeUtf8WithoutControlCharacters) {
  auto text = Edit(Payload::RECRUITED, "Andi Saputra", "Andi \xff Saputra");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.recruited.name: byte 5 is not valid UTF-8"));
  text = Edit(Payload::RECRUITED, "Andi Saputra", "Andi \xc0\xaf");  // overlong '/'
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.recruited.name: byte 5"));
  text = Edit(Payload::RECRUITED, "Andi Saputra", "Andi\x01");
  EXPECT_TRUE(IsRejectedAt(Parse(text), "payload.recruited.name: byte 4"));
  text = Edit(Payload::RECRUITED, "Andi Saputra", "Andi\\u0001");
  EXPECT_TRUE(IsRejectedWith(Parse(text), "control characters"));
  text = Edit(Payload::RECRUITED, "Andi Saputra", "Andi\\ud800x");
  EXPECT_TRUE(IsRejectedWith(Parse(text), "lone high surrogate"));
  text = Edit(Payload::RECRUITED, "Andi Saputra", "Andi\\u12");
  EXPECT_TRUE(IsRejectedWith(Parse(text), "needs 4 hex digits"));
  text = Edit(Payload::TRANSFERRED, "Penyegaran organisasi", "Baris satu\\nbaris dua\\tdst");
  EXPECT_TRUE(Parse(text).ok());
}

// Mutated valid lines and random bytes: every outcome is OK or
// InvalidArgument, nothing throws or crashes.
TEST_F(EventJsonErrorsTest, GarbageNeverCrashes) {
  std::mt19937 rng(20231122);
  std::vector<std::string> seeds;
  for (auto kind : jejak::testing::AllKinds()) {
    seeds.push_back(json_.InputToJson(SampleEvent(kind).reader()));
  }
  const std::string alphabet = "{}[]\":,\\u0123456789abcdefnulltrue-+.eE /IVabc\xff\xc3";
  for (int round = 0; round < 20000; ++round) {
    std::string text = seeds[rng() % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0: text[at] = alphabet[rng() % alphabet.size()]; break;
        case 1: text.erase(at, 1 + rng() % 8); break;
        default: text.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
      }
    }
    Status s = Parse(text);
    ASSERT_TRUE(s.ok() || s.IsInvalidArgument()) << s.ToString();
  }
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(rng() % 64, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    Status s = Parse(bytes);
    ASSERT_TRUE(s.IsInvalidArgument()) << s.ToString();
  }
}

}  // namespace
}  // namespace jejak::codec
