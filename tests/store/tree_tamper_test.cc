// Tampering with the Merkle tree's stored state (tiles, salts, the tree
// record) and with what Verify checks beside the records (content
// digests, stream metadata) is caught by Open or Verify, which names the
// first bad position.
#include <gtest/gtest.h>

#include "jejak/store/event_store.h"
#include "store/keys.h"
#include "store/raw_db.h"
#include "store/test_events.h"

namespace jejak::store {
namespace {

// 10 employees of 10 events each (recruited at 1, 11, ..., 91), then 500
// unit events: full level-0 tiles 0/0 (leaves 1..256) and 0/1 (257..512),
// the partial tile 0/2 (513..600, 88 hashes), and tile 1/0 of width 2.
constexpr uint64_t kEvents = 600;

class TreeTamperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = testing::OpenOrDie(testing::TestOptions(), dir_.ledger());
    ASSERT_NE(store, nullptr);
    for (int e = 1; e <= 10; ++e) {
      auto events = testing::EmployeeHistory("e" + std::to_string(e), e, 9);
      ASSERT_TRUE(store->Append(testing::EmpStream(e), ExpectedVersion::NoStream(), events).ok());
    }
    auto units = testing::UnitEvents("u", 500);
    ASSERT_TRUE(store->Append("org/bkd", ExpectedVersion::Any(), units).ok());
    ASSERT_EQ(store->GetHead().position, kEvents);
  }

  Status ReopenAndVerify(VerifyReport* report) {
    auto store = EventStore::Open(testing::TestOptions(), dir_.ledger());
    if (!store.ok()) return store.status();
    return (*store)->Verify(report);
  }

  void ExpectCorruptAt(uint64_t position, const std::string& what) {
    VerifyReport report;
    Status s = ReopenAndVerify(&report);
    ASSERT_TRUE(s.IsCorruption()) << s.ToString();
    EXPECT_EQ(report.first_bad_position, position) << s.ToString();
    EXPECT_NE(s.message().find("position " + std::to_string(position)), std::string::npos)
        << s.message();
    EXPECT_NE(s.message().find(what), std::string::npos) << s.message();
  }

  void ExpectOpenFails(const std::string& what) {
    auto store = EventStore::Open(testing::TestOptions(), dir_.ledger());
    ASSERT_TRUE(store.status().IsCorruption()) << store.status().ToString();
    EXPECT_NE(store.status().message().find(what), std::string::npos) << store.status().message();
  }

  void FlipTileByte(int level, uint64_t index, size_t entry) {
    testing::RawDb raw(dir_.ledger());
    std::string tile = raw.Get(kFamilyIntegrity, TileKey(level, index));
    ASSERT_LT(entry * 32 + 7, tile.size());
    tile[entry * 32 + 7] = static_cast<char>(tile[entry * 32 + 7] ^ 0x20);
    raw.Put(kFamilyIntegrity, TileKey(level, index), tile);
  }

  testing::TempDir dir_;
};

TEST_F(TreeTamperTest, UntouchedLedgerVerifies) {
  VerifyReport report;
  Status s = ReopenAndVerify(&report);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(report.events_checked, kEvents);
}

TEST_F(TreeTamperTest, ByteFlippedInFullLevelZeroTileNamesTheLeaf) {
  FlipTileByte(0, 1, 37);  // leaf 256 + 37, position 294
  ExpectCorruptAt(294, "tile 0/1 entry 37");
}

TEST_F(TreeTamperTest, ByteFlippedInFirstEntryOfATileNamesItsFirstLeaf) {
  FlipTileByte(0, 0, 0);
  ExpectCorruptAt(1, "tile 0/0 entry 0");
}

TEST_F(TreeTamperTest, ByteFlippedInPartialTileNamesTheLeaf) {
  FlipTileByte(0, 2, 5);  // position 512 + 5 + 1
  ExpectCorruptAt(518, "tile 0/2 entry 5");
}

TEST_F(TreeTamperTest, ByteFlippedInLevelOneTileNamesTheFirstLeafOfItsSubtree) {
  FlipTileByte(1, 0, 1);  // the node over leaves 256..511
  ExpectCorruptAt(257, "tile 1/0 entry 1");
}

TEST_F(TreeTamperTest, MissingTileIsCorruptionAtItsFirstLeaf) {
  {
    testing::RawDb raw(dir_.ledger());
    raw.Delete(kFamilyIntegrity, TileKey(0, 1));
  }
  ExpectCorruptAt(257, "tile 0/1 is missing");
}

TEST_F(TreeTamperTest, MissingPartialTileFailsOpen) {
  {
    testing::RawDb raw(dir_.ledger());
    raw.Delete(kFamilyIntegrity, TileKey(0, 2));
  }
  ExpectOpenFails("tile 0/2 is missing");
}

TEST_F(TreeTamperTest, ExtraTileIsCorruptionPastTheHead) {
  {
    testing::RawDb raw(dir_.ledger());
    raw.Put(kFamilyIntegrity, TileKey(0, 3), std::string(32, 'x'));
  }
  ExpectCorruptAt(kEvents + 1, "holds 5 tiles");
}

TEST_F(TreeTamperTest, WiderPartialTileIsCorruption) {
  {
    testing::RawDb raw(dir_.ledger());
    std::string tile = raw.Get(kFamilyIntegrity, TileKey(0, 2));
    tile += std::string(32, 'y');
    raw.Put(kFamilyIntegrity, TileKey(0, 2), tile);
  }
  ExpectCorruptAt(513, "tile 0/2 holds 89 hashes");
}

TEST_F(TreeTamperTest, DeletedSaltOfRecruitedIsCorruptionAtIt) {
  {
    testing::RawDb raw(dir_.ledger());
    raw.Delete(kFamilyIntegrity, SaltKey(11));
  }
  ExpectCorruptAt(11, "has personal fields but no salt");
}

TEST_F(TreeTamperTest, ChangedSaltOfRecruitedIsCorruptionAtIt) {
  {
    testing::RawDb raw(dir_.ledger());
    std::string salt = raw.Get(kFamilyIntegrity, SaltKey(21));
    salt[0] = static_cast<char>(salt[0] ^ 1);
    raw.Put(kFamilyIntegrity, SaltKey(21), salt);
  }
  ExpectCorruptAt(21, "tile 0/0 entry 20");
}

TEST_F(TreeTamperTest, SaltOnEventWithoutPersonalFieldsIsCorruption) {
  {
    testing::RawDb raw(dir_.ledger());
    raw.Put(kFamilyIntegrity, SaltKey(12), std::string(32, 's'));
  }
  ExpectCorruptAt(12, "has a salt but no personal fields");
}

TEST_F(TreeTamperTest, SaltPastTheHeadIsCorruption) {
  {
    testing::RawDb raw(dir_.ledger());
    raw.Put(kFamilyIntegrity, SaltKey(kEvents + 1), std::string(32, 's'));
  }
  ExpectCorruptAt(kEvents + 1, "salt is stored past the head");
}

TEST_F(TreeTamperTest, FlippedTreeRootOpensButFailsVerify) {
  {
    testing::RawDb raw(dir_.ledger());
    std::string tree = raw.Get(kFamilyIntegrity, kTreeKey);
    tree[8 + 4] = static_cast<char>(tree[8 + 4] ^ 0x01);
    raw.Put(kFamilyIntegrity, kTreeKey, tree);
  }
  ExpectCorruptAt(kEvents, "tree record root");
}

TEST_F(TreeTamperTest, ChangedTreeSizeFailsOpen) {
  {
    testing::RawDb raw(dir_.ledger());
    std::string tree = raw.Get(kFamilyIntegrity, kTreeKey);
    tree[7] = static_cast<char>(tree[7] ^ 0x01);
    raw.Put(kFamilyIntegrity, kTreeKey, tree);
  }
  ExpectOpenFails("the Merkle tree has 601 entries, the log 600");
}

TEST_F(TreeTamperTest, MissingTreeRecordFailsOpen) {
  {
    testing::RawDb raw(dir_.ledger());
    raw.Delete(kFamilyIntegrity, kTreeKey);
  }
  ExpectOpenFails("the Merkle tree has 0 entries, the log 600");
}

TEST_F(TreeTamperTest, ZeroedContentDigestIsCorruptionAtItsEvent) {
  {
    testing::RawDb raw(dir_.ledger());
    std::string value = raw.Get(kFamilyEventIds, "e4-6");  // position 37
    ASSERT_EQ(value.size(), kEventIdValueBytes);
    value.replace(8, 32, std::string(32, '\0'));
    raw.Put(kFamilyEventIds, "e4-6", value);
  }
  ExpectCorruptAt(37, "content digest");
}

TEST_F(TreeTamperTest, StreamMetadataWithAnotherVersionIsCorruption) {
  {
    testing::RawDb raw(dir_.ledger());
    const std::string key = StreamMetaKey(testing::EmpStream(4));
    StreamMeta meta;
    ASSERT_TRUE(DecodeStreamMeta(raw.Get(kFamilyStreams, key), &meta));
    ASSERT_EQ(meta.version, 10u);
    ++meta.version;
    raw.Put(kFamilyStreams, key, EncodeStreamMeta(meta));
  }
  VerifyReport report;
  Status s = ReopenAndVerify(&report);
  ASSERT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find("stream metadata of " + testing::EmpStream(4) + " says version 11"),
            std::string::npos)
      << s.message();
  EXPECT_NE(report.first_bad_position, 0u);
}

TEST_F(TreeTamperTest, StreamMetadataWithAnotherLastPositionIsCorruption) {
  {
    testing::RawDb raw(dir_.ledger());
    const std::string key = StreamMetaKey(testing::EmpStream(4));
    StreamMeta meta;
    ASSERT_TRUE(DecodeStreamMeta(raw.Get(kFamilyStreams, key), &meta));
    ASSERT_EQ(meta.last_position, 40u);
    meta.last_position = 39;
    raw.Put(kFamilyStreams, key, EncodeStreamMeta(meta));
  }
  ExpectCorruptAt(kEvents + 1, "positions 31..39; its version keys say 10, 31..40");
}

TEST_F(TreeTamperTest, StreamMetadataWithAnotherFirstPositionIsCorruption) {
  {
    testing::RawDb raw(dir_.ledger());
    const std::string key = StreamMetaKey(testing::EmpStream(4));
    StreamMeta meta;
    ASSERT_TRUE(DecodeStreamMeta(raw.Get(kFamilyStreams, key), &meta));
    meta.first_position = 32;
    raw.Put(kFamilyStreams, key, EncodeStreamMeta(meta));
  }
  ExpectCorruptAt(kEvents + 1, "positions 32..40");
}

TEST_F(TreeTamperTest, VersionKeysWithoutStreamMetadataAreCorruption) {
  for (int e : {4, 10}) {  // a stream in the middle, and the last one
    SCOPED_TRACE(e);
    const std::string key = StreamMetaKey(testing::EmpStream(e));
    std::string meta;
    {
      testing::RawDb raw(dir_.ledger());
      meta = raw.Get(kFamilyStreams, key);
      raw.Delete(kFamilyStreams, key);
    }
    ExpectCorruptAt(kEvents + 1,
                    "stream " + testing::EmpStream(e) + " has version keys but no metadata");
    testing::RawDb raw(dir_.ledger());
    raw.Put(kFamilyStreams, key, meta);
  }
}

}  // namespace
}  // namespace jejak::store
