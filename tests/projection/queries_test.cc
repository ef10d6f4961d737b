// Every HR query equals a brute-force scan over all profiles, on generated
// data.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <algorithm>
#include <memory>

#include "jejak/domain/date.h"
#include "jejak/projection/profile_view.h"
#include "jejak/projection/queries.h"
#include "jejak/projection/state_codec.h"
#include "projection/index_entries.h"
#include "projection/ledger_gen.h"
#include "projection/store_fixture.h"

namespace jejak::projection {
namespace {

namespace s = ::jejak::schema;

class QueriesTest : public testing::StoreFixture {
 protected:
  void SetUp() override {
    testing::GenOptions o;
    o.seed = 11;
    o.employees = 150;
    o.agencies = 2;
    testing::LedgerGen gen(o);
    ASSERT_TRUE(gen.Run(*store_, 4000).ok());
    projector_ = NewProjector(500);
    ASSERT_TRUE(projector_->CatchUp().ok());
    std::unique_ptr<rocksdb::Iterator> it(
        store_->rocks()->NewIterator(rocksdb::ReadOptions(), projector_->family()));
    for (it->Seek("p"); it->Valid() && it->key().starts_with("p"); it->Next()) {
      auto st = DecodeProfile(std::string_view(it->value().data(), it->value().size()));
      ASSERT_TRUE(st.ok());
      all_.push_back(std::move(st).value());
    }
    ASSERT_EQ(all_.size(), 150u);
  }

  static std::vector<std::string> Nips(const Result<Table>& t) {
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    std::vector<std::string> out;
    if (t.ok()) {
      for (const auto& row : t->rows) out.push_back(row[0]);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  template <typename Pred>
  std::vector<std::string> Brute(Pred pred) {
    std::vector<std::string> out;
    for (const auto& st : all_) {
      if (pred(st)) out.push_back(st.nip);
    }
    return out;  // all_ is in NIP order
  }

  static bool Active(const ProfileState& st) { return st.separation.key.position == 0; }
  static bool In(const ProfileState& st, const std::string& agency, const std::string& unit = "") {
    const Placement* p = CurrentPlacement(st);
    return p != nullptr && p->agency == agency && (unit.empty() || p->unit == unit);
  }

  std::unique_ptr<Projector> projector_;
  std::vector<ProfileState> all_;
  Rules rules_ = Rules::Default();
};

TEST_F(QueriesTest, EmployeesByAgencyUnitRankAndLevel) {
  EmployeeFilter f;
  f.scope.agency = "ag0";
  auto by_agency = Nips(QueryEmployees(*projector_, f));
  EXPECT_EQ(by_agency, Brute([](auto& st) { return Active(st) && In(st, "ag0"); }));
  EXPECT_FALSE(by_agency.empty());

  f.scope.unit = "u1";
  EXPECT_EQ(Nips(QueryEmployees(*projector_, f)),
            Brute([](auto& st) { return Active(st) && In(st, "ag0", "u1"); }));

  f.include_separated = true;
  f.scope.unit.clear();
  EXPECT_EQ(Nips(QueryEmployees(*projector_, f)), Brute([](auto& st) { return In(st, "ag0"); }));

  EmployeeFilter rank;
  rank.rank = RankValue{s::Golongan::IIIB, 0};
  EXPECT_EQ(Nips(QueryEmployees(*projector_, rank)), Brute([](auto& st) {
              return Active(st) && CurrentRank(st)->rank.golongan == s::Golongan::IIIB;
            }));

  EmployeeFilter level;
  level.level = s::JabatanLevel::PELAKSANA;
  EXPECT_EQ(Nips(QueryEmployees(*projector_, level)), Brute([](auto& st) {
              return Active(st) && CurrentLevel(st, nullptr) == s::JabatanLevel::PELAKSANA;
            }));
}

TEST_F(QueriesTest, PromotionInAPeriodListsCandidatesWithEligibilityOrReasons) {
  auto t = QueryPromotion(*projector_, 20250101, 20251231, Scope{});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(Nips(t), Brute([&](auto& st) {
              uint32_t d = PromotionCandidateDate(st, rules_);
              return d != 0 && d <= 20251231;
            }));
  int eligible = 0;
  for (const auto& row : t->rows) {
    auto it = std::find_if(all_.begin(), all_.end(), [&](auto& st) { return st.nip == row[0]; });
    auto o = NextRegularPromotion(*it, 20250101, rules_);
    const bool expect = o.eligible() && o.date <= 20251231;
    EXPECT_EQ(row[8], expect ? "yes" : "no") << row[0];
    if (!expect) {
      EXPECT_FALSE(row[9].empty()) << row[0];
    }
    eligible += expect;
  }
  EXPECT_GT(eligible, 0);
  EXPECT_LT(eligible, static_cast<int>(t->rows.size()));
  // With the capped ones: every active employee of the scope appears once.
  auto all = QueryPromotion(*projector_, 20250101, 20251231, Scope{"ag1", ""}, true);
  auto nips = Nips(all);
  auto expected = Brute([&](auto& st) {
    uint32_t d = PromotionCandidateDate(st, rules_);
    return Active(st) && In(st, "ag1") && (d == 0 || d <= 20251231);
  });
  EXPECT_EQ(nips, expected);
}


TEST_F(QueriesTest, BelowTwentyJpInAYear) {
  for (uint16_t year : {2019, 2023}) {
    EXPECT_EQ(Nips(QueryLowJp(*projector_, year, Scope{})), Brute([&](auto& st) {
                const bool served = st.recruited.effective <= year * 10000u + 1231 &&
                                    (Active(st) || st.separation.key.effective >= year * 10000u + 101);
                return served && JpInYear(st, year) < 20;
              }));
    EXPECT_EQ(Nips(QueryLowJp(*projector_, year, Scope{"ag0", "u2"})), Brute([&](auto& st) {
                return Active(st) && In(st, "ag0", "u2") &&
                       st.recruited.effective <= year * 10000u + 1231 && JpInYear(st, year) < 20;
              }));
  }
}

TEST_F(QueriesTest, CompetencyFitAgainstThePositionStandard) {
  auto def = projector_->GetPosition("ag0", "pos1");
  ASSERT_TRUE(def.ok());
  const PositionVersion* standard = def->InForce(20260101);
  ASSERT_NE(standard, nullptr);
  auto t = QueryCompetencyFit(*projector_, "ag0", "pos1", Scope{}, 20260101);
  EXPECT_EQ(Nips(t), Brute([](auto& st) { return Active(st) && In(st, "ag0"); }));
  int meets = 0;
  for (const auto& row : t->rows) {
    auto it = std::find_if(all_.begin(), all_.end(), [&](auto& st) { return st.nip == row[0]; });
    const bool expect = GapAgainst(*it, *standard).empty();
    EXPECT_EQ(row[6], expect ? "yes" : "no");
    meets += expect;
  }
  EXPECT_GT(meets, 0);
  EXPECT_TRUE(QueryCompetencyFit(*projector_, "ag0", "nope", Scope{}, 20260101).status().IsNotFound());
}

TEST_F(QueriesTest, SuccessionPoolIsBoxesSevenToNine) {
  auto t = QuerySuccessionPool(*projector_, Scope{}, 20260101);
  EXPECT_EQ(Nips(t), Brute([&](auto& st) {
              uint8_t box = TalentBox(st, rules_);
              return Active(st) && box >= 7;
            }));
  EXPECT_FALSE(t->rows.empty());
}

TEST_F(QueriesTest, RetirementsDueInAPeriod) {
  EXPECT_EQ(Nips(QueryRetirements(*projector_, 20260101, 20301231, Scope{})), Brute([&](auto& st) {
              uint32_t d = RetirementDate(st.birth_date, rules_.RetirementAge(CurrentLevel(st, nullptr)));
              return Active(st) && d >= 20260101 && d <= 20301231;
            }));
}

}  // namespace
}  // namespace jejak::projection
