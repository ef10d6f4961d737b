// Corrections and retractions: of decisions (a retracted one is not
// judged, a corrected one is judged as corrected), of evidence, of
// ratings in an evaluator's year; and the inflated-evaluator rule.
#include "audit/audit_fixture.h"

namespace jejak::audit::testing {
namespace {

using Pair = std::pair<std::string, uint64_t>;

class AmendmentsTest : public AuditFixture {
 protected:
  AmendmentsTest() : a_(Nip(1)) {
    Recruit(a_, "2000-03-01");
    Rate(a_, 2002);
  }
  std::string a_;
};

TEST_F(AmendmentsTest, ARetractedDecisionIsListedButNotJudged) {
  Rate(a_, 2003);
  const uint64_t p = Promote(a_, "2003-04-01", "III/a", "III/b");  // 3 years: non-merit
  const uint64_t x = Retract("emp/" + a_, "2003-05-01", p);
  const AuditReport r = Audit();
  const DecisionVerdict* v = VerdictAt(r, p);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->verdict(), Verdict::kRetracted);
  EXPECT_TRUE(v->findings.empty());
  EXPECT_EQ(v->amended_by, x);
  EXPECT_NE(v->note.find("retracted at position"), std::string::npos) << v->note;
  const AuditSummary s = Summarize(r);
  EXPECT_EQ(s.retracted, 1u);
  EXPECT_EQ(s.decisions, 0u);
}

TEST_F(AmendmentsTest, ARetractedRetractionRestoresTheDecisionWhichIsJudgedAgain) {
  Rate(a_, 2003);
  const uint64_t p = Promote(a_, "2003-04-01", "III/a", "III/b");  // 3 years: non-merit
  const uint64_t x = Retract("emp/" + a_, "2003-05-01", p);
  const uint64_t y = Retract("emp/" + a_, "2003-06-01", x);
  const AuditReport r = Audit();
  const DecisionVerdict* v = VerdictAt(r, p);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->verdict(), Verdict::kFindings);
  EXPECT_EQ(Found(r), (std::set<Pair>{{"non_merit_promotion", p}}));
  EXPECT_EQ(v->amended_by, y);
  EXPECT_NE(v->note.find("restored at position " + std::to_string(y)), std::string::npos)
      << v->note;
  EXPECT_EQ(Summarize(r).retracted, 0u);
  // Retracted once more: not judged again.
  Retract("emp/" + a_, "2003-07-01", y);
  EXPECT_EQ(VerdictAt(Audit(), p)->verdict(), Verdict::kRetracted);
}

TEST_F(AmendmentsTest, ACorrectedDecisionIsJudgedAsCorrected) {
  Rate(a_, 2003);
  const uint64_t typo = Promote(a_, "2004-04-01", "III/a", "III/c");  // skipped as typed
  // A correction's effective date is the corrected decree's TMT.
  const uint64_t fix = CorrectPromotion(a_, "2004-04-01", typo, "III/a", "III/b");
  const std::string b = Nip(2);
  Recruit(b, "2000-03-01");
  Rate(b, 2002);
  Rate(b, 2003);
  const uint64_t fine = Promote(b, "2004-04-01", "III/a", "III/b");
  const uint64_t worse = CorrectPromotion(b, "2004-04-01", fine, "III/a", "III/c");
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"skipped_rank", fine}}));
  const DecisionVerdict* v = VerdictAt(r, typo);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->verdict(), Verdict::kCompliant);
  EXPECT_EQ(v->amended_by, fix);
  EXPECT_NE(v->summary.find("III/a → III/b"), std::string::npos) << v->summary;
  EXPECT_NE(v->note.find("judged as corrected"), std::string::npos) << v->note;
  EXPECT_EQ(VerdictAt(r, fine)->amended_by, worse);
}

TEST_F(AmendmentsTest, ACorrectionOfEvidenceRecordedBeforeTheDecisionCounts) {
  const uint64_t low = Rate(a_, 2003, "butuhPerbaikan");
  Add("emp/" + a_, "2003-12-31",
      R"({"corrected":{"target":)" + std::to_string(low) +
          R"(,"replacement":{"performanceRated":{"year":2003,"periodStart":"2003-01-01","periodEnd":"2003-12-31","workResult":"meets","behaviour":"meets","predikat":"baik","evaluatorNip":"196501011990031001"}},"reason":"Salah input","authority":"Kepala BKPSDM"}})");
  const uint64_t p = Promote(a_, "2004-04-01", "III/a", "III/b");
  EXPECT_EQ(VerdictAt(Audit(), p)->verdict(), Verdict::kCompliant);
}

TEST_F(AmendmentsTest, ARetractedRatingNoLongerSupportsALaterDecision) {
  const uint64_t rating = Rate(a_, 2003);
  Retract("emp/" + a_, "2004-01-20", rating);
  const uint64_t p = Promote(a_, "2004-04-01", "III/a", "III/b");
  // No rating for 2003 on record then: missing evidence, not a violation.
  const AuditReport r = Audit();
  EXPECT_TRUE(Found(r).empty());
  EXPECT_EQ(VerdictAt(r, p)->verdict(), Verdict::kInsufficientEvidence);
  EXPECT_EQ(VerdictAt(r, p)->missing,
            std::vector<std::string>{
                "predikat for 2003 (not on record when the decision was recorded)"});
}

TEST_F(AmendmentsTest, ACorrectionAfterTheDecisionDoesNotChangeWhatWasKnown) {
  const uint64_t low = Rate(a_, 2003, "butuhPerbaikan");
  const uint64_t p = Promote(a_, "2004-04-01", "III/a", "III/b");
  Add("emp/" + a_, "2003-12-31",
      R"({"corrected":{"target":)" + std::to_string(low) +
          R"(,"replacement":{"performanceRated":{"year":2003,"periodStart":"2003-01-01","periodEnd":"2003-12-31","workResult":"meets","behaviour":"meets","predikat":"baik","evaluatorNip":"196501011990031001"}},"reason":"Salah input","authority":"Kepala BKPSDM"}})");
  EXPECT_EQ(Found(Audit()), (std::set<Pair>{{"non_merit_promotion", p}}));
}

TEST_F(AmendmentsTest, ARetractedSelectionDecisionIsNotJudged) {
  Open("s", "2020-03-01", "openJpt");
  Committee("s", "2020-03-10", {{"ext-1", false}, {"ext-2", false}}, "196001011985031001");
  const uint64_t d = Decide("s", "2020-04-20", a_, "196001011985031001");  // bad committee
  Retract("sel/s", "2020-04-25", d);
  const uint64_t again = Decide("s", "2020-04-26", a_, "196001011985031001");
  const AuditReport r = Audit();
  EXPECT_EQ(VerdictAt(r, d)->verdict(), Verdict::kRetracted);
  // Still no shortlist (nor registration) and a committee of two: judged.
  EXPECT_EQ(Found(r), (std::set<Pair>{{"selection_sequence", again},
                                      {"committee_composition", again}}));
}

// ------------------------------------------------------------ evaluators

class EvaluatorTest : public AuditFixture {
 protected:
  // `n` employees rated for 2019 by one evaluator with `predikat`s.
  std::vector<uint64_t> RateAll(const std::vector<std::string>& predikat) {
    std::vector<uint64_t> out;
    for (size_t i = 0; i < predikat.size(); ++i) {
      const std::string nip = Nip(static_cast<int>(i) + 1);
      Recruit(nip, "2000-03-01");
    }
    for (size_t i = 0; i < predikat.size(); ++i) {
      out.push_back(Rate(Nip(static_cast<int>(i) + 1), 2019, predikat[i], kEvaluator));
    }
    return out;
  }
  const std::string kEvaluator = "196801011990031002";
};

TEST_F(EvaluatorTest, FiveRateesAllSangatBaikIsInflated) {
  const auto ratings = RateAll(std::vector<std::string>(5, "sangatBaik"));
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"inflated_evaluator", ratings.front()}}));
  ASSERT_EQ(r.record_findings.size(), 1u);
  EXPECT_EQ(r.record_findings[0].finding.evidence.size(), 5u);
  EXPECT_EQ(r.record_findings[0].subject.type, "performanceRated");
  EXPECT_EQ(r.record_findings[0].agency, "kota-a");
}

TEST_F(EvaluatorTest, FourRateesOrOneBaikIsNot) {
  RateAll(std::vector<std::string>(4, "sangatBaik"));
  EXPECT_TRUE(Found(Audit()).empty());
}

TEST_F(EvaluatorTest, RetractingTheOneBaikLeavesFiveSangatBaik) {
  auto ratings = RateAll({"sangatBaik", "sangatBaik", "baik", "sangatBaik", "sangatBaik",
                          "sangatBaik"});
  EXPECT_TRUE(Found(Audit()).empty());
  Retract("emp/" + Nip(3), "2020-03-01", ratings[2]);
  EXPECT_EQ(Found(Audit()), (std::set<Pair>{{"inflated_evaluator", ratings.front()}}));
}

}  // namespace
}  // namespace jejak::audit::testing
