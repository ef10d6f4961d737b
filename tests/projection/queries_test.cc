// Every HR query equals a brute-force scan over all profiles, on generated
// data: the same employees and, cell for cell, the same rows computed from
// the full profiles (the queries build theirs from the index briefs).
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <algorithm>
#include <memory>

#include "store/projection_access.h"
#include "projection/generation.h"
#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"
#include "jejak/projection/names.h"
#include "jejak/projection/profile_view.h"
#include "jejak/projection/queries.h"
#include "projection/state_codec.h"
#include "projection/index_entries.h"
#include "projection/index_reader.h"
#include "projection/keys.h"
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
        store::RocksOf(*store_)->NewIterator(rocksdb::ReadOptions(), projector_->Pin()->family()));
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

  using Rows = std::vector<std::vector<std::string>>;

  // The rows of `t`, sorted (row order is checked separately where it matters).
  static Rows SortedRows(const Result<Table>& t) {
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    if (!t.ok()) return {};
    Rows rows = t->rows;
    std::sort(rows.begin(), rows.end());
    return rows;
  }

  // Brute force: for every profile `row` returns the extra cells of its row,
  // or nullopt to leave it out.
  template <typename RowOf>
  Rows BruteRows(RowOf row) {
    Rows out;
    for (const auto& st : all_) {
      std::optional<std::vector<std::string>> extra = row(st);
      if (!extra) continue;
      auto cells = BaseCells(st);
      // TableColumns: the agency's name (none defined here) after its
      // code, the unit's name after its code, the status after the position.
      cells.insert(cells.begin() + 4, UnitName(cells[2], cells[3]));
      cells.insert(cells.begin() + 3, "");
      cells.push_back(StatusCell(!Active(st), st.separation.reason));
      for (auto& e : *extra) cells.push_back(std::move(e));
      out.push_back(std::move(cells));
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  static std::string JoinCells(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
    return out;
  }

  // The row cells of the promotion query, from the full profile.
  std::vector<std::string> PromotionCells(const ProfileState& st, uint32_t from, uint32_t to, uint32_t today) {
    PromotionOutlook o = NextPromotion(st, from, rules_, today);
    std::vector<std::string> reasons;
    for (const auto& b : o.blockers) reasons.push_back(b.Text());
    if (EarliestPromotionDate(st, RouteOf(st), rules_) == 0) return {"", "", "no", JoinCells(reasons)};
    if (o.date > to) reasons.insert(reasons.begin(), "not before " + domain::FormatDate(o.date));
    for (const auto& n : o.notes) reasons.push_back("note: " + n.Text());
    return {RankName(o.to), domain::FormatDate(o.date), o.eligible() && o.date <= to ? "yes" : "no",
            JoinCells(reasons)};
  }

  // The unit's name as defined in the agency's stream ("" if never).
  std::string UnitName(const std::string& agency, const std::string& unit) {
    std::string value;
    auto gen = projector_->Pin();
    if (!gen->db()->Get(rocksdb::ReadOptions(), gen->family(), keys::Unit(agency, unit), &value).ok()) return "";
    auto def = DecodeUnit(value);
    EXPECT_TRUE(def.ok());
    return def.ok() ? def->name : "";
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
              uint32_t d = EarliestPromotionDate(st, RouteOf(st), rules_);
              return d != 0 && d <= 20251231;
            }));
  int eligible = 0;
  for (const auto& row : t->rows) {
    auto it = std::find_if(all_.begin(), all_.end(), [&](auto& st) { return st.nip == row[0]; });
    auto o = NextPromotion(*it, 20250101, rules_);
    const bool expect = o.eligible() && o.date <= 20251231;
    EXPECT_EQ(row[11], expect ? "yes" : "no") << row[0];
    if (!expect) {
      EXPECT_FALSE(row[12].empty()) << row[0];
    }
    eligible += expect;
  }
  EXPECT_GT(eligible, 0);
  EXPECT_LT(eligible, static_cast<int>(t->rows.size()));
  // With the capped ones: every active employee of the scope appears once.
  auto all = QueryPromotion(*projector_, 20250101, 20251231, Scope{"ag1", ""}, true);
  auto nips = Nips(all);
  auto expected = Brute([&](auto& st) {
    uint32_t d = EarliestPromotionDate(st, RouteOf(st), rules_);
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
    EXPECT_EQ(row[9], expect ? "yes" : "no");
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

TEST_F(QueriesTest, EmployeeRowsEqualTheProfiles) {
  auto row = [](const ProfileState& st) {
    return std::vector<std::string>{EnumName(CurrentLevel(st, nullptr))};
  };
  EmployeeFilter all;
  all.include_separated = true;
  EXPECT_EQ(SortedRows(QueryEmployees(*projector_, all)),
            BruteRows([&](auto& st) { return std::optional(row(st)); }));
  EmployeeFilter unit;
  unit.scope = {"ag1", "u0"};
  unit.level = s::JabatanLevel::PELAKSANA;
  EXPECT_EQ(SortedRows(QueryEmployees(*projector_, unit)), BruteRows([&](auto& st) {
              const bool in = Active(st) && In(st, "ag1", "u0") &&
                              CurrentLevel(st, nullptr) == s::JabatanLevel::PELAKSANA;
              return in ? std::optional(row(st)) : std::nullopt;
            }));
}

TEST_F(QueriesTest, PromotionRowsEqualTheOutlookOfTheProfiles) {
  // Judged on several days: the index stores facts, the query computes the
  // outlook for its period and today.
  for (auto [from, to, today] : {std::tuple{20250101u, 20251231u, 20250101u},
                                 std::tuple{20261201u, 20270131u, 20261122u},
                                 std::tuple{20300101u, 20300630u, 20200101u}}) {
    auto t = QueryPromotion(*projector_, from, to, Scope{}, true, today);
    EXPECT_EQ(SortedRows(t), BruteRows([&](auto& st) -> std::optional<std::vector<std::string>> {
                const uint32_t d = EarliestPromotionDate(st, RouteOf(st), rules_);
                if (!Active(st) || d > to) return std::nullopt;
                return PromotionCells(st, from, to, today);
              }))
        << from;
    // Candidates in index order (first allowed date after 4 years in rank,
    // then NIP), then the capped ones by agency and NIP.
    ASSERT_TRUE(t.ok());
    std::vector<std::tuple<uint32_t, std::string, std::string>> order;
    for (const auto& r : t->rows) {
      auto it = std::find_if(all_.begin(), all_.end(), [&](auto& st) { return st.nip == r[0]; });
      ASSERT_NE(it, all_.end());
      const uint32_t d = EarliestPromotionDate(*it, RouteOf(*it), rules_);
      order.emplace_back(d == 0 ? UINT32_MAX : d, d == 0 ? r[2] : "", r[0]);
    }
    EXPECT_TRUE(std::is_sorted(order.begin(), order.end())) << from;
  }
  auto unit = QueryPromotion(*projector_, 20250101, 20251231, Scope{"ag0", "u1"}, true, 20250101);
  EXPECT_EQ(SortedRows(unit), BruteRows([&](auto& st) -> std::optional<std::vector<std::string>> {
              if (!Active(st) || !In(st, "ag0", "u1") || EarliestPromotionDate(st, RouteOf(st), rules_) > 20251231) {
                return std::nullopt;
              }
              return PromotionCells(st, 20250101, 20251231, 20250101);
            }));
}

TEST_F(QueriesTest, LowJpRowsEqualTheProfiles) {
  for (uint16_t year : {2019, 2023}) {
    EXPECT_EQ(SortedRows(QueryLowJp(*projector_, year, Scope{"ag1", ""})),
              BruteRows([&](auto& st) -> std::optional<std::vector<std::string>> {
                const bool served = st.recruited.effective <= year * 10000u + 1231 &&
                                    (Active(st) || st.separation.key.effective >= year * 10000u + 101);
                const uint32_t jp = JpInYear(st, year);
                if (!In(st, "ag1") || !served || jp >= 20) return std::nullopt;
                return std::vector<std::string>{std::to_string(year), std::to_string(jp), std::to_string(20 - jp)};
              }));
  }
}

TEST_F(QueriesTest, CompetencyFitRowsEqualTheGapsOfTheProfiles) {
  auto def = projector_->GetPosition("ag1", "pos2");
  ASSERT_TRUE(def.ok());
  const PositionVersion* standard = def->InForce(20260101);
  ASSERT_NE(standard, nullptr);
  auto t = QueryCompetencyFit(*projector_, "ag1", "pos2", Scope{}, 20260101);
  EXPECT_EQ(SortedRows(t), BruteRows([&](auto& st) -> std::optional<std::vector<std::string>> {
              if (!Active(st) || !In(st, "ag1")) return std::nullopt;
              auto gaps = GapAgainst(st, *standard);
              std::string text;
              for (const auto& g : gaps) {
                text += (text.empty() ? "" : ", ") + g.code + " " + std::to_string(g.actual) + "<" +
                        std::to_string(g.required);
              }
              return std::vector<std::string>{gaps.empty() ? "yes" : "no", text};
            }));
  // Those who meet the standard first.
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(std::is_sorted(t->rows.begin(), t->rows.end(),
                             [](auto& a, auto& b) { return a[9] == "yes" && b[9] == "no"; }));
}

TEST_F(QueriesTest, SuccessionRowsEqualTheProfiles) {
  for (uint32_t as_of : {20240601u, 20260101u}) {
    const int year = static_cast<int>(as_of / 10000);
    auto t = QuerySuccessionPool(*projector_, Scope{}, as_of);
    EXPECT_EQ(SortedRows(t), BruteRows([&](auto& st) -> std::optional<std::vector<std::string>> {
                const uint8_t box = TalentBox(st, rules_);
                if (!Active(st) || box < 7) return std::nullopt;
                int good = 0;
                for (const auto& r : st.ratings) {
                  good += (r.year == year - 1 || r.year == year - 2) &&
                          domain::PredikatScore(r.predikat) >= domain::PredikatScore(s::PredikatKinerja::BAIK);
                }
                return std::vector<std::string>{std::to_string(box), EnumName(st.ratings.back().predikat),
                                                EnumName(st.assessment.potential), good == 2 ? "yes" : "no",
                                                std::to_string(JpInYear(st, static_cast<uint16_t>(year - 1)))};
              }));
    ASSERT_TRUE(t.ok());
    EXPECT_TRUE(std::is_sorted(t->rows.begin(), t->rows.end(),
                               [](auto& a, auto& b) { return a[9] > b[9]; }));  // highest box first
  }
}

TEST_F(QueriesTest, RetirementRowsEqualTheProfilesInDateOrder) {
  auto t = QueryRetirements(*projector_, 20260101, 20351231, Scope{"ag0", ""});
  EXPECT_EQ(SortedRows(t), BruteRows([&](auto& st) -> std::optional<std::vector<std::string>> {
              const auto level = CurrentLevel(st, nullptr);
              const uint32_t d = RetirementDate(st.birth_date, rules_.RetirementAge(level));
              if (!Active(st) || !In(st, "ag0") || d < 20260101 || d > 20351231) return std::nullopt;
              return std::vector<std::string>{domain::FormatDate(st.birth_date), EnumName(level),
                                              domain::FormatDate(d)};
            }));
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(std::is_sorted(t->rows.begin(), t->rows.end(), [](auto& a, auto& b) { return a[11] < b[11]; }));
}

TEST_F(QueriesTest, AnIndexValueThatIsNotABriefIsCorruption) {
  // As an index written by an older version would be: the query fails and
  // says to rebuild, it does not misread.
  const std::string nip = all_.front().nip;
  ASSERT_TRUE(store::RocksOf(*store_)
                  ->Put(rocksdb::WriteOptions(), projector_->Pin()->family(), "ia" + std::string("zz") + '\0' + nip,
                        std::string(8, '\x01'))
                  .ok());
  auto t = QueryEmployees(*projector_, EmployeeFilter{});
  ASSERT_FALSE(t.ok());
  EXPECT_TRUE(t.status().IsCorruption()) << t.status().ToString();
  EXPECT_NE(t.status().ToString().find("rebuild"), std::string::npos);
}

}  // namespace
}  // namespace jejak::projection
