// The Ledger's thread-safety promise (include/jejak/ledger.h), exercised:
// readers of profiles, queries and events while one thread appends and
// another rebuilds the projection. Run under ThreadSanitizer in the tsan
// preset; in any build, every read must succeed (or be NotFound for an
// employee not recruited yet) and the projection must end equal to a
// rebuild of the final log.
#include <atomic>
#include <thread>
#include <vector>

#include "jejak/projection/queries.h"
#include "projection/state_codec.h"
#include "ledger/ledger_fixture.h"

namespace jejak::testing {
namespace {

using projection::testing::GenOptions;
using projection::testing::LedgerGen;

class LedgerConcurrencyTest : public LedgerFixture {};

TEST_F(LedgerConcurrencyTest, ReadersDuringAppendsCatchUpsAndRebuilds) {
  GenOptions o;
  o.employees = 60;
  o.amendment_percent = 5;
  LedgerGen gen(o);
  ASSERT_TRUE(gen.Run(ledger_->store(), 600).ok());
  ASSERT_TRUE(ledger_->CatchUp().ok());
  const std::vector<std::string> nips = gen.Nips();
  ASSERT_FALSE(nips.empty());

  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::atomic<uint64_t> reads{0};
  auto fail = [&](const std::string& what, const Status& s) {
    ADD_FAILURE() << what << ": " << s.ToString();
    ++failures;
  };
  std::vector<std::thread> threads;
  // Profile readers: every NIP recruited before the test's appends exists
  // in every generation the readers can see.
  for (int r = 0; r < 3; ++r) {
    threads.emplace_back([&, r] {
      for (size_t i = r; !stop.load(); i += 3) {
        auto rec = ledger_->Profile(nips[i % nips.size()]);
        if (!rec.ok()) fail("profile", rec.status());
        ++reads;
      }
    });
  }
  // A summary reader and an as-of reader (the copied events and the cached
  // position definitions), as of half the head.
  threads.emplace_back([&] {
    for (size_t i = 0; !stop.load(); ++i) {
      const std::string& nip = nips[i % nips.size()];
      auto summary = ledger_->Summary(nip);
      if (!summary.ok()) fail("summary", summary.status());
      projection::Cut cut;
      cut.known_position = ledger_->Head().position / 2;
      auto past = ledger_->ProfileAsOf(nip, cut);
      if (!past.ok() && !past.status().IsNotFound()) fail("as-of", past.status());
      reads += 2;
    }
  });
  // A query reader (index scans of a pinned generation).
  threads.emplace_back([&] {
    while (!stop.load()) {
      projection::EmployeeFilter f;
      auto table = projection::QueryEmployees(ledger_->projector(), f);
      if (!table.ok()) fail("query", table.status());
      ++reads;
    }
  });
  // An event reader.
  threads.emplace_back([&] {
    while (!stop.load()) {
      auto events = ledger_->ReadStream("emp/" + nips[0]);
      if (!events.ok()) fail("history", events.status());
      ++reads;
    }
  });
  // The appender, catching up now and then as the CLI does after a write.
  std::thread appender([&] {
    Status s = gen.Run(ledger_->store(), 800, [&](uint64_t head) {
      if (head % 7 == 0) {
        Status c = ledger_->CatchUp();
        if (!c.ok()) fail("catch-up", c);
      }
    });
    if (!s.ok()) fail("append", s);
  });
  // Two rebuilds while all of that runs.
  for (int i = 0; i < 2; ++i) {
    Status s = ledger_->Rebuild();
    if (!s.ok()) fail("rebuild", s);
  }
  appender.join();
  stop = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(reads.load(), 0u);

  // The live projection, caught up, equals a rebuild of the final log.
  ASSERT_TRUE(ledger_->CatchUp().ok());
  std::vector<std::string> live;
  for (const auto& nip : gen.Nips()) {
    auto rec = ledger_->Profile(nip);
    ASSERT_TRUE(rec.ok()) << nip << ": " << rec.status().ToString();
    live.push_back(projection::EncodeProfile(rec->state));
  }
  ASSERT_TRUE(ledger_->Rebuild().ok());
  std::vector<std::string> rebuilt;
  for (const auto& nip : gen.Nips()) {
    auto rec = ledger_->Profile(nip);
    ASSERT_TRUE(rec.ok());
    rebuilt.push_back(projection::EncodeProfile(rec->state));
  }
  EXPECT_EQ(live, rebuilt);
}

}  // namespace
}  // namespace jejak::testing
