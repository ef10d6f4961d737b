// HelperThread and SharedHelper: every index of [0, n) is worked on exactly
// once, the second half on another thread, a helper serves many calls in
// a row, and a SharedHelper taken by one caller lets another run its whole
// split on its own thread.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "store/split_work.h"

namespace jejak::store {
namespace {

// Runs `split` over n items; checks coverage and which thread did what.
template <typename Split>
void ExpectSplit(size_t n, Split&& split) {
  std::vector<int> seen(n, 0);
  std::thread::id ids[2];
  size_t ends[2] = {};
  split(n, [&](size_t half, size_t begin, size_t end) {
    ids[half] = std::this_thread::get_id();
    ends[half] = end;
    EXPECT_EQ(begin, half == 0 ? 0 : n / 2);
    for (size_t i = begin; i < end; ++i) ++seen[i];
  });
  for (size_t i = 0; i < n; ++i) ASSERT_EQ(seen[i], 1) << "item " << i << " of " << n;
  EXPECT_EQ(ends[0], n / 2);
  EXPECT_EQ(ends[1], n);
  EXPECT_EQ(ids[0], std::this_thread::get_id());
  EXPECT_NE(ids[1], std::this_thread::get_id());
}

TEST(SplitWorkTest, HelperThreadServesManyCalls) {
  HelperThread helper;
  for (int round = 0; round < 200; ++round) {
    for (size_t n : {0, 1, 3, 64, 999}) {
      ExpectSplit(n, [&](size_t m, auto&& work) { helper.SplitInTwo(m, work); });
    }
  }
}

TEST(SplitWorkTest, SharedHelperSplitsWhenFree) {
  SharedHelper shared;
  for (size_t n : {0, 1, 2, 7, 64, 1001}) {
    ExpectSplit(n, [&](size_t m, auto&& work) { shared.SplitInTwo(m, work); });
  }
}

TEST(SplitWorkTest, SharedHelperTakenRunsBothHalvesOnTheCaller) {
  SharedHelper shared;
  std::mutex mu;
  std::condition_variable cv;
  bool inside = false, release = false;
  // The first caller holds the helper until the second has finished.
  std::thread first([&] {
    shared.SplitInTwo(2, [&](size_t half, size_t, size_t) {
      if (half != 0) return;
      std::unique_lock lock(mu);
      inside = true;
      cv.notify_all();
      cv.wait(lock, [&] { return release; });
    });
  });
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return inside; });
  }
  const size_t n = 11;
  std::vector<int> seen(n, 0);
  std::vector<size_t> halves;
  const std::thread::id caller = std::this_thread::get_id();
  shared.SplitInTwo(n, [&](size_t half, size_t begin, size_t end) {
    EXPECT_EQ(std::this_thread::get_id(), caller);
    halves.push_back(half);
    EXPECT_EQ(begin, half == 0 ? 0 : n / 2);
    EXPECT_EQ(end, half == 0 ? n / 2 : n);
    for (size_t i = begin; i < end; ++i) ++seen[i];
  });
  EXPECT_EQ(halves, (std::vector<size_t>{0, 1}));  // both here, in order
  for (size_t i = 0; i < n; ++i) EXPECT_EQ(seen[i], 1) << i;
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  first.join();
}

}  // namespace
}  // namespace jejak::store
