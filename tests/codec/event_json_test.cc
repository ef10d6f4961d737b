// Round trips and the JSON conventions of EventJson.
#include "jejak/codec/event_json.h"

#include <capnp/message.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>

#include "domain/sample_events.h"
#include "jejak/domain/validate.h"

namespace jejak::codec {
namespace {

using jejak::testing::SampleEvent;
using schema::Payload;

template <typename Reader>
kj::Array<capnp::word> Canonical(Reader r) {
  return capnp::canonicalize(r);
}

bool SameMessage(schema::EventInput::Reader a, schema::EventInput::Reader b) {
  auto x = Canonical(a), y = Canonical(b);
  return x.asBytes() == y.asBytes();
}

class EventJsonTest : public ::testing::Test {
 protected:
  EventJson json_;
};

TEST_F(EventJsonTest, EveryKindRoundTrips) {
  for (auto kind : jejak::testing::AllKinds()) {
    auto ev = SampleEvent(kind);
    const std::string text = json_.InputToJson(ev.reader());
    Result<store::NewEvent> back = json_.ParseInput(text);
    ASSERT_TRUE(back.ok()) << text << "\n" << back.status().ToString();
    EXPECT_TRUE(SameMessage(ev.reader(), back->reader())) << text;
    EXPECT_EQ(json_.InputToJson(back->reader()), text);
    EXPECT_TRUE(domain::ValidateEventInput(back->reader()).ok());
  }
}

TEST_F(EventJsonTest, Conventions) {
  auto ev = SampleEvent(Payload::RECRUITED);
  const std::string text = json_.InputToJson(ev.reader());
  EXPECT_NE(text.find("\"effectiveDate\":\"2010-03-01\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"startingRank\":{\"golongan\":\"III/a\"}"), std::string::npos) << text;
  EXPECT_NE(text.find("\"expectedVersion\":{\"exact\":\"4\"}"), std::string::npos) << text;
  EXPECT_NE(text.find("\"gender\":\"male\""), std::string::npos) << text;
  EXPECT_EQ(text.find('\n'), std::string::npos);
}

TEST_F(EventJsonTest, VoidUnionMembersAreNull) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  ev.builder().getExpectedVersion().setNoStream();
  std::string text = json_.InputToJson(ev.reader());
  EXPECT_NE(text.find("\"expectedVersion\":{\"noStream\":null}"), std::string::npos) << text;
  ev.builder().getExpectedVersion().setAny();
  text = json_.InputToJson(ev.reader());
  EXPECT_NE(text.find("\"expectedVersion\":{\"any\":null}"), std::string::npos) << text;
  Result<store::NewEvent> back = json_.ParseInput(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->reader().getExpectedVersion().which(), schema::ExpectedVersion::ANY);
}

TEST_F(EventJsonTest, SixtyFourBitIntegersAsNumbersOrStrings) {
  const std::string base = json_.InputToJson(SampleEvent(Payload::RETRACTED).reader());
  for (const char* form : {"\"target\":5", "\"target\":\"5\""}) {
    std::string text = base;
    text.replace(text.find("\"target\":\"5\""), 12, form);
    Result<store::NewEvent> back = json_.ParseInput(text);
    ASSERT_TRUE(back.ok()) << text << back.status().ToString();
    EXPECT_EQ(back->reader().getPayload().getRetracted().getTarget(), 5u);
  }
  std::string big = base;
  big.replace(big.find("\"target\":\"5\""), 12, "\"target\":\"18446744073709551615\"");
  Result<store::NewEvent> back = json_.ParseInput(big);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->reader().getPayload().getRetracted().getTarget(), UINT64_MAX);
}

TEST_F(EventJsonTest, UnicodeEscapesDecodeToUtf8) {
  // capnp-json 0.9.2 mis-decodes hex letters in \u escapes; the codec
  // rewrites them first.
  std::string text = json_.InputToJson(SampleEvent(Payload::RELATIONSHIP_DECLARED).reader());
  text.replace(text.find("Sri Wahyuni"), 11, "Andr\\u00e9 \\u20ac \\ud83d\\ude00 \\u0041\\u0022");
  Result<store::NewEvent> back = json_.ParseInput(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_STREQ(back->reader().getPayload().getRelationshipDeclared().getOtherName().cStr(),
               "Andr\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 A\"");
  const std::string again = json_.InputToJson(back->reader());
  Result<store::NewEvent> twice = json_.ParseInput(again);
  ASSERT_TRUE(twice.ok()) << again;
  EXPECT_TRUE(SameMessage(back->reader(), twice->reader()));
}

TEST_F(EventJsonTest, AbsentDatesAreNullOrOmitted) {
  auto ev = SampleEvent(Payload::SANCTION_IMPOSED);
  std::string text = json_.InputToJson(ev.reader());
  text.replace(text.find("\"end\":\"2023-08-31\""), 18, "\"end\":null");
  Result<store::NewEvent> back = json_.ParseInput(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->reader().getPayload().getSanctionImposed().getEnd().getYyyymmdd(), 0u);
}

store::Hash TestHash(uint8_t seed) {
  store::Hash h{};
  for (size_t i = 0; i < h.size(); ++i) h[i] = static_cast<uint8_t>(seed + i);
  return h;
}

void FillEvent(schema::Event::Builder e, schema::EventInput::Reader in) {
  e.setPosition(7);
  e.setStream(in.getStream());
  e.setVersion(3);
  e.setEventId(in.getEventId());
  e.setSchemaVersion(1);
  e.initRecordedAt().setUnixMicros(1795343827123456);
  e.setEffectiveDate(in.getEffectiveDate());
  e.setActor(in.getActor());
  e.setSource(in.getSource());
  e.setPayload(in.getPayload());
}

TEST_F(EventJsonTest, EventToJsonHasEnvelopeInSchemaOrderAndHashes) {
  capnp::MallocMessageBuilder m;
  auto e = m.initRoot<schema::Event>();
  FillEvent(e, SampleEvent(Payload::RANK_PROMOTED).reader());
  const store::Hash leaf = TestHash(0), chain = TestHash(0xA0);
  const std::string text = json_.EventToJson(e.asReader(), &leaf, &chain);
  const char* keys[] = {"\"position\":\"7\"", "\"stream\":", "\"version\":\"3\"", "\"eventId\":",
                        "\"schemaVersion\":1", "\"recordedAt\":\"2026-11-22T10:37:07.123456Z\"",
                        "\"effectiveDate\":", "\"actor\":", "\"source\":", "\"payload\":",
                        "\"leafHash\":\"000102030405", "\"chainHash\":\"a0a1a2"};
  size_t at = 0;
  for (const char* key : keys) {
    const size_t found = text.find(key, at);
    ASSERT_NE(found, std::string::npos) << key << " after " << at << " in " << text;
    at = found;
  }
  EXPECT_EQ(text.back(), '}');
  EXPECT_EQ(text.find('\n'), std::string::npos);
  EXPECT_EQ(json_.EventToJson(e.asReader()).find("leafHash"), std::string::npos);

  const std::string pretty = json_.EventToJson(e.asReader(), &leaf, nullptr, true);
  EXPECT_NE(pretty.find('\n'), std::string::npos);
  EXPECT_NE(pretty.find(",\n  \"leafHash\": \"000102"), std::string::npos) << pretty;
  EXPECT_EQ(pretty.find("chainHash"), std::string::npos);
  EXPECT_EQ(pretty.back(), '}');
}

TEST_F(EventJsonTest, PayloadToJson) {
  auto ev = SampleEvent(Payload::RANK_PROMOTED);
  const std::string text = json_.PayloadToJson(ev.reader().getPayload());
  EXPECT_EQ(text.rfind("{\"rankPromoted\":{\"kind\":\"regular\"", 0), 0u) << text;
}

double CpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// Not a benchmark: prints the figure (CPU time, so a loaded machine does
// not distort it), and fails only if parsing is grossly slow. The target is
// ~100k lines/s in a release build.
TEST_F(EventJsonTest, ParseInputThroughput) {
  const std::string line = json_.InputToJson(SampleEvent(Payload::RECRUITED).reader());
  constexpr int kLines = 20000;
  const double start = CpuSeconds();
  size_t ok = 0;
  for (int i = 0; i < kLines; ++i) ok += json_.ParseInput(line).ok();
  const double secs = CpuSeconds() - start;
  ASSERT_EQ(ok, static_cast<size_t>(kLines));
  std::printf("ParseInput: %.0f lines/s of CPU time (%zu-byte recruited line)\n", kLines / secs,
              line.size());
  EXPECT_GT(kLines / secs, 2000.0);
}

}  // namespace
}  // namespace jejak::codec
