// A fold from position 1 whose employees outnumber the state bound folds
// them from their copies (copy_fold.h): the projection is the same, byte
// for byte, as one folded with every state held, and a fold interrupted
// between its chunks goes on from its progress.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "projection/copy_fold.h"
#include "projection/keys.h"
#include "projection/ledger_gen.h"
#include "projection/projector.h"
#include "projection/store_fixture.h"
#include "store/projection_access.h"

namespace jejak::projection {
namespace {

using testing::GenOptions;
using testing::LedgerGen;
using Dumped = std::vector<std::pair<std::string, std::string>>;

class CopyFoldTest : public testing::StoreFixture {
 protected:
  // A ledger of 300 employees with amendments and backdated events.
  void Generate(LedgerGen& gen, int events) { ASSERT_TRUE(gen.Run(*store_, events).ok()); }

  // Reopens the store and catches it up with the default options; the
  // projection then, checked to have reached the head and to hold no
  // progress of a fold from copies.
  Dumped CatchUpAfterReopen() {
    Reopen();
    auto projector = Projector::Open(*store_, ProjectorOptions());
    EXPECT_TRUE(projector.ok());
    if (!projector.ok()) return {};
    const Status caught_up = (*projector)->CatchUp();
    EXPECT_TRUE(caught_up.ok()) << caught_up.ToString();
    EXPECT_EQ(*(*projector)->Checkpoint(), store_->GetHead().position);
    auto left = ReadCopyFoldProgress(store::RocksOf(*store_), (*projector)->Pin()->family());
    EXPECT_TRUE(left.ok() && !left->has_value());
    return Dump(**projector);
  }

  // The projection a rebuild with `po` leaves.
  Dumped RebuildWith(const ProjectorOptions& po) {
    auto projector = Projector::Open(*store_, po);
    EXPECT_TRUE(projector.ok()) << projector.status().ToString();
    if (!projector.ok()) return {};
    const Status rebuilt = (*projector)->Rebuild();
    EXPECT_TRUE(rebuilt.ok()) << rebuilt.ToString();
    return Dump(**projector);
  }
};

// Catch-ups of 500 events or more fold from copies, in chunks of 16.
ProjectorOptions LongCatchUpsFromCopies() {
  ProjectorOptions po;
  po.copy_fold_catch_up_events = 500;
  po.max_batch_states = 16;
  return po;
}

GenOptions Region(uint32_t seed) {
  GenOptions o;
  o.seed = seed;
  o.employees = 300;
  o.amendment_percent = 8;
  return o;
}

TEST_F(CopyFoldTest, AFoldFromCopiesEqualsOneWithEveryStateHeld) {
  LedgerGen gen(Region(3));
  Generate(gen, 5000);
  const Dumped expected = RebuildWith(ProjectorOptions());  // every state held
  ASSERT_FALSE(expected.empty());

  struct Config {
    size_t max_states;
    size_t batch_events;
    size_t threads;
    size_t copy_bytes;
  };
  // 16 states: chunks of 16 employees. Batches of 40 events: the first
  // ones hold fewer than 16 states and are committed from the log, so the
  // fold from copies replaces profiles (and their index entries) already
  // written. 3 threads: chunks encoded in shards. Copies held up to 8 KB: many copy files.
  for (const Config& c : {Config{16, 64'000'000, 1, size_t{256} << 20},
                          Config{16, 40, 3, size_t{256} << 20}, Config{299, 64'000'000, 2, 8192},
                          Config{1, 64'000'000, 1, size_t{256} << 20}}) {
    SCOPED_TRACE(::testing::Message() << c.max_states << " states, batches of " << c.batch_events
                                      << ", " << c.threads << " threads, " << c.copy_bytes
                                      << " copy bytes");
    ProjectorOptions po;
    po.max_batch_states = c.max_states;
    po.rebuild_batch_events = c.batch_events;
    po.encode_threads = c.threads;
    po.rebuild_copy_bytes = c.copy_bytes;
    EXPECT_EQ(expected, RebuildWith(po));
    // Every file written was ingested (moved in): none is left behind.
    for (const auto& entry :
         std::filesystem::directory_iterator(store::RocksOf(*store_)->GetName())) {
      EXPECT_FALSE(entry.path().string().ends_with(".sst.tmp")) << entry.path();
    }
  }
}

// The first catch-up of a ledger (a bulk import) folds from position 1 as a
// rebuild does, from copies when the employees are many; then catch-ups
// go on from its checkpoint.
TEST_F(CopyFoldTest, AFirstCatchUpFromCopiesIsFollowedByOrdinaryCatchUps) {
  LedgerGen gen(Region(4));
  Generate(gen, 4000);
  ProjectorOptions po;
  po.max_batch_states = 20;
  {
    auto projector = Projector::Open(*store_, po);
    ASSERT_TRUE(projector.ok());
    ASSERT_TRUE((*projector)->CatchUp().ok());
    EXPECT_EQ(*(*projector)->Checkpoint(), store_->GetHead().position);
    Generate(gen, 800);
    ASSERT_TRUE((*projector)->CatchUp().ok());
    EXPECT_EQ(*(*projector)->Checkpoint(), store_->GetHead().position);
  }
  Reopen();
  Dumped caught_up;
  {
    auto projector = Projector::Open(*store_, po);
    ASSERT_TRUE(projector.ok());
    caught_up = Dump(**projector);
  }
  EXPECT_EQ(caught_up, RebuildWith(ProjectorOptions()));
}

// A catch-up of a long range into a projection (a bulk import into a
// ledger that has one) folds its employees from their copies, replacing
// their stored profiles and index entries; shorter ones fold as usual.
TEST_F(CopyFoldTest, ALongCatchUpFoldsItsEmployeesFromCopies) {
  LedgerGen gen(Region(7));
  Generate(gen, 1500);
  const ProjectorOptions po = LongCatchUpsFromCopies();
  Dumped caught_up;
  {
    auto projector = Projector::Open(*store_, po);
    ASSERT_TRUE(projector.ok());
    ASSERT_TRUE((*projector)->CatchUp().ok());  // from position 1
    Generate(gen, 3000);
    ASSERT_TRUE((*projector)->CatchUp().ok());  // 3,000 events: from copies
    Generate(gen, 60);
    ASSERT_TRUE((*projector)->CatchUp().ok());  // 60 events: as usual
    EXPECT_EQ(*(*projector)->Checkpoint(), store_->GetHead().position);
    caught_up = Dump(**projector);
  }
  EXPECT_EQ(caught_up, RebuildWith(ProjectorOptions()));
}

// A long catch-up that fails part-way (a damaged copy of an employee
// folded in a later chunk) leaves the chunks before it written, the old
// checkpoint and its progress: Corruption naming the employee. Once the
// copy is mended, the next catch-up goes on from the progress (not from
// the old checkpoint, which those chunks' employees are past).
TEST_F(CopyFoldTest, ALongCatchUpThatFailedGoesOnFromItsProgress) {
  LedgerGen gen(Region(8));
  Generate(gen, 1500);
  const ProjectorOptions po = LongCatchUpsFromCopies();
  auto projector = Projector::Open(*store_, po);
  ASSERT_TRUE(projector.ok());
  ASSERT_TRUE((*projector)->CatchUp().ok());
  const uint64_t folded = *(*projector)->Checkpoint();
  Generate(gen, 3000);
  // The first copy of an employee three quarters into the NIP order.
  rocksdb::DB* db = store::RocksOf(*store_);
  rocksdb::ColumnFamilyHandle* family = (*projector)->Pin()->family();
  std::vector<std::string> nips = gen.Nips();
  std::sort(nips.begin(), nips.end());
  const std::string victim = nips[nips.size() * 3 / 4];
  std::string key, original;
  {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), family));
    it->Seek(keys::CareerEventPrefix(victim));
    ASSERT_TRUE(it->Valid() && it->key().starts_with(keys::CareerEventPrefix(victim)));
    key = it->key().ToString();
    original = it->value().ToString();
  }
  ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), family, key, "\xC1 not a message").ok());
  const Status failed = (*projector)->CatchUp();
  EXPECT_TRUE(failed.IsCorruption()) << failed.ToString();
  EXPECT_NE(failed.ToString().find(victim), std::string::npos) << failed.ToString();
  EXPECT_EQ(*(*projector)->Checkpoint(), folded);
  auto left = ReadCopyFoldProgress(db, family);
  ASSERT_TRUE(left.ok() && left->has_value());
  EXPECT_EQ((*left)->checkpoint, store_->GetHead().position);
  EXPECT_LT((*left)->after_nip, victim);

  ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), family, key, original).ok());
  projector->reset();
  // Reopened with the default options, the range from the old checkpoint
  // would be caught up batch by batch: only going on from the progress
  // gives the right projection.
  const Dumped resumed = CatchUpAfterReopen();
  EXPECT_EQ(resumed, RebuildWith(ProjectorOptions()));
}

// What a crash between two chunks of a first catch-up leaves, made by hand
// from a complete projection: the employees after some NIP unwritten (no
// profile, summary or index entry), no checkpoint, and the progress. The next catch-up goes
// on from there, then catches up with what was appended meanwhile.
TEST_F(CopyFoldTest, AnInterruptedFoldGoesOnFromItsProgress) {
  LedgerGen gen(Region(5));
  Generate(gen, 4000);
  const uint64_t folded_to = store_->GetHead().position;
  std::vector<std::string> nips = gen.Nips();
  std::sort(nips.begin(), nips.end());
  const std::string after = nips[nips.size() / 2];
  {
    auto projector = Projector::Open(*store_, ProjectorOptions());
    ASSERT_TRUE(projector.ok());
    ASSERT_TRUE((*projector)->CatchUp().ok());
    rocksdb::DB* db = store::RocksOf(*store_);
    rocksdb::ColumnFamilyHandle* family = (*projector)->Pin()->family();
    rocksdb::WriteBatch undo;
    size_t unwritten = 0;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), family));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const std::string key = it->key().ToString();
      const bool employee_key = key[0] == 'p' || key[0] == 'b' || key[0] == 'i';
      if (employee_key && std::string(keys::NipOf(key)) > after) {
        ASSERT_TRUE(undo.Delete(family, key).ok());
        ++unwritten;
      }
    }
    ASSERT_GT(unwritten, 100u);
    ASSERT_TRUE(undo.Delete(family, keys::Checkpoint()).ok());
    std::string progress;
    keys::PutU64(&progress, folded_to);
    ASSERT_TRUE(undo.Put(family, keys::CopyFoldProgress(), progress + after).ok());
    ASSERT_TRUE(db->Write(rocksdb::WriteOptions(), &undo).ok());
    auto read = ReadCopyFoldProgress(db, family);
    ASSERT_TRUE(read.ok() && read->has_value());
    EXPECT_EQ((*read)->checkpoint, folded_to);
    EXPECT_EQ((*read)->after_nip, after);
  }
  Generate(gen, 600);  // appended while the fold was stopped
  const Dumped resumed = CatchUpAfterReopen();
  EXPECT_EQ(resumed, RebuildWith(ProjectorOptions()));
}

// A damaged progress value fails the catch-up with Corruption; the log is
// untouched and a rebuild makes a whole projection again.
TEST_F(CopyFoldTest, ADamagedProgressIsCorruption) {
  LedgerGen gen(Region(6));
  Generate(gen, 300);
  {
    auto projector = Projector::Open(*store_, ProjectorOptions());
    ASSERT_TRUE(projector.ok());
    ASSERT_TRUE((*projector)->CatchUp().ok());
    rocksdb::DB* db = store::RocksOf(*store_);
    rocksdb::ColumnFamilyHandle* family = (*projector)->Pin()->family();
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), family, keys::CopyFoldProgress(), "short").ok());
    ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), family, keys::Checkpoint()).ok());
    const auto read = ReadCopyFoldProgress(db, family);
    EXPECT_TRUE(read.status().IsCorruption()) << read.status().ToString();
  }
  Reopen();
  auto projector = Projector::Open(*store_, ProjectorOptions());
  ASSERT_TRUE(projector.ok());
  const Status caught_up = (*projector)->CatchUp();
  EXPECT_TRUE(caught_up.IsCorruption()) << caught_up.ToString();
  EXPECT_NE(caught_up.ToString().find("progress of a fold from copies"), std::string::npos);
  // Whole, but past the head: Corruption too (folding to it would write a
  // checkpoint the log has not reached).
  std::string past;
  keys::PutU64(&past, store_->GetHead().position + 100);
  past += gen.Nips().front();
  rocksdb::ColumnFamilyHandle* family = (*projector)->Pin()->family();
  ASSERT_TRUE(
      store::RocksOf(*store_)->Put(rocksdb::WriteOptions(), family, keys::CopyFoldProgress(), past)
          .ok());
  const Status beyond = (*projector)->CatchUp();
  EXPECT_TRUE(beyond.IsCorruption()) << beyond.ToString();
  EXPECT_NE(beyond.ToString().find("past the head"), std::string::npos) << beyond.ToString();
  ASSERT_TRUE((*projector)->Rebuild().ok());
  EXPECT_EQ(*(*projector)->Checkpoint(), store_->GetHead().position);
}

}  // namespace
}  // namespace jejak::projection
