// SortNipOrderedByKey gives exactly SortByKey's order: on the mutations a
// rebuild's shard makes (index keys of employees added in NIP order) and on
// inputs that break its assumption (it must notice and fall back). MergeRuns
// gives the key order of the union of sorted runs, whether they interleave
// in long blocks (shards of NIP ranges) or key by key.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "projection/batch_writer.h"

namespace jejak::projection {
namespace {

std::string Nip(uint64_t n) {
  std::string s = std::to_string(n);
  return std::string(18 - s.size(), '0') + s;
}

// Index-like prefixes of several shapes: tags with a byte, with a date, with
// 0x00-terminated names.
std::string Prefix(std::mt19937_64& rng) {
  switch (rng() % 4) {
    case 0: return std::string("ir") + static_cast<char>(rng() % 20);
    case 1: {
      std::string k = "ie";
      for (int i = 0; i < 4; ++i) k.push_back(static_cast<char>(rng() % 3));
      return k;
    }
    case 2: return "ia" + std::string(1 + rng() % 3, static_cast<char>('a' + rng() % 3)) + std::string(1, '\0');
    default: return "iu" + std::string(1, static_cast<char>('a' + rng() % 2)) + std::string(1, '\0') +
                    std::string(rng() % 3, 'u') + std::string(1, '\0');
  }
}

// `employees` employees in NIP order, each with up to 7 keys of distinct
// prefixes (a profile's index entries).
std::vector<std::string> ShardKeys(std::mt19937_64& rng, size_t employees) {
  std::vector<std::string> keys;
  for (size_t e = 0; e < employees; ++e) {
    const std::string nip = Nip(1000 + e * 7);
    std::vector<std::string> mine;
    for (size_t k = rng() % 8; k > 0; --k) {
      std::string key = Prefix(rng) + nip;
      if (std::find(mine.begin(), mine.end(), key) == mine.end()) mine.push_back(key);
    }
    std::sort(mine.begin(), mine.end());
    keys.insert(keys.end(), mine.begin(), mine.end());
  }
  return keys;
}

std::vector<Mutation> MutationsOf(const std::vector<std::string>& keys) {
  std::vector<Mutation> muts;
  for (size_t i = 0; i < keys.size(); ++i) muts.push_back({keys[i], keys[i], i % 5 == 0});
  return muts;
}

void ExpectSameOrderAsSortByKey(const std::vector<std::string>& keys) {
  std::vector<Mutation> expected = MutationsOf(keys), actual = MutationsOf(keys);
  SortByKey(expected);
  SortNipOrderedByKey(actual);
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    ASSERT_EQ(actual[i].key, expected[i].key) << "at " << i;
    ASSERT_EQ(actual[i].value, expected[i].value) << "at " << i;
    ASSERT_EQ(actual[i].erase, expected[i].erase) << "at " << i;
  }
}

TEST(SortNipOrderedByKeyTest, ShardOfEmployeesInNipOrderComesOutInKeyOrder) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 50; ++round) ExpectSameOrderAsSortByKey(ShardKeys(rng, 1 + rng() % 300));
}

TEST(SortNipOrderedByKeyTest, EmployeesOutOfNipOrderFallBackToAFullSort) {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 50; ++round) {
    std::vector<std::string> keys = ShardKeys(rng, 2 + rng() % 300);
    std::shuffle(keys.begin(), keys.end(), rng);
    ExpectSameOrderAsSortByKey(keys);
  }
}

TEST(SortNipOrderedByKeyTest, PrefixesThatExtendEachOtherFallBackToAFullSort) {
  // Prefixes "ab" and "ab0": grouped, every "ab" key would come first, but
  // "ab0" + NIP 2 sorts before "ab" + NIP 1 (byte 20: '0' < '1').
  ExpectSameOrderAsSortByKey({"ab" + Nip(1), "ab0" + Nip(2), "ab" + Nip(900000000000000000)});
  ExpectSameOrderAsSortByKey({"ab0" + Nip(5), "ab" + Nip(900000000000000000), "ab" + Nip(1)});
}

TEST(SortNipOrderedByKeyTest, ShortKeysAndEmptyInput) {
  ExpectSameOrderAsSortByKey({});
  ExpectSameOrderAsSortByKey({"c", "b" + Nip(3), "a"});
}

// Splits `keys` (sorted, distinct) among `runs` runs, each run sorted:
// either in contiguous blocks of up to `block` keys dealt out at random, or
// (block 0) as a rebuild's shards: run r holds the keys whose NIP is in the
// r-th NIP range.
std::vector<std::vector<Mutation>> SplitIntoRuns(std::mt19937_64& rng, const std::vector<std::string>& keys,
                                                 size_t runs, size_t block) {
  std::vector<std::vector<Mutation>> out(runs);
  for (size_t i = 0; i < keys.size();) {
    if (block == 0) {
      const uint64_t nip = std::stoull(keys[i].substr(keys[i].size() - 18));
      out[std::min<size_t>(runs - 1, (nip - 1000) * runs / 2100)].push_back({keys[i], keys[i], i % 3 == 0});
      ++i;
      continue;
    }
    const size_t r = rng() % runs;
    for (size_t n = 1 + rng() % block; n > 0 && i < keys.size(); --n, ++i) {
      out[r].push_back({keys[i], keys[i], i % 3 == 0});
    }
  }
  return out;
}

TEST(MergeRunsTest, GivesTheKeyOrderOfTheUnionHoweverTheRunsInterleave) {
  std::mt19937_64 rng(13);
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> keys = ShardKeys(rng, rng() % 300);  // NIPs 1000 .. 3093
    std::sort(keys.begin(), keys.end());
    const size_t runs = 1 + rng() % 4;
    const size_t block = std::vector<size_t>{0, 1, 2, 5, 40, 1000}[rng() % 6];
    SCOPED_TRACE("round " + std::to_string(round) + ", runs " + std::to_string(runs) + ", block " +
                 std::to_string(block));
    const auto split = SplitIntoRuns(rng, keys, runs, block);
    const std::vector<const Mutation*> merged = MergeRuns(split);
    ASSERT_EQ(merged.size(), keys.size());
    for (size_t i = 0; i < keys.size(); ++i) {
      ASSERT_EQ(merged[i]->key, keys[i]) << "at " << i;
      ASSERT_EQ(merged[i]->value, keys[i]) << "at " << i;
    }
  }
}

TEST(MergeRunsTest, EmptyRunsAndNoRuns) {
  EXPECT_TRUE(MergeRuns({}).empty());
  EXPECT_TRUE(MergeRuns(std::vector<std::vector<Mutation>>(2)).empty());
  std::vector<std::vector<Mutation>> runs(4);
  runs[1] = {Mutation{"a", "a"}, Mutation{"c", "c"}};
  runs[3] = {Mutation{"b", "b"}};
  const auto merged = MergeRuns(runs);
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged[0]->key, "a");
  EXPECT_EQ(merged[1]->key, "b");
  EXPECT_EQ(merged[2]->key, "c");
}

}  // namespace
}  // namespace jejak::projection
