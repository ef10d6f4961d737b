// Rank promotions judged against the rank on record (never the decree's
// own `from`), missing evidence as insufficient_evidence, DP3-era ratings,
// functional posts (selective promotion after 2 years; the regular route is
// the wrong one) and the regulations by era (PP 3/1980 before PP 99/2000).
#include "audit/audit_fixture.h"

namespace jejak::audit::testing {
namespace {

using Pair = std::pair<std::string, uint64_t>;

class RankRecordTest : public AuditFixture {
 protected:
  // An S1 employee recruited III/a on 2000-03-01, Baik in 2000-2003.
  std::string Employee(int serial, const std::string& education = "s1",
                       const std::string& rank = "III/a") {
    const std::string nip = Nip(serial);
    Recruit(nip, "2000-03-01", education, rank);
    for (int y = 2000; y <= 2003; ++y) Rate(nip, y);
    return nip;
  }
  // A rankPromoted whose decree leaves `from` out.
  uint64_t PromoteTo(const std::string& nip, const std::string& tmt, const std::string& to,
                     const std::string& kind = "regular") {
    return Add("emp/" + nip, tmt,
               R"({"rankPromoted":{"kind":")" + kind + R"(","to":{"golongan":")" + to +
                   R"("}}})");
  }
  // A DP3-era rating: `predikat` as transcribed, `score` the DP3 score.
  uint64_t RateDp3(const std::string& nip, int year, const std::string& predikat, int score) {
    const std::string y = std::to_string(year);
    return Add("emp/" + nip, y + "-12-31",
               R"({"performanceRated":{"year":)" + y + R"(,"predikat":")" + predikat +
                   R"(","evaluatorNip":"196501011990031001","dp3Score":)" +
                   std::to_string(score) + "}}");
  }
  // An employee recruited III/a on 2000-03-01 into post `position` of
  // kota-a (defined with `level`), Baik in 2000-2007.
  std::string InPost(int serial, const std::string& position, const std::string& level) {
    Add("org/kota-a", "1999-01-01",
        R"({"positionDefined":{"positionId":")" + position + R"(","name":"Jabatan )" + level +
            R"(","level":")" + level + R"(","unitId":"u1","minRank":"III/a","maxRank":"III/d"}})");
    const std::string nip = Nip(serial);
    Add("emp/" + nip, "2000-03-01",
        R"({"recruited":{"nip":")" + nip + R"(","name":"Pegawai","birthDate":")" +
            nip.substr(0, 4) + "-" + nip.substr(4, 2) + "-" + nip.substr(6, 2) +
            R"(","gender":"male","education":"s1","agency":"kota-a","unit":"u1","employmentType":"pns","startingRank":{"golongan":"III/a"},"positionId":")" +
            position + R"("}})");
    for (int y = 2000; y <= 2007; ++y) Rate(nip, y);
    return nip;
  }
  // An exam of `kind` passed on `date` ("education" for a penyesuaian ijazah).
  uint64_t Exam(const std::string& nip, const std::string& date, const std::string& kind,
                const std::string& education = "unspecified") {
    return Add("emp/" + nip, date,
               R"({"examPassed":{"kind":")" + kind + R"(","certificateNo":"UD/1","education":")" +
                   education + R"("}})");
  }
  // A numeric-SKP rating (2014-2021): `predikat` as transcribed, `score`.
  uint64_t RateSkp(const std::string& nip, int year, const std::string& predikat,
                   const std::string& score) {
    const std::string y = std::to_string(year);
    return Add("emp/" + nip, y + "-12-31",
               R"({"performanceRated":{"year":)" + y + R"(,"predikat":")" + predikat +
                   R"(","evaluatorNip":"196501011990031001","skpScore":)" + score + "}}");
  }
  static bool Has(const std::vector<std::string>& list, const std::string& part) {
    for (const auto& s : list) {
      if (s.find(part) != std::string::npos) return true;
    }
    return false;
  }
};

// ------------------------------------------------------------ the record

TEST_F(RankRecordTest, ADecreeWithoutFromIsJudgedAgainstTheRankOnRecord) {
  const std::string a = Employee(1);
  const uint64_t skip = PromoteTo(a, "2004-04-01", "III/c");  // III/a on record
  const std::string b = Employee(2);
  const uint64_t one_step = PromoteTo(b, "2004-04-01", "III/b");
  const std::string c = Employee(3, "slta", "III/b");  // SLTA: cap III/b
  const uint64_t capped = PromoteTo(c, "2004-04-01", "III/c");
  const std::string d = Nip(4);
  Recruit(d, "2002-03-01");
  Rate(d, 2002);
  Rate(d, 2003);
  const uint64_t early = PromoteTo(d, "2004-04-01", "III/b");  // 2 years in III/a
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"skipped_rank", skip},
                                      {"above_education_cap", capped},
                                      {"non_merit_promotion", early}}));
  EXPECT_EQ(VerdictAt(r, one_step)->verdict(), Verdict::kCompliant);
  const DecisionVerdict* v = VerdictAt(r, skip);
  EXPECT_NE(v->findings[0].explanation.find("III/a (on record) to III/c"), std::string::npos)
      << v->findings[0].explanation;
  EXPECT_NE(v->summary.find("from not stated"), std::string::npos) << v->summary;
}

TEST_F(RankRecordTest, ADecreeFromThatDisagreesWithTheRecordIsAFinding) {
  const std::string a = Employee(1);
  // The decree says III/b -> III/c; the record holds III/a: two steps.
  const uint64_t wrong = Promote(a, "2004-04-01", "III/b", "III/c");
  const std::string b = Employee(2);
  Promote(b, "2004-04-01", "III/a", "III/b");
  for (int y = 2004; y <= 2007; ++y) Rate(b, y);
  // The decree says III/a -> III/c (two steps); the record holds III/b:
  // one step, judged from the record.
  const uint64_t one_from_record = Promote(b, "2008-04-01", "III/a", "III/c");
  const std::string c = Employee(3);
  const uint64_t agrees = Promote(c, "2004-04-01", "III/a", "III/b");
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"rank_record_mismatch", wrong},
                                      {"skipped_rank", wrong},
                                      {"rank_record_mismatch", one_from_record}}));
  EXPECT_EQ(VerdictAt(r, agrees)->verdict(), Verdict::kCompliant);
  const Finding& f = VerdictAt(r, wrong)->findings[0];
  EXPECT_EQ(f.rule, RuleId::kRankRecordMismatch);
  EXPECT_NE(f.explanation.find("from III/b, but the rank on record before it is III/a"),
            std::string::npos)
      << f.explanation;
  EXPECT_EQ(f.severity, Severity::kMedium);
  ASSERT_EQ(f.evidence.size(), 1u);
}

TEST_F(RankRecordTest, NoRankOnRecordIsInsufficientEvidenceNotCompliant) {
  // The record has the employee recruited only after the decision's TMT
  // (as migrated records can): no rank, education or rating in effect then.
  const std::string a = Nip(1, 2005, 3);
  Recruit(a, "2005-03-01");
  const uint64_t alone = PromoteTo(a, "2004-04-01", "III/b");
  const std::string b = Nip(2, 2005, 3);
  Recruit(b, "2005-03-01");
  const uint64_t stated = Promote(b, "2004-04-01", "III/a", "III/b");
  const AuditReport r = Audit();
  EXPECT_TRUE(Found(r).empty());
  for (uint64_t p : {alone, stated}) {
    const DecisionVerdict* v = VerdictAt(r, p);
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->verdict(), Verdict::kInsufficientEvidence);
    EXPECT_TRUE(Has(v->missing, "the rank on record before the decision"));
    EXPECT_TRUE(Has(v->missing, "education"));
    EXPECT_TRUE(Has(v->missing, "predikat for 2002"));
  }
  // A rule that needs nothing missing still judges: an off-cycle TMT is a
  // finding even without a rank on record.
  const std::string c = Nip(3, 2005, 3);
  Recruit(c, "2005-03-01");
  const uint64_t may = PromoteTo(c, "2004-05-01", "III/b");
  EXPECT_EQ(Found(Audit()), (std::set<Pair>{{"off_cycle_tmt", may}}));
}

// ------------------------------------------------------- missing ratings

TEST_F(RankRecordTest, MissingRatingsAreInsufficientEvidenceNamingTheYears) {
  const std::string a = Nip(1);
  Recruit(a, "2000-03-01");
  const uint64_t none = Promote(a, "2004-04-01", "III/a", "III/b");
  const std::string b = Nip(2);
  Recruit(b, "2000-03-01");
  Rate(b, 2002);
  const uint64_t one = Promote(b, "2004-04-01", "III/a", "III/b");
  // Too few years is a finding even when ratings are missing too.
  const std::string c = Nip(3);
  Recruit(c, "2001-03-01");
  const uint64_t early = Promote(c, "2004-04-01", "III/a", "III/b");
  // A rating below Baik on record is a finding.
  const std::string d = Nip(4);
  Recruit(d, "2000-03-01");
  Rate(d, 2002, "kurang");
  const uint64_t low = Promote(d, "2004-04-01", "III/a", "III/b");
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"non_merit_promotion", early},
                                      {"non_merit_promotion", low}}));
  const DecisionVerdict* v = VerdictAt(r, none);
  EXPECT_EQ(v->verdict(), Verdict::kInsufficientEvidence);
  EXPECT_EQ(v->missing.size(), 2u);
  EXPECT_TRUE(Has(v->missing, "predikat for 2002"));
  EXPECT_TRUE(Has(v->missing, "predikat for 2003"));
  v = VerdictAt(r, one);
  EXPECT_EQ(v->verdict(), Verdict::kInsufficientEvidence);
  EXPECT_EQ(v->missing, std::vector<std::string>{
                            "predikat for 2003 (not on record when the decision was recorded)"});
  v = VerdictAt(r, early);
  EXPECT_EQ(v->findings[0].explanation.find("no predikat"), std::string::npos)
      << v->findings[0].explanation;
  EXPECT_EQ(v->missing.size(), 2u);
  v = VerdictAt(r, low);
  EXPECT_NE(v->findings[0].explanation.find("predikat 2002 Kurang"), std::string::npos);
  EXPECT_TRUE(Has(v->missing, "predikat for 2003"));
}

// ------------------------------------------------------------- DP3 era

TEST_F(RankRecordTest, DP3PredikatMustAgreeWithTheScoreBandAndMeritIsJudgedByTheScore) {
  // Baik transcribed, but 60 is Sedang: a mismatch, and not Baik.
  const std::string a = Nip(1);
  Recruit(a, "2000-03-01");
  const uint64_t sedang = RateDp3(a, 2002, "baik", 60);
  RateDp3(a, 2003, "baik", 80);
  const uint64_t by_score = Promote(a, "2004-04-01", "III/a", "III/b");
  // Butuh Perbaikan transcribed, but 80 is Baik: a mismatch; merit holds.
  const std::string b = Nip(2);
  Recruit(b, "2000-03-01");
  RateDp3(b, 2002, "butuhPerbaikan", 80);
  RateDp3(b, 2003, "baik", 76);  // the lowest Baik
  const uint64_t understated = Promote(b, "2004-04-01", "III/a", "III/b");
  // The band's edges agree: 91 Amat Baik, 75 Cukup, 76 Baik.
  const std::string c = Nip(3);
  Recruit(c, "2000-03-01");
  RateDp3(c, 2002, "sangatBaik", 91);
  RateDp3(c, 2003, "baik", 76);
  const uint64_t agree = Promote(c, "2004-04-01", "III/a", "III/b");
  const std::string d = Nip(4);
  Recruit(d, "2000-03-01");
  RateDp3(d, 2002, "baik", 90);
  RateDp3(d, 2003, "butuhPerbaikan", 75);  // Cukup: below Baik, consistent
  const uint64_t cukup = Promote(d, "2004-04-01", "III/a", "III/b");
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"dp3_predikat_mismatch", by_score},
                                      {"non_merit_promotion", by_score},
                                      {"dp3_predikat_mismatch", understated},
                                      {"non_merit_promotion", cukup}}));
  EXPECT_EQ(VerdictAt(r, agree)->verdict(), Verdict::kCompliant);
  for (const auto& f : VerdictAt(r, by_score)->findings) {
    if (f.rule == RuleId::kDp3PredikatMismatch) {
      EXPECT_NE(f.explanation.find("DP3 score 60 is in the band 51-60 Sedang"), std::string::npos)
          << f.explanation;
      ASSERT_EQ(f.evidence.size(), 1u);
      EXPECT_EQ(f.evidence[0].position, sedang);
      EXPECT_EQ(f.regulation, "PP 10/1979 (DP3)");
    } else {
      EXPECT_NE(f.explanation.find("predikat 2002 Kurang by DP3 score 60"), std::string::npos)
          << f.explanation;
    }
  }
}

TEST_F(RankRecordTest, NumericSkpPredikatMustAgreeWithTheScoreBandAndMeritIsJudgedByTheScore) {
  // Baik transcribed, but 60 is Kurang: a mismatch, and not Baik.
  const std::string a = Nip(1);
  Recruit(a, "2013-03-01");
  const uint64_t kurang = RateSkp(a, 2015, "baik", "60");
  RateSkp(a, 2016, "baik", "84.5");
  const uint64_t by_score = Promote(a, "2017-04-01", "III/a", "III/b");
  // The edges agree: 90.5 is Sangat Baik, 75.5 Baik; 90 recorded as
  // Sangat Baik is a mismatch that still counts as Baik.
  const std::string b = Nip(2);
  Recruit(b, "2013-03-01");
  RateSkp(b, 2015, "sangatBaik", "90.5");
  RateSkp(b, 2016, "baik", "75.5");
  const uint64_t agree = Promote(b, "2017-04-01", "III/a", "III/b");
  const std::string c = Nip(3);
  Recruit(c, "2013-03-01");
  RateSkp(c, 2015, "sangatBaik", "90");
  RateSkp(c, 2016, "baik", "76");
  const uint64_t overstated = Promote(c, "2017-04-01", "III/a", "III/b");
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"skp_score_predikat_mismatch", by_score},
                                      {"non_merit_promotion", by_score},
                                      {"skp_score_predikat_mismatch", overstated}}));
  EXPECT_EQ(VerdictAt(r, agree)->verdict(), Verdict::kCompliant);
  for (const auto& f : VerdictAt(r, by_score)->findings) {
    if (f.rule == RuleId::kSkpScorePredikatMismatch) {
      EXPECT_NE(f.explanation.find("SKP score 60 is in the band 51-60 Kurang"), std::string::npos)
          << f.explanation;
      ASSERT_EQ(f.evidence.size(), 1u);
      EXPECT_EQ(f.evidence[0].position, kurang);
      EXPECT_EQ(f.regulation, "PP 46/2011 (SKP)");
      EXPECT_EQ(f.severity, Severity::kMedium);
    } else {
      EXPECT_NE(f.explanation.find("predikat 2015 Kurang by SKP score 60"), std::string::npos)
          << f.explanation;
    }
  }
}

// ------------------------------------------------------------ ujian dinas

TEST_F(RankRecordTest, TheStepsIntoGolonganIIIAndIVNeedTheirUjianDinasByTheTmt) {
  // SLTA employees recruited II/d on 2000-03-01, Baik 2000-2003.
  auto slta = [&](int serial) {
    const std::string nip = Employee(serial, "slta", "II/d");
    return nip;
  };
  const std::string none = slta(1);
  const uint64_t without = Promote(none, "2004-04-01", "II/d", "III/a");
  const std::string before = slta(2);
  Exam(before, "2003-05-10", "ujianDinasTingkatI");
  const uint64_t with_exam = Promote(before, "2004-04-01", "II/d", "III/a");
  const std::string on_tmt = slta(3);
  Exam(on_tmt, "2004-04-01", "ujianDinasTingkatI");
  const uint64_t passed_on_tmt = Promote(on_tmt, "2004-04-01", "II/d", "III/a");
  const std::string after = slta(4);
  const uint64_t day_late = Promote(after, "2004-04-01", "II/d", "III/a");
  Exam(after, "2004-04-02", "ujianDinasTingkatI");  // recorded after, effective after
  const std::string wrong = slta(5);
  Exam(wrong, "2003-05-10", "ujianDinasTingkatII");
  const uint64_t wrong_level = Promote(wrong, "2004-04-01", "II/d", "III/a");
  const std::string adjusted = slta(6);
  Exam(adjusted, "2003-05-10", "penyesuaianIjazah", "s1");
  const uint64_t degree = Promote(adjusted, "2004-04-01", "II/d", "III/a");
  // The functional route needs no ujian dinas; nor does a step inside a
  // golongan.
  const std::string jf = InPost(7, "jf-7", "terampil");
  const uint64_t functional = Promote(jf, "2004-04-01", "III/a", "III/b", "selectiveFunctional");
  const uint64_t within = Promote(Employee(9, "s1", "III/c"), "2004-04-01", "III/c", "III/d");
  // III/d -> IV/a (S2): tingkat II.
  const std::string s2 = Employee(10, "s2", "III/d");
  const uint64_t iv_without = Promote(s2, "2004-04-01", "III/d", "IV/a");
  const std::string s2b = Employee(11, "s2", "III/d");
  Exam(s2b, "2002-11-20", "ujianDinasTingkatII");
  const uint64_t iv_with = Promote(s2b, "2004-04-01", "III/d", "IV/a");
  // The rank rules only: one evaluator rating all of them Baik is not the
  // point here.
  AuditOptions o;
  o.only = {RuleId::kMissingUjianDinas, RuleId::kNonMeritPromotion, RuleId::kSkippedRank,
            RuleId::kOffCycleTmt, RuleId::kAboveEducationCap, RuleId::kWrongPromotionRoute,
            RuleId::kFunctionalPromotionEarly};
  const AuditReport r = Audit(o);
  EXPECT_EQ(Found(r), (std::set<Pair>{{"missing_ujian_dinas", without},
                                      {"missing_ujian_dinas", day_late},
                                      {"missing_ujian_dinas", wrong_level},
                                      {"missing_ujian_dinas", iv_without}}));
  for (uint64_t ok : {with_exam, passed_on_tmt, degree, functional, within, iv_with}) {
    EXPECT_EQ(VerdictAt(r, ok)->verdict(), Verdict::kCompliant) << ok;
  }
  const Finding& f = VerdictAt(r, without)->findings[0];
  EXPECT_EQ(f.severity, Severity::kHigh);
  EXPECT_EQ(f.regulation, "PP 99/2000 as amended by PP 12/2002 (ujian dinas tingkat I)");
  EXPECT_NE(f.explanation.find("needs the ujian dinas tingkat I (or a penyesuaian ijazah)"),
            std::string::npos)
      << f.explanation;
  EXPECT_NE(VerdictAt(r, iv_without)->findings[0].explanation.find("ujian dinas tingkat II"),
            std::string::npos);
}

TEST_F(RankRecordTest, TheUjianDinasIsCitedByTheRegulationInForceOnTheTmt) {
  // PP 99/2000 took effect on 2000-11-10: before it, PP 3/1980.
  const std::string a = Nip(1);
  Recruit(a, "1996-03-01", "slta", "II/d");
  for (int y = 1996; y <= 2000; ++y) Rate(a, y);
  const uint64_t old = Promote(a, "2000-10-01", "II/d", "III/a");
  const std::string b = Nip(2);
  Recruit(b, "1997-03-01", "slta", "II/d");
  for (int y = 1997; y <= 2001; ++y) Rate(b, y);
  const uint64_t young = Promote(b, "2001-04-01", "II/d", "III/a");
  const AuditReport r = Audit();
  ASSERT_EQ(VerdictAt(r, old)->findings.size(), 1u);
  EXPECT_EQ(VerdictAt(r, old)->findings[0].regulation, "PP 3/1980 (ujian dinas tingkat I)");
  ASSERT_EQ(VerdictAt(r, young)->findings.size(), 1u);
  EXPECT_EQ(VerdictAt(r, young)->findings[0].regulation,
            "PP 99/2000 as amended by PP 12/2002 (ujian dinas tingkat I)");
}

// ------------------------------------------------------ functional posts

TEST_F(RankRecordTest, FunctionalPostPromotionNeedsTwoYearsInRank) {
  const std::string a = InPost(1, "jf-1", "ahliPertama");
  Promote(a, "2004-04-01", "III/a", "III/b", "selectiveFunctional");
  const uint64_t early = Promote(a, "2005-10-01", "III/b", "III/c", "selectiveFunctional");
  const std::string b = InPost(2, "jf-2", "ahliPertama");
  Promote(b, "2004-04-01", "III/a", "III/b", "selectiveFunctional");
  const uint64_t two_years = Promote(b, "2006-04-01", "III/b", "III/c", "selectiveFunctional");
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"functional_promotion_early", early}}));
  const DecisionVerdict* v = VerdictAt(r, two_years);
  EXPECT_EQ(v->verdict(), Verdict::kCompliant);
  EXPECT_NE(v->note.find("no credit points (angka kredit) on record since the rank's TMT"), std::string::npos)
      << v->note;
  const Finding& f = VerdictAt(r, early)->findings[0];
  EXPECT_NE(f.explanation.find("only 1 year 6 months in III/b since 2004-04-01"), std::string::npos)
      << f.explanation;
  EXPECT_EQ(f.severity, Severity::kHigh);
}

TEST_F(RankRecordTest, RegularPromotionOfAFunctionalPostHolderIsTheWrongRoute) {
  const std::string a = InPost(1, "jf-1", "ahliPertama");
  const uint64_t regular = Promote(a, "2004-04-01", "III/a", "III/b");
  const std::string b = InPost(2, "jf-2", "terampil");
  const uint64_t skills = Promote(b, "2004-04-01", "III/a", "III/b");
  const std::string c = InPost(3, "jf-3", "ahliPertama");
  const uint64_t right = Promote(c, "2004-04-01", "III/a", "III/b", "selectiveFunctional");
  const std::string d = InPost(4, "pel-9", "pelaksana");
  const uint64_t pelaksana = Promote(d, "2004-04-01", "III/a", "III/b");
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"wrong_promotion_route", regular},
                                      {"wrong_promotion_route", skills}}));
  EXPECT_EQ(VerdictAt(r, right)->verdict(), Verdict::kCompliant);
  EXPECT_EQ(VerdictAt(r, pelaksana)->verdict(), Verdict::kCompliant);
  const Finding& f = VerdictAt(r, regular)->findings[0];
  EXPECT_NE(f.explanation.find("functional post jf-1 (Ahli Pertama"), std::string::npos)
      << f.explanation;
  EXPECT_EQ(f.regulation,
            "PP 99/2000 as amended by PP 12/2002; PP 99/2000 Art. 7 (functional posts: credit "
            "points)");
}

// ------------------------------------------------------ regulation by era

TEST_F(RankRecordTest, BeforePP99Of2000TheDecisionIsJudgedAndCitedByPP3Of1980) {
  // PP 99/2000 took effect on 2000-11-10: the day before, PP 3/1980.
  const std::string a = Nip(1, 1995, 3);
  Recruit(a, "1995-03-01");
  const uint64_t day_before = Promote(a, "2000-11-09", "III/a", "III/b");  // off-cycle
  const std::string b = Nip(2, 1995, 3);
  Recruit(b, "1995-03-01");
  const uint64_t first_day = Promote(b, "2000-11-10", "III/a", "III/b");
  const std::string c = Nip(3, 1995, 3);
  Recruit(c, "1995-03-01");
  Rate(c, 1998, "kurang");
  Rate(c, 1999);
  const uint64_t old = Promote(c, "2000-10-01", "III/a", "III/b");
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"off_cycle_tmt", day_before},
                                      {"off_cycle_tmt", first_day},
                                      {"non_merit_promotion", old}}));
  EXPECT_EQ(VerdictAt(r, day_before)->findings[0].regulation, "PP 3/1980");
  EXPECT_EQ(VerdictAt(r, first_day)->findings[0].regulation,
            "PP 99/2000 as amended by PP 12/2002");
  EXPECT_EQ(VerdictAt(r, old)->findings[0].regulation, "PP 3/1980");
}

}  // namespace
}  // namespace jejak::audit::testing
