// Tampering with the stored bytes is detected by Verify (or by Open), and
// the report names the first bad position.
#include <gtest/gtest.h>

#include "jejak/store/event_store.h"
#include "jejak/integrity/chain_hashes.h"
#include "store/keys.h"
#include "store/raw_db.h"
#include "store/test_events.h"

namespace jejak::store {
namespace {

constexpr uint64_t kEvents = 100;
constexpr uint64_t kVictim = 37;

class TamperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = testing::OpenOrDie(testing::TestOptions(), dir_.ledger());
    ASSERT_NE(store, nullptr);
    for (int e = 1; e <= 10; ++e) {
      auto events = testing::EmployeeHistory("e" + std::to_string(e), e, 9);
      ASSERT_TRUE(store->Append(testing::EmpStream(e), ExpectedVersion::NoStream(), events).ok());
    }
    ASSERT_EQ(store->GetHead().position, kEvents);
  }

  // Reopens the ledger and verifies it. The status of Open if it fails.
  Status ReopenAndVerify(VerifyReport* report) {
    auto store = EventStore::Open(testing::TestOptions(), dir_.ledger());
    if (!store.ok()) return store.status();
    return (*store)->Verify(report);
  }

  // Expects Verify to fail with Corruption at `position`, naming it.
  void ExpectCorruptAt(uint64_t position, const std::string& what) {
    VerifyReport report;
    Status s = ReopenAndVerify(&report);
    ASSERT_TRUE(s.IsCorruption()) << s.ToString();
    EXPECT_EQ(report.first_bad_position, position) << s.ToString();
    EXPECT_EQ(report.events_checked, std::min(position - 1, kEvents));
    EXPECT_NE(s.message().find("position " + std::to_string(position)), std::string::npos)
        << s.message();
    EXPECT_NE(s.message().find(what), std::string::npos) << s.message();
  }

  void FlipLogByte(uint64_t position, size_t offset) {
    testing::RawDb raw(dir_.ledger());
    std::string value = raw.Get(kFamilyLog, testing::LogKey(position));
    ASSERT_LT(offset, value.size());
    value[offset] = static_cast<char>(value[offset] ^ 0x01);
    raw.Put(kFamilyLog, testing::LogKey(position), value);
  }

  testing::TempDir dir_;
};

TEST_F(TamperTest, ByteFlippedInBodyIsCorruptionAtThatPosition) {
  size_t body_size = 0;
  {
    testing::RawDb raw(dir_.ledger());
    body_size = raw.Get(kFamilyLog, testing::LogKey(kVictim)).size() - 72;
  }
  // The root pointer, the position field, a text byte, the last byte.
  for (size_t offset : {size_t{0}, size_t{8}, body_size / 2, body_size - 1}) {
    SCOPED_TRACE("body offset " + std::to_string(offset));
    FlipLogByte(kVictim, 72 + offset);
    ExpectCorruptAt(kVictim, "");
    FlipLogByte(kVictim, 72 + offset);  // restore
  }
  VerifyReport report;
  EXPECT_TRUE(ReopenAndVerify(&report).ok());
}

TEST_F(TamperTest, ByteFlippedInLeafHashIsCorruption) {
  FlipLogByte(kVictim, 8 + 5);
  ExpectCorruptAt(kVictim, "leaf hash mismatch");
}

TEST_F(TamperTest, ByteFlippedInChainHashIsCorruption) {
  FlipLogByte(kVictim, 40 + 31);
  ExpectCorruptAt(kVictim, "chain hash mismatch");
}

TEST_F(TamperTest, DeletedRecordIsGap) {
  {
    testing::RawDb raw(dir_.ledger());
    raw.Delete(kFamilyLog, testing::LogKey(kVictim));
  }
  ExpectCorruptAt(kVictim, "missing from the log");
}

TEST_F(TamperTest, SwappedRecordsAreCorruption) {
  {
    testing::RawDb raw(dir_.ledger());
    const std::string a = raw.Get(kFamilyLog, testing::LogKey(kVictim));
    const std::string b = raw.Get(kFamilyLog, testing::LogKey(kVictim + 5));
    raw.Put(kFamilyLog, testing::LogKey(kVictim), b);
    raw.Put(kFamilyLog, testing::LogKey(kVictim + 5), a);
  }
  ExpectCorruptAt(kVictim, "body says position 42");
}

TEST_F(TamperTest, ChangedBodyWithRecomputedLeafBreaksChain) {
  // An attacker who edits a text byte of the body and re-frames it with its
  // true leaf hash still breaks the chain.
  {
    testing::RawDb raw(dir_.ledger());
    std::string value = raw.Get(kFamilyLog, testing::LogKey(kVictim));
    const size_t at = value.find("budi.santoso");
    ASSERT_NE(at, std::string::npos);
    value[at] = 'B';
    const Hash leaf = integrity::ChainLeafHash(std::string_view(value).substr(72));
    value.replace(8, 32, reinterpret_cast<const char*>(leaf.data()), leaf.size());
    raw.Put(kFamilyLog, testing::LogKey(kVictim), value);
  }
  ExpectCorruptAt(kVictim, "chain hash mismatch");
}

TEST_F(TamperTest, ChangedHeadChainFailsOpen) {
  {
    testing::RawDb raw(dir_.ledger());
    std::string head = raw.Get(kFamilyIntegrity, kHeadKey);
    head[8 + 3] = static_cast<char>(head[8 + 3] ^ 0x40);
    raw.Put(kFamilyIntegrity, kHeadKey, head);
  }
  VerifyReport report;
  Status s = ReopenAndVerify(&report);
  ASSERT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find("log position 100"), std::string::npos) << s.message();
}

TEST_F(TamperTest, ChangedHeadPositionFailsOpen) {
  {
    testing::RawDb raw(dir_.ledger());
    std::string head = raw.Get(kFamilyIntegrity, kHeadKey);
    head[7] = static_cast<char>(99);
    raw.Put(kFamilyIntegrity, kHeadKey, head);
  }
  VerifyReport report;
  Status s = ReopenAndVerify(&report);
  ASSERT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find("head says 99, log ends at 100"), std::string::npos)
      << s.message();
}

TEST_F(TamperTest, ChangedHeadRecordedAtIsCorruptionAtHead) {
  {
    testing::RawDb raw(dir_.ledger());
    std::string head = raw.Get(kFamilyIntegrity, kHeadKey);
    head[47] = static_cast<char>(head[47] ^ 0x01);
    raw.Put(kFamilyIntegrity, kHeadKey, head);
  }
  ExpectCorruptAt(kEvents, "head recorded_at");
}

TEST_F(TamperTest, StreamIndexPointingElsewhereIsCorruption) {
  {
    testing::RawDb raw(dir_.ledger());
    // Position 37 is employee 4, version 7.
    std::string key;
    StreamVersionKey(testing::EmpStream(4), 7, &key);
    ASSERT_EQ(raw.Get(kFamilyStreams, key), testing::LogKey(kVictim));
    raw.Put(kFamilyStreams, key, testing::LogKey(kVictim - 1));
  }
  ExpectCorruptAt(kVictim, "maps to position 36");
}

TEST_F(TamperTest, MissingEventIdIsCorruption) {
  {
    testing::RawDb raw(dir_.ledger());
    raw.Delete(kFamilyEventIds, "e4-6");
  }
  ExpectCorruptAt(kVictim, "event id index entry is missing");
}

TEST_F(TamperTest, StreamIndexPastHeadIsCorruption) {
  {
    testing::RawDb raw(dir_.ledger());
    std::string key;
    StreamVersionKey(testing::EmpStream(4), 11, &key);
    raw.Put(kFamilyStreams, key, testing::LogKey(kEvents + 1));
  }
  ExpectCorruptAt(kEvents + 1, "past the head");
}

TEST_F(TamperTest, EarliestOfSeveralCorruptionsIsReported) {
  FlipLogByte(60, 8);
  {
    testing::RawDb raw(dir_.ledger());
    raw.Delete(kFamilyEventIds, "e4-6");  // position 37, found by a batched check
  }
  ExpectCorruptAt(kVictim, "event id");
}

}  // namespace
}  // namespace jejak::store
