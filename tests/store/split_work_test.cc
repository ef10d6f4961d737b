// SplitInTwo and HelperThread: every index of [0, n) is worked on exactly
// once, the second half on another thread, and a HelperThread serves many
// calls in a row.
#include <gtest/gtest.h>

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

TEST(SplitWorkTest, SplitInTwoCoversEveryItemOnce) {
  for (size_t n : {0, 1, 2, 7, 64, 1001}) {
    ExpectSplit(n, [](size_t m, auto&& work) { SplitInTwo(m, work); });
  }
}

TEST(SplitWorkTest, HelperThreadServesManyCalls) {
  HelperThread helper;
  for (int round = 0; round < 200; ++round) {
    for (size_t n : {0, 1, 3, 64, 999}) {
      ExpectSplit(n, [&](size_t m, auto&& work) { helper.SplitInTwo(m, work); });
    }
  }
}

}  // namespace
}  // namespace jejak::store
