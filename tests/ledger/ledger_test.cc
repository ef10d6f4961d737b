// jejak::Ledger: one owner of the store and its projection; reads checked
// against the stored hashes; rebuild generations and what a crash leaves.
#include <kj/debug.h>
#include <rocksdb/db.h>

#include <algorithm>

#include "projection/state_codec.h"
#include "ledger/ledger_fixture.h"
#include "projection/generation.h"
#include "projection/projector.h"
#include "store/frame.h"
#include "store/projection_access.h"
#include "store/raw_db.h"

namespace jejak::testing {
namespace {

using projection::testing::GenOptions;
using projection::testing::LedgerGen;

class LedgerTest : public LedgerFixture {
 protected:
  // Fills the ledger and returns the generator (for its NIPs).
  LedgerGen Fill(int events = 300) {
    GenOptions o;
    o.employees = 20;
    LedgerGen gen(o);
    EXPECT_TRUE(gen.Run(ledger_->store(), events).ok());
    EXPECT_TRUE(ledger_->CatchUp().ok());
    return gen;
  }
  // Flips one byte of the body of the event at `position`, ledger closed.
  void DamageBody(uint64_t position) {
    ledger_.reset();
    {
      store::testing::RawDb raw(path());
      std::string value = raw.Get("log", store::testing::LogKey(position));
      value[value.size() - 3] ^= 0x01;
      raw.Put("log", store::testing::LogKey(position), value);
    }
    Open();
  }
};

TEST_F(LedgerTest, ASecondProjectorOfTheSameStoreIsRefused) {
  auto second = projection::Projector::Open(ledger_->store());
  ASSERT_FALSE(second.ok());
  EXPECT_TRUE(second.status().IsUnavailable()) << second.status().ToString();
}

TEST_F(LedgerTest, ADamagedBodyIsCorruptionForEveryEventRead) {
  LedgerGen gen = Fill();
  const std::string nip = gen.Nips().front();
  auto events = ledger_->ReadStream("emp/" + nip);
  ASSERT_TRUE(events.ok());
  const uint64_t position = events->back().position();
  DamageBody(position);

  auto stream = ledger_->ReadStream("emp/" + nip);
  EXPECT_TRUE(stream.status().IsCorruption()) << stream.status().ToString();
  EXPECT_NE(stream.status().ToString().find(std::to_string(position)), std::string::npos);
  EXPECT_TRUE(ledger_->ReadAt(position).status().IsCorruption());
  Status all = ledger_->ForEachEvent(1, [](const store::RecordedEvent&) { return Status::Ok(); });
  EXPECT_TRUE(all.IsCorruption()) << all.ToString();
  // Events before it still read.
  EXPECT_TRUE(ledger_->ReadAt(1).ok());
}

TEST_F(LedgerTest, GuardTurnsACapnpExceptionIntoCorruption) {
  Result<int> r = Ledger::Guard("reading x", []() -> Result<int> {
    KJ_FAIL_REQUIRE("message is damaged");
  });
  ASSERT_TRUE(r.status().IsCorruption());
  EXPECT_NE(r.status().ToString().find("reading x"), std::string::npos);
}

TEST_F(LedgerTest, ARebuildSwitchesToANewGenerationAndDropsTheOld) {
  LedgerGen gen = Fill();
  const uint64_t before = ledger_->projector().Pin()->number();
  auto kept = ledger_->projector().Pin();  // a reader holding the old generation
  ASSERT_TRUE(ledger_->Rebuild().ok());
  EXPECT_EQ(ledger_->projector().Pin()->number(), before + 1);
  // The old generation stays readable while pinned...
  std::string value;
  EXPECT_TRUE(kept->db()->Get(rocksdb::ReadOptions(), kept->family(), "c", &value).ok());
  const std::string old_name = kept->name();
  kept.reset();
  // ...and is dropped when the last pin goes.
  const auto names = store::ProjectionFamilyNames(ledger_->store());
  EXPECT_EQ(std::count(names.begin(), names.end(), old_name), 0);
  EXPECT_EQ(names.size(), 1u);
  // Reopened, the new generation is current and whole.
  auto profile = ledger_->Profile(gen.Nips().front());
  ASSERT_TRUE(profile.ok());
  const std::string encoded = projection::EncodeProfile(profile->state);
  Reopen();
  EXPECT_EQ(ledger_->projector().Pin()->number(), before + 1);
  auto again = ledger_->Profile(gen.Nips().front());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(projection::EncodeProfile(again->state), encoded);
}

// What a crash during a rebuild leaves: a newer generation without its
// marker (unfinished) is dropped on open, the current one stays; a newer
// one with its marker (finished, the switch not persisted) becomes current
// and the older one is dropped.
TEST_F(LedgerTest, OpenKeepsTheNewestFinishedGenerationAndDropsTheRest) {
  LedgerGen gen = Fill();
  const uint64_t current = ledger_->projector().Pin()->number();
  {
    auto unfinished = store::ProjectionFamily(
        ledger_->store(), projection::GenerationName("profile", current + 5));
    ASSERT_TRUE(unfinished.ok());
    ASSERT_TRUE(store::RocksOf(ledger_->store())
                    ->Put(rocksdb::WriteOptions(), *unfinished, "c", std::string(8, '\0'))
                    .ok());
  }
  Reopen();
  EXPECT_EQ(ledger_->projector().Pin()->number(), current);
  EXPECT_EQ(store::ProjectionFamilyNames(ledger_->store()).size(), 1u);
  EXPECT_TRUE(ledger_->Profile(gen.Nips().front()).ok());

  {
    auto finished = store::ProjectionFamily(
        ledger_->store(), projection::GenerationName("profile", current + 2));
    ASSERT_TRUE(finished.ok());
    ASSERT_TRUE(
        store::RocksOf(ledger_->store())->Put(rocksdb::WriteOptions(), *finished, "r", "").ok());
  }
  Reopen();
  EXPECT_EQ(ledger_->projector().Pin()->number(), current + 2);
  EXPECT_EQ(store::ProjectionFamilyNames(ledger_->store()).size(), 1u);
  // That generation holds nothing yet: a catch-up folds the log into it.
  ASSERT_TRUE(ledger_->CatchUp().ok());
  EXPECT_TRUE(ledger_->Profile(gen.Nips().front()).ok());
}

// A profile value copied under another employee's key (a planted or
// misplaced record) is Corruption, not the other employee's profile.
TEST_F(LedgerTest, AProfileStoredUnderAnotherNipIsCorruption) {
  LedgerGen gen = Fill();
  const auto nips = gen.Nips();
  ASSERT_GE(nips.size(), 2u);
  auto gen_pin = ledger_->projector().Pin();
  std::string value;
  ASSERT_TRUE(gen_pin->db()->Get(rocksdb::ReadOptions(), gen_pin->family(), "p" + nips[0], &value).ok());
  ASSERT_TRUE(gen_pin->db()->Put(rocksdb::WriteOptions(), gen_pin->family(), "p" + nips[1], value).ok());
  auto profile = ledger_->Profile(nips[1]);
  ASSERT_TRUE(profile.status().IsCorruption()) << profile.status().ToString();
  EXPECT_NE(profile.status().ToString().find(nips[0]), std::string::npos);
}

// The definition of a position as known at a cut, read from the stored
// definition where the projection can answer, is the one a fold of the
// agency's stream gives; an amendment of the definition after the cut makes
// the projection decline (the caller refolds).
TEST_F(LedgerTest, StoredDefinitionsAsOfACutEqualTheRefold) {
  LedgerGen gen = Fill(400);
  const std::string agency = gen.Agencies().front();
  const std::string stream = "org/" + agency;
  auto define = [&](const std::string& id, uint32_t effective, const std::string& name) {
    store::NewEvent e = projection::testing::MakeEvent(stream, id, effective);
    auto d = e.builder().initPayload().initPositionDefined();
    d.setPositionId("pos0");
    d.setName(name);
    d.setLevel(schema::JabatanLevel::ADMINISTRATOR);
    d.setUnitId("u0");
    return e;
  };
  auto append = [&](store::NewEvent e) {
    auto r = ledger_->store().Append(stream, store::ExpectedVersion::Any(), std::span(&e, 1));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->last_position : 0;
  };
  const uint64_t redefined = append(define("t-redefine", 20150101, "Jabatan baru"));
  store::NewEvent fix = projection::testing::MakeEvent(stream, "t-fix", 20150101);
  {
    auto c = fix.builder().initPayload().initCorrected();
    c.setTarget(redefined);
    c.setReason("salah ketik");
    c.setAuthority("Kepala BKD");
    auto d = c.initReplacement().initPositionDefined();
    d.setPositionId("pos0");
    d.setName("Jabatan baru (dikoreksi)");
    d.setLevel(schema::JabatanLevel::ADMINISTRATOR);
    d.setUnitId("u0");
  }
  const uint64_t corrected = append(std::move(fix));
  ASSERT_GT(corrected, redefined);
  ASSERT_TRUE(gen.Run(ledger_->store(), 60).ok());
  ASSERT_TRUE(ledger_->CatchUp().ok());
  const uint64_t head = ledger_->Head().position;

  // The projection declines only cuts before the correction.
  auto& projector = ledger_->projector();
  for (uint64_t known : {redefined - 1, redefined, corrected - 1}) {
    auto stored = projector.PositionAsKnownAt(agency, "pos0", projection::Cut{known, UINT32_MAX});
    ASSERT_TRUE(stored.ok());
    EXPECT_FALSE(stored->answered) << "cut at " << known;
  }
  for (uint64_t known : {corrected, head, UINT64_MAX}) {
    auto stored = projector.PositionAsKnownAt(agency, "pos0", projection::Cut{known, UINT32_MAX});
    ASSERT_TRUE(stored.ok());
    EXPECT_TRUE(stored->answered) << "cut at " << known;
  }
  // Whichever way it is read, every employee's reconstruction is the same.
  int compared = 0;
  for (uint64_t known : {uint64_t{40}, redefined - 1, redefined, corrected - 1, corrected, head}) {
    for (uint32_t valid : {20050101u, 20150101u, 20200101u, UINT32_MAX}) {
      const projection::Cut cut{known, valid};
      for (const auto& nip : gen.Nips()) {
        auto fast = ledger_->ProfileAsOf(nip, cut);
        auto fold = projection::ProfileAsOf(ledger_->store(), nip, cut);
        ASSERT_EQ(fast.ok(), fold.ok()) << nip;
        if (!fast.ok()) continue;
        EXPECT_EQ(projection::EncodeProfile(fast->state), projection::EncodeProfile(fold->state));
        EXPECT_EQ(fast->position, fold->position) << nip << " known at " << known << " valid "
                                                  << valid;
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 100);
}

TEST(GenerationNameTest, RoundTripsAndRejectsOtherNames) {
  EXPECT_EQ(projection::GenerationName("profile", 0), "profile");
  EXPECT_EQ(projection::GenerationName("profile", 12), "profile.g12");
  EXPECT_EQ(projection::ParseGenerationName("profile", "profile"), 0u);
  EXPECT_EQ(projection::ParseGenerationName("profile", "profile.g12"), 12u);
  for (const char* other : {"profiles", "profile.g", "profile.g0", "profile.g1x", "profile.x1",
                            "other", "profile.g99999999999999999999"}) {
    EXPECT_FALSE(projection::ParseGenerationName("profile", other).has_value()) << other;
  }
}

}  // namespace
}  // namespace jejak::testing

namespace jejak::testing {
namespace {

// A reader beside the writer (LedgerOptions::read_only, a RocksDB secondary
// instance): it opens while the writer holds the ledger, sees the ledger as
// it stood when it opened, appends nothing, folds nothing, and answers a
// profile its projection lags behind from the log, equal to the writer's.
TEST_F(LedgerTest, AReaderBesideTheWriterSeesTheLedgerAsItStoodAndWritesNothing) {
  LedgerGen gen = Fill(300);
  // More events the writer records but does not fold yet.
  ASSERT_TRUE(gen.Run(ledger_->store(), 100).ok());
  const uint64_t head = ledger_->Head().position;

  LedgerOptions o;
  o.read_only = true;
  auto reader = Ledger::Open(path(), o);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  Ledger& r = **reader;
  EXPECT_TRUE(r.read_only());
  EXPECT_EQ(r.Head().position, head);
  auto lag = r.ProjectionLag();
  ASSERT_TRUE(lag.ok()) << lag.status().ToString();
  EXPECT_GT(*lag, 0u);  // the writer's projection writes skip the WAL
  EXPECT_TRUE(r.CatchUp().ok());
  EXPECT_EQ(*r.ProjectionLag(), *lag);  // a reader folds nothing
  EXPECT_TRUE(r.Rebuild().IsUnavailable());
  EXPECT_TRUE(r.Append({}).status().IsUnavailable());

  // Profiles as the writer's projection holds them once folded.
  ASSERT_TRUE(ledger_->CatchUp().ok());
  for (const std::string& nip : gen.Nips()) {
    auto mine = r.Profile(nip);
    auto writers = ledger_->Profile(nip);
    ASSERT_EQ(mine.ok(), writers.ok()) << nip;
    if (!mine.ok()) continue;
    // As AsOfWithNoCutEqualsTheProjectedProfile: a trailing amendment
    // advances the projection's last_position only.
    mine->state.last_position = writers->state.last_position;
    EXPECT_EQ(projection::EncodeProfile(mine->state), projection::EncodeProfile(writers->state)) << nip;
  }
  // The reader's view stays where it opened.
  ASSERT_TRUE(gen.Run(ledger_->store(), 20).ok());
  EXPECT_EQ(r.Head().position, head);
  store::VerifyReport report;
  Status verified = r.store().Verify(&report, nullptr);
  EXPECT_TRUE(verified.ok()) << verified.ToString();
  EXPECT_EQ(report.events_checked, head);
}

}  // namespace
}  // namespace jejak::testing
