// EventBatch: input order kept, every good event appended once past the
// refused ones, linear work whatever the pattern of refusals, and the
// store's errors mapped back to the input line.
#include "jejak/ingest/event_batch.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "store/test_events.h"

namespace jejak::ingest {
namespace {

using store::testing::EmpStream;
using store::testing::EmployeeHistory;
using store::testing::Nip;
using store::testing::PerformanceRated;
using store::testing::Recruited;
using store::testing::TempDir;

// A stand-in for the store: refuses the first event (in submission order)
// whose id starts with "bad" as the store would ("event <i>: ..."), else
// records every event of the call. Counts the events it was handed.
struct FakeStore {
  std::vector<std::string> recorded;  // ids, in order
  size_t calls = 0;
  size_t events_seen = 0;

  Result<store::AppendResult> Append(std::span<const store::StreamAppend> parts) {
    ++calls;
    std::vector<std::string> ids;
    for (const auto& part : parts) {
      for (const auto& e : part.events) ids.emplace_back(e.reader().getEventId().cStr());
    }
    events_seen += ids.size();
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i].rfind("bad", 0) == 0) {
        return Status::InvalidArgument("stream s, event " + std::to_string(i) + ": refused");
      }
    }
    store::AppendResult r;
    for (const auto& id : ids) {
      recorded.push_back(id);
      r.positions.push_back(recorded.size());
    }
    return r;
  }
  AppendFn Fn() {
    return [this](std::span<const store::StreamAppend> p) { return Append(p); };
  }
};

// Events named "ok-<i>" or "bad-<i>" by `bad`, origin i + 1.
EventBatch Batch(const std::vector<bool>& bad) {
  EventBatch batch;
  for (size_t i = 0; i < bad.size(); ++i) {
    const std::string id = (bad[i] ? "bad-" : "ok-") + std::to_string(i);
    batch.Add(PerformanceRated(id, 2016), i + 1);
  }
  return batch;
}

void ExpectEachGoodOnceInOrder(const std::vector<bool>& bad, const FakeStore& store,
                               const EventBatch::Outcome& out) {
  std::vector<std::string> want;
  std::vector<uint64_t> want_rejected;
  for (size_t i = 0; i < bad.size(); ++i) {
    if (bad[i]) {
      want_rejected.push_back(i + 1);
    } else {
      want.push_back("ok-" + std::to_string(i));
    }
  }
  EXPECT_EQ(store.recorded, want);
  std::vector<uint64_t> rejected;
  for (const auto& r : out.rejected) rejected.push_back(r.origin);
  EXPECT_EQ(rejected, want_rejected);
  EXPECT_EQ(out.appended, want.size());
  EXPECT_TRUE(out.failure.ok()) << out.failure.ToString();
}

TEST(EventBatchTest, KeepGoingOverAlternatingRefusalsIsLinear) {
  const size_t n = 4000;
  std::vector<bool> bad(n);
  for (size_t i = 0; i < n; ++i) bad[i] = i % 2 == 1;
  FakeStore store;
  auto out = Batch(bad).AppendSkippingRejected(store.Fn(), true);
  ExpectEachGoodOnceInOrder(bad, store, out);
  EXPECT_LE(store.events_seen, 6 * n);
  EXPECT_LE(store.calls, 3 * n);
}

TEST(EventBatchTest, KeepGoingOverSparseRefusalsNeedsFewCalls) {
  const size_t n = 4000;
  std::vector<bool> bad(n);
  for (size_t i = 500; i < n; i += 1000) bad[i] = true;
  FakeStore store;
  auto out = Batch(bad).AppendSkippingRejected(store.Fn(), true);
  ExpectEachGoodOnceInOrder(bad, store, out);
  EXPECT_LE(store.events_seen, 6 * n);
  EXPECT_LE(store.calls, 60u);
}

TEST(EventBatchTest, AnyPatternOfRefusalsAppendsEachGoodEventOnceInOrder) {
  std::mt19937 rng(16);
  for (int round = 0; round < 50; ++round) {
    const size_t n = 1 + rng() % 300;
    const unsigned percent = rng() % 101;
    std::vector<bool> bad(n);
    for (size_t i = 0; i < n; ++i) bad[i] = rng() % 100 < percent;
    FakeStore store;
    auto out = Batch(bad).AppendSkippingRejected(store.Fn(), true);
    ExpectEachGoodOnceInOrder(bad, store, out);
    EXPECT_LE(store.events_seen, 6 * n + 6) << "round " << round;
  }
}

TEST(EventBatchTest, WithoutKeepGoingStopsAtTheFirstRefusalKeepingWhatCameBefore) {
  std::vector<bool> bad(10);
  bad[6] = bad[8] = true;
  FakeStore store;
  auto out = Batch(bad).AppendSkippingRejected(store.Fn(), false);
  EXPECT_EQ(store.recorded,
            (std::vector<std::string>{"ok-0", "ok-1", "ok-2", "ok-3", "ok-4", "ok-5"}));
  ASSERT_EQ(out.rejected.size(), 1u);
  EXPECT_EQ(out.rejected[0].origin, 7u);
}

TEST(EventBatchTest, AFailureNamingNoEventStopsEverything) {
  size_t calls = 0;
  AppendFn failing = [&](std::span<const store::StreamAppend>) -> Result<store::AppendResult> {
    ++calls;
    return Status::IOError("disk on fire");
  };
  auto out = Batch(std::vector<bool>(5)).AppendSkippingRejected(failing, true);
  EXPECT_TRUE(out.failure.IsIOError());
  EXPECT_EQ(calls, 1u);
  EXPECT_EQ(out.appended, 0u);
}

class EventBatchStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::EventStore::Open(store::StoreOptions(), dir_.ledger());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  TempDir dir_;
  std::unique_ptr<store::EventStore> store_;
};

// An expectedVersion that does not hold is a Conflict naming its line: the
// lines before it are recorded, and with keep_going the lines after it too.
TEST_F(EventBatchStoreTest, ExpectedVersionConflictIsRefusedAsItsOwnLine) {
  for (bool keep_going : {false, true}) {
    SCOPED_TRACE(keep_going);
    const std::string prefix = keep_going ? "k" : "s";
    const int serial = keep_going ? 2 : 1;
    EventBatch batch;
    uint64_t line = 0;
    for (auto& e : EmployeeHistory(prefix, serial, 2)) {
      e.builder().setStream(EmpStream(serial));
      batch.Add(std::move(e), ++line);
    }
    store::NewEvent stale = PerformanceRated(prefix + "-stale", 2019);
    stale.builder().setStream(EmpStream(serial));
    stale.builder().initExpectedVersion().setExact(1);  // the stream is at 3 by then
    batch.Add(std::move(stale), ++line);
    store::NewEvent after = PerformanceRated(prefix + "-after", 2020);
    after.builder().setStream(EmpStream(serial));
    batch.Add(std::move(after), ++line);

    auto out = batch.AppendSkippingRejected(AppendTo(*store_), keep_going);
    ASSERT_EQ(out.rejected.size(), 1u);
    EXPECT_EQ(out.rejected[0].origin, 4u);
    EXPECT_TRUE(out.rejected[0].status.IsConflict()) << out.rejected[0].status.ToString();
    EXPECT_NE(out.rejected[0].status.message().find("expected version 1"), std::string::npos);
    EXPECT_EQ(out.appended, keep_going ? 4u : 3u);
    auto info = store_->GetStreamInfo(EmpStream(serial));
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->version, keep_going ? 4u : 3u);
  }
}

TEST_F(EventBatchStoreTest, AppendAllIsAtomicAndNamesTheLine) {
  EventBatch batch;
  store::NewEvent recruited = Recruited("a-0", Nip(3));
  recruited.builder().setStream(EmpStream(3));
  batch.Add(std::move(recruited), 10);
  store::NewEvent stale = PerformanceRated("a-1", 2016);
  stale.builder().setStream(EmpStream(3));
  stale.builder().initExpectedVersion().setExact(5);
  batch.Add(std::move(stale), 11);
  auto r = batch.AppendAll(AppendTo(*store_));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsConflict());
  EXPECT_EQ(r.status().message().rfind("line 11: ", 0), 0u) << r.status().ToString();
  EXPECT_EQ(store_->GetHead().position, 0u);
}

}  // namespace
}  // namespace jejak::ingest
