// The index briefs (index_entries.h): what a query computes from a brief
// equals what it would compute from the full profile, on generated data and
// on hand-made edge cases; a malformed brief is Corruption, never a crash.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <memory>

#include "store/projection_access.h"
#include "projection/generation.h"
#include "jejak/projection/names.h"
#include "jejak/projection/profile_view.h"
#include "projection/state_codec.h"
#include "projection/index_entries.h"
#include "projection/keys.h"
#include "projection/ledger_gen.h"
#include "projection/store_fixture.h"

namespace jejak::projection {
namespace {

namespace s = ::jejak::schema;

constexpr uint8_t kAll = kBriefCompetencies | kBriefJp | kBriefCareer;

void ExpectSameOutlook(const ProfileState& full, const ProfileState& facts, uint32_t from, uint32_t today,
                       const Rules& rules) {
  const PromotionOutlook a = NextPromotion(full, from, rules, today);
  const PromotionOutlook b = NextPromotion(facts, from, rules, today);
  EXPECT_EQ(a.date, b.date) << full.nip << " from " << from;
  EXPECT_EQ(a.to, b.to) << full.nip;
  EXPECT_EQ(a.blockers, b.blockers) << full.nip << " from " << from;
  EXPECT_EQ(a.notes, b.notes) << full.nip << " from " << from;
}

// Everything a query reads from a brief, checked against the profile.
void ExpectBriefMatches(const ProfileState& st, const std::vector<PositionVersion>& standards,
                        const Rules& rules) {
  const std::string key = keys::AgencyPrefix("x") + st.nip;
  const std::string value = EncodeBrief(st, kAll);
  auto b = ParseBrief(key, value);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->Row(0), BaseCells(st));
  const RankFact* rank = CurrentRank(st);
  EXPECT_EQ(b->rank_code, rank != nullptr ? RankCode(rank->rank) : 0);
  EXPECT_EQ(b->level, CurrentLevel(st, nullptr));
  EXPECT_EQ(b->birth_date, st.birth_date);
  EXPECT_EQ(b->recruited, st.recruited.effective);
  EXPECT_EQ(b->active(), st.separation.key.position == 0);
  // One state reused from brief to brief, as the queries do.
  static ProfileState facts;
  ASSERT_TRUE(b->Facts(&facts).ok());
  for (uint16_t year = 2000; year <= 2032; ++year) {
    EXPECT_EQ(b->JpInYear(year), JpInYear(st, year)) << st.nip << " " << year;
    EXPECT_EQ(JpInYear(facts, year), JpInYear(st, year)) << st.nip << " " << year;
  }
  EXPECT_EQ(TalentBox(facts, rules), TalentBox(st, rules)) << st.nip;
  if (!st.ratings.empty()) {
    EXPECT_EQ(facts.ratings.back().predikat, st.ratings.back().predikat);
  }
  EXPECT_EQ(facts.assessment.potential, st.assessment.potential);
  // The summary entry holds SummaryOf of the profile.
  const std::string summary_key = keys::Summary(st.nip);
  const std::string summary_value = EncodeBrief(st, kSummaryParts);
  auto summary_brief = ParseBrief(summary_key, summary_value);
  ASSERT_TRUE(summary_brief.ok()) << summary_brief.status().ToString();
  auto summary = SummaryFromBrief(*summary_brief);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_TRUE(*summary == SummaryOf(st)) << st.nip;
  for (const auto& standard : standards) EXPECT_EQ(GapAgainst(facts, standard), GapAgainst(st, standard));
  for (auto [from, today] : {std::pair{20150101u, 20150101u}, std::pair{20200401u, 20200101u},
                             std::pair{20250101u, 20250101u}, std::pair{20261201u, 20261122u},
                             std::pair{20300101u, 20261122u}}) {
    ExpectSameOutlook(st, facts, from, today, rules);
  }
}

class BriefTest : public testing::StoreFixture {};

TEST_F(BriefTest, BriefsOfGeneratedProfilesGiveTheProfilesAnswers) {
  testing::GenOptions o;
  o.seed = 23;
  o.employees = 120;
  testing::LedgerGen gen(o);
  ASSERT_TRUE(gen.Run(*store_, 3000).ok());
  auto projector = NewProjector(400);
  ASSERT_TRUE(projector->CatchUp().ok());
  std::vector<PositionVersion> standards;
  for (const auto& agency : gen.Agencies()) {
    for (int i = 0; i < o.positions_per_agency; ++i) {
      auto def = projector->GetPosition(agency, "pos" + std::to_string(i));
      if (!def.ok()) continue;
      for (const auto& v : def->versions) standards.push_back(v);
    }
  }
  ASSERT_FALSE(standards.empty());
  const Rules rules = Rules::Default();
  std::unique_ptr<rocksdb::Iterator> it(
      store::RocksOf(*store_)->NewIterator(rocksdb::ReadOptions(), projector->Pin()->family()));
  int profiles = 0, sanctioned = 0;
  for (it->Seek("p"); it->Valid() && it->key().starts_with("p"); it->Next()) {
    auto st = DecodeProfile(std::string_view(it->value().data(), it->value().size()));
    ASSERT_TRUE(st.ok());
    ExpectBriefMatches(*st, standards, rules);
    ++profiles;
    sanctioned += !st->sanctions.empty();
  }
  EXPECT_EQ(profiles, 120);
  EXPECT_GT(sanctioned, 0);
  // One stored summary per profile, equal to SummaryOf of it.
  int summaries = 0;
  for (it->Seek("b"); it->Valid() && it->key().starts_with("b"); it->Next()) {
    const std::string key = it->key().ToString();
    auto b = ParseBrief(key, it->value().ToStringView());
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    auto summary = SummaryFromBrief(*b);
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    std::string profile;
    ASSERT_TRUE(store::RocksOf(*store_)
                    ->Get(rocksdb::ReadOptions(), projector->Pin()->family(),
                          keys::Profile(keys::NipOf(key)), &profile)
                    .ok());
    auto st = DecodeProfile(profile);
    ASSERT_TRUE(st.ok());
    EXPECT_TRUE(*summary == SummaryOf(*st)) << key;
    ++summaries;
  }
  EXPECT_EQ(summaries, 120);
  // Every stored index value is a brief.
  int entries = 0;
  for (it->Seek("i"); it->Valid() && it->key().starts_with("i"); it->Next()) {
    auto b = ParseBrief(std::string_view(it->key().data(), it->key().size()),
                        std::string_view(it->value().data(), it->value().size()));
    EXPECT_TRUE(b.ok()) << b.status().ToString();
    ProfileState facts;
    if (b.ok()) {
      EXPECT_TRUE(b->Facts(&facts).ok());
    }
    ++entries;
  }
  EXPECT_GT(entries, 4 * 120);
}

ProfileState HandMade() {
  ProfileState st;
  st.nip = "198001012005011001";
  st.name = "Dewi Lestari";
  st.birth_date = 19800101;
  st.education = s::EducationLevel::S1;
  st.employment_type = s::EmploymentType::PNS;
  st.recruited = {20050101, 1};
  st.confirmed = {20060101, 5};
  st.placements.push_back(Placement{{20050101, 1}, "ag", "u1", "pos1", "", s::JabatanLevel::PELAKSANA,
                                    PlacementKind::kRecruited, ""});
  st.ranks.push_back(RankFact{{20050101, 1}, {s::Golongan::IIIA, 0}, s::PromotionKind::UNSPECIFIED, 0});
  st.ranks.push_back(RankFact{{20210401, 9}, {s::Golongan::IIIB, 0}, s::PromotionKind::REGULAR, 0});
  st.ratings.push_back(RatingFact{{20240105, 10}, 2023, s::PredikatKinerja::BAIK, {}, {}, 0});
  st.ratings.push_back(RatingFact{{20250105, 11}, 2024, s::PredikatKinerja::BUTUH_PERBAIKAN, {}, {}, 0});
  st.training_jp.push_back(TrainingJp{2024, s::TrainingKind::TECHNICAL, 12, 1});
  st.training_jp.push_back(TrainingJp{2024, s::TrainingKind::FUNCTIONAL, 9, 1});
  st.sanctions.push_back(SanctionFact{{20250301, 12}, s::SanctionLevel::MEDIUM, s::SanctionKind::UNSPECIFIED,
                                      20250301, 20260228, "late"});
  st.sanctions.push_back(SanctionFact{{20250601, 13}, s::SanctionLevel::HEAVY, s::SanctionKind::UNSPECIFIED,
                                      20250601, 0, "open"});
  st.lifts.push_back(SanctionLift{{20251001, 14}, 13, "lifted"});
  st.event_count = 14;
  return st;
}

TEST_F(BriefTest, HandMadeCareersGiveTheProfilesAnswers) {
  const Rules rules = Rules::Default();
  ProfileState st = HandMade();
  ExpectBriefMatches(st, {}, rules);
  ProfileState pppk = st;
  pppk.employment_type = s::EmploymentType::PPPK;
  pppk.ranks = {RankFact{{20220101, 3}, {s::Golongan::UNSPECIFIED, 9}, s::PromotionKind::UNSPECIFIED, 0}};
  ExpectBriefMatches(pppk, {}, rules);
  ProfileState gone = st;
  gone.separation = SeparationFact{{20260105, 20}, s::SeparationReason::DEATH, ""};
  ExpectBriefMatches(gone, {}, rules);
  ProfileState bare;
  bare.nip = "197001012000011002";
  ExpectBriefMatches(bare, {}, rules);
  // The JP of a year sums its kinds.
  // ParseBrief gives a view: the key and value must outlive it.
  const std::string key = keys::AgencyPrefix("ag") + st.nip;
  const std::string value = EncodeBrief(st, kBriefJp);
  auto b = ParseBrief(key, value);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->JpInYear(2024), 21u);
  EXPECT_EQ(b->JpInYear(2023), 0u);
}

TEST_F(BriefTest, EveryTruncationOrBadTagIsCorruption) {
  const ProfileState st = HandMade();
  const std::string key = keys::AgencyPrefix("ag") + st.nip;
  const std::string value = EncodeBrief(st, kAll);
  for (size_t n = 0; n < value.size(); ++n) {
    auto b = ParseBrief(key, std::string_view(value).substr(0, n));
    ProfileState facts;
    const bool ok = b.ok() && b->Facts(&facts).ok();
    EXPECT_FALSE(ok) << "truncated to " << n;
    if (!b.ok()) {
      EXPECT_TRUE(b.status().IsCorruption());
      EXPECT_NE(b.status().ToString().find(st.nip), std::string::npos);
    }
  }
  std::string bad = value;
  bad[0] = 0x01;
  EXPECT_TRUE(ParseBrief(key, bad).status().IsCorruption());
  EXPECT_TRUE(ParseBrief(key, value + "x").status().IsCorruption());
}

TEST_F(BriefTest, ADamagedOrMisplacedSummaryIsCorruption) {
  const ProfileState st = HandMade();
  const std::string key = keys::Summary(st.nip);
  const std::string value = EncodeBrief(st, kSummaryParts);
  for (size_t n = 0; n < value.size(); ++n) {
    auto b = ParseBrief(key, std::string_view(value).substr(0, n));
    if (b.ok()) {
      EXPECT_TRUE(SummaryFromBrief(*b).status().IsCorruption()) << "truncated to " << n;
    } else {
      EXPECT_TRUE(b.status().IsCorruption()) << "truncated to " << n;
    }
  }
  // Another employee's summary under this NIP.
  ProfileState other = st;
  other.nip = "197001012000011002";
  const std::string moved = EncodeBrief(other, kSummaryParts);
  auto b = ParseBrief(key, moved);
  ASSERT_TRUE(b.ok());
  const Status s = SummaryFromBrief(*b).status();
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.ToString().find(other.nip), std::string::npos) << s.ToString();
  // A brief without the summary's parts (an index entry's) is not one.
  const std::string index_value = EncodeBrief(st, kAll);
  auto index = ParseBrief(key, index_value);
  ASSERT_TRUE(index.ok());
  EXPECT_TRUE(SummaryFromBrief(*index).status().IsCorruption());
}

TEST_F(BriefTest, IndexEntriesCarryTheirParts) {
  const Rules rules = Rules::Default();
  const ProfileState st = HandMade();
  for (const auto& e : IndexEntries(st, rules)) {
    auto b = ParseBrief(e.key, e.value);
    ASSERT_TRUE(b.ok()) << e.key;
    const std::string tag = e.key.substr(0, 2);
    const uint8_t want = tag[0] == 'b'                ? kSummaryParts
                         : tag == "ia" || tag == "iu" ? (kBriefCompetencies | kBriefJp)
                         : tag == "ie" || tag == "ix" ? kBriefCareer
                         : tag == "it"                ? (kBriefCareer | kBriefJp)
                                                      : 0;
    EXPECT_EQ(b->parts, want) << tag;
    EXPECT_EQ(b->nip, st.nip);
  }
}

}  // namespace
}  // namespace jejak::projection
