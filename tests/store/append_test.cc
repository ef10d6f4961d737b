// Append: positions, versions, expected versions, idempotency, atomicity.
#include <gtest/gtest.h>

#include "jejak/store/event_store.h"
#include "store/append_request.h"
#include "store/event_store_impl.h"
#include "store/test_events.h"

namespace jejak::store {
namespace {

using testing::EmpStream;
using testing::Nip;
using testing::PerformanceRated;
using testing::Recruited;

class AppendTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::OpenOrDie(testing::TestOptions(), dir_.ledger());
    ASSERT_NE(store_, nullptr);
  }

  // Appends recruited + `ratings` ratings to employee `serial`.
  AppendResult Hire(int serial, int ratings, std::string_view prefix) {
    auto events = testing::EmployeeHistory(prefix, serial, ratings);
    auto r = store_->Append(EmpStream(serial), ExpectedVersion::NoStream(), events);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : AppendResult{};
  }

  testing::TempDir dir_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(AppendTest, AppendAssignsGapFreePositionsAndVersions) {
  AppendResult a = Hire(1, 2, "a");
  EXPECT_EQ(a.positions, (std::vector<uint64_t>{1, 2, 3}));
  EXPECT_EQ(a.last_position, 3u);
  AppendResult b = Hire(2, 1, "b");
  EXPECT_EQ(b.positions, (std::vector<uint64_t>{4, 5}));

  std::vector<NewEvent> more;
  more.push_back(PerformanceRated("a-3", 2019));
  auto c = store_->Append(EmpStream(1), ExpectedVersion::Exact(3), more);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->positions, (std::vector<uint64_t>{6}));

  auto events = store_->ReadStream(EmpStream(1));
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->size(), 4u);
  const uint64_t want_positions[] = {1, 2, 3, 6};
  for (size_t i = 0; i < events->size(); ++i) {
    EXPECT_EQ((*events)[i].event().getVersion(), i + 1);
    EXPECT_EQ((*events)[i].position(), want_positions[i]);
    EXPECT_EQ((*events)[i].event().getSchemaVersion(), 1u);
    EXPECT_EQ(std::string((*events)[i].event().getStream().cStr()), EmpStream(1));
  }
  auto info = store_->GetStreamInfo(EmpStream(1));
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->version, 4u);
  EXPECT_EQ(info->first_position, 1u);
  EXPECT_EQ(info->last_position, 6u);
  EXPECT_EQ(store_->GetHead().position, 6u);
}

TEST_F(AppendTest, AppendWithStaleExpectedVersionIsRejected) {
  Hire(1, 2, "a");
  std::vector<NewEvent> more;
  more.push_back(PerformanceRated("a-9", 2020));
  auto r = store_->Append(EmpStream(1), ExpectedVersion::Exact(2), more);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsConflict()) << r.status().ToString();
  EXPECT_NE(r.status().message().find("expected version 2"), std::string::npos);
  EXPECT_NE(r.status().message().find("at version 3"), std::string::npos);
  EXPECT_EQ(store_->GetHead().position, 3u);
}

TEST_F(AppendTest, NoStreamOnExistingStreamIsRejected) {
  Hire(1, 0, "a");
  std::vector<NewEvent> more;
  more.push_back(PerformanceRated("a-1", 2020));
  auto r = store_->Append(EmpStream(1), ExpectedVersion::NoStream(), more);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsConflict()) << r.status().ToString();
  auto r0 = store_->Append(EmpStream(1), ExpectedVersion::Exact(0), more);
  EXPECT_TRUE(r0.status().IsConflict()) << r0.status().ToString();
}

TEST_F(AppendTest, ExactOnMissingStreamIsRejected) {
  std::vector<NewEvent> events;
  events.push_back(Recruited("a-0", Nip(1)));
  auto r = store_->Append(EmpStream(1), ExpectedVersion::Exact(1), events);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsConflict()) << r.status().ToString();
  EXPECT_NE(r.status().message().find("does not exist"), std::string::npos);
  EXPECT_EQ(store_->GetHead().position, 0u);
}

TEST_F(AppendTest, RetryWithSameEventIdReturnsOriginalPositions) {
  Hire(2, 0, "other");
  AppendResult first = Hire(1, 3, "a");
  const Head head = store_->GetHead();
  // The retry carries the same expectation as the original (NoStream),
  // which no longer holds: a full duplicate succeeds whatever it expects.
  auto events = testing::EmployeeHistory("a", 1, 3);
  auto retry = store_->Append(EmpStream(1), ExpectedVersion::NoStream(), events);
  ASSERT_TRUE(retry.ok()) << retry.status().ToString();
  EXPECT_EQ(retry->positions, first.positions);
  EXPECT_EQ(retry->duplicates, 4u);
  EXPECT_EQ(store_->GetHead().position, head.position);
  EXPECT_EQ(store_->GetHead().chain, head.chain);
}

TEST_F(AppendTest, SameEventIdWithOtherContentIsConflict) {
  Hire(1, 1, "a");
  std::vector<NewEvent> events;
  events.push_back(PerformanceRated("a-1", 2099));  // a-1 was year 2016
  auto r = store_->Append(EmpStream(1), ExpectedVersion::Any(), events);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsConflict()) << r.status().ToString();
  EXPECT_NE(r.status().message().find("\"a-1\""), std::string::npos);
  EXPECT_NE(r.status().message().find("position 2"), std::string::npos);
}

TEST_F(AppendTest, SameEventIdOnOtherStreamIsConflict) {
  Hire(1, 1, "a");
  std::vector<NewEvent> events;
  events.push_back(Recruited("a-0", Nip(2)));
  auto r = store_->Append(EmpStream(2), ExpectedVersion::Any(), events);
  EXPECT_TRUE(r.status().IsConflict()) << r.status().ToString();
}

TEST_F(AppendTest, PartialDuplicateWithAnyAppendsRest) {
  Hire(1, 1, "a");  // a-0, a-1 at 1, 2
  auto events = testing::EmployeeHistory("a", 1, 3);  // a-0 .. a-3
  auto r = store_->Append(EmpStream(1), ExpectedVersion::Any(), events);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->positions, (std::vector<uint64_t>{1, 2, 3, 4}));
  EXPECT_EQ(r->duplicates, 2u);
  EXPECT_EQ(store_->GetStreamInfo(EmpStream(1))->version, 4u);
}

TEST_F(AppendTest, PartialDuplicateWithExactIsConflict) {
  Hire(1, 1, "a");
  auto events = testing::EmployeeHistory("a", 1, 3);
  auto r = store_->Append(EmpStream(1), ExpectedVersion::Exact(2), events);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsConflict()) << r.status().ToString();
  EXPECT_NE(r.status().message().find("2 of 4"), std::string::npos);
  EXPECT_EQ(store_->GetHead().position, 2u);
}

TEST_F(AppendTest, BatchWithOneBadEventWritesNothing) {
  Hire(1, 1, "a");
  const Head head = store_->GetHead();
  std::vector<NewEvent> events;
  events.push_back(PerformanceRated("b-1", 2017));
  events.push_back(PerformanceRated("b-2", 2018));
  events.push_back(Recruited("b-3", Nip(1)));  // recruited only as version 1
  events.push_back(PerformanceRated("b-4", 2019));
  auto r = store_->Append(EmpStream(1), ExpectedVersion::Any(), events);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidArgument()) << r.status().ToString();
  EXPECT_NE(r.status().message().find("event 2"), std::string::npos);

  const Head after = store_->GetHead();
  EXPECT_EQ(after.position, head.position);
  EXPECT_EQ(after.chain, head.chain);
  EXPECT_EQ(store_->GetStreamInfo(EmpStream(1))->version, 2u);
  for (const char* id : {"b-1", "b-2", "b-3", "b-4"}) {
    EXPECT_TRUE(store_->FindEventId(id).status().IsNotFound()) << id;
  }
  VerifyReport report;
  EXPECT_TRUE(store_->Verify(&report).ok());
  EXPECT_EQ(report.events_checked, 2u);
}

TEST_F(AppendTest, InvalidEventIsRejectedWithItsIndexBeforeQueueing) {
  std::vector<NewEvent> events;
  events.push_back(Recruited("a-0", Nip(1)));
  events.push_back(PerformanceRated("a-1", 2016));
  events.back().builder().getPayload().getPerformanceRated().setYear(1200);
  auto r = store_->Append(EmpStream(1), ExpectedVersion::Any(), events);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidArgument());
  EXPECT_NE(r.status().message().find("event 1"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("payload.performanceRated.year"),
            std::string::npos)
      << r.status().message();
}

// A large call is prepared by two threads; the error reported is still the
// first one in submission order, and the call writes nothing.
TEST_F(AppendTest, LargeAppendReportsItsFirstInvalidEvent) {
  const size_t n = 2 * kParallelPrepareEvents + 3;
  for (const std::vector<size_t>& bad : std::vector<std::vector<size_t>>{
           {n - 2}, {5, n - 2}, {n / 2, n / 2 + 1}, {n / 2 - 1, n - 1}}) {
    auto events = testing::EmployeeHistory("x" + std::to_string(bad[0]), 1,
                                           static_cast<int>(n) - 1);
    for (size_t i : bad) {
      events[i].builder().getPayload().getPerformanceRated().setYear(1200);
    }
    auto r = store_->Append(EmpStream(1), ExpectedVersion::Any(), events);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.status().IsInvalidArgument());
    const std::string want = "event " + std::to_string(bad[0]) + ": payload";
    EXPECT_NE(r.status().message().find(want), std::string::npos)
        << r.status().message() << " (want " << want << ")";
    EXPECT_EQ(store_->GetHead().position, 0u);
  }
  // And a valid one of the same size is recorded whole, in order.
  auto events = testing::EmployeeHistory("ok", 1, static_cast<int>(n) - 1);
  auto r = store_->Append(EmpStream(1), ExpectedVersion::NoStream(), events);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->positions.size(), n);
  for (size_t i = 0; i < n; ++i) EXPECT_EQ(r->positions[i], i + 1);
  VerifyReport report;
  EXPECT_TRUE(store_->Verify(&report).ok());
}

TEST_F(AppendTest, EventOfOtherStreamOrWithoutIdIsRejected) {
  std::vector<NewEvent> events;
  events.push_back(Recruited("a-0", Nip(1)));
  events.back().builder().setStream(EmpStream(2));
  auto r = store_->Append(EmpStream(1), ExpectedVersion::Any(), events);
  EXPECT_TRUE(r.status().IsInvalidArgument()) << r.status().ToString();

  events.back().builder().setStream(EmpStream(1));
  events.back().builder().setEventId("");
  r = store_->Append(EmpStream(1), ExpectedVersion::Any(), events);
  EXPECT_TRUE(r.status().IsInvalidArgument()) << r.status().ToString();

  events.back().builder().setEventId(std::string(129, 'x'));
  r = store_->Append(EmpStream(1), ExpectedVersion::Any(), events);
  EXPECT_TRUE(r.status().IsInvalidArgument()) << r.status().ToString();
}

TEST_F(AppendTest, EventOverSizeLimitIsRejected) {
  StoreOptions options = testing::TestOptions();
  options.max_event_bytes = 256;
  testing::TempDir dir;
  auto store = testing::OpenOrDie(options, dir.ledger());
  std::vector<NewEvent> events;
  events.push_back(Recruited("a-0", Nip(1)));
  auto r = store->Append(EmpStream(1), ExpectedVersion::Any(), events);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidArgument());
  EXPECT_NE(r.status().message().find("max_event_bytes"), std::string::npos)
      << r.status().message();
}

TEST_F(AppendTest, MultiStreamAppendIsAtomic) {
  auto a = testing::EmployeeHistory("a", 1, 1);
  auto b = testing::EmployeeHistory("b", 2, 2);
  StreamAppend parts[] = {{EmpStream(1), ExpectedVersion::NoStream(), a},
                          {EmpStream(2), ExpectedVersion::NoStream(), b}};
  auto r = store_->Append(parts);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->positions, (std::vector<uint64_t>{1, 2, 3, 4, 5}));

  // Second call: the first part is fine, the second part's expectation
  // fails: nothing of either part is written.
  std::vector<NewEvent> more_a;
  more_a.push_back(PerformanceRated("a-9", 2020));
  std::vector<NewEvent> more_b;
  more_b.push_back(PerformanceRated("b-9", 2020));
  StreamAppend parts2[] = {{EmpStream(1), ExpectedVersion::Exact(2), more_a},
                           {EmpStream(2), ExpectedVersion::Exact(1), more_b}};
  auto r2 = store_->Append(parts2);
  ASSERT_FALSE(r2.ok());
  EXPECT_TRUE(r2.status().IsConflict());
  EXPECT_EQ(store_->GetHead().position, 5u);
  EXPECT_EQ(store_->GetStreamInfo(EmpStream(1))->version, 2u);
  EXPECT_TRUE(store_->FindEventId("a-9").status().IsNotFound());
}

TEST_F(AppendTest, WriteFailurePutsStoreIntoFailedState) {
  Hire(1, 0, "a");
  auto* impl = dynamic_cast<EventStoreImpl*>(store_.get());
  ASSERT_NE(impl, nullptr);
  impl->FailNextWriteForTesting(Status::IOError("disk on fire"));
  std::vector<NewEvent> events;
  events.push_back(PerformanceRated("a-1", 2016));
  auto r = store_->Append(EmpStream(1), ExpectedVersion::Any(), events);
  EXPECT_TRUE(r.status().IsIOError()) << r.status().ToString();
  auto later = store_->Append(EmpStream(1), ExpectedVersion::Any(), events);
  EXPECT_TRUE(later.status().IsUnavailable()) << later.status().ToString();
  EXPECT_NE(later.status().message().find("disk on fire"), std::string::npos);
  EXPECT_EQ(store_->GetHead().position, 1u);

  // Reopening recovers: nothing of the failed group was written.
  store_.reset();
  store_ = testing::OpenOrDie(testing::TestOptions(), dir_.ledger());
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(store_->GetHead().position, 1u);
  auto again = store_->Append(EmpStream(1), ExpectedVersion::Any(), events);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->positions, (std::vector<uint64_t>{2}));
}

}  // namespace
}  // namespace jejak::store
