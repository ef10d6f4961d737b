// The stored body built by splicing the canonical input equals the one
// built through Cap'n Proto (the reference, docs/format.md), byte for byte,
// for every kind of input, including those the splice must leave to the
// slow path.
#include "store/event_body.h"

#include <string>
#include <vector>

#include <capnp/message.h>
#include <gtest/gtest.h>

#include "jejak/store/new_event.h"
#include "test_events.h"

namespace jejak::store {
namespace {

using testing::EmpStream;

// The normalized canonical input, as PrepareAppend makes it.
kj::Array<capnp::word> Canonical(const NewEvent& ev, std::string_view stream,
                                 bool keep_expected = false) {
  capnp::MallocMessageBuilder copy;
  copy.setRoot(ev.reader());
  auto root = copy.getRoot<schema::EventInput>();
  root.setStream(std::string(stream));
  if (!keep_expected && root.hasExpectedVersion()) (void)root.disownExpectedVersion();
  return capnp::canonicalize(root.asReader());
}

void ExpectSameBody(kj::ArrayPtr<const capnp::word> input, int64_t recorded_at,
                    bool usual_size = true) {
  for (uint64_t position : {uint64_t{1}, uint64_t{77}, uint64_t{1} << 40}) {
    std::string spliced = "prefix";
    std::string built = "prefix";
    AppendEventBody(input, position, position + 3, recorded_at, &spliced);
    AppendEventBodyByBuilding(input, position, position + 3, recorded_at, &built);
    ASSERT_EQ(spliced, built) << "position " << position;
    // The Event is 4 words longer than the input (docs/format.md).
    if (usual_size) {
      EXPECT_EQ(built.size() - 6, input.size() * 8 + 32);
    }
  }
}

std::vector<NewEvent> EveryKind() {
  std::vector<NewEvent> events;
  events.push_back(testing::Recruited("id-recruited", testing::Nip(1)));
  events.push_back(testing::PerformanceRated("a-much-longer-event-id-of-many-bytes", 2020));
  events.push_back(testing::TrainingCompleted("t", "Pelatihan Kepemimpinan Pengawas"));
  events.push_back(testing::SanctionImposed("s"));
  events.push_back(testing::SanctionLifted("l", 12));
  events.push_back(testing::CorrectedRating("c", 3, 2021));
  events.push_back(testing::Retracted("r", 4));
  events.push_back(testing::SelectionOpened("o"));
  events.push_back(testing::PositionPromoted("p", "sel-1"));
  events.push_back(testing::UnitDefined("u", "unit-7"));
  return events;
}

TEST(EventBodyTest, SplicedBodyEqualsBuiltBodyForEveryKind) {
  for (const NewEvent& ev : EveryKind()) {
    const auto input = Canonical(ev, EmpStream(1));
    ExpectSameBody(input, 1'700'000'000'000'000);
    ExpectSameBody(input, 1);
    ExpectSameBody(input, -5);
  }
}

TEST(EventBodyTest, StreamAndEventIdOfEveryPaddingLength) {
  for (size_t n = 1; n <= 24; ++n) {
    NewEvent ev = testing::PerformanceRated(std::string(n, 'x'), 2020);
    ExpectSameBody(Canonical(ev, "org/" + std::string(n, 'a')), 42);
  }
}

TEST(EventBodyTest, MissingEnvelopePartsAndEmptyStructs) {
  NewEvent no_actor = testing::PerformanceRated("e1", 2020);
  (void)no_actor.builder().disownActor();
  ExpectSameBody(Canonical(no_actor, EmpStream(1)), 42);

  NewEvent no_payload = testing::PerformanceRated("e2", 2020);
  (void)no_payload.builder().disownPayload();
  (void)no_payload.builder().disownSource();
  ExpectSameBody(Canonical(no_payload, EmpStream(1)), 42);

  NewEvent zero_date = testing::PerformanceRated("e3", 2020);
  zero_date.builder().initEffectiveDate();  // all zero: an empty struct
  ExpectSameBody(Canonical(zero_date, EmpStream(1)), 42);
}

TEST(EventBodyTest, ZeroRecordedAtTakesTheSlowPath) {
  NewEvent ev = testing::PerformanceRated("e", 2020);
  ExpectSameBody(Canonical(ev, EmpStream(1)), 0, /*usual_size=*/false);
}

TEST(EventBodyTest, ExpectedVersionLeftInTakesTheSlowPath) {
  NewEvent ev = testing::PerformanceRated("e", 2020);
  ev.builder().initExpectedVersion();
  ExpectSameBody(Canonical(ev, EmpStream(1), /*keep_expected=*/true), 42,
                 /*usual_size=*/false);
}

}  // namespace
}  // namespace jejak::store
