// Integrity first: the audit checks every event it reads against its stored
// hashes, the chain head and the Merkle root it cites, and refuses to report
// on a damaged ledger (Corruption naming the position). The ledgers here are
// tampered with through RocksDB while closed, with bytes that still decode.
#include <cstring>

#include "audit/audit_fixture.h"
#include "jejak/integrity/chain_hashes.h"
#include "store/keys.h"
#include "store/raw_db.h"

namespace jejak::audit::testing {
namespace {

constexpr size_t kFrameHeader = 72;  // version+length, leaf hash, chain hash

class AuditIntegrityTest : public AuditFixture {
 protected:
  // A small career: a promotion (the decision) resting on two ratings (the
  // evidence) and a selection decided last, whose body holds its
  // justification.
  void SetUp() override {
    recruited_ = Recruit(nip_, "2012-03-01", "s1", "III/a");
    DefinePost("2010-01-01", 3);
    rating_ = Rate(nip_, 2014);
    Rate(nip_, 2015);
    promotion_ = Promote(nip_, "2016-04-01", "III/a", "III/b");
    Assess(nip_, "2016-06-01", 3);
    Open("sel-x", "2017-01-02", "openJpt");
    Committee("sel-x", "2017-01-03", {{"m1", false}, {"m2", false}, {"m3", false}}, Nip(9));
    Register("sel-x", "2017-01-04", nip_);
    Score("sel-x", "2017-01-05", "m1", nip_);
    Shortlist("sel-x", "2017-01-06", {nip_});
    decision_ = Decide("sel-x", "2017-01-07", nip_, Nip(9));
    ASSERT_TRUE(RunAudit(*store_, {}).ok());
  }

  // Closes the ledger, calls `edit` on the raw database, reopens it.
  template <typename F>
  void Tamper(F edit) {
    store_.reset();
    {
      store::testing::RawDb raw(dir_ + "/ledger");
      edit(raw);
    }
    store::StoreOptions o;
    o.sync = false;
    o.clock = &clock_;
    auto s = store::EventStore::Open(o, dir_ + "/ledger");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  // Changes the first byte of the text `text` inside the body of the
  // record at `position` to `to` (default 'X', or 'Y' if it is one): the
  // body still decodes, only a character changes.
  void FlipText(uint64_t position, const std::string& text, char to = 0) {
    Tamper([&](store::testing::RawDb& raw) {
      std::string value = raw.Get(store::kFamilyLog, store::testing::LogKey(position));
      const size_t at = value.find(text, kFrameHeader);
      ASSERT_NE(at, std::string::npos) << text;
      value[at] = to != 0 ? to : static_cast<char>(value[at] == 'X' ? 'Y' : 'X');
      raw.Put(store::kFamilyLog, store::testing::LogKey(position), value);
    });
  }

  void ExpectRefusedAt(uint64_t position) {
    auto r = RunAudit(*store_, {});
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.status().IsCorruption()) << r.status().ToString();
    EXPECT_NE(r.status().message().find("position " + std::to_string(position)),
              std::string::npos)
        << r.status().ToString();
  }

  const std::string nip_ = Nip(1, 2012);
  uint64_t recruited_ = 0, rating_ = 0, promotion_ = 0, decision_ = 0;
};

TEST_F(AuditIntegrityTest, AnIntactLedgerIsAudited) {
  auto r = RunAudit(*store_, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->stats.events_read, r->head.position);
}

TEST_F(AuditIntegrityTest, AByteChangedInADecisionBodyIsRefusedNamingItsPosition) {
  FlipText(decision_, "Peringkat terbaik");
  ExpectRefusedAt(decision_);
}

TEST_F(AuditIntegrityTest, AByteChangedInTheEvidenceOfADecisionIsRefused) {
  FlipText(rating_, "196501011990031001");
  ExpectRefusedAt(rating_);
}

TEST_F(AuditIntegrityTest, AByteChangedInAnEventWithPersonalFieldsIsRefused) {
  FlipText(recruited_, "Pegawai");
  ExpectRefusedAt(recruited_);
}

TEST_F(AuditIntegrityTest, AStoredLeafHashChangedIsRefused) {
  Tamper([&](store::testing::RawDb& raw) {
    std::string value = raw.Get(store::kFamilyLog, store::testing::LogKey(promotion_));
    value[8 + 3] = static_cast<char>(value[8 + 3] ^ 0x01);
    raw.Put(store::kFamilyLog, store::testing::LogKey(promotion_), value);
  });
  ExpectRefusedAt(promotion_);
}

// A forger who rewrites the last event's body and recomputes its leaf hash,
// its chain hash and the head's chain passes every BLAKE2b check: the
// Merkle root of the entries, which the report and bundle cite, still
// differs from the tree's.
TEST_F(AuditIntegrityTest, ARewrittenLastEventWithRecomputedChainIsCaughtByTheTreeRoot) {
  const uint64_t last = decision_;
  ASSERT_EQ(store_->GetHead().position, last);
  Tamper([&](store::testing::RawDb& raw) {
    const std::string before = raw.Get(store::kFamilyLog, store::testing::LogKey(last - 1));
    std::string value = raw.Get(store::kFamilyLog, store::testing::LogKey(last));
    const size_t at = value.find("Peringkat terbaik", kFrameHeader);
    ASSERT_NE(at, std::string::npos);
    value[at] = 'X';
    integrity::Hash previous{};
    std::memcpy(previous.data(), before.data() + 40, previous.size());
    const auto leaf = integrity::ChainLeafHash(std::string_view(value).substr(kFrameHeader));
    const auto chain = integrity::ChainHash(previous, leaf);
    std::memcpy(value.data() + 8, leaf.data(), leaf.size());
    std::memcpy(value.data() + 40, chain.data(), chain.size());
    raw.Put(store::kFamilyLog, store::testing::LogKey(last), value);
    std::string head = raw.Get(store::kFamilyIntegrity, store::kHeadKey);
    std::memcpy(head.data() + 8, chain.data(), chain.size());
    raw.Put(store::kFamilyIntegrity, store::kHeadKey, head);
  });
  auto r = RunAudit(*store_, {});
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsCorruption()) << r.status().ToString();
  EXPECT_NE(r.status().message().find("Merkle root"), std::string::npos)
      << r.status().ToString();
}

// Past the check's first batches (it runs beside the replay, 512 events a
// batch): the damaged event is still named, and a damaged event past the
// last full batch too.
TEST_F(AuditIntegrityTest, AByteChangedFarIntoALongLogIsRefusedNamingItsPosition) {
  uint64_t deep = 0, last = 0;
  for (int i = 0; i < 1300; ++i) {
    last = Rate(nip_, 1990 + i % 30, "baik", Nip(500 + 20 * (i % 20), 1995, 7));
    if (i == 1100) deep = last;
  }
  ASSERT_TRUE(RunAudit(*store_, {}).ok());
  FlipText(deep, "199507");  // in the evaluator's NIP
  ExpectRefusedAt(deep);
  FlipText(deep, "X99507", '1');  // restore
  ASSERT_TRUE(RunAudit(*store_, {}).ok());
  FlipText(last, "199507");
  ExpectRefusedAt(last);
}

TEST_F(AuditIntegrityTest, ADeletedEventIsRefused) {
  Tamper([&](store::testing::RawDb& raw) {
    raw.Delete(store::kFamilyLog, store::testing::LogKey(rating_));
  });
  auto r = RunAudit(*store_, {});
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsCorruption() || r.status().IsNotFound()) << r.status().ToString();
}

}  // namespace
}  // namespace jejak::audit::testing
