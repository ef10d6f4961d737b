// Events submitted as framed Cap'n Proto messages: every kind round-trips,
// and every way a message can break the schema's rules is refused with
// the message and field named, never by throwing.
#include "jejak/codec/event_capnp.h"

#include <capnp/any.h>
#include <capnp/dynamic.h>
#include <capnp/serialize.h>
#include <gtest/gtest.h>

#include "domain/sample_events.h"
#include "jejak/codec/event_json.h"

namespace jejak::codec {
namespace {

using Kind = CapnpInputError::Kind;

std::string Framed(capnp::MessageBuilder& message) {
  auto words = capnp::messageToFlatArray(message);
  auto bytes = words.asBytes();
  return std::string(reinterpret_cast<const char*>(bytes.begin()), bytes.size());
}

std::string Framed(schema::EventInput::Reader in) {
  capnp::MallocMessageBuilder message;
  message.setRoot(in);
  return Framed(message);
}

struct Outcome {
  Result<std::vector<store::NewEvent>> events;
  CapnpInputError error;
};

Outcome Parse(std::string_view body, CapnpInputLimits limits = {}) {
  CapnpInputError error;
  auto events = ParseCapnpInputs(body, limits, &error);
  return {std::move(events), error};
}

TEST(EventCapnpTest, EveryKindRoundTripsInOneBody) {
  const EventJson json;
  std::string body;
  std::vector<std::string> expected;
  for (auto kind : jejak::testing::AllKinds()) {
    store::NewEvent e = jejak::testing::SampleEvent(kind);
    body += Framed(e.reader());
    expected.push_back(json.InputToJson(e.reader()));
  }
  Outcome o = Parse(body);
  ASSERT_TRUE(o.events.ok()) << o.events.status().ToString();
  ASSERT_EQ(o.events->size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(json.InputToJson((*o.events)[i].reader()), expected[i]);
  }
  EXPECT_TRUE(Parse("").events.ok());
  EXPECT_TRUE(Parse("").events->empty());
}

TEST(EventCapnpTest, BrokenFramingIsMalformedNeverAThrow) {
  const std::string good =
      Framed(jejak::testing::SampleEvent(schema::Payload::TRAINING_COMPLETED).reader());
  Outcome o = Parse(good + "abc");
  ASSERT_FALSE(o.events.ok());
  EXPECT_EQ(o.error.kind, Kind::kMalformed);
  // Truncated inside the second message.
  o = Parse(good + good.substr(0, good.size() - 8));
  ASSERT_FALSE(o.events.ok());
  EXPECT_EQ(o.error.kind, Kind::kMalformed);
  EXPECT_EQ(o.error.item, 1u);
  // Garbage words, and a segment table claiming 2^32 segments.
  for (const std::string& bad : {std::string(64, '\xff'), std::string(16, '\x7f'),
                                 std::string("\xff\xff\xff\xff\0\0\0\0", 8)}) {
    o = Parse(bad);
    ASSERT_FALSE(o.events.ok());
    EXPECT_EQ(o.error.kind, Kind::kMalformed) << o.events.status().ToString();
  }
}

TEST(EventCapnpTest, MoreThanTheLimitIsTooMany) {
  const std::string one =
      Framed(jejak::testing::SampleEvent(schema::Payload::TRAINING_COMPLETED).reader());
  Outcome o = Parse(one + one + one, {.max_events = 2});
  ASSERT_FALSE(o.events.ok());
  EXPECT_EQ(o.error.kind, Kind::kTooMany);
  EXPECT_EQ(o.error.item, 2u);
}

// A training event built in `message` for the tests below to damage.
schema::EventInput::Builder Training(capnp::MallocMessageBuilder& message) {
  message.setRoot(jejak::testing::SampleEvent(schema::Payload::TRAINING_COMPLETED).reader());
  return message.getRoot<schema::EventInput>();
}

TEST(EventCapnpTest, UnknownMembersAndEnumerantsAreInvalid) {
  {
    capnp::MallocMessageBuilder message;
    auto in = Training(message);
    // The payload's discriminant set to a member this schema lacks.
    capnp::AnyStruct::Builder payload = in.getPayload();
    const auto proto = capnp::Schema::from<schema::Payload>().getProto().getStruct();
    const size_t at = proto.getDiscriminantOffset() * 2;
    payload.getDataSection()[at] = 0xe7;
    payload.getDataSection()[at + 1] = 0x03;
    Outcome o = Parse(Framed(message));
    ASSERT_FALSE(o.events.ok());
    EXPECT_EQ(o.error.kind, Kind::kInvalid);
    EXPECT_EQ(o.error.field, "payload");
    EXPECT_NE(o.events.status().message().find("union member"), std::string::npos);
  }
  {
    capnp::MallocMessageBuilder message;
    auto in = Training(message);
    capnp::DynamicStruct::Builder training = in.getPayload().getTrainingCompleted();
    training.set("kind", capnp::DynamicEnum(capnp::Schema::from<schema::TrainingKind>(), 999));
    Outcome o = Parse(Framed(message));
    ASSERT_FALSE(o.events.ok());
    EXPECT_EQ(o.error.field, "payload.trainingCompleted.kind");
  }
}

TEST(EventCapnpTest, TextMustBeUtf8WithoutNul) {
  for (const std::string& bad : {std::string("Kur\0sus", 7), std::string("Kur\xffsus")}) {
    capnp::MallocMessageBuilder message;
    auto in = Training(message);
    in.getPayload().getTrainingCompleted().setName(capnp::Text::Reader(bad.c_str(), bad.size()));
    Outcome o = Parse(Framed(message));
    ASSERT_FALSE(o.events.ok());
    EXPECT_EQ(o.error.kind, Kind::kInvalid);
    EXPECT_EQ(o.error.field, "payload.trainingCompleted.name");
  }
}

TEST(EventCapnpTest, FieldsOfANewerSchemaAreInvalidZeroPaddingIsNot) {
  const auto schema = capnp::Schema::from<schema::EventInput>();
  const auto proto = schema.getProto().getStruct();
  for (const bool set_extra : {false, true}) {
    capnp::MallocMessageBuilder message;
    auto root = message.getRoot<capnp::AnyPointer>().initAsAnyStruct(
        static_cast<uint16_t>(proto.getDataWordCount() + 1),
        static_cast<uint16_t>(proto.getPointerCount() + 1));
    capnp::DynamicStruct::Builder in = root.as<capnp::DynamicStruct>(schema);
    capnp::MallocMessageBuilder sample;
    auto training = Training(sample).asReader();
    in.set("stream", training.getStream());
    in.set("eventId", training.getEventId());
    in.set("payload", training.getPayload());
    if (set_extra) root.getDataSection()[proto.getDataWordCount() * 8] = 1;
    Outcome o = Parse(Framed(message));
    if (!set_extra) {
      EXPECT_TRUE(o.events.ok()) << o.events.status().ToString();
      continue;
    }
    ASSERT_FALSE(o.events.ok());
    EXPECT_EQ(o.error.kind, Kind::kInvalid);
    EXPECT_NE(o.events.status().message().find("newer schema"), std::string::npos);
  }
}

}  // namespace
}  // namespace jejak::codec
