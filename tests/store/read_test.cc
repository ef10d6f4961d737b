// Reads, reopen, recorded_at, verify, open errors, projection families.
#include <gtest/gtest.h>

#include <algorithm>

#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/table.h>

#include "store/projection_access.h"
#include "jejak/store/event_store.h"
#include "store/keys.h"
#include "store/raw_db.h"
#include "store/test_events.h"

namespace jejak::store {
namespace {

using testing::EmpStream;

class ReadTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }
  void Open() {
    store_.reset();
    store_ = testing::OpenOrDie(testing::TestOptions(&clock_), dir_.ledger());
    ASSERT_NE(store_, nullptr);
  }
  // Employees 1..n, each recruited with `ratings` ratings, interleaved in
  // one call per employee.
  void Populate(int employees, int ratings) {
    for (int e = 1; e <= employees; ++e) {
      auto events = testing::EmployeeHistory("e" + std::to_string(e), e, ratings);
      auto r = store_->Append(EmpStream(e), ExpectedVersion::NoStream(), events);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
    }
  }

  testing::FakeClock clock_{1'700'000'000'000'000};
  testing::TempDir dir_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(ReadTest, ReopenKeepsEverything) {
  Populate(5, 3);
  const Head head = store_->GetHead();
  auto projection = store::ProjectionFamily(*store_, "profiles");
  ASSERT_TRUE(projection.ok());
  ASSERT_TRUE(store::RocksOf(*store_)->Put(rocksdb::WriteOptions(), *projection, "k", "v").ok());
  Open();

  const Head reopened = store_->GetHead();
  EXPECT_EQ(reopened.position, 20u);
  EXPECT_EQ(reopened.position, head.position);
  EXPECT_EQ(reopened.chain, head.chain);
  EXPECT_EQ(reopened.recorded_at_us, head.recorded_at_us);
  EXPECT_EQ(*store_->CountStreams(), 5u);
  EXPECT_EQ(*store_->FindEventId("e3-2"), 11u);
  EXPECT_EQ(store_->GetStreamInfo(EmpStream(4))->first_position, 13u);

  auto family = store::ProjectionFamily(*store_, "profiles");
  ASSERT_TRUE(family.ok());
  std::string value;
  ASSERT_TRUE(store::RocksOf(*store_)->Get(rocksdb::ReadOptions(), *family, "k", &value).ok());
  EXPECT_EQ(value, "v");

  // Appends continue the chain.
  std::vector<NewEvent> more;
  more.push_back(testing::PerformanceRated("e1-9", 2030));
  auto r = store_->Append(EmpStream(1), ExpectedVersion::Exact(4), more);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->positions[0], 21u);
  VerifyReport report;
  ASSERT_TRUE(store_->Verify(&report).ok());
  EXPECT_EQ(report.events_checked, 21u);
}

// A projection family's options carry its own block size and compression
// (which its new tables are built with), both when the family is created and when an
// existing one is opened again (a reopen used to give it the log's options).
TEST_F(ReadTest, ProjectionFamiliesKeepTheirTableOptionsAcrossReopen) {
  auto block_size = [&](rocksdb::ColumnFamilyHandle* family) -> size_t {
    const rocksdb::Options options = store::RocksOf(*store_)->GetOptions(family);
    const auto* table = options.table_factory->GetOptions<rocksdb::BlockBasedTableOptions>();
    return table == nullptr ? 0 : table->block_size;
  };
  auto compression = [&](rocksdb::ColumnFamilyHandle* family) {
    return store::RocksOf(*store_)->GetOptions(family).compression;
  };
  const auto supported = rocksdb::GetSupportedCompressions();
  const bool lz4 = std::find(supported.begin(), supported.end(), rocksdb::kLZ4Compression) !=
                   supported.end();
  const rocksdb::CompressionType want =
      lz4 ? rocksdb::kLZ4Compression : rocksdb::ColumnFamilyOptions().compression;
  auto created = store::ProjectionFamily(*store_, "profiles");
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(block_size(*created), kProjectionBlockBytes);
  EXPECT_EQ(compression(*created), want);
  Open();
  auto reopened = store::ProjectionFamily(*store_, "profiles");
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(block_size(*reopened), kProjectionBlockBytes);
  EXPECT_EQ(compression(*reopened), want);
  // And a table flushed from the reopened family is built with them.
  ASSERT_TRUE(store::RocksOf(*store_)->Put(rocksdb::WriteOptions(), *reopened, "k", "v").ok());
  ASSERT_TRUE(store::RocksOf(*store_)->Flush(rocksdb::FlushOptions(), *reopened).ok());
  rocksdb::TablePropertiesCollection tables;
  ASSERT_TRUE(store::RocksOf(*store_)->GetPropertiesOfAllTables(*reopened, &tables).ok());
  ASSERT_EQ(tables.size(), 1u);
  if (lz4) {
    EXPECT_EQ(tables.begin()->second->compression_name, "LZ4");
  }
  EXPECT_NE(kProjectionBlockBytes, rocksdb::BlockBasedTableOptions().block_size);
}

// Ledgers written before event_ids moved to a hash memtable have tables
// and an OPTIONS file made with RocksDB's default memtable and no prefix
// extractor. Such a ledger opens, verifies, finds and deduplicates its event
// ids, and takes appends (whose ids then live in the hash memtable, next
// to the old tables).
TEST_F(ReadTest, LedgerWrittenWithDefaultFamilyOptionsStillWorks) {
  Populate(5, 3);
  const Head head = store_->GetHead();
  store_.reset();
  {
    testing::RawDb raw(dir_.ledger());
    ASSERT_NE(raw.db(), nullptr);
    raw.CompactAll();
    rocksdb::TablePropertiesCollection tables;
    ASSERT_TRUE(raw.db()
                    ->GetPropertiesOfAllTables(raw.family(kFamilyEventIds), &tables)
                    .ok());
    ASSERT_FALSE(tables.empty());
    for (const auto& [file, props] : tables) {
      EXPECT_EQ(props->prefix_extractor_name, "nullptr") << file;
    }
  }
  Open();
  EXPECT_EQ(store_->GetHead().chain, head.chain);
  VerifyReport report;
  Status verified = store_->Verify(&report);
  ASSERT_TRUE(verified.ok()) << verified.ToString();
  EXPECT_EQ(report.events_checked, 20u);
  EXPECT_EQ(*store_->FindEventId("e3-2"), 11u);

  // A retry finds the old ids; new events go through the new memtable.
  auto retry = store_->Append(EmpStream(2), ExpectedVersion::Any(),
                              testing::EmployeeHistory("e2", 2, 3));
  ASSERT_TRUE(retry.ok()) << retry.status().ToString();
  EXPECT_EQ(retry->duplicates, 4u);
  EXPECT_EQ(retry->positions[0], 5u);
  std::vector<NewEvent> more;
  more.push_back(testing::PerformanceRated("e1-9", 2030));
  auto r = store_->Append(EmpStream(1), ExpectedVersion::Exact(4), more);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  verified = store_->Verify(&report);
  ASSERT_TRUE(verified.ok()) << verified.ToString();
  EXPECT_EQ(report.events_checked, 21u);
  EXPECT_EQ(*store_->FindEventId("e1-9"), 21u);

  // And again after a reopen (the new id replayed from the WAL).
  Open();
  verified = store_->Verify(&report);
  ASSERT_TRUE(verified.ok()) << verified.ToString();
  EXPECT_EQ(report.events_checked, 21u);
  EXPECT_EQ(*store_->FindEventId("e1-9"), 21u);
}

TEST_F(ReadTest, ReadLogIteratesInOrderFromPosition) {
  Populate(4, 2);  // 12 events
  uint64_t expected = 5;
  for (auto it = store_->ReadLog(5); it->Valid(); it->Next()) {
    EXPECT_EQ(it->event().position(), expected);
    EXPECT_EQ(it->event().event().getPosition(), expected);
    ++expected;
  }
  EXPECT_EQ(expected, 13u);

  auto it = store_->ReadLog(1);
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(testing::IdOf(it->event()), "e1-0");
  EXPECT_TRUE(store_->ReadLog(13)->status().ok());
  EXPECT_FALSE(store_->ReadLog(13)->Valid());
}

TEST_F(ReadTest, ReadLogSeesSnapshotOfItsCreation) {
  Populate(1, 2);
  auto it = store_->ReadLog(1);
  std::vector<NewEvent> more;
  more.push_back(testing::PerformanceRated("e1-9", 2030));
  ASSERT_TRUE(store_->Append(EmpStream(1), ExpectedVersion::Any(), more).ok());
  int n = 0;
  for (; it->Valid(); it->Next()) ++n;
  EXPECT_EQ(n, 3);
}

TEST_F(ReadTest, ReadStreamHonoursVersionRange) {
  Populate(2, 5);  // emp 1: positions 1..6, emp 2: 7..12
  auto part = store_->ReadStream(EmpStream(2), 3, 2);
  ASSERT_TRUE(part.ok());
  ASSERT_EQ(part->size(), 2u);
  EXPECT_EQ((*part)[0].event().getVersion(), 3u);
  EXPECT_EQ((*part)[0].position(), 9u);
  EXPECT_EQ((*part)[1].position(), 10u);
  auto past = store_->ReadStream(EmpStream(2), 7);
  ASSERT_TRUE(past.ok());
  EXPECT_TRUE(past->empty());
  EXPECT_TRUE(store_->ReadStream(EmpStream(3)).status().IsNotFound());
}

TEST_F(ReadTest, ReadAtReturnsEventAndNotFoundPastHead) {
  Populate(1, 1);
  auto ev = store_->ReadAt(2);
  ASSERT_TRUE(ev.ok());
  EXPECT_EQ(testing::IdOf(*ev), "e1-1");
  EXPECT_EQ(ev->event().getPayload().getPerformanceRated().getYear(), 2016u);
  EXPECT_EQ(ev->event().getActor().getAgency(), "bkd-jabar");
  EXPECT_EQ(ev->event().getEffectiveDate().getYyyymmdd(), 20161231u);
  // Copies stay readable after the original is gone.
  RecordedEvent copy = *ev;
  ev = store_->ReadAt(1);
  EXPECT_EQ(testing::IdOf(copy), "e1-1");
  EXPECT_TRUE(store_->ReadAt(3).status().IsNotFound());
  EXPECT_TRUE(store_->ReadAt(0).status().IsNotFound());
}

TEST_F(ReadTest, RecordedAtNeverDecreases) {
  clock_.Set(2'000'000);
  Populate(1, 0);
  clock_.Set(1'000'000);  // the clock steps back
  std::vector<NewEvent> more;
  more.push_back(testing::PerformanceRated("e1-1", 2016));
  ASSERT_TRUE(store_->Append(EmpStream(1), ExpectedVersion::Any(), more).ok());
  clock_.Set(3'000'000);
  more.clear();
  more.push_back(testing::PerformanceRated("e1-2", 2017));
  ASSERT_TRUE(store_->Append(EmpStream(1), ExpectedVersion::Any(), more).ok());

  auto events = store_->ReadStream(EmpStream(1));
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[0].event().getRecordedAt().getUnixMicros(), 2'000'000);
  EXPECT_EQ((*events)[1].event().getRecordedAt().getUnixMicros(), 2'000'000);
  EXPECT_EQ((*events)[2].event().getRecordedAt().getUnixMicros(), 3'000'000);
  EXPECT_EQ(store_->GetHead().recorded_at_us, 3'000'000);

  // Also across a reopen.
  Open();
  clock_.Set(10);
  more.clear();
  more.push_back(testing::PerformanceRated("e1-3", 2018));
  ASSERT_TRUE(store_->Append(EmpStream(1), ExpectedVersion::Any(), more).ok());
  EXPECT_EQ(store_->ReadAt(4)->event().getRecordedAt().getUnixMicros(), 3'000'000);
}

TEST_F(ReadTest, VerifyPassesOnIntactLog) {
  Populate(20, 4);
  VerifyReport report;
  uint64_t progress_calls = 0;
  Status s = store_->Verify(&report, [&](uint64_t) { ++progress_calls; });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(report.events_checked, 100u);
  EXPECT_EQ(report.first_bad_position, 0u);
  EXPECT_EQ(report.head.position, store_->GetHead().position);
  EXPECT_EQ(report.head.chain, store_->GetHead().chain);
}

TEST_F(ReadTest, VerifyPassesOnEmptyLog) {
  VerifyReport report;
  ASSERT_TRUE(store_->Verify(&report).ok());
  EXPECT_EQ(report.events_checked, 0u);
  EXPECT_EQ(store_->GetHead().position, 0u);
}

TEST_F(ReadTest, WaitForPositionReturnsHead) {
  EXPECT_EQ(store_->WaitForPosition(1, 10), 0u);
  Populate(1, 1);
  EXPECT_EQ(store_->WaitForPosition(2, 1000), 2u);
}

TEST_F(ReadTest, DroppedProjectionFamilyIsGone) {
  auto family = store::ProjectionFamily(*store_, "idx");
  ASSERT_TRUE(family.ok());
  ASSERT_TRUE(store::RocksOf(*store_)->Put(rocksdb::WriteOptions(), *family, "k", "v").ok());
  ASSERT_TRUE(store::DropProjectionFamily(*store_, "idx").ok());
  EXPECT_TRUE(store::DropProjectionFamily(*store_, "idx").ok());
  family = store::ProjectionFamily(*store_, "idx");
  ASSERT_TRUE(family.ok());
  std::string value;
  EXPECT_TRUE(store::RocksOf(*store_)->Get(rocksdb::ReadOptions(), *family, "k", &value).IsNotFound());
  EXPECT_TRUE(store::ProjectionFamily(*store_, "bad name").status().IsInvalidArgument());
}

TEST(OpenTest, MissingLedgerWithoutCreateIsNotFound) {
  testing::TempDir dir;
  StoreOptions options = testing::TestOptions();
  options.create_if_missing = false;
  auto r = EventStore::Open(options, dir.ledger());
  EXPECT_TRUE(r.status().IsNotFound()) << r.status().ToString();
}

TEST(OpenTest, ForeignRocksDbIsCorruption) {
  testing::TempDir dir;
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir.ledger(), &db).ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "some", "data").ok());
    delete db;
  }
  auto r = EventStore::Open(testing::TestOptions(), dir.ledger());
  ASSERT_TRUE(r.status().IsCorruption()) << r.status().ToString();
  EXPECT_NE(r.status().message().find("not a jejak ledger"), std::string::npos);
}

TEST(OpenTest, OtherFormatVersionIsCorruption) {
  testing::TempDir dir;
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir.ledger(), &db).ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "format", "jejak-ledger v3").ok());
    delete db;
  }
  auto r = EventStore::Open(testing::TestOptions(), dir.ledger());
  ASSERT_TRUE(r.status().IsCorruption()) << r.status().ToString();
  EXPECT_NE(r.status().message().find("jejak-ledger v3"), std::string::npos);
}

}  // namespace
}  // namespace jejak::store
