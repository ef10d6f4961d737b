// EventStore::Upgrade (docs/format.md "Upgrade from v1"): a v1 ledger (the
// v2 one with every tree key removed and the v1 format key) is refused by
// Open naming `jejak upgrade`; Upgrade adds the tree, resumably (a child
// SIGKILLed at random moments, then a last run), without touching a byte
// of the log family; the result verifies and its root is RFC 6962's MTH
// of the entries.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "jejak/integrity/merkle.h"
#include "jejak/store/event_store.h"
#include "store/keys.h"
#include "store/raw_db.h"
#include "store/test_events.h"

namespace jejak::store {
namespace {

namespace fs = std::filesystem;

// Appends 10 employee histories (personal entries at 1, 11, ...) and
// `units` unit events, closes, and turns the ledger into a v1 one.
void MakeV1Ledger(const std::string& path, size_t units) {
  {
    auto store = testing::OpenOrDie(testing::TestOptions(), path);
    ASSERT_NE(store, nullptr);
    for (int e = 1; e <= 10; ++e) {
      auto events = testing::EmployeeHistory("e" + std::to_string(e), e, 9);
      ASSERT_TRUE(store->Append(testing::EmpStream(e), ExpectedVersion::NoStream(), events).ok());
    }
    for (size_t done = 0; done < units; done += 5000) {
      auto events = testing::UnitEvents("u" + std::to_string(done), std::min<size_t>(5000, units - done));
      ASSERT_TRUE(store->Append("org/bkd", ExpectedVersion::Any(), events).ok());
    }
  }
  testing::RawDb raw(path);
  std::vector<std::string> doomed;
  std::unique_ptr<rocksdb::Iterator> it(
      raw.db()->NewIterator(rocksdb::ReadOptions(), raw.family(kFamilyIntegrity)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::string key = it->key().ToString();
    if (key != kHeadKey) doomed.push_back(key);
  }
  for (const auto& key : doomed) {
    ASSERT_TRUE(key.starts_with(kTilePrefix) || key.starts_with(kSaltPrefix) || key == kTreeKey ||
                key.starts_with(kCheckpointPrefix) || key == kVerifierKeyKey)
        << key;
    raw.Delete(kFamilyIntegrity, key);
  }
  raw.Put(rocksdb::kDefaultColumnFamilyName, kFormatKey, kFormatValueV1);
}

// Every key and value of `family`.
std::map<std::string, std::string> FamilyContents(const std::string& path,
                                                  const std::string& family) {
  testing::RawDb raw(path);
  std::map<std::string, std::string> out;
  std::unique_ptr<rocksdb::Iterator> it(
      raw.db()->NewIterator(rocksdb::ReadOptions(), raw.family(family)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) out[it->key().ToString()] = it->value().ToString();
  EXPECT_TRUE(it->status().ok());
  return out;
}

// Opens `path`, verifies it and checks its root against the naive MTH of
// its entries.
void ExpectUpgradedLedger(const std::string& path, uint64_t events) {
  auto store = testing::OpenOrDie(testing::TestOptions(), path);
  ASSERT_NE(store, nullptr);
  ASSERT_EQ(store->GetHead().position, events);
  VerifyReport report;
  Status s = store->Verify(&report);
  ASSERT_TRUE(s.ok()) << s.ToString();
  const Hash naive = testing::NaiveTreeRoot(testing::EntryLeafHashes(*store, events));
  EXPECT_EQ(ToHex(store->GetHead().tree_root), ToHex(naive));
  EXPECT_EQ(ToHex(report.head.tree_root), ToHex(naive));
  // The ledger keeps growing as a v2 one.
  auto more = testing::UnitEvents("after-upgrade", 300);
  ASSERT_TRUE(store->Append("org/bkd", ExpectedVersion::Any(), more).ok());
  ASSERT_TRUE(store->Verify(&report).ok());
}

TEST(UpgradeTest, V1LedgerIsRefusedByOpenNamingUpgrade) {
  testing::TempDir dir;
  MakeV1Ledger(dir.ledger(), 50);
  auto store = EventStore::Open(testing::TestOptions(), dir.ledger());
  ASSERT_TRUE(store.status().IsInvalidArgument()) << store.status().ToString();
  EXPECT_NE(store.status().message().find("jejak upgrade"), std::string::npos);
}

TEST(UpgradeTest, UpgradeAddsTheTreeAndLeavesTheLogAlone) {
  testing::TempDir dir;
  MakeV1Ledger(dir.ledger(), 500);
  const auto log_before = FamilyContents(dir.ledger(), kFamilyLog);
  const auto streams_before = FamilyContents(dir.ledger(), kFamilyStreams);
  std::vector<std::pair<uint64_t, uint64_t>> progress;
  auto added = EventStore::Upgrade(testing::TestOptions(), dir.ledger(),
                                   [&](uint64_t done, uint64_t total) {
                                     progress.emplace_back(done, total);
                                   });
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(*added, 600u);
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back(), std::make_pair(uint64_t{600}, uint64_t{600}));
  EXPECT_EQ(FamilyContents(dir.ledger(), kFamilyLog), log_before);
  EXPECT_EQ(FamilyContents(dir.ledger(), kFamilyStreams), streams_before);
  {
    testing::RawDb raw(dir.ledger());
    EXPECT_EQ(raw.Get(rocksdb::kDefaultColumnFamilyName, kFormatKey), kFormatValue);
  }
  ExpectUpgradedLedger(dir.ledger(), 600);
}

TEST(UpgradeTest, UpgradeOfEmptyV1LedgerMakesTheEmptyTree) {
  testing::TempDir dir;
  {
    auto store = testing::OpenOrDie(testing::TestOptions(), dir.ledger());
    ASSERT_NE(store, nullptr);
  }
  {
    testing::RawDb raw(dir.ledger());
    raw.Put(rocksdb::kDefaultColumnFamilyName, kFormatKey, kFormatValueV1);
  }
  auto added = EventStore::Upgrade(testing::TestOptions(), dir.ledger());
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(*added, 0u);
  auto store = testing::OpenOrDie(testing::TestOptions(), dir.ledger());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(ToHex(store->GetHead().tree_root), ToHex(integrity::EmptyTreeHash()));
}

TEST(UpgradeTest, UpgradeOfCurrentLedgerReturnsZeroAndChangesNothing) {
  testing::TempDir dir;
  {
    auto store = testing::OpenOrDie(testing::TestOptions(), dir.ledger());
    ASSERT_NE(store, nullptr);
    auto events = testing::EmployeeHistory("e", 1, 20);
    ASSERT_TRUE(store->Append(testing::EmpStream(1), ExpectedVersion::NoStream(), events).ok());
  }
  const auto before = FamilyContents(dir.ledger(), kFamilyIntegrity);
  auto added = EventStore::Upgrade(testing::TestOptions(), dir.ledger());
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(*added, 0u);
  EXPECT_EQ(FamilyContents(dir.ledger(), kFamilyIntegrity), before);
}

TEST(UpgradeTest, UpgradeOfMissingLedgerIsNotFound) {
  testing::TempDir dir;
  auto added = EventStore::Upgrade(testing::TestOptions(), dir.ledger());
  EXPECT_TRUE(added.status().IsNotFound()) << added.status().ToString();
  EXPECT_FALSE(fs::exists(dir.ledger() + "/CURRENT"));
}

// ---- resumability: an upgrade SIGKILLed at random moments ----
//
// The upgrade runs in a child that execs this test binary afresh (running
// only UpgradeChild.RunsUpgradeWhenAsked): a child merely forked from a
// process with RocksDB threads would find no background thread to flush
// with when it closes the database.

constexpr char kChildPathVar[] = "JEJAK_UPGRADE_CHILD_PATH";
constexpr char kChildFdVar[] = "JEJAK_UPGRADE_CHILD_FD";

// In the child: runs Upgrade, writing each progress report to the pipe.
TEST(UpgradeChild, RunsUpgradeWhenAsked) {
  const char* path = std::getenv(kChildPathVar);
  const char* fd_text = std::getenv(kChildFdVar);
  if (path == nullptr || fd_text == nullptr) {
    GTEST_SKIP() << "the child of UpgradeTest.UpgradeKilledAtRandomMomentsResumesAndVerifies";
  }
  const int fd = std::atoi(fd_text);
  auto added = EventStore::Upgrade(testing::TestOptions(), path, [&](uint64_t done, uint64_t) {
    if (write(fd, &done, sizeof done) != sizeof done) _exit(3);
  });
  ASSERT_TRUE(added.ok()) << added.status().ToString();
}

// Runs an upgrade child and SIGKILLs it after `reports` progress reports
// and then `delay_us`; returns the reports it saw.
std::vector<uint64_t> RunKilledUpgrade(const std::string& path, size_t reports, int delay_us) {
  std::vector<uint64_t> seen;
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  const pid_t pid = fork();
  EXPECT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    setenv(kChildPathVar, path.c_str(), 1);
    setenv(kChildFdVar, std::to_string(fds[1]).c_str(), 1);
    execl("/proc/self/exe", "upgrade-child", "--gtest_filter=UpgradeChild.RunsUpgradeWhenAsked",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  bool killed = false;
  auto kill_now = [&] {
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
    kill(pid, SIGKILL);
    killed = true;
  };
  if (reports == 0) kill_now();
  uint64_t done = 0;
  while (read(fds[0], &done, sizeof done) == sizeof done) {
    seen.push_back(done);
    if (!killed && seen.size() == reports) kill_now();
  }
  close(fds[0]);
  int wstatus = 0;
  EXPECT_EQ(waitpid(pid, &wstatus, 0), pid);
  EXPECT_TRUE(WIFSIGNALED(wstatus) || (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0))
      << "child status " << wstatus;
  return seen;
}

TEST(UpgradeTest, UpgradeKilledAtRandomMomentsResumesAndVerifies) {
  constexpr uint64_t kEvents = 100 + 50'000;
  testing::TempDir dir;
  MakeV1Ledger(dir.ledger(), kEvents - 100);
  if (::testing::Test::HasFatalFailure()) return;
  const std::string copy = dir.path() + "/v1-copy";
  fs::copy(dir.ledger(), copy, fs::copy_options::recursive);

  std::mt19937 rng(std::random_device{}());
  uint64_t last_report = 0;
  // Killed early, then after a batch and a random delay (mid-batch or
  // later): each run resumes from the last synced batch of the one before.
  for (size_t reports : {size_t{0}, size_t{1}, size_t{1}, size_t{1}}) {
    const int delay_us = static_cast<int>(rng() % (reports == 0 ? 300000 : 100000));
    const auto seen = RunKilledUpgrade(dir.ledger(), reports, delay_us);
    if (::testing::Test::HasFailure()) return;
    for (uint64_t done : seen) {
      EXPECT_GT(done, last_report) << "an upgrade redid a synced batch";
      last_report = done;
    }
  }
  // Where the killed runs left the tree: at least their last report (a run
  // killed between a batch's write and its report, or after its last
  // report but before it set the format key, leaves more).
  uint64_t tree_size = 0;
  {
    testing::RawDb raw(dir.ledger());
    const std::string value = raw.Get(kFamilyIntegrity, kTreeKey);
    Hash root;
    ASSERT_TRUE(DecodeTree(value, &tree_size, &root));
  }
  EXPECT_GE(tree_size, last_report);
  auto added = EventStore::Upgrade(testing::TestOptions(), dir.ledger());
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_LT(*added, kEvents) << "no killed run made progress";
  EXPECT_EQ(*added, kEvents - tree_size);
  EXPECT_EQ(FamilyContents(dir.ledger(), kFamilyLog), FamilyContents(copy, kFamilyLog));
  ExpectUpgradedLedger(dir.ledger(), kEvents);
}

}  // namespace
}  // namespace jejak::store
