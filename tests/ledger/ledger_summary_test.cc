// Ledger::Summary: the stored summary of every employee equals SummaryOf
// of the profile the ledger gives, after catch-ups (corrections and
// retractions included), after a rebuild, from a generation an older
// version made without summaries, and from a reader behind the writer.
#include <rocksdb/db.h>

#include <string>

#include "jejak/projection/profile_summary.h"
#include "ledger/ledger_fixture.h"
#include "projection/generation.h"
#include "projection/keys.h"
#include "projection/projector.h"

namespace jejak::testing {
namespace {

using projection::SummaryOf;
using projection::testing::GenOptions;
using projection::testing::LedgerGen;

class LedgerSummaryTest : public LedgerFixture {
 protected:
  // EXPECTs the summary of every NIP of `gen` to be SummaryOf its profile,
  // as known at the same position, in `ledger`.
  static void ExpectSummariesMatchProfiles(Ledger& ledger, const LedgerGen& gen) {
    int checked = 0;
    for (const std::string& nip : gen.Nips()) {
      auto profile = ledger.Profile(nip);
      auto summary = ledger.Summary(nip);
      ASSERT_EQ(profile.ok(), summary.ok()) << nip << ": " << summary.status().ToString();
      if (!profile.ok()) continue;
      projection::ProfileSummary want = SummaryOf(profile->state);
      want.known_position = profile->known_position;
      EXPECT_TRUE(*summary == want) << nip;
      ++checked;
    }
    EXPECT_GT(checked, 0);
  }
};

TEST_F(LedgerSummaryTest, EverySummaryIsTheSummaryOfTheProfile) {
  GenOptions o;
  o.seed = 5;
  o.employees = 40;
  LedgerGen gen(o);
  // Catch-up after catch-up: each summary rewritten as its employee changes.
  for (int round = 0; round < 4; ++round) {
    ASSERT_TRUE(gen.Run(ledger_->store(), 400).ok());
    ExpectSummariesMatchProfiles(*ledger_, gen);
  }
  ASSERT_TRUE(ledger_->Rebuild().ok());
  ExpectSummariesMatchProfiles(*ledger_, gen);
  EXPECT_TRUE(ledger_->Summary("199001012020011999").status().IsNotFound());
}

TEST_F(LedgerSummaryTest, AGenerationWithoutSummariesReadsTheProfile) {
  GenOptions o;
  o.employees = 10;
  LedgerGen gen(o);
  ASSERT_TRUE(gen.Run(ledger_->store(), 300).ok());
  ASSERT_TRUE(ledger_->CatchUp().ok());
  {
    // Marked as an older version marks, and its summaries gone.
    auto pinned = ledger_->projector().Pin();
    const std::string older(1, static_cast<char>(projection::keys::kFeatureAmendments |
                                                 projection::keys::kFeatureCareerEvents));
    rocksdb::DB* db = pinned->db();
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), pinned->family(), projection::keys::Features(),
                        older)
                    .ok());
    for (const std::string& nip : gen.Nips()) {
      ASSERT_TRUE(
          db->Delete(rocksdb::WriteOptions(), pinned->family(), projection::keys::Summary(nip)).ok());
    }
  }
  Reopen();
  EXPECT_FALSE(ledger_->projector().Pin()->Has(projection::keys::kFeatureSummaries));
  ExpectSummariesMatchProfiles(*ledger_, gen);
  ASSERT_TRUE(ledger_->Rebuild().ok());
  EXPECT_TRUE(ledger_->projector().Pin()->Has(projection::keys::kFeatureSummaries));
  ExpectSummariesMatchProfiles(*ledger_, gen);
}

TEST_F(LedgerSummaryTest, ADamagedSummaryIsCorruptionNamingTheEmployee) {
  GenOptions o;
  o.employees = 4;
  LedgerGen gen(o);
  ASSERT_TRUE(gen.Run(ledger_->store(), 100).ok());
  ASSERT_TRUE(ledger_->CatchUp().ok());
  const std::string nip = gen.Nips().front();
  {
    auto pinned = ledger_->projector().Pin();
    std::string value;
    ASSERT_TRUE(pinned->db()
                    ->Get(rocksdb::ReadOptions(), pinned->family(), projection::keys::Summary(nip),
                          &value)
                    .ok());
    value.resize(value.size() - 3);
    ASSERT_TRUE(pinned->db()
                    ->Put(rocksdb::WriteOptions(), pinned->family(), projection::keys::Summary(nip),
                          value)
                    .ok());
  }
  const Status s = ledger_->Summary(nip).status();
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.ToString().find(nip), std::string::npos) << s.ToString();
  EXPECT_TRUE(ledger_->Profile(nip).ok());  // the full profile is untouched
}

TEST_F(LedgerSummaryTest, AReaderBehindTheWriterGivesTheLogsSummary) {
  GenOptions o;
  o.employees = 12;
  LedgerGen gen(o);
  ASSERT_TRUE(gen.Run(ledger_->store(), 300).ok());
  ASSERT_TRUE(ledger_->CatchUp().ok());
  ASSERT_TRUE(gen.Run(ledger_->store(), 200).ok());  // recorded, not folded by the writer
  LedgerOptions ro;
  ro.read_only = true;
  auto reader = Ledger::Open(path(), ro);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ASSERT_GT(*(*reader)->ProjectionLag(), 0u);
  ExpectSummariesMatchProfiles(**reader, gen);
}

}  // namespace
}  // namespace jejak::testing
