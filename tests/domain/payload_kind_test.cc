// Adding an event kind is safe: every member of the schema's Payload union
// has its home in the table of payload_kind.h, a valid sample that passes
// validation, and a broken one that fails. (Its example in docs/events.md
// is required by tests/codec/events_doc_test.cc, its generator line by
// tests/gen/generator_test.cc.)
#include "jejak/domain/payload_kind.h"

#include <capnp/dynamic.h>
#include <capnp/schema.h>
#include <gtest/gtest.h>

#include <string>

#include "domain/sample_events.h"
#include "jejak/domain/validate.h"

namespace jejak::domain {
namespace {

using schema::Payload;

// The sample of `kind` with its member made invalid: first emptied (every
// kind with a required field fails so), else, for a kind whose fields are
// all optional, its first text field made longer than any text may be.
store::NewEvent Broken(Payload::Which kind, bool emptied) {
  store::NewEvent ev = jejak::testing::SampleEvent(kind);
  auto payload = capnp::toDynamic(ev.builder().getPayload());
  const auto field = payload.getSchema().getFieldByDiscriminant(static_cast<uint16_t>(kind));
  KJ_IF_MAYBE (f, field) {
    if (emptied) {
      payload.init(*f);
    } else {
      auto member = payload.get(*f).as<capnp::DynamicStruct>();
      for (const auto m : member.getSchema().getNonUnionFields()) {
        if (m.getType().isText()) {
          member.set(m, std::string(5000, 'x').c_str());
          break;
        }
      }
    }
  }
  return ev;
}

TEST(PayloadKindTest, EveryUnionMemberHasAHomeAValidSampleAndAnInvalidOne) {
  const auto members = capnp::Schema::from<Payload>().getUnionFields();
  size_t checked = 0;
  for (const auto field : members) {
    const auto kind = static_cast<Payload::Which>(field.getProto().getDiscriminantValue());
    const std::string name = field.getProto().getName().cStr();
    SCOPED_TRACE(name);
    if (kind == Payload::UNSPECIFIED) {
      EXPECT_EQ(HomeOf(kind), PayloadHome::kUnknown);
      continue;
    }
    ++checked;
    EXPECT_NE(HomeOf(kind), PayloadHome::kUnknown) << "no row in HomeOf (payload_kind.cc)";
    EXPECT_EQ(PayloadKindName(kind), name);

    const store::NewEvent sample = jejak::testing::SampleEvent(kind);
    ASSERT_EQ(sample.reader().getPayload().which(), kind)
        << "no sample in tests/domain/sample_events.cc";
    const Status valid = ValidateEventInput(sample.reader());
    EXPECT_TRUE(valid.ok()) << valid.ToString();

    store::NewEvent broken = Broken(kind, /*emptied=*/true);
    if (ValidateEventInput(broken.reader()).ok()) broken = Broken(kind, /*emptied=*/false);
    const Status refused = ValidateEventInput(broken.reader());
    EXPECT_EQ(refused.code(), Status::Code::kInvalidArgument)
        << "a broken " << name << " passes validation";
    EXPECT_NE(refused.message().find(name), std::string::npos) << refused.ToString();
  }
  EXPECT_EQ(checked, members.size() - 1);
  EXPECT_EQ(jejak::testing::AllKinds().size(), checked);
}

TEST(PayloadKindTest, AnUnknownDiscriminantHasNoHomeAndIsRefused) {
  const auto unknown = static_cast<Payload::Which>(60000);
  EXPECT_EQ(HomeOf(unknown), PayloadHome::kUnknown);
  EXPECT_EQ(PayloadKindName(unknown), "unknown kind 60000");
}

TEST(PayloadKindTest, EachMemberIsRefusedOnAStreamOfAnotherKind) {
  for (const auto kind : jejak::testing::AllKinds()) {
    const PayloadHome home = HomeOf(kind);
    if (home == PayloadHome::kAnyStream) continue;
    store::NewEvent ev = jejak::testing::SampleEvent(kind);
    ev.builder().setStream(home == PayloadHome::kSelection ? "org/pemko-sawahlunto"
                                                           : "sel/jpt-2023-01");
    const Status s = ValidateEventInput(ev.reader());
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << PayloadKindName(kind);
    EXPECT_NE(s.message().find("belongs on"), std::string::npos) << s.ToString();
  }
}

}  // namespace
}  // namespace jejak::domain
