// Crash test of a first catch-up (a bulk import's) that folds its employees
// from their copies (copy_fold.h): a child process catches up a generated
// ledger with a state bound far below its employees, so that the fold
// writes many chunks; the parent SIGKILLs it part-way, round after round on
// the same ledger, each child going on from what the one before left. Then
// the projection must equal, byte for byte, the one a rebuild holding
// every state makes, and some round must have found an interrupted fold's
// progress and gone on from it.
//
// The parent opens nothing before the last fork (a forked child of a
// multi-threaded process could inherit locked mutexes); children _exit.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "projection/copy_fold.h"
#include "projection/generation.h"
#include "projection/ledger_gen.h"
#include "projection/projector.h"
#include "store/projection_access.h"

namespace jejak::projection {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kMaxRounds = 8;

store::StoreOptions Options() {
  store::StoreOptions o;
  o.sync = false;
  return o;
}

// The options of every child's fold: chunks of 8 employees. (Batches
// committed from the log before the fold turns to the copies would make a
// killed child's successor catch up from their checkpoint, batch after
// batch of 8 states, which the kills then never let finish.)
ProjectorOptions SmallBound() {
  ProjectorOptions po;
  po.max_batch_states = 8;
  return po;
}

[[noreturn]] void Fail(const char* what, const Status& s) {
  std::fprintf(stderr, "child: %s: %s\n", what, s.ToString().c_str());
  _exit(2);
}

// Child: appends a generated region of 800 employees.
[[noreturn]] void Generate(const std::string& path) {
  auto store = store::EventStore::Open(Options(), path);
  if (!store.ok()) Fail("open", store.status());
  testing::GenOptions o;
  o.seed = 11;
  o.employees = 800;
  o.amendment_percent = 8;
  testing::LedgerGen gen(o);
  if (Status s = gen.Run(**store, 12000); !s.ok()) Fail("generate", s);
  _exit(0);
}

// Child: opens the ledger, writes 'r' to `fd` when it finds an interrupted
// fold's progress, else 'f', then catches up and writes 'd'.
[[noreturn]] void CatchUp(const std::string& path, int fd) {
  auto store = store::EventStore::Open(Options(), path);
  if (!store.ok()) Fail("open", store.status());
  auto projector = Projector::Open(**store, SmallBound());
  if (!projector.ok()) Fail("open projector", projector.status());
  auto progress = ReadCopyFoldProgress(store::RocksOf(**store), (*projector)->Pin()->family());
  if (!progress.ok()) Fail("progress", progress.status());
  const char start = progress->has_value() ? 'r' : 'f';
  if (write(fd, &start, 1) != 1) _exit(3);
  if (Status s = (*projector)->CatchUp(); !s.ok()) Fail("catch up", s);
  const char done = 'd';
  if (write(fd, &done, 1) != 1) _exit(3);
  _exit(0);
}

// Runs a child that generates the region at `path`.
void RunGenerate(const std::string& path) {
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) Generate(path);
  int wstatus = 0;
  ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
  ASSERT_TRUE(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) << "status " << wstatus;
}

struct Round {
  bool resumed = false;  // the child found an interrupted fold's progress
  bool finished = false;  // it caught up before the kill
  double seconds = 0;     // from its start to its end (or kill)
};

// Runs a catch-up child at `path`, killing it `kill_after` after it
// started (never when negative).
Round RunCatchUp(const std::string& path, std::chrono::duration<double> kill_after) {
  Round round;
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  const Clock::time_point start = Clock::now();
  const pid_t pid = fork();
  EXPECT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    CatchUp(path, fds[1]);
  }
  close(fds[1]);
  if (kill_after.count() >= 0) {
    std::thread killer([pid, start, kill_after] {
      std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(kill_after));
      kill(pid, SIGKILL);  // a no-op once it has exited and been reaped: not yet, waitpid below
    });
    killer.join();
  }
  char c = 0;
  while (read(fds[0], &c, 1) == 1) {
    if (c == 'r') round.resumed = true;
    if (c == 'd') round.finished = true;
  }
  close(fds[0]);
  int wstatus = 0;
  EXPECT_EQ(waitpid(pid, &wstatus, 0), pid);
  round.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  // A child killed after its 'd' finished all the same.
  if (!round.finished) {
    EXPECT_TRUE(WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL) << "status " << wstatus;
  }
  return round;
}

TEST(FoldCrashTest, AFoldFromCopiesKilledPartWayGoesOnToTheSameProjection) {
  std::string tmpl = (fs::temp_directory_path() / "jejak-fold-crash-XXXXXX").string();
  const std::string dir = ::mkdtemp(tmpl.data());
  struct Cleanup {
    std::string dir;
    ~Cleanup() { fs::remove_all(dir); }
  } cleanup{dir};
  const std::string ledger = dir + "/ledger";
  RunGenerate(ledger);
  if (HasFatalFailure()) return;

  // How long an uninterrupted catch-up takes, on a copy of the ledger.
  fs::copy(ledger, dir + "/probe", fs::copy_options::recursive);
  const Round probe = RunCatchUp(dir + "/probe", std::chrono::duration<double>(-1));
  ASSERT_TRUE(probe.finished);
  ASSERT_FALSE(probe.resumed);

  // Each round is killed at a later fraction of that time; a round that
  // goes on from a progress has less to do and may finish.
  int resumed = 0, rounds = 0;
  bool finished = false;
  for (; rounds < kMaxRounds && !finished; ++rounds) {
    const double fraction = 0.45 + 0.07 * rounds;
    const Round r = RunCatchUp(ledger, std::chrono::duration<double>(probe.seconds * fraction));
    resumed += r.resumed;
    finished = r.finished;
  }
  if (!finished) {
    const Round last = RunCatchUp(ledger, std::chrono::duration<double>(-1));
    ASSERT_TRUE(last.finished);
    resumed += last.resumed;
  }
  EXPECT_GE(resumed, 1) << rounds << " rounds; the uninterrupted catch-up took " << probe.seconds
                        << " s";

  // Every fork is done: the parent may open the ledger now.
  auto store = store::EventStore::Open(Options(), ledger);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  std::vector<std::pair<std::string, std::string>> recovered, rebuilt;
  auto dump = [&](Projector& p, std::vector<std::pair<std::string, std::string>>* out) {
    std::unique_ptr<rocksdb::Iterator> it(
        store::RocksOf(**store)->NewIterator(rocksdb::ReadOptions(), p.Pin()->family()));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (it->key() == "r") continue;  // a rebuilt generation's marker, not content
      out->emplace_back(it->key().ToString(), it->value().ToString());
    }
    ASSERT_TRUE(it->status().ok());
  };
  auto projector = Projector::Open(**store, ProjectorOptions());
  ASSERT_TRUE(projector.ok());
  ASSERT_TRUE((*projector)->CatchUp().ok());  // nothing left to do
  EXPECT_EQ(*(*projector)->Checkpoint(), (*store)->GetHead().position);
  dump(**projector, &recovered);
  ASSERT_TRUE((*projector)->Rebuild().ok());
  dump(**projector, &rebuilt);
  EXPECT_EQ(recovered.size(), rebuilt.size());
  EXPECT_TRUE(recovered == rebuilt);
  for (size_t i = 0, j = 0; (i < recovered.size() || j < rebuilt.size()) && !(recovered == rebuilt);) {
    if (j == rebuilt.size() || (i < recovered.size() && recovered[i].first < rebuilt[j].first)) {
      ADD_FAILURE() << "only recovered has " << recovered[i++].first;
    } else if (i == recovered.size() || rebuilt[j].first < recovered[i].first) {
      ADD_FAILURE() << "only rebuilt has " << rebuilt[j++].first;
    } else {
      if (recovered[i].second != rebuilt[j].second) ADD_FAILURE() << "differs: " << recovered[i].first;
      ++i;
      ++j;
    }
  }
  std::printf("%d rounds, %d went on from a progress; uninterrupted %.2f s\n", rounds, resumed,
              probe.seconds);
}

}  // namespace
}  // namespace jejak::projection
