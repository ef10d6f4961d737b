// Evaluator patterns (DOMAIN.md "Performance"): inflated evaluators (>= 90%
// Sangat Baik), uniform evaluators (everyone the same predikat), and units
// whose share of Sangat Baik departs strongly from their agency's; judged
// on the log as it stands at the end.
#include "audit/audit_fixture.h"

namespace jejak::audit::testing {
namespace {

using Pair = std::pair<std::string, uint64_t>;

class EvaluatorPatternsTest : public AuditFixture {
 protected:
  // An evaluator NIP of its own per `n`.
  static std::string Evaluator(int n) { return "19650101199003" + std::to_string(1000 + n); }

  // A new employee (serial `next_++`) in `unit` of kota-a.
  std::string Employee(const std::string& unit = "u1") {
    const std::string nip = Nip(next_++, 2010);
    Recruit(nip, "2010-03-01");
    if (unit != "u1") {
      Add("emp/" + nip, "2011-01-01",
          R"({"positionAssigned":{"positionId":"pel-)" + unit +
              R"(","positionName":"Pelaksana","level":"pelaksana","agency":"kota-a","unit":")" +
              unit + R"("}})");
    }
    return nip;
  }

  // `n` ratings for 2019 by one evaluator, the first `sangat_baik` of them
  // Sangat Baik and the rest `other`; returns the first rating's position.
  uint64_t Group(const std::string& evaluator, int n, int sangat_baik,
                 const std::string& other = "baik") {
    uint64_t first = 0;
    for (int i = 0; i < n; ++i) {
      const uint64_t p = Rate(Employee(), 2019, i < sangat_baik ? "sangatBaik" : other, evaluator);
      if (first == 0) first = p;
    }
    return first;
  }

  // `n` ratees of `unit` rated for 2019, `sangat_baik` of them Sangat Baik,
  // by evaluators of 4 ratees each (never judged); the first position.
  uint64_t Unit(const std::string& unit, int n, int sangat_baik) {
    uint64_t first = 0;
    for (int i = 0; i < n; ++i) {
      const uint64_t p = Rate(Employee(unit), 2019, i < sangat_baik ? "sangatBaik" : "baik",
                              Evaluator(100 + evaluators_ + i / 4));
      if (first == 0) first = p;
    }
    evaluators_ += (n + 3) / 4;
    return first;
  }

  int next_ = 1;
  int evaluators_ = 0;
};

TEST_F(EvaluatorPatternsTest, NinetyPercentSangatBaikIsInflated) {
  const uint64_t exactly = Group(Evaluator(1), 10, 9);  // exactly 90%
  Group(Evaluator(2), 10, 8);                           // 80%
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"inflated_evaluator", exactly}}));
  ASSERT_EQ(r.record_findings.size(), 1u);
  EXPECT_NE(r.record_findings[0].finding.explanation.find("9 of 10 (90%)"), std::string::npos)
      << r.record_findings[0].finding.explanation;
  EXPECT_EQ(r.record_findings[0].finding.evidence.size(), 10u);
}

TEST_F(EvaluatorPatternsTest, TooFewRateesAreNotJudged) {
  Group(Evaluator(1), 4, 4);
  Group(Evaluator(2), 4, 0);  // four Baik
  const uint64_t five = Group(Evaluator(3), 5, 5);
  EXPECT_EQ(Found(Audit()), (std::set<Pair>{{"inflated_evaluator", five}}));
}

TEST_F(EvaluatorPatternsTest, EveryoneTheSameIsUniform) {
  const uint64_t baik = Group(Evaluator(1), 5, 0);                       // all Baik
  const uint64_t kurang = Group(Evaluator(2), 6, 0, "butuhPerbaikan");  // all the same
  Group(Evaluator(3), 5, 1);                                            // 1 SB, 4 Baik
  const uint64_t all_sb = Group(Evaluator(4), 5, 5);  // inflated, not also uniform
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"uniform_evaluator", baik},
                                      {"uniform_evaluator", kurang},
                                      {"inflated_evaluator", all_sb}}));
  for (const auto& f : r.record_findings) {
    if (f.subject.position == kurang) {
      EXPECT_NE(f.finding.explanation.find("all 6 of their ratings for 2019 Butuh Perbaikan"),
                std::string::npos)
          << f.finding.explanation;
    }
  }
}

TEST_F(EvaluatorPatternsTest, JudgedAsTheLogStandsAtTheEnd) {
  // Five Baik, then one corrected to Sangat Baik: no longer uniform.
  const std::string e = Evaluator(1);
  uint64_t last = 0;
  std::string last_nip;
  for (int i = 0; i < 5; ++i) {
    last_nip = Employee();
    last = Rate(last_nip, 2019, "baik", e);
  }
  Add("emp/" + last_nip, "2020-02-01",
      R"({"corrected":{"target":)" + std::to_string(last) +
          R"(,"replacement":{"performanceRated":{"year":2019,"periodStart":"2019-01-01","periodEnd":"2019-12-31","workResult":"above","behaviour":"above","predikat":"sangatBaik","evaluatorNip":")" +
          e + R"("}},"reason":"Salah input","authority":"Kepala BKPSDM"}})");
  // Five all Sangat Baik, one retracted: four left, too few to judge.
  const std::string f = Evaluator(2);
  for (int i = 0; i < 5; ++i) {
    last_nip = Employee();
    last = Rate(last_nip, 2019, "sangatBaik", f);
  }
  Retract("emp/" + last_nip, "2020-02-01", last);
  EXPECT_TRUE(Found(Audit()).empty());
}

TEST_F(EvaluatorPatternsTest, AUnitFarFromItsAgencyIsAnOutlier) {
  Unit("u1", 20, 2);
  Unit("u3", 20, 3);
  const uint64_t u2 = Unit("u2", 10, 8);  // 80% against 5 of 40 in the rest
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"unit_rating_outlier", u2}}));
  ASSERT_EQ(r.record_findings.size(), 1u);
  const RecordFinding& f = r.record_findings[0];
  EXPECT_EQ(f.agency, "kota-a");
  EXPECT_EQ(f.finding.severity, Severity::kLow);
  EXPECT_EQ(f.finding.evidence.size(), 10u);
  EXPECT_NE(f.finding.explanation.find("8 of 10 (80%)"), std::string::npos)
      << f.finding.explanation;
  EXPECT_NE(f.finding.explanation.find("5 of 40"), std::string::npos) << f.finding.explanation;
}

TEST_F(EvaluatorPatternsTest, ASmallUnitOrASmallGapIsNoOutlier) {
  Unit("u1", 20, 2);
  Unit("u3", 20, 3);
  Unit("u2", 9, 9);    // below 10 ratees
  Unit("u4", 10, 4);   // 40% against 14 of 49 (29%): a gap of 11 points
  EXPECT_TRUE(Found(Audit()).empty());
}

TEST_F(EvaluatorPatternsTest, AnInflatedEvaluatorIsNotAlsoItsUnitsOutlier) {
  Unit("u1", 20, 2);
  Unit("u3", 20, 3);
  // Unit u2: ten ratees, all rated Sangat Baik by one evaluator.
  uint64_t first = 0;
  for (int i = 0; i < 10; ++i) {
    const uint64_t p = Rate(Employee("u2"), 2019, "sangatBaik", Evaluator(1));
    if (first == 0) first = p;
  }
  EXPECT_EQ(Found(Audit()), (std::set<Pair>{{"inflated_evaluator", first}}));
}

TEST_F(EvaluatorPatternsTest, ThresholdsAreConfigurable) {
  const uint64_t eighty = Group(Evaluator(1), 10, 8);
  const uint64_t four = Group(Evaluator(2), 4, 0);
  AuditOptions o;
  o.rules.inflated_share = 0.8;
  o.rules.uniform_min_ratees = 4;
  EXPECT_EQ(Found(Audit(o)), (std::set<Pair>{{"inflated_evaluator", eighty},
                                             {"uniform_evaluator", four}}));
}

}  // namespace
}  // namespace jejak::audit::testing
