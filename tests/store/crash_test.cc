// Crash test: a child process appends with sync=true and reports every
// acknowledged append through a pipe; the parent SIGKILLs it at a random
// moment, several rounds on the same ledger (each child recovers what the
// previous one left). At the end every acknowledged event must be present
// with identical content, and Verify must pass.
//
// The parent opens nothing before the last fork (a forked child of a
// multi-threaded process could inherit locked mutexes); children _exit.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>

#include <capnp/message.h>

#include "jejak/integrity/note.h"
#include "jejak/store/event_store.h"
#include "store/test_events.h"

namespace jejak::store {
namespace {

constexpr int kRounds = 3;
constexpr int kChildThreads = 2;
constexpr int kStreamsPerThread = 3;
// A child stops by itself after this long (a bound if the parent is slow).
constexpr auto kChildLifetime = std::chrono::seconds(20);

// One acknowledged append, as the child reports it.
struct Ack {
  uint32_t round;
  uint32_t batch;
  uint32_t stream;  // index, see StreamOf
  uint32_t count;
  uint32_t recruit;  // 1: the batch starts with the stream's `recruited`
  uint32_t pad;
  uint64_t first_position;
};
static_assert(sizeof(Ack) == 32);

std::string StreamOf(uint32_t index) {
  // Even: agency streams (no first-event rule); odd: employee streams.
  if (index % 2 == 0) return "org/crash-" + std::to_string(index);
  return testing::EmpStream(static_cast<int>(index));
}

// The deterministic content of a batch: the parent rebuilds it to compare.
std::vector<NewEvent> MakeBatch(const Ack& a) {
  std::vector<NewEvent> events;
  const std::string base = "r" + std::to_string(a.round) + "-s" + std::to_string(a.stream) +
                           "-b" + std::to_string(a.batch) + "-";
  for (uint32_t i = 0; i < a.count; ++i) {
    const std::string id = base + std::to_string(i);
    if (i == 0 && a.recruit == 1) {
      events.push_back(testing::Recruited(id, testing::Nip(static_cast<int>(a.stream))));
    } else if (a.stream % 2 == 0) {
      events.push_back(testing::UnitDefined(id, "unit-" + std::to_string(a.batch * 100 + i)));
    } else {
      events.push_back(testing::TrainingCompleted(id, "course " + id));
    }
  }
  return events;
}

// Child: appends until killed (or kChildLifetime). Exit code 2: open failed.
[[noreturn]] void RunChild(const std::string& path, uint32_t round, int ack_fd) {
  StoreOptions options = testing::TestOptions();
  options.sync = true;
  auto opened = EventStore::Open(options, path);
  if (!opened.ok()) {
    std::fprintf(stderr, "child: %s\n", opened.status().ToString().c_str());
    _exit(2);
  }
  std::unique_ptr<EventStore> store = std::move(opened).value();
  std::mutex pipe_mu;
  const auto deadline = std::chrono::steady_clock::now() + kChildLifetime;
  std::vector<std::thread> threads;
  for (int t = 0; t < kChildThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(round * 1000 + t);
      for (uint32_t batch = 0; std::chrono::steady_clock::now() < deadline; ++batch) {
        Ack a{};
        a.round = round;
        a.batch = batch;
        a.stream = 1 + t * kStreamsPerThread + rng() % kStreamsPerThread;
        a.count = 1 + rng() % 50;
        const std::string stream = StreamOf(a.stream);
        a.recruit = a.stream % 2 == 1 && store->GetStreamInfo(stream).status().IsNotFound();
        auto events = MakeBatch(a);
        auto r = store->Append(stream, ExpectedVersion::Any(), events);
        if (!r.ok()) {
          std::fprintf(stderr, "child: %s\n", r.status().ToString().c_str());
          _exit(3);
        }
        a.first_position = r->positions[0];
        std::lock_guard lock(pipe_mu);
        if (write(ack_fd, &a, sizeof a) != sizeof a) _exit(4);
      }
    });
  }
  for (auto& th : threads) th.join();
  _exit(0);
}

// Runs one child until it has acknowledged about `kill_after` appends,
// kills it, and collects every ack it wrote.
void RunRound(const std::string& path, uint32_t round, std::vector<Ack>* acks) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    RunChild(path, round, fds[1]);
  }
  close(fds[1]);
  std::mt19937 rng(round + 17);
  const size_t kill_after = 150 + rng() % 250;
  size_t seen = 0;
  bool killed = false;
  Ack a;
  for (;;) {
    size_t got = 0;
    while (got < sizeof a) {
      const ssize_t n = read(fds[0], reinterpret_cast<char*>(&a) + got, sizeof a - got);
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    if (got < sizeof a) break;  // EOF: the child is gone
    acks->push_back(a);
    if (++seen == kill_after && !killed) {
      std::this_thread::sleep_for(std::chrono::microseconds(rng() % 3000));
      kill(pid, SIGKILL);
      killed = true;
    }
  }
  close(fds[0]);
  int wstatus = 0;
  ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
  EXPECT_TRUE(killed) << "round " << round << ": child ended after " << seen << " acks";
  if (killed) {
    EXPECT_TRUE(WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL)
        << "round " << round << ": child exited with " << WEXITSTATUS(wstatus);
  }
}

template <typename Reader>
bool CanonicallyEqual(Reader a, Reader b) {
  auto x = capnp::canonicalize(a);
  auto y = capnp::canonicalize(b);
  return x.asBytes() == y.asBytes();
}

TEST(CrashTest, AcknowledgedAppendsSurviveKill) {
  testing::TempDir dir;
  std::vector<Ack> acks;
  for (uint32_t round = 0; round < kRounds; ++round) {
    RunRound(dir.ledger(), round, &acks);
    if (::testing::Test::HasFatalFailure()) return;
  }
  ASSERT_GE(acks.size(), static_cast<size_t>(kRounds) * 150);

  // Every fork is done: the parent may open the ledger now.
  auto store = testing::OpenOrDie(testing::TestOptions(), dir.ledger());
  ASSERT_NE(store, nullptr);
  uint64_t checked = 0;
  for (const Ack& a : acks) {
    const auto events = MakeBatch(a);
    for (uint32_t i = 0; i < a.count; ++i) {
      const uint64_t position = a.first_position + i;
      auto rec = store->ReadAt(position);
      ASSERT_TRUE(rec.ok()) << "acknowledged position " << position << ": "
                            << rec.status().ToString();
      const auto got = rec->event();
      const auto want = events[i].reader();
      ASSERT_EQ(std::string(got.getEventId().cStr()), std::string(want.getEventId().cStr()))
          << "position " << position;
      EXPECT_EQ(std::string(got.getStream().cStr()), StreamOf(a.stream));
      EXPECT_TRUE(CanonicallyEqual(got.getPayload(), want.getPayload())) << position;
      EXPECT_TRUE(CanonicallyEqual(got.getActor(), want.getActor())) << position;
      EXPECT_EQ(got.getEffectiveDate().getYyyymmdd(), want.getEffectiveDate().getYyyymmdd());
      ++checked;
    }
  }
  // Open checked that the Merkle tree has as many entries as the log;
  // Verify recomputed it from the entries.
  VerifyReport report;
  Status s = store->Verify(&report);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_GE(report.events_checked, checked);
  EXPECT_EQ(report.head.position, store->GetHead().position);
  EXPECT_EQ(ToHex(report.head.tree_root), ToHex(store->GetHead().tree_root));
  auto root = store->TreeRoot(store->GetHead().position);
  ASSERT_TRUE(root.ok()) << root.status().ToString();
  EXPECT_EQ(ToHex(*root), ToHex(report.head.tree_root));
  std::printf("%zu acknowledged appends, %llu events checked, %llu in the log\n",
              acks.size(), static_cast<unsigned long long>(checked),
              static_cast<unsigned long long>(report.events_checked));
}

// ---- a lost WAL (issue: "truncating or deleting RocksDB's newest WAL
// silently drops thousands of acknowledged events with verify still
// passing") ----

namespace fs = std::filesystem;

// The WAL file with the highest number in `dir` ("" when none).
std::string NewestWal(const std::string& dir) {
  std::string newest;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 4 && name.ends_with(".log") && name > fs::path(newest).filename().string()) {
      newest = entry.path().string();
    }
  }
  return newest;
}

enum class WalLoss { kDeleted, kTruncatedToHalf };

void LoseNewestWal(const std::string& dir, WalLoss loss) {
  const std::string wal = NewestWal(dir);
  ASSERT_FALSE(wal.empty()) << "no WAL in " << dir;
  if (loss == WalLoss::kDeleted) {
    fs::remove(wal);
  } else {
    fs::resize_file(wal, fs::file_size(wal) / 2);
  }
}

constexpr int kWalCalls = 6;
constexpr int kWalEventsPerCall = 200;

// Child: appends kWalCalls synced calls (signing a checkpoint of size 800
// after the fourth when `sign`), then exits without closing the store, as a crash
// would. Exit code 0 after the last acknowledgement.
[[noreturn]] void AppendThenVanish(const std::string& path, bool sign) {
  StoreOptions options = testing::TestOptions();
  options.sync = true;
  auto store = EventStore::Open(options, path);
  if (!store.ok()) _exit(2);
  auto key = integrity::GenerateNoteKey("bkd.jabar.go.id/jejak");
  if (!key.ok()) _exit(3);
  auto signer = integrity::ParseSignerKey(key->signer_key);
  if (!signer.ok()) _exit(3);
  for (int call = 0; call < kWalCalls; ++call) {
    auto events = testing::UnitEvents("w" + std::to_string(call), kWalEventsPerCall);
    if (!(*store)->Append("org/wal", ExpectedVersion::Any(), events).ok()) _exit(4);
    if (sign && call == 3 && !(*store)->SignCheckpoint(*signer).ok()) _exit(5);
  }
  _exit(0);  // no close: every acknowledged group is in the live WAL only
}

void RunVanishingChild(const std::string& path, bool sign) {
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) AppendThenVanish(path, sign);
  int wstatus = 0;
  ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
  ASSERT_TRUE(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) << "child status " << wstatus;
}

// A clean close leaves no acknowledged event in the WAL alone (the store
// flushes its families when it closes), so losing the newest WAL after it
// loses nothing. Before, the last groups lived only in the WAL until the
// next open, and deleting it opened a shorter ledger that verified.
TEST(WalLossTest, NewestWalLostAfterCleanCloseLosesNoEvent) {
  for (WalLoss loss : {WalLoss::kDeleted, WalLoss::kTruncatedToHalf}) {
    SCOPED_TRACE(loss == WalLoss::kDeleted ? "deleted" : "truncated");
    testing::TempDir dir;
    StoreOptions options = testing::TestOptions();
    options.sync = true;
    {
      auto store = testing::OpenOrDie(options, dir.ledger());
      ASSERT_NE(store, nullptr);
      for (int call = 0; call < kWalCalls; ++call) {
        auto events = testing::UnitEvents("w" + std::to_string(call), kWalEventsPerCall);
        ASSERT_TRUE(store->Append("org/wal", ExpectedVersion::Any(), events).ok());
      }
    }
    LoseNewestWal(dir.ledger(), loss);
    auto store = EventStore::Open(options, dir.ledger());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ((*store)->GetHead().position, uint64_t{kWalCalls} * kWalEventsPerCall);
    VerifyReport report;
    EXPECT_TRUE((*store)->Verify(&report).ok());
  }
}

// After a crash the acknowledged groups since the last flush are only in
// the live WAL, which RocksDB 7.8 does not track in the MANIFEST
// (track_and_verify_wals_in_manifest records the synced size of closed
// WALs only): losing it is caught by the checkpoint file when a checkpoint
// was signed above what is left.
TEST(WalLossTest, NewestWalLostAfterCrashBelowTheFiledCheckpointFailsOpen) {
  for (WalLoss loss : {WalLoss::kDeleted, WalLoss::kTruncatedToHalf}) {
    SCOPED_TRACE(loss == WalLoss::kDeleted ? "deleted" : "truncated");
    testing::TempDir dir;
    RunVanishingChild(dir.ledger(), /*sign=*/true);
    if (::testing::Test::HasFatalFailure()) return;
    LoseNewestWal(dir.ledger(), loss);
    auto store = EventStore::Open(testing::TestOptions(), dir.ledger());

    ASSERT_TRUE(store.status().IsCorruption()) << store.status().ToString();
    EXPECT_NE(store.status().message().find("checkpoint of size 800"), std::string::npos)
        << store.status().message();
  }
}

}  // namespace
}  // namespace jejak::store
