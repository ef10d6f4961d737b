// The rank-promotion rules, one violating case and one compliant near miss
// each, on hand-built events; and known-at semantics.
#include "audit/audit_fixture.h"

namespace jejak::audit::testing {
namespace {

using Pair = std::pair<std::string, uint64_t>;

class RankRulesTest : public AuditFixture {
 protected:
  // An S1 employee recruited III/a on 2000-03-01, Baik in 2000-2003.
  std::string Employee(int serial, const std::string& education = "s1",
                       const std::string& rank = "III/a") {
    const std::string nip = Nip(serial);
    Recruit(nip, "2000-03-01", education, rank);
    for (int y = 2000; y <= 2003; ++y) Rate(nip, y, "baik", "196501011990031" + std::to_string(100 + serial));
    return nip;
  }
};

TEST_F(RankRulesTest, FourYearsBaikTwiceOnAnAllowedDateIsCompliant) {
  const std::string a = Employee(1);
  const uint64_t p = Promote(a, "2004-04-01", "III/a", "III/b");
  const AuditReport r = Audit();
  ASSERT_EQ(r.decisions.size(), 1u);
  const DecisionVerdict& v = r.decisions[0];
  EXPECT_EQ(v.decision.position, p);
  EXPECT_EQ(v.verdict(), Verdict::kCompliant);
  EXPECT_EQ(v.subject, a);
  EXPECT_EQ(v.agency, "kota-a");
  // Judged on the rank held and the two ratings, each resolved with its hash.
  ASSERT_EQ(v.evidence.size(), 3u);
  for (const auto& e : v.evidence) {
    const EventRef* ref = r.Event(e.position);
    ASSERT_NE(ref, nullptr) << e.role;
    EXPECT_EQ(ref->stream, "emp/" + a);
    EXPECT_NE(ref->leaf, store::Hash{});
  }
  EXPECT_NE(v.decision.leaf, store::Hash{});
  EXPECT_EQ(v.decision.type, "rankPromoted");
}

TEST_F(RankRulesTest, LessThanFourYearsInRankIsNonMerit) {
  const std::string a = Employee(1);
  const uint64_t early = Promote(a, "2003-10-01", "III/a", "III/b");  // 3 years 7 months
  const std::string b = Employee(2);
  const uint64_t due = Promote(b, "2004-04-01", "III/a", "III/b");    // 4 years 1 month
  const auto found = Found(Audit());
  EXPECT_EQ(found, (std::set<Pair>{{"non_merit_promotion", early}}));
  EXPECT_FALSE(found.count({"non_merit_promotion", due}));
}

TEST_F(RankRulesTest, RatingBelowBaikInTheTwoYearsBeforeIsNonMerit) {
  const std::string a = Nip(1);
  Recruit(a, "2000-03-01");
  Rate(a, 2002, "baik");
  Rate(a, 2003, "butuhPerbaikan");
  const uint64_t bad = Promote(a, "2004-04-01", "III/a", "III/b");
  const std::string b = Nip(2);
  Recruit(b, "2000-03-01");
  Rate(b, 2002, "butuhPerbaikan");  // three years before: does not count
  Rate(b, 2003, "sangatBaik");
  Rate(b, 2004, "baik");
  const uint64_t good = Promote(b, "2005-04-01", "III/a", "III/b");
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"non_merit_promotion", bad}}));
  const DecisionVerdict* v = VerdictAt(r, bad);
  ASSERT_NE(v, nullptr);
  EXPECT_NE(v->findings[0].explanation.find("predikat 2003 Butuh Perbaikan"), std::string::npos)
      << v->findings[0].explanation;
  EXPECT_EQ(v->findings[0].regulation, "PP 99/2000 as amended by PP 12/2002");
  EXPECT_EQ(VerdictAt(r, good)->verdict(), Verdict::kCompliant);
}

TEST_F(RankRulesTest, TwoStepsAtOnceIsSkippedRank) {
  const std::string a = Employee(1);
  const uint64_t skip = Promote(a, "2004-04-01", "III/a", "III/c");
  const std::string b = Employee(2);
  Promote(b, "2004-04-01", "III/a", "III/b");
  EXPECT_EQ(Found(Audit()), (std::set<Pair>{{"skipped_rank", skip}}));
}

TEST_F(RankRulesTest, PromotionInsideASentenceIsBlocked) {
  const std::string a = Employee(1);
  Sanction(a, "2003-12-01", "2004-11-30");
  const uint64_t during = Promote(a, "2004-04-01", "III/a", "III/b");
  // Near misses: a sentence over before the TMT, and one lifted before it.
  const std::string b = Employee(2);
  Sanction(b, "2003-01-01", "2003-12-31");
  const uint64_t after_end = Promote(b, "2004-04-01", "III/a", "III/b");
  const std::string c = Employee(3);
  const uint64_t sanction = Sanction(c, "2003-12-01", "2004-11-30");
  Lift(c, "2004-02-01", sanction);
  const uint64_t after_lift = Promote(c, "2004-04-01", "III/a", "III/b");
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"promotion_during_sanction", during}}));
  EXPECT_NE(VerdictAt(r, during)->findings[0].regulation.find("PP 30/1980"), std::string::npos);
  EXPECT_EQ(VerdictAt(r, after_end)->verdict(), Verdict::kCompliant);
  EXPECT_EQ(VerdictAt(r, after_lift)->verdict(), Verdict::kCompliant);
}

TEST_F(RankRulesTest, AllowedTmtDatesFollowTheRuleInForceOnTheTmt) {
  const std::string a = Employee(1);
  const uint64_t may = Promote(a, "2004-05-01", "III/a", "III/b");  // April/October only
  const std::string b = Employee(2);
  Promote(b, "2004-10-01", "III/a", "III/b");
  // Peraturan BKN 4/2023: even months from 2024; June 2023 was not allowed.
  const std::string c = Nip(3, 2019, 2);
  Recruit(c, "2019-02-01");
  Rate(c, 2021);
  Rate(c, 2022);
  const uint64_t june_2023 = Promote(c, "2023-06-01", "III/a", "III/b");
  const std::string d = Nip(4, 2020, 2);
  Recruit(d, "2020-02-01");
  Rate(d, 2022);
  Rate(d, 2023);
  const uint64_t june_2024 = Promote(d, "2024-06-01", "III/a", "III/b");
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"off_cycle_tmt", may}, {"off_cycle_tmt", june_2023}}));
  EXPECT_EQ(VerdictAt(r, june_2024)->verdict(), Verdict::kCompliant);
  EXPECT_NE(VerdictAt(r, may)->findings[0].explanation.find("the 1st of April and October"),
            std::string::npos);
}

TEST_F(RankRulesTest, RegularPromotionAboveTheEducationCap) {
  // SLTA: highest rank by regular promotion III/b (Kep BKN 12/2002).
  const std::string a = Employee(1, "slta", "III/a");
  const uint64_t to_cap = Promote(a, "2004-04-01", "III/a", "III/b");
  for (int y = 2004; y <= 2007; ++y) Rate(a, y);
  const uint64_t past_cap = Promote(a, "2008-04-01", "III/b", "III/c");
  // A selective promotion is not held to the cap.
  const std::string b = Employee(2, "slta", "III/b");
  const uint64_t selective = Promote(b, "2004-04-01", "III/b", "III/c", "selectiveStructural");
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"above_education_cap", past_cap}}));
  EXPECT_EQ(VerdictAt(r, to_cap)->verdict(), Verdict::kCompliant);
  EXPECT_EQ(VerdictAt(r, selective)->verdict(), Verdict::kCompliant);
}

TEST_F(RankRulesTest, ARatingRecordedAfterTheDecisionDoesNotSupportItAndIsBackdated) {
  const std::string a = Nip(1);
  Recruit(a, "2000-03-01");
  Rate(a, 2002);
  const uint64_t promoted = Promote(a, "2004-04-01", "III/a", "III/b");
  const uint64_t late = Rate(a, 2003);  // effective 2003-12-31, recorded after the decision
  const AuditReport r = Audit();
  // The rating was missing when the decision was recorded: missing
  // evidence (named), not a merit violation; and backdated.
  EXPECT_EQ(Found(r), (std::set<Pair>{{"backdated_evidence", promoted}}));
  const DecisionVerdict* v = VerdictAt(r, promoted);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->missing, std::vector<std::string>{
                            "predikat for 2003 (not on record when the decision was recorded)"});
  ASSERT_EQ(v->findings.size(), 1u);
  const Finding& f = v->findings[0];
  ASSERT_EQ(f.evidence.size(), 1u);
  EXPECT_EQ(f.evidence[0].position, late);
  EXPECT_NE(r.Event(late), nullptr);
}

// The same with the employee's state parked when the late rating and a
// late assessment arrive (a cache of 16 states, 20 other employees
// between): they are checked against the parked state's sketch, without
// unpacking it, and the verdict is the one every state folded gives.
TEST_F(RankRulesTest, LateEvidenceAgainstAParkedStateIsBackdatedToo) {
  const std::string a = Nip(1);
  Recruit(a, "2000-03-01");
  Rate(a, 2002);
  const uint64_t promoted = Promote(a, "2004-04-01", "III/a", "III/b");
  for (int i = 0; i < 20; ++i) Recruit(Nip(200 + 20 * i), "2001-01-01");
  const uint64_t late = Rate(a, 2003);
  const uint64_t assessed = Assess(a, "2003-06-01", 3);
  AuditOptions few;
  few.max_cached_employees = 16;
  const AuditReport parked = Audit(few);
  const AuditReport all = Audit();
  EXPECT_GT(parked.stats.folded_later, 0u);
  EXPECT_EQ(Found(parked), (std::set<Pair>{{"backdated_evidence", promoted}}));
  const DecisionVerdict* v = VerdictAt(parked, promoted);
  ASSERT_NE(v, nullptr);
  ASSERT_EQ(v->findings.size(), 1u);
  std::vector<uint64_t> cited;
  for (const Evidence& e : v->findings[0].evidence) cited.push_back(e.position);
  EXPECT_EQ(cited, (std::vector<uint64_t>{late, assessed}));
  const DecisionVerdict* w = VerdictAt(all, promoted);
  ASSERT_NE(w, nullptr);
  ASSERT_EQ(w->findings.size(), 1u);
  EXPECT_EQ(w->findings[0].evidence.size(), v->findings[0].evidence.size());
}

TEST_F(RankRulesTest, EvidenceEffectiveAfterTheDecisionIsNotBackdated) {
  const std::string a = Employee(1);
  const uint64_t promoted = Promote(a, "2004-04-01", "III/a", "III/b");
  Rate(a, 2004);  // the year of the TMT, rated later: not evidence for it
  EXPECT_EQ(VerdictAt(Audit(), promoted)->verdict(), Verdict::kCompliant);
}

TEST_F(RankRulesTest, OnlyTheSelectedRulesAndDatesAreJudged) {
  const std::string a = Employee(1);
  const uint64_t skip_may = Promote(a, "2004-05-01", "III/a", "III/c");
  const std::string b = Nip(2, 2010, 3);
  Recruit(b, "2010-03-01");
  const uint64_t later = Promote(b, "2012-04-01", "III/a", "III/b");
  AuditOptions o;
  o.only = {RuleId::kSkippedRank};
  EXPECT_EQ(Found(Audit(o)), (std::set<Pair>{{"skipped_rank", skip_may}}));
  o = AuditOptions();
  o.since = 20100101;
  const AuditReport r = Audit(o);
  ASSERT_EQ(r.decisions.size(), 1u);
  EXPECT_EQ(r.decisions[0].decision.position, later);
}

}  // namespace
}  // namespace jejak::audit::testing
