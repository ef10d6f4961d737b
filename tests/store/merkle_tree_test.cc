// The store's Merkle tree (docs/format.md "Entries", "Merkle tree"): after
// appends of every group size, across tile boundaries and a reopen, the
// head's root, TreeRoot(k) and the proofs agree with RFC 6962's MTH
// computed naively from ReadEntry; entries carry a commitment exactly when
// the event has personal fields, and their public body lacks those fields.
#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <vector>

#include <capnp/message.h>
#include <capnp/serialize.h>

#include "jejak/integrity/entry.h"
#include "jejak/integrity/merkle.h"
#include "jejak/schema/envelope.capnp.h"
#include "jejak/store/event_store.h"
#include "store/keys.h"
#include "store/raw_db.h"
#include "store/test_events.h"

namespace jejak::store {
namespace {

using integrity::Hash;

class MerkleTreeTest : public ::testing::Test {
 protected:
  void Open() {
    store_ = testing::OpenOrDie(testing::TestOptions(), dir_.ledger());
    ASSERT_NE(store_, nullptr);
  }

  // Appends `count` events to `stream` in calls of `per_call` events.
  void AppendUnits(const std::string& stream, size_t count, size_t per_call) {
    for (size_t done = 0; done < count; done += per_call) {
      const size_t n = std::min(per_call, count - done);
      auto events = testing::UnitEvents(stream + "-" + std::to_string(next_id_++), n);
      auto r = store_->Append(stream, ExpectedVersion::Any(), events);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
    }
  }

  // Extends leaves_ with the entries past it and checks the head's root
  // and TreeRoot(head) against the naive root of all of them.
  void CheckHeadRoot() {
    const Head head = store_->GetHead();
    const uint64_t have = leaves_.size();
    ASSERT_LE(have, head.position);
    for (uint64_t p = have + 1; p <= head.position; ++p) {
      auto entry = store_->ReadEntry(p);
      ASSERT_TRUE(entry.ok()) << p << ": " << entry.status().ToString();
      leaves_.push_back(integrity::RecordHash(*entry));
    }
    const Hash want = testing::NaiveTreeRoot(leaves_);
    ASSERT_EQ(ToHex(head.tree_root), ToHex(want)) << "size " << head.position;
    auto root = store_->TreeRoot(head.position);
    ASSERT_TRUE(root.ok()) << root.status().ToString();
    EXPECT_EQ(ToHex(*root), ToHex(want));
  }

  void ExpectTreeRootIsNaive(uint64_t k) {
    auto root = store_->TreeRoot(k);
    ASSERT_TRUE(root.ok()) << k << ": " << root.status().ToString();
    EXPECT_EQ(ToHex(*root), ToHex(testing::NaiveTreeRoot(std::span(leaves_).first(k))))
        << "size " << k;
  }

  testing::TempDir dir_;
  std::unique_ptr<EventStore> store_;
  std::vector<Hash> leaves_;
  int next_id_ = 0;
};

TEST_F(MerkleTreeTest, EmptyLedgerHasTheEmptyTreeRoot) {
  Open();
  EXPECT_EQ(ToHex(store_->GetHead().tree_root), ToHex(integrity::EmptyTreeHash()));
  auto root = store_->TreeRoot(0);
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(ToHex(*root), ToHex(integrity::EmptyTreeHash()));
  VerifyReport report;
  ASSERT_TRUE(store_->Verify(&report).ok());
  EXPECT_EQ(ToHex(report.head.tree_root), ToHex(integrity::EmptyTreeHash()));
}

TEST_F(MerkleTreeTest, HeadRootIsNaiveRootAfterAppendsOfEveryGroupSize) {
  Open();
  // Single events across the first tile boundary (256), then batches that
  // cross it several times, partial and whole, and odd sizes.
  for (int i = 0; i < 300; ++i) {
    AppendUnits("org/single", 1, 1);
    if (i < 5 || (i >= 250 && i <= 260) || i == 299) CheckHeadRoot();
  }
  for (size_t per_call : {size_t{1000}, size_t{255}, size_t{256}, size_t{257}, size_t{7}}) {
    AppendUnits("org/batch", per_call == 7 ? 70 : 1000, per_call);
    CheckHeadRoot();
  }
  // Several streams in one call (one group).
  std::vector<std::vector<NewEvent>> parts;
  std::vector<StreamAppend> appends;
  for (int s = 0; s < 3; ++s) parts.push_back(testing::UnitEvents("multi" + std::to_string(s), 100));
  for (int s = 0; s < 3; ++s) {
    appends.push_back({"org/multi-" + std::to_string(s), ExpectedVersion::Any(), parts[s]});
  }
  ASSERT_TRUE(store_->Append(appends).ok());
  CheckHeadRoot();
  EXPECT_EQ(store_->GetHead().position, 300u + 4000 + 70 + 300);
}

TEST_F(MerkleTreeTest, TreeRootOfEarlierSizesIsNaiveRoot) {
  Open();
  AppendUnits("org/a", 2600, 1000);
  CheckHeadRoot();
  for (uint64_t k : {0, 1, 2, 3, 7, 8, 255, 256, 257, 511, 512, 513, 1000, 2047, 2048, 2599}) {
    ExpectTreeRootIsNaive(k);
  }
}

TEST_F(MerkleTreeTest, ProofsVerifyAgainstNaiveRoots) {
  Open();
  AppendUnits("org/a", 1300, 650);
  CheckHeadRoot();
  const uint64_t n = leaves_.size();
  for (uint64_t size : {uint64_t{1}, uint64_t{2}, uint64_t{255}, uint64_t{256}, uint64_t{257},
                        uint64_t{1000}, n}) {
    const Hash root = testing::NaiveTreeRoot(std::span(leaves_).first(size));
    for (uint64_t position : {uint64_t{1}, size / 2 + 1, size}) {
      auto proof = store_->ProveInclusion(position, size);
      ASSERT_TRUE(proof.ok()) << position << "/" << size << ": " << proof.status().ToString();
      Status s = integrity::CheckInclusion(*proof, size, root, position - 1,
                                           leaves_[position - 1]);
      EXPECT_TRUE(s.ok()) << position << "/" << size << ": " << s.ToString();
      // The proof does not verify another leaf.
      const Hash& other = leaves_[position % size];
      if (size > 1) {
        EXPECT_FALSE(integrity::CheckInclusion(*proof, size, root, position - 1, other).ok());
      }
    }
    for (uint64_t old_size : {uint64_t{0}, uint64_t{1}, size / 3, size - 1, size}) {
      auto proof = store_->ProveConsistency(old_size, size);
      ASSERT_TRUE(proof.ok()) << old_size << "->" << size << ": " << proof.status().ToString();
      const Hash old_root = testing::NaiveTreeRoot(std::span(leaves_).first(old_size));
      Status s = integrity::CheckConsistency(*proof, size, root, old_size, old_root);
      EXPECT_TRUE(s.ok()) << old_size << "->" << size << ": " << s.ToString();
    }
  }
}

TEST_F(MerkleTreeTest, OutOfRangeArgumentsAreInvalidArgument) {
  Open();
  AppendUnits("org/a", 10, 10);
  EXPECT_TRUE(store_->TreeRoot(11).status().IsInvalidArgument());
  EXPECT_TRUE(store_->ProveInclusion(0, 5).status().IsInvalidArgument());
  EXPECT_TRUE(store_->ProveInclusion(6, 5).status().IsInvalidArgument());
  EXPECT_TRUE(store_->ProveInclusion(5, 11).status().IsInvalidArgument());
  EXPECT_TRUE(store_->ProveInclusion(11, 11).status().IsInvalidArgument());
  EXPECT_TRUE(store_->ProveConsistency(6, 5).status().IsInvalidArgument());
  EXPECT_TRUE(store_->ProveConsistency(5, 11).status().IsInvalidArgument());
  EXPECT_TRUE(store_->ReadEntry(0).status().IsNotFound());
  EXPECT_TRUE(store_->ReadEntry(11).status().IsNotFound());
  EXPECT_TRUE(store_->ProveInclusion(10, 10).ok());
  EXPECT_TRUE(store_->ProveConsistency(10, 10).ok());
  EXPECT_TRUE(store_->ProveConsistency(0, 0).ok());
}

TEST_F(MerkleTreeTest, TreeSurvivesReopenAndGrowsFromWhereItWas) {
  // Reopen at a full tile, in the middle of one, and at size 1.
  Open();
  AppendUnits("org/a", 1, 1);
  for (size_t more : {size_t{511}, size_t{100}, size_t{156}, size_t{1}}) {
    CheckHeadRoot();
    const Hash before = store_->GetHead().tree_root;
    store_.reset();
    Open();
    ASSERT_EQ(ToHex(store_->GetHead().tree_root), ToHex(before));
    AppendUnits("org/a", more, 50);
    CheckHeadRoot();
  }
  ExpectTreeRootIsNaive(512);
  ExpectTreeRootIsNaive(700);
  VerifyReport report;
  Status s = store_->Verify(&report);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(ToHex(report.head.tree_root), ToHex(store_->GetHead().tree_root));
  EXPECT_EQ(report.head.position, store_->GetHead().position);
}

// 66,000 small events: the tree crosses 65,536 leaves, where a level-1 tile
// becomes full and a level-2 tile starts.
TEST_F(MerkleTreeTest, TreeCrossesTheLevelOneTileBoundary) {
  const auto start = std::chrono::steady_clock::now();
  Open();
  AppendUnits("org/big", 65535, 5000);
  CheckHeadRoot();
  AppendUnits("org/big", 1, 1);
  CheckHeadRoot();
  AppendUnits("org/big", 464, 232);
  CheckHeadRoot();
  for (uint64_t k : {uint64_t{256} * 255, uint64_t{65535}, uint64_t{65536}, uint64_t{65537},
                     uint64_t{65792}, uint64_t{65999}}) {
    ExpectTreeRootIsNaive(k);
  }
  auto proof = store_->ProveConsistency(65535, 66000);
  ASSERT_TRUE(proof.ok());
  EXPECT_TRUE(integrity::CheckConsistency(*proof, 66000, store_->GetHead().tree_root, 65535,
                                          testing::NaiveTreeRoot(std::span(leaves_).first(65535)))
                  .ok());
  store_.reset();
  Open();
  AppendUnits("org/big", 10, 10);
  CheckHeadRoot();
  VerifyReport report;
  Status s = store_->Verify(&report);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(ToHex(report.head.tree_root), ToHex(store_->GetHead().tree_root));
  std::printf("66,010 events appended, checked and verified in %lld ms\n",
              static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::steady_clock::now() - start)
                                         .count()));
}

// ---- entries of events with and without personal fields ----

NewEvent RecruitedWithNik(std::string_view event_id, std::string_view nip) {
  NewEvent e = testing::Recruited(event_id, nip);
  e.builder().getPayload().getRecruited().setNik("3273010101900001");
  return e;
}

NewEvent RelationshipDeclared(std::string_view event_id) {
  NewEvent e;
  auto in = e.builder();
  testing::FillEnvelope(in, event_id, 20190101);
  auto r = in.initPayload().initRelationshipDeclared();
  r.setOtherName("Ahmad Fauzi");
  r.setRelation(schema::Relation::SPOUSE);
  return e;
}

NewEvent CandidateRegistered(std::string_view event_id) {
  NewEvent e;
  auto in = e.builder();
  testing::FillEnvelope(in, event_id, 20220201);
  auto c = in.initPayload().initCandidateRegistered();
  c.setNip(testing::Nip(1));
  c.setName("Siti Rahmawati");
  return e;
}

NewEvent CorrectedRecruited(std::string_view event_id, uint64_t target) {
  NewEvent e;
  auto in = e.builder();
  testing::FillEnvelope(in, event_id, 20200101);
  auto c = in.initPayload().initCorrected();
  c.setTarget(target);
  c.setReason("name misspelt");
  c.setAuthority("Kepala BKD");
  NewEvent replacement = RecruitedWithNik("unused", testing::Nip(1));
  replacement.builder().getPayload().getRecruited().setName("Siti Rachmawati");
  c.setReplacement(replacement.reader().getPayload());
  return e;
}

// The events, moved into a vector (NewEvent is move-only).
template <typename... E>
std::vector<NewEvent> Events(E&&... events) {
  std::vector<NewEvent> v;
  (v.push_back(std::move(events)), ...);
  return v;
}

// Reads `bytes` (a canonical body: one segment, no segment table) as an Event and calls f(event).
template <typename F>
void WithEvent(std::string_view bytes, F f) {
  ASSERT_EQ(bytes.size() % 8, 0u);
  std::vector<capnp::word> words(bytes.size() / 8);
  std::memcpy(words.data(), bytes.data(), bytes.size());
  kj::ArrayPtr<const capnp::word> segments[1] = {kj::arrayPtr(words.data(), words.size())};
  capnp::SegmentArrayMessageReader reader(kj::arrayPtr(segments, 1));
  f(reader.getRoot<schema::Event>());
}

TEST_F(MerkleTreeTest, EntriesCommitToPersonalFieldsAndPublishTheRest) {
  Open();
  const std::string emp = testing::EmpStream(1);
  ASSERT_TRUE(store_->Append(emp, ExpectedVersion::NoStream(),
                             Events(RecruitedWithNik("r", testing::Nip(1))))
                  .ok());                                                        // 1
  std::vector<NewEvent> more;
  more.push_back(RelationshipDeclared("rel"));                                   // 2
  more.push_back(testing::PerformanceRated("pr", 2016));                         // 3
  more.push_back(CorrectedRecruited("cr", 1));                                   // 4
  more.push_back(testing::CorrectedRating("cpr", 3, 2016));                      // 5
  auto r = store_->Append(emp, ExpectedVersion::Exact(1), more);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(store_->Append("sel/2022-kabid", ExpectedVersion::NoStream(),
                             Events(testing::SelectionOpened("so"),  // 6
                                    CandidateRegistered("cand")))        // 7
                  .ok());
  ASSERT_TRUE(store_->Append("org/bkd", ExpectedVersion::Any(),
                             Events(testing::UnitDefined("u", "u1")))  // 8
                  .ok());
  ASSERT_EQ(store_->GetHead().position, 8u);
  CheckHeadRoot();

  const std::vector<uint64_t> personal = {1, 2, 4, 7};
  std::vector<std::string> bodies(9);
  std::vector<Hash> commitments(9);
  for (uint64_t p = 1; p <= 8; ++p) {
    SCOPED_TRACE("position " + std::to_string(p));
    auto event = store_->ReadAt(p);
    ASSERT_TRUE(event.ok());
    bodies[p] = std::string(event->body());
    auto entry = store_->ReadEntry(p);
    ASSERT_TRUE(entry.ok()) << entry.status().ToString();
    auto parts = integrity::SplitEntry(*entry);
    ASSERT_TRUE(parts.ok()) << parts.status().ToString();
    commitments[p] = parts->commitment;
    const bool is_personal = std::find(personal.begin(), personal.end(), p) != personal.end();
    if (!is_personal) {
      EXPECT_EQ(ToHex(parts->commitment), ToHex(integrity::kNoCommitment));
      EXPECT_EQ(parts->public_body, event->body());
      continue;
    }
    EXPECT_NE(ToHex(parts->commitment), ToHex(integrity::kNoCommitment));
    EXPECT_NE(parts->public_body, event->body());
    for (const char* secret : {"Siti Ra", "Ahmad Fauzi", "3273010101900001"}) {
      EXPECT_EQ(parts->public_body.find(secret), std::string_view::npos) << secret;
    }
    WithEvent(parts->public_body, [&](schema::Event::Reader pub) {
      const auto ev = event->event();
      EXPECT_EQ(pub.getPosition(), p);
      EXPECT_EQ(std::string(pub.getStream()), std::string(ev.getStream()));
      EXPECT_EQ(pub.getVersion(), ev.getVersion());
      EXPECT_EQ(std::string(pub.getEventId()), std::string(ev.getEventId()));
      EXPECT_EQ(pub.getRecordedAt().getUnixMicros(), ev.getRecordedAt().getUnixMicros());
      EXPECT_EQ(std::string(pub.getActor().getUser()), "budi.santoso");
      EXPECT_EQ(pub.getPayload().which(), ev.getPayload().which());
      auto check_recruited = [&](schema::Recruited::Reader rec) {
        EXPECT_FALSE(rec.hasName());
        EXPECT_FALSE(rec.hasNik());
        EXPECT_FALSE(rec.hasBirthDate());
        EXPECT_EQ(std::string(rec.getNip()), testing::Nip(1));
        EXPECT_EQ(std::string(rec.getUnit()), "bidang-mutasi");
        EXPECT_EQ(rec.getSelectionScore(), 412.5);
      };
      switch (p) {
        case 1: check_recruited(pub.getPayload().getRecruited()); break;
        case 2:
          EXPECT_FALSE(pub.getPayload().getRelationshipDeclared().hasOtherName());
          EXPECT_EQ(pub.getPayload().getRelationshipDeclared().getRelation(),
                    schema::Relation::SPOUSE);
          break;
        case 4: {
          auto c = pub.getPayload().getCorrected();
          EXPECT_EQ(c.getTarget(), 1u);
          EXPECT_EQ(std::string(c.getReason()), "name misspelt");
          check_recruited(c.getReplacement().getRecruited());
          break;
        }
        case 7:
          EXPECT_FALSE(pub.getPayload().getCandidateRegistered().hasName());
          EXPECT_EQ(std::string(pub.getPayload().getCandidateRegistered().getNip()),
                    testing::Nip(1));
          break;
      }
    });
  }
  store_.reset();

  // The commitment is SHA-256("jejak.personal.v1" ‖ salt ‖ body) with the
  // stored salt; only the personal entries have one.
  testing::RawDb raw(dir_.ledger());
  for (uint64_t p = 1; p <= 8; ++p) {
    std::string salt;
    rocksdb::Status s = raw.db()->Get(rocksdb::ReadOptions(), raw.family(kFamilyIntegrity),
                                      SaltKey(p), &salt);
    const bool is_personal = std::find(personal.begin(), personal.end(), p) != personal.end();
    ASSERT_EQ(s.ok(), is_personal) << p << ": " << s.ToString();
    if (!is_personal) continue;
    ASSERT_EQ(salt.size(), integrity::kSaltBytes);
    integrity::Salt st;
    std::memcpy(st.data(), salt.data(), st.size());
    EXPECT_EQ(ToHex(integrity::PersonalCommitment(st, bodies[p])), ToHex(commitments[p])) << p;
  }
}

}  // namespace
}  // namespace jejak::store
