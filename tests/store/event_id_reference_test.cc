// `corrected`, `retracted` and `sanctionLifted` naming their target by
// event id: resolved by the writer (committed, or earlier in the call),
// both recorded, retries are duplicates, and the ledger verifies.
#include <gtest/gtest.h>

#include "jejak/store/event_store.h"
#include "store/test_events.h"

namespace jejak::store {
namespace {

using testing::EmpStream;

// `e` (a corrected / retracted / sanctionLifted) with its target named by
// `id`, and its position set to `position` (0: left out).
NewEvent ById(NewEvent e, std::string_view id, uint64_t position = 0) {
  auto payload = e.builder().getPayload();
  const std::string text(id);
  switch (payload.which()) {
    case schema::Payload::CORRECTED:
      payload.getCorrected().setTarget(position);
      payload.getCorrected().setTargetEventId(text);
      break;
    case schema::Payload::RETRACTED:
      payload.getRetracted().setTarget(position);
      payload.getRetracted().setTargetEventId(text);
      break;
    case schema::Payload::SANCTION_LIFTED:
      payload.getSanctionLifted().setSanctionPosition(position);
      payload.getSanctionLifted().setSanctionEventId(text);
      break;
    default:
      ADD_FAILURE() << "not a reference";
  }
  return e;
}

class EventIdReferenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::OpenOrDie(testing::TestOptions(), dir_.ledger());
    ASSERT_NE(store_, nullptr);
    // emp 1: "e1-0" recruited at 1, "e1-1", "e1-2" ratings at 2, 3.
    auto events = testing::EmployeeHistory("e1", 1, 2);
    ASSERT_TRUE(store_->Append(EmpStream(1), ExpectedVersion::NoStream(), events).ok());
  }

  Result<AppendResult> AppendOne(const std::string& stream, NewEvent event) {
    std::vector<NewEvent> events;
    events.push_back(std::move(event));
    return store_->Append(stream, ExpectedVersion::Any(), events);
  }

  void ExpectRejected(const Result<AppendResult>& r, const std::string& fragment) {
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.status().IsInvalidArgument()) << r.status().ToString();
    EXPECT_NE(r.status().message().find(fragment), std::string::npos) << r.status().message();
  }

  void ExpectVerifies() {
    VerifyReport report;
    Status s = store_->Verify(&report);
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(report.events_checked, store_->GetHead().position);
  }

  testing::TempDir dir_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(EventIdReferenceTest, CorrectionByEventIdRecordsThePositionAndTheId) {
  auto r = AppendOne(EmpStream(1), ById(testing::CorrectedRating("fix", 0, 2016), "e1-2"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto stored = store_->ReadAt(r->positions[0]);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  const auto c = stored->event().getPayload().getCorrected();
  EXPECT_EQ(c.getTarget(), 3u);
  EXPECT_EQ(std::string(c.getTargetEventId().cStr()), "e1-2");
  ExpectVerifies();
}

TEST_F(EventIdReferenceTest, RetryOfAnAppendByIdIsADuplicate) {
  auto first = AppendOne(EmpStream(1), ById(testing::Retracted("r", 0), "e1-1"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const uint64_t head = store_->GetHead().position;
  // The same input again, and the same event with the resolved position
  // given too (what is stored): duplicates of the first.
  for (uint64_t position : {uint64_t{0}, uint64_t{2}}) {
    auto again = AppendOne(EmpStream(1), ById(testing::Retracted("r", 0), "e1-1", position));
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(again->duplicates, 1u);
    EXPECT_EQ(again->positions, first->positions);
  }
  // The same event id naming another target is other content.
  auto other = AppendOne(EmpStream(1), ById(testing::Retracted("r", 0), "e1-2"));
  ASSERT_FALSE(other.ok());
  EXPECT_TRUE(other.status().IsConflict()) << other.status().ToString();
  // So is one whose target id is unknown.
  auto unknown = AppendOne(EmpStream(1), ById(testing::Retracted("r", 0), "nope"));
  EXPECT_TRUE(unknown.status().IsConflict()) << unknown.status().ToString();
  EXPECT_EQ(store_->GetHead().position, head);
  ExpectVerifies();
}

TEST_F(EventIdReferenceTest, SanctionLiftedByEventId) {
  ASSERT_TRUE(AppendOne(EmpStream(1), testing::SanctionImposed("s1")).ok());
  ExpectRejected(AppendOne(EmpStream(1), ById(testing::SanctionLifted("l0", 0), "e1-1")),
                 "payload.sanctionLifted.sanctionPosition: position 2 (event id \"e1-1\") is "
                 "performanceRated, not sanctionImposed");
  auto lifted = AppendOne(EmpStream(1), ById(testing::SanctionLifted("l1", 0), "s1"));
  ASSERT_TRUE(lifted.ok()) << lifted.status().ToString();
  auto stored = store_->ReadAt(lifted->positions[0]);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->event().getPayload().getSanctionLifted().getSanctionPosition(), 4u);
  ExpectVerifies();
}

TEST_F(EventIdReferenceTest, UnknownEventIdIsRejectedNamingIt) {
  ExpectRejected(AppendOne(EmpStream(1), ById(testing::Retracted("r", 0), "swl-0404")),
                 "event 0: payload.retracted.targetEventId: event id \"swl-0404\" is not "
                 "recorded");
  EXPECT_EQ(store_->GetHead().position, 3u);
}

TEST_F(EventIdReferenceTest, EventIdOfAnotherStreamIsRejected) {
  auto events = testing::EmployeeHistory("e2", 2, 1);
  ASSERT_TRUE(store_->Append(EmpStream(2), ExpectedVersion::NoStream(), events).ok());
  ExpectRejected(AppendOne(EmpStream(2), ById(testing::CorrectedRating("fix", 0, 2016), "e1-1")),
                 "payload.corrected.target: position 2 (event id \"e1-1\") belongs to stream " +
                     EmpStream(1));
}

TEST_F(EventIdReferenceTest, IdAndPositionGivenMustAgree) {
  ExpectRejected(
      AppendOne(EmpStream(1), ById(testing::CorrectedRating("fix", 0, 2016), "e1-1", 3)),
      "payload.corrected.target: position 3 disagrees with payload.corrected.targetEventId "
      "\"e1-1\", which is at position 2");
  auto ok = AppendOne(EmpStream(1), ById(testing::CorrectedRating("fix", 0, 2016), "e1-1", 2));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  ExpectVerifies();
}

TEST_F(EventIdReferenceTest, IdEarlierInTheSameCallResolves) {
  // In the same part, and in an earlier part of the same call.
  std::vector<NewEvent> mine;
  mine.push_back(testing::PerformanceRated("n1", 2018));
  mine.push_back(ById(testing::Retracted("n2", 0), "n1"));
  std::vector<NewEvent> theirs = testing::EmployeeHistory("e2", 2, 1);
  theirs.push_back(ById(testing::Retracted("n3", 0), "e2-1"));
  StreamAppend parts[] = {{EmpStream(2), ExpectedVersion::NoStream(), theirs},
                          {EmpStream(1), ExpectedVersion::Any(), mine}};
  auto r = store_->Append(parts);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->positions, (std::vector<uint64_t>{4, 5, 6, 7, 8}));
  auto n2 = store_->ReadAt(8);
  ASSERT_TRUE(n2.ok());
  EXPECT_EQ(n2->event().getPayload().getRetracted().getTarget(), 7u);
  auto n3 = store_->ReadAt(6);
  ASSERT_TRUE(n3.ok());
  EXPECT_EQ(n3->event().getPayload().getRetracted().getTarget(), 5u);
  // A later event of the call is not earlier: not resolved.
  std::vector<NewEvent> forward;
  forward.push_back(ById(testing::Retracted("f1", 0), "f2"));
  forward.push_back(testing::PerformanceRated("f2", 2019));
  ExpectRejected(store_->Append(EmpStream(1), ExpectedVersion::Any(), forward),
                 "event id \"f2\" is not recorded");
  // The whole call again: every event a duplicate.
  auto again = store_->Append(parts);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->duplicates, 5u);
  ExpectVerifies();
}

}  // namespace
}  // namespace jejak::store
