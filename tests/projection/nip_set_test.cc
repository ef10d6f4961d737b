// NipSet: a rebuild's record of the NIPs written so far. A NIP reported
// absent must never have been added (else a later batch would fold an
// employee from nothing over its stored profile).
#include "projection/nip_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace jejak::projection {
namespace {

std::string Nip(uint64_t n) {
  std::string s = std::to_string(n);
  return std::string(18 - s.size(), '0') + s;
}

TEST(NipSetTest, HoldsExactlyWhatWasAddedOverManyBatches) {
  std::mt19937_64 rng(7);
  NipSet set;
  std::set<std::string> added;
  std::vector<std::string> storage;
  for (int batch = 0; batch < 20; ++batch) {
    std::vector<std::string> nips;
    for (int i = 0; i < 300; ++i) nips.push_back(Nip(rng() % 5000));  // repeats within and across batches
    if (batch % 2 == 0) std::sort(nips.begin(), nips.end());          // sorted and unsorted input
    std::vector<std::string_view> views(nips.begin(), nips.end());
    set.Add(views);
    added.insert(nips.begin(), nips.end());
    ASSERT_EQ(set.size(), added.size()) << "batch " << batch;
    for (uint64_t n = 0; n < 5000; ++n) {
      ASSERT_EQ(set.MayContain(Nip(n)), added.contains(Nip(n))) << Nip(n) << ", batch " << batch;
    }
  }
}

TEST(NipSetTest, AnEmptySetHoldsNothing) {
  NipSet set;
  EXPECT_FALSE(set.MayContain(Nip(1)));
  set.Add({});
  EXPECT_EQ(set.size(), 0u);
  EXPECT_FALSE(set.MayContain(Nip(0)));
}

TEST(NipSetTest, ANipOfAnotherSizeIsNeverHeldAndAlwaysMayBe) {
  NipSet set;
  const std::string short_nip = "19800101";
  set.Add({short_nip, Nip(42)});
  EXPECT_EQ(set.size(), 1u);
  EXPECT_TRUE(set.MayContain(short_nip));  // unknown: the caller reads the family
  EXPECT_TRUE(set.MayContain("1234567890123456789"));
  EXPECT_TRUE(set.MayContain(Nip(42)));
  EXPECT_FALSE(set.MayContain(Nip(43)));
}

}  // namespace
}  // namespace jejak::projection
