// Many appenders at once: gap-free positions, per-stream order, group commit.
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <map>
#include <thread>
#include <vector>

#include "jejak/store/event_store.h"
#include "store/append_request.h"
#include "store/event_store_impl.h"
#include "store/test_events.h"

namespace jejak::store {
namespace {

using testing::EmpStream;

constexpr int kThreads = 8;

TEST(ConcurrencyTest, ConcurrentAppendersKeepPositionsGapFreeAndStreamOrder) {
  constexpr int kAppendsPerThread = 500;
  constexpr int kShared = 3;  // employees 1..3 shared by every thread
  testing::TempDir dir;
  auto store = testing::OpenOrDie(testing::TestOptions(), dir.ledger());
  ASSERT_NE(store, nullptr);
  for (int e = 1; e <= kShared + kThreads; ++e) {
    std::vector<NewEvent> first;
    first.push_back(testing::Recruited("r" + std::to_string(e), testing::Nip(e)));
    ASSERT_TRUE(store->Append(EmpStream(e), ExpectedVersion::NoStream(), first).ok());
  }

  std::atomic<int> failures{0};
  std::atomic<int> rejected{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kAppendsPerThread; ++i) {
        const std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
        // Every 50th append is one the writer must reject (an employee
        // never recruited): it must not disturb the others of its group.
        if (i % 50 == 49) {
          std::vector<NewEvent> bad;
          bad.push_back(testing::PerformanceRated(id, 2016));
          auto r = store->Append(EmpStream(900 + t), ExpectedVersion::Any(), bad);
          if (r.status().IsInvalidArgument()) ++rejected;
          continue;
        }
        const int employee = i % 2 == 0 ? 1 + (i / 2) % kShared : kShared + 1 + t;
        std::vector<NewEvent> events;
        events.push_back(testing::TrainingCompleted(id, id));
        if (i % 7 == 0) events.push_back(testing::TrainingCompleted(id + "b", id));
        auto r = store->Append(EmpStream(employee), ExpectedVersion::Any(), events);
        if (!r.ok()) {
          ADD_FAILURE() << r.status().ToString();
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_EQ(failures.load(), 0);
  EXPECT_EQ(rejected.load(), kThreads * (kAppendsPerThread / 50));

  // Positions 1..N all present, in order; each stream's versions 1..k in
  // position order.
  const uint64_t head = store->GetHead().position;
  uint64_t expected = 1;
  std::map<std::string, uint64_t> versions;
  for (auto it = store->ReadLog(1); it->Valid(); it->Next()) {
    ASSERT_EQ(it->event().position(), expected);
    const std::string stream(it->event().event().getStream().cStr());
    EXPECT_EQ(it->event().event().getVersion(), ++versions[stream]) << stream;
    ++expected;
  }
  EXPECT_EQ(expected - 1, head);
  uint64_t per_thread_events = 0;
  for (int i = 0; i < kAppendsPerThread; ++i) {
    if (i % 50 == 49) continue;
    per_thread_events += i % 7 == 0 ? 2 : 1;
  }
  EXPECT_EQ(head, kShared + kThreads + kThreads * per_thread_events);
  for (const auto& [stream, version] : versions) {
    EXPECT_EQ(store->GetStreamInfo(stream)->version, version) << stream;
  }
  VerifyReport report;
  Status s = store->Verify(&report);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(report.events_checked, head);
}

// Pipelined appends (kPipelineEvents or more) from several threads at once
// share one preparation helper: the one that takes it prepares on two
// threads, the others on their own. Every call records whole, each event
// at the position it was answered, and a call with a bad event fails
// alone, naming it.
TEST(ConcurrencyTest, ConcurrentPipelinedAppendsRecordWholeAndFailAlone) {
  constexpr int kCallers = 3, kCalls = 3, kEmployees = 15, kRatings = 19;  // 300 per call
  static_assert(kEmployees * (kRatings + 1) >= static_cast<int>(kPipelineEvents));
  testing::TempDir dir;
  auto store = testing::OpenOrDie(testing::TestOptions(), dir.ledger());
  ASSERT_NE(store, nullptr);
  std::atomic<int> failures{0};
  // positions[t][c]: what caller t's call c was answered (empty if failed).
  std::vector<std::vector<std::vector<uint64_t>>> positions(
      kCallers, std::vector<std::vector<uint64_t>>(kCalls));
  std::latch start(kCallers);  // every caller's events built, then all append
  std::vector<std::thread> threads;
  for (int t = 0; t < kCallers; ++t) {
    threads.emplace_back([&, t] {
      std::vector<std::vector<std::vector<NewEvent>>> calls(kCalls);
      for (int c = 0; c < kCalls; ++c) {
        const int first = 1 + (t * kCalls + c) * kEmployees;
        for (int e = first; e < first + kEmployees; ++e) {
          calls[c].push_back(testing::EmployeeHistory("e" + std::to_string(e), e, kRatings));
        }
      }
      // Caller 0's middle call has an impossible rating year at event
      // 201 (a rating: an employee's event 0 is its recruitment).
      if (t == 0) {
        calls[1][201 / (kRatings + 1)][201 % (kRatings + 1)]
            .builder().getPayload().getPerformanceRated().setYear(1200);
      }
      start.arrive_and_wait();
      for (int c = 0; c < kCalls; ++c) {
        const int first = 1 + (t * kCalls + c) * kEmployees;
        std::vector<StreamAppend> parts;
        for (int e = first; e < first + kEmployees; ++e) {
          parts.push_back({EmpStream(e), ExpectedVersion::NoStream(),
                           calls[c][static_cast<size_t>(e - first)]});
        }
        auto r = store->Append(parts);
        if (t == 0 && c == 1) {
          const bool named = r.status().IsInvalidArgument() &&
                             r.status().message().find("event 201: payload") != std::string::npos;
          if (!named) {
            ADD_FAILURE() << r.status().ToString();
            ++failures;
          }
          continue;
        }
        if (!r.ok()) {
          ADD_FAILURE() << r.status().ToString();
          ++failures;
          continue;
        }
        positions[t][c] = r->positions;
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_EQ(failures.load(), 0);
  const uint64_t per_call = kEmployees * (kRatings + 1);
  EXPECT_EQ(store->GetHead().position, (kCallers * kCalls - 1) * per_call);
  // The failed call (caller 0, call 1: employees 16..30) wrote nothing.
  for (int e = 1 + kEmployees; e < 1 + 2 * kEmployees; ++e) {
    auto info = store->GetStreamInfo(EmpStream(e));
    EXPECT_TRUE(info.status().IsNotFound()) << EmpStream(e) << " " << info.status().ToString();
  }
  // Each answered position holds the event submitted there: its id, its
  // stream, its version.
  for (int t = 0; t < kCallers; ++t) {
    for (int c = 0; c < kCalls; ++c) {
      if (t == 0 && c == 1) continue;
      const int first = 1 + (t * kCalls + c) * kEmployees;
      ASSERT_EQ(positions[t][c].size(), per_call) << t << " " << c;
      for (int e = first; e < first + kEmployees; ++e) {
        for (int i = 0; i <= kRatings; ++i) {
          const size_t index = static_cast<size_t>((e - first) * (kRatings + 1) + i);
          const std::string id = "e" + std::to_string(e) + "-" + std::to_string(i);
          auto found = store->FindEventId(id);
          ASSERT_TRUE(found.ok()) << id << " " << found.status().ToString();
          ASSERT_EQ(*found, positions[t][c][index]) << id;
        }
      }
    }
  }
  VerifyReport report;
  Status s = store->Verify(&report);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(report.events_checked, store->GetHead().position);
}

TEST(ConcurrencyTest, GroupCommitBatchesConcurrentAppenders) {
  constexpr int kAppendsPerThread = 40;
  testing::TempDir dir;
  StoreOptions options = testing::TestOptions();
  options.sync = true;  // slow commits let the queue fill up
  auto store = testing::OpenOrDie(options, dir.ledger());
  ASSERT_NE(store, nullptr);
  auto* impl = dynamic_cast<EventStoreImpl*>(store.get());
  ASSERT_NE(impl, nullptr);
  const uint64_t groups_before = impl->groups_committed();

  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<NewEvent> first;
      first.push_back(testing::Recruited("r" + std::to_string(t), testing::Nip(t + 1)));
      EXPECT_TRUE(store->Append(EmpStream(t + 1), ExpectedVersion::NoStream(), first).ok());
      for (int i = 0; i < kAppendsPerThread; ++i) {
        std::vector<NewEvent> events;
        const std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
        events.push_back(testing::TrainingCompleted(id, id));
        auto r = store->Append(EmpStream(t + 1), ExpectedVersion::Exact(i + 1), events);
        EXPECT_TRUE(r.ok()) << r.status().ToString();
      }
    });
  }
  for (auto& th : threads) th.join();
  const uint64_t appends = kThreads * (kAppendsPerThread + 1);
  const uint64_t groups = impl->groups_committed() - groups_before;
  EXPECT_EQ(store->GetHead().position, appends);
  EXPECT_LT(groups, appends);
  std::printf("%llu appends committed in %llu groups\n",
              static_cast<unsigned long long>(appends),
              static_cast<unsigned long long>(groups));
}

TEST(ConcurrencyTest, WaitForPositionWakesWhenGroupCommits) {
  testing::TempDir dir;
  auto store = testing::OpenOrDie(testing::TestOptions(), dir.ledger());
  ASSERT_NE(store, nullptr);
  std::thread waiter([&] { EXPECT_GE(store->WaitForPosition(2, 10'000), 2u); });
  auto events = testing::EmployeeHistory("a", 1, 1);
  ASSERT_TRUE(store->Append(EmpStream(1), ExpectedVersion::Any(), events).ok());
  waiter.join();
}

TEST(ConcurrencyTest, ConcurrentRetriesOfSameEventsRecordThemOnce) {
  // Every thread submits the same 50 calls (a retry storm): requests in one
  // commit group see each other's event ids, so each event is recorded once
  // and every caller gets the same positions.
  constexpr int kCalls = 50;
  testing::TempDir dir;
  StoreOptions options = testing::TestOptions();
  options.sync = true;  // slow commits put many retries into one group
  auto store = testing::OpenOrDie(options, dir.ledger());
  ASSERT_NE(store, nullptr);
  std::vector<NewEvent> first;
  first.push_back(testing::Recruited("r1", testing::Nip(1)));
  ASSERT_TRUE(store->Append(EmpStream(1), ExpectedVersion::NoStream(), first).ok());

  std::vector<std::vector<uint64_t>> seen(kThreads, std::vector<uint64_t>(kCalls));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        std::vector<NewEvent> events;
        events.push_back(testing::TrainingCompleted("x" + std::to_string(i), "course"));
        auto r = store->Append(EmpStream(1), ExpectedVersion::Any(), events);
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        seen[t][i] = r->positions[0];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(store->GetHead().position, 1u + kCalls);
  for (int t = 1; t < kThreads; ++t) EXPECT_EQ(seen[t], seen[0]);
  VerifyReport report;
  EXPECT_TRUE(store->Verify(&report).ok());
}

TEST(ConcurrencyTest, AppendLargerThanGroupLimitFormsItsOwnGroup) {
  testing::TempDir dir;
  StoreOptions options = testing::TestOptions();
  options.max_group_events = 4;
  options.max_group_bytes = 4096;
  auto store = testing::OpenOrDie(options, dir.ledger());
  ASSERT_NE(store, nullptr);
  auto events = testing::EmployeeHistory("a", 1, 24);
  auto r = store->Append(EmpStream(1), ExpectedVersion::NoStream(), events);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->positions.size(), 25u);
  EXPECT_EQ(r->last_position, 25u);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto mine = testing::EmployeeHistory("t" + std::to_string(t), t + 2, 6);
      EXPECT_TRUE(store->Append(EmpStream(t + 2), ExpectedVersion::NoStream(), mine).ok());
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(store->GetHead().position, 25u + kThreads * 7);
  VerifyReport report;
  EXPECT_TRUE(store->Verify(&report).ok());
}

}  // namespace
}  // namespace jejak::store
