// The rules of an appointment (positionPromoted) beyond the competency
// standard: no replacement of a JPT within 2 years of installation (UU
// 5/2014 Art. 116, from 2014-01-15), and the post's entry requirements
// (PP 11/2017 as amended by PP 17/2020 from 2017-03-30; PP 100/2000
// before): education, experience in the lower post, maximum age, Baik for
// 2 years, the post's rank range, the leadership training of its level.
#include "audit/audit_fixture.h"

namespace jejak::audit::testing {
namespace {

using Pair = std::pair<std::string, uint64_t>;

class AppointmentRulesTest : public AuditFixture {
 protected:
  // A post of kota-a.
  uint64_t Define(const std::string& date, const std::string& position, const std::string& level,
                  const std::string& min_rank = "III/a", const std::string& max_rank = "IV/e",
                  const std::string& training = "", const std::string& education = "") {
    std::string extra;
    if (!training.empty()) extra += R"(,"requiredTraining":")" + training + "\"";
    if (!education.empty()) extra += R"(,"minEducation":")" + education + "\"";
    return Add("org/kota-a", date,
               R"({"positionDefined":{"positionId":")" + position + R"(","name":"Jabatan )" +
                   position + R"(","level":")" + level + R"(","unitId":"d1","minRank":")" +
                   min_rank + R"(","maxRank":")" + max_rank + "\"" + extra + "}}");
  }
  uint64_t Assign(const std::string& nip, const std::string& date, const std::string& position,
                  const std::string& level) {
    return Add("emp/" + nip, date,
               R"({"positionAssigned":{"positionId":")" + position +
                   R"(","positionName":"Jabatan","level":")" + level +
                   R"(","agency":"kota-a","unit":"d1"}})");
  }
  uint64_t Train(const std::string& nip, const std::string& date, const std::string& kind) {
    return Add("emp/" + nip, date,
               R"({"trainingCompleted":{"kind":")" + kind +
                   R"(","name":"Pelatihan Kepemimpinan","jp":240,"provider":"BPSDM","startDate":")" +
                   date + R"(","endDate":")" + date + R"("}})");
  }
  uint64_t Separate(const std::string& nip, const std::string& date, const std::string& reason) {
    return Add("emp/" + nip, date,
               R"({"separated":{"reason":")" + reason + R"(","note":"SK"}})");
  }
  // Opens selection `selection` (the store requires it) and appoints.
  uint64_t Install(const std::string& nip, const std::string& tmt, const std::string& selection,
                   const std::string& position, const std::string& level) {
    Open(selection, tmt, "openJpt");
    return Appoint(nip, tmt, selection, position, level);
  }
  // Audit with only `rule` checked.
  AuditReport Only(RuleId rule) {
    AuditOptions o;
    o.only = {rule};
    return Audit(o);
  }
  static std::string Explanation(const AuditReport& r, uint64_t decision, RuleId rule) {
    const DecisionVerdict* v = VerdictAt(r, decision);
    if (v == nullptr) return "";
    for (const auto& f : v->findings) {
      if (f.rule == rule) return f.explanation;
    }
    return "";
  }
  static const Finding* FindingOf(const AuditReport& r, uint64_t decision, RuleId rule) {
    const DecisionVerdict* v = VerdictAt(r, decision);
    if (v == nullptr) return nullptr;
    for (const auto& f : v->findings) {
      if (f.rule == rule) return &f;
    }
    return nullptr;
  }

  // A pengawas post (PKP, D3) and pel-1 (the recruits' post) as pelaksana,
  // defined in 2000.
  void Posts() {
    Define("2000-01-01", "pel-1", "pelaksana", "II/a", "III/d");
    Define("2000-01-01", "kasi", "pengawas", "III/a", "III/d", "pkp", "d3");
  }
  // An S1 employee recruited III/a on 2010-03-01 into pel-1, Baik
  // 2010-2019.
  std::string Candidate(int serial, const std::string& education = "s1",
                        const std::string& rank = "III/a") {
    const std::string nip = Nip(serial);
    Recruit(nip, "2010-03-01", education, rank);
    for (int y = 2010; y <= 2019; ++y) Rate(nip, y, "baik");
    return nip;
  }
  std::string JptPost(const std::string& position = "kadis", const std::string& date = "2000-01-01") {
    Define(date, position, "jptPratama", "IV/a", "IV/e");
    return position;
  }
};

// ------------------------------------------------------------- JPT rule

TEST_F(AppointmentRulesTest, ReplacingAJptTwoYearsMinusADayAfterInstallationIsEarly) {
  const std::string post = JptPost();
  const std::string a = Candidate(1), b = Candidate(2), c = Candidate(3);
  JptPost("kaban");
  Install(a, "2018-01-02", "sel-1", post, "jptPratama");
  const uint64_t early = Install(b, "2020-01-01", "sel-2", post, "jptPratama");
  Install(c, "2018-01-02", "sel-3", "kaban", "jptPratama");
  const std::string d = Candidate(4);
  const uint64_t on_time = Install(d, "2020-01-02", "sel-4", "kaban", "jptPratama");
  const AuditReport r = Only(RuleId::kJptReplacedEarly);
  EXPECT_EQ(Found(r), (std::set<Pair>{{"jpt_replaced_early", early}}));
  const Finding* f = FindingOf(r, early, RuleId::kJptReplacedEarly);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kHigh);
  EXPECT_NE(f->explanation.find("previous holder " + a), std::string::npos) << f->explanation;
  EXPECT_NE(f->explanation.find("not before 2020-01-02"), std::string::npos) << f->explanation;
  EXPECT_NE(f->regulation.find("UU 5/2014 Art. 116"), std::string::npos) << f->regulation;
  EXPECT_EQ(VerdictAt(r, on_time)->verdict(), Verdict::kCompliant);
}

TEST_F(AppointmentRulesTest, NoJptRuleBeforeUu5Of2014) {
  const std::string a = Candidate(1), b = Candidate(2), c = Candidate(3), d = Candidate(4);
  JptPost("kadis");
  JptPost("kaban");
  Install(a, "2013-01-01", "sel-1", "kadis", "jptPratama");
  const uint64_t before = Install(b, "2014-01-14", "sel-2", "kadis", "jptPratama");
  Install(c, "2013-01-01", "sel-3", "kaban", "jptPratama");
  const uint64_t from = Install(d, "2014-01-15", "sel-4", "kaban", "jptPratama");
  const AuditReport r = Only(RuleId::kJptReplacedEarly);
  EXPECT_EQ(Found(r), (std::set<Pair>{{"jpt_replaced_early", from}}));
  EXPECT_EQ(VerdictAt(r, before)->verdict(), Verdict::kCompliant);
}

TEST_F(AppointmentRulesTest, AHolderWhoLeftOnTheirOwnWasNotReplaced) {
  const std::string a = Candidate(1), b = Candidate(2), c = Candidate(3), d = Candidate(4);
  const std::string e = Candidate(5), f = Candidate(6);
  JptPost("kadis");
  JptPost("kaban");
  JptPost("sekda");
  JptPost("asisten");
  // Retired, then a successor: lawful.
  Install(a, "2018-01-02", "sel-1", "kadis", "jptPratama");
  Separate(a, "2019-01-01", "retirement");
  const uint64_t after_retirement = Install(b, "2019-04-01", "sel-2", "kadis", "jptPratama");
  // Promoted elsewhere, then a successor: lawful.
  Install(c, "2018-01-02", "sel-3", "kaban", "jptPratama");
  Install(c, "2019-01-01", "sel-4", "sekda", "jptPratama");
  const uint64_t after_promotion = Install(d, "2019-04-01", "sel-5", "kaban", "jptPratama");
  // Moved away by assignment, then a successor: a replacement.
  Install(e, "2018-01-02", "sel-6", "asisten", "jptPratama");
  Assign(e, "2019-01-01", "staf-ahli", "jptPratama");
  const uint64_t after_move = Install(f, "2019-04-01", "sel-7", "asisten", "jptPratama");
  const AuditReport r = Only(RuleId::kJptReplacedEarly);
  EXPECT_EQ(Found(r), (std::set<Pair>{{"jpt_replaced_early", after_move}}));
  EXPECT_EQ(VerdictAt(r, after_retirement)->verdict(), Verdict::kCompliant);
  EXPECT_EQ(VerdictAt(r, after_promotion)->verdict(), Verdict::kCompliant);
  EXPECT_NE(Explanation(r, after_move, RuleId::kJptReplacedEarly).find("was moved out of it"),
            std::string::npos);
}

TEST_F(AppointmentRulesTest, AJptPostWithoutDefinitionIsMissingEvidence) {
  const std::string a = Candidate(1), b = Candidate(2);
  Install(a, "2018-01-02", "sel-1", "kadis", "jptPratama");
  const uint64_t p = Install(b, "2019-01-02", "sel-2", "kadis", "jptPratama");
  const AuditReport r = Only(RuleId::kJptReplacedEarly);
  const DecisionVerdict* v = VerdictAt(r, p);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->verdict(), Verdict::kInsufficientEvidence);
  ASSERT_EQ(v->missing.size(), 1u);
  EXPECT_NE(v->missing[0].find("definition of post kadis"), std::string::npos) << v->missing[0];
}

// ------------------------------------------------------ entry requirements

TEST_F(AppointmentRulesTest, APengawasMeetingEveryRequirementIsCompliant) {
  Posts();
  const std::string a = Candidate(1);
  Promote(a, "2014-04-01", "III/a", "III/b");
  Train(a, "2017-06-01", "pkp");
  const uint64_t p = Install(a, "2018-04-01", "sel-1", "kasi", "pengawas");
  const AuditReport r = Only(RuleId::kEntryRequirements);
  const DecisionVerdict* v = VerdictAt(r, p);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->verdict(), Verdict::kCompliant) << (v->missing.empty() ? "" : v->missing[0]);
  // Judged on the definition, education, the pelaksana years, 2 ratings,
  // the rank and the training.
  EXPECT_GE(v->evidence.size(), 7u);
}

TEST_F(AppointmentRulesTest, EveryUnmetRequirementIsListed) {
  Posts();
  Define("2000-01-01", "kabid", "administrator", "III/c", "IV/b", "pka");
  const std::string a = Candidate(1, "d3");  // D3, III/a
  Rate(a, 2020, "butuhPerbaikan");
  // Administrator: needs S1/D4, 3 years as pengawas, Baik 2019 and 2020,
  // III/c-IV/b, PKA; has D3, no pengawas years, Butuh Perbaikan 2020,
  // III/a, no training.
  const uint64_t p = Install(a, "2021-04-01", "sel-1", "kabid", "administrator");
  const AuditReport r = Only(RuleId::kEntryRequirements);
  EXPECT_EQ(Found(r), (std::set<Pair>{{"entry_requirements", p}}));
  const Finding* f = FindingOf(r, p, RuleId::kEntryRequirements);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kHigh);
  for (const char* part : {"education D3, needs at least S1/D4", "experience: 0 years",
                           "needs 3 years", "predikat 2020 Butuh Perbaikan",
                           "rank III/a outside the post's range III/c-IV/b", "no PKA"}) {
    EXPECT_NE(f->explanation.find(part), std::string::npos) << part << "\n" << f->explanation;
  }
  EXPECT_NE(f->regulation.find("PP 17/2020"), std::string::npos) << f->regulation;
}

TEST_F(AppointmentRulesTest, FourYearsAsPelaksanaIsEnoughForPengawasThreeAreNot) {
  Posts();
  Define("2000-01-01", "kasi2", "pengawas", "III/a", "III/d");
  const std::string c = Nip(3, 2014), d = Nip(4, 2014);
  for (const auto& n : {c, d}) {
    Recruit(n, "2014-03-01");
    for (int y = 2014; y <= 2019; ++y) Rate(n, y, "baik");
    Train(n, "2017-06-01", "pkp");
  }
  const uint64_t short_ = Install(c, "2018-02-01", "sel-3", "kasi", "pengawas");  // 3 y 11 m
  const uint64_t enough = Install(d, "2018-03-01", "sel-4", "kasi2", "pengawas");  // 4 years
  const AuditReport r = Only(RuleId::kEntryRequirements);
  EXPECT_EQ(Found(r), (std::set<Pair>{{"entry_requirements", short_}}));
  EXPECT_NE(Explanation(r, short_, RuleId::kEntryRequirements).find("experience: 3 years 11 months"),
            std::string::npos)
      << Explanation(r, short_, RuleId::kEntryRequirements);
  EXPECT_EQ(VerdictAt(r, enough)->verdict(), Verdict::kCompliant);
}

TEST_F(AppointmentRulesTest, AgeFiftySixOnTheTmtIsAllowedForJptPratama) {
  Define("2000-01-01", "kabid", "administrator", "III/a", "IV/e");
  Define("2000-01-01", "kadis", "jptPratama", "III/a", "IV/e");
  Define("2000-01-01", "kaban", "jptPratama", "III/a", "IV/e");
  // Born 1961-05-01: 56 until 2018-04-30, 57 from 2018-05-01.
  const std::string a = "196105011990031001", b = "196105011990031002";
  for (const auto& n : {a, b}) {
    Recruit(n, "1990-03-01", "s2", "III/b");
    Assign(n, "2010-01-01", "kabid", "administrator");
    Train(n, "2012-01-01", "pknII");
  }
  const uint64_t at56 = Install(a, "2018-04-30", "sel-1", "kadis", "jptPratama");
  const uint64_t at57 = Install(b, "2018-05-01", "sel-2", "kaban", "jptPratama");
  const AuditReport r = Only(RuleId::kEntryRequirements);
  EXPECT_EQ(Found(r), (std::set<Pair>{{"entry_requirements", at57}}));
  EXPECT_NE(Explanation(r, at57, RuleId::kEntryRequirements).find("age 57 on 2018-05-01"),
            std::string::npos)
      << Explanation(r, at57, RuleId::kEntryRequirements);
  EXPECT_EQ(VerdictAt(r, at56)->verdict(), Verdict::kCompliant);
}

TEST_F(AppointmentRulesTest, TrainingCompletedWithinTheGracePeriodLowersToMedium) {
  Posts();
  Define("2000-01-01", "kasi2", "pengawas", "III/a", "III/d");
  Define("2000-01-01", "kasi3", "pengawas", "III/a", "III/d");
  const std::string a = Candidate(1), b = Candidate(2), c = Candidate(3);
  const uint64_t next_day = Install(a, "2018-04-01", "sel-1", "kasi", "pengawas");
  const uint64_t too_late = Install(b, "2018-04-01", "sel-2", "kasi2", "pengawas");
  const uint64_t never = Install(c, "2018-04-01", "sel-3", "kasi3", "pengawas");
  Train(a, "2018-04-02", "pkp");  // the day after installation
  Train(b, "2019-04-02", "pkp");  // 366 days after
  const AuditReport r = Only(RuleId::kEntryRequirements);
  EXPECT_EQ(Found(r), (std::set<Pair>{{"entry_requirements", next_day},
                                      {"entry_requirements", too_late},
                                      {"entry_requirements", never}}));
  EXPECT_EQ(FindingOf(r, next_day, RuleId::kEntryRequirements)->severity, Severity::kMedium);
  EXPECT_NE(Explanation(r, next_day, RuleId::kEntryRequirements).find("completed on 2018-04-02"),
            std::string::npos);
  EXPECT_EQ(FindingOf(r, too_late, RuleId::kEntryRequirements)->severity, Severity::kHigh);
  EXPECT_EQ(FindingOf(r, never, RuleId::kEntryRequirements)->severity, Severity::kHigh);
}

TEST_F(AppointmentRulesTest, ALateTrainingDoesNotLowerOtherUnmetRequirements) {
  Posts();
  const std::string a = Candidate(1, "slta", "II/a");  // below D3
  const uint64_t p = Install(a, "2018-04-01", "sel-1", "kasi", "pengawas");
  Train(a, "2018-05-01", "pkp");
  const AuditReport r = Only(RuleId::kEntryRequirements);
  EXPECT_EQ(FindingOf(r, p, RuleId::kEntryRequirements)->severity, Severity::kHigh);
}

TEST_F(AppointmentRulesTest, BeforePp11Of2017OnlyTheOldRequirementsApply) {
  Posts();
  const std::string a = Nip(1, 2015), b = Nip(2, 2015);
  for (const auto& n : {a, b}) {
    Recruit(n, "2015-03-01");
    Rate(n, 2015, "baik");
    Rate(n, 2016, "baik");
  }
  // One year as pelaksana, no PKP: lawful the day before PP 11/2017.
  const uint64_t before = Install(a, "2017-03-29", "sel-1", "kasi", "pengawas");
  Define("2000-01-01", "kasi2", "pengawas", "III/a", "III/d", "pkp", "d3");
  const uint64_t from = Install(b, "2017-03-30", "sel-2", "kasi2", "pengawas");
  const AuditReport r = Only(RuleId::kEntryRequirements);
  EXPECT_EQ(Found(r), (std::set<Pair>{{"entry_requirements", from}}));
  EXPECT_EQ(VerdictAt(r, before)->verdict(), Verdict::kCompliant);
}

TEST_F(AppointmentRulesTest, ADp3EraPredikatIsJudgedByItsScoreForBaikTwoYears) {
  Posts();
  Define("2000-01-01", "kasi2", "pengawas", "III/a", "III/d", "pkp", "d3");
  auto rate_dp3 = [&](const std::string& nip, int year, const std::string& predikat, int score) {
    const std::string y = std::to_string(year);
    Add("emp/" + nip, y + "-12-31",
        R"({"performanceRated":{"year":)" + y + R"(,"predikat":")" + predikat +
            R"(","evaluatorNip":"196501011990031001","dp3Score":)" + std::to_string(score) +
            "}}");
  };
  const std::string a = Nip(1, 2005), b = Nip(2, 2005);
  Recruit(a, "2005-03-01");
  Recruit(b, "2005-03-01");
  // a: Butuh Perbaikan on record for 2010, but its DP3 score 85 is in the
  // Baik band; b: Baik on record, but its score 70 is Cukup.
  rate_dp3(a, 2010, "butuhPerbaikan", 85);
  rate_dp3(a, 2011, "baik", 80);
  rate_dp3(b, 2010, "baik", 70);
  rate_dp3(b, 2011, "baik", 80);
  const uint64_t pa = Install(a, "2012-04-02", "sel-1", "kasi", "pengawas");
  const uint64_t pb = Install(b, "2012-04-02", "sel-2", "kasi2", "pengawas");
  const AuditReport r = Only(RuleId::kEntryRequirements);
  EXPECT_EQ(Found(r), (std::set<Pair>{{"entry_requirements", pb}}));
  EXPECT_EQ(VerdictAt(r, pa)->verdict(), Verdict::kCompliant);
  EXPECT_NE(Explanation(r, pb, RuleId::kEntryRequirements)
                .find("predikat 2010 Butuh Perbaikan by DP3 score 70, needs at least Baik"),
            std::string::npos)
      << Explanation(r, pb, RuleId::kEntryRequirements);
}

TEST_F(AppointmentRulesTest, MissingDataIsInsufficientEvidenceNotAPass) {
  Define("2000-01-01", "kasi", "pengawas", "III/a", "III/d", "pkp");
  const std::string a = Candidate(1), b = Nip(2);
  Train(a, "2017-01-01", "pkp");
  // No definition of the post.
  const uint64_t no_post = Install(a, "2018-04-01", "sel-1", "kasi-x", "pengawas");
  // pel-1 (the post held) not defined: its level, hence the experience, unknown;
  // no ratings for 2016-2017.
  Recruit(b, "2010-03-01");
  Train(b, "2017-01-01", "pkp");
  const uint64_t unknown = Install(b, "2018-04-01", "sel-2", "kasi", "pengawas");
  const AuditReport r = Only(RuleId::kEntryRequirements);
  EXPECT_TRUE(Found(r).empty());
  const DecisionVerdict* v = VerdictAt(r, no_post);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->verdict(), Verdict::kInsufficientEvidence);
  ASSERT_FALSE(v->missing.empty());
  EXPECT_NE(v->missing[0].find("post's definition"), std::string::npos) << v->missing[0];
  v = VerdictAt(r, unknown);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->verdict(), Verdict::kInsufficientEvidence);
  std::string all;
  for (const auto& m : v->missing) all += m + "\n";
  EXPECT_NE(all.find("the level of post(s) held (pel-1 from 2010-03-01)"), std::string::npos)
      << all;
  EXPECT_NE(all.find("predikat for 2016"), std::string::npos) << all;
  EXPECT_NE(all.find("predikat for 2017"), std::string::npos) << all;
}

}  // namespace
}  // namespace jejak::audit::testing
