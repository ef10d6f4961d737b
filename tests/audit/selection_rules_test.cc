// The selection and appointment rules, one violating case and one
// compliant near miss each, on hand-built events.
#include "audit/audit_fixture.h"

namespace jejak::audit::testing {
namespace {

using Pair = std::pair<std::string, uint64_t>;

const std::string kPpk = "196001011985031001";  // the walikota: a NIP, no stream

class SelectionRulesTest : public AuditFixture {
 protected:
  SelectionRulesTest()
      : member_(Nip(10, 1995)), c1_(Nip(1)), c2_(Nip(2)), c3_(Nip(3)), c4_(Nip(4)) {
    Recruit(member_, "1995-03-01", "s2", "III/b");
    for (const auto& c : {c1_, c2_, c3_, c4_}) Recruit(c, "2000-03-01");
  }

  // An open JPT selection "s" in 2020 whose committee is the internal
  // member and four externals, scored by everyone not recused, shortlist
  // c1, c2, c3. Returns the decision's position.
  uint64_t Selection(const std::string& appointee, const std::vector<std::string>& recusals = {},
                     int externals = 4, int more_internal = 0,
                     const std::string& kind = "openJpt") {
    Open("s", "2020-03-01", kind);
    std::vector<std::pair<std::string, bool>> members = {{member_, true}};
    for (int i = 0; i < more_internal; ++i) members.push_back({Nip(20 + i, 1990), true});
    for (int i = 1; i <= externals; ++i) members.push_back({"ext-" + std::to_string(i), false});
    Committee("s", "2020-03-10", members, kPpk);
    for (const auto& c : {c1_, c2_, c3_, c4_}) Register("s", "2020-03-20", c);
    for (const auto& c : recusals) Recuse("s", "2020-03-25", member_, c);
    for (const auto& [m, internal] : members) {
      for (const auto& c : {c1_, c2_, c3_, c4_}) {
        if (m == member_ && std::find(recusals.begin(), recusals.end(), c) != recusals.end()) {
          continue;
        }
        Score("s", "2020-04-01", m, c);
      }
    }
    Shortlist("s", "2020-04-10", {c1_, c2_, c3_});
    return Decide("s", "2020-04-20", appointee, kPpk);
  }

  std::string member_, c1_, c2_, c3_, c4_;
};

TEST_F(SelectionRulesTest, ACleanOpenSelectionIsCompliantAndSaysWhy) {
  const uint64_t d = Selection(c1_);
  const AuditReport r = Audit();
  ASSERT_EQ(r.decisions.size(), 1u);
  const DecisionVerdict& v = r.decisions[0];
  EXPECT_EQ(v.decision.position, d);
  EXPECT_EQ(v.kind, DecisionKind::kSelectionDecided);
  EXPECT_EQ(v.verdict(), Verdict::kCompliant);
  EXPECT_EQ(v.subject, c1_);
  EXPECT_EQ(v.agency, "kota-a");
  ASSERT_EQ(v.evidence.size(), 2u);  // committee, shortlist
  EXPECT_EQ(r.Event(v.evidence[0].position)->type, "committeeAppointed");
  EXPECT_EQ(r.Event(v.evidence[1].position)->type, "shortlistSubmitted");
}

TEST_F(SelectionRulesTest, ARelatedMemberScoringWithoutRecusingIsAConflict) {
  const uint64_t declared = Declare(c2_, "2020-03-05", member_, "cousin");
  const uint64_t d = Selection(c1_);  // the conflict is about c2, not the appointee
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"related_committee_member", d}}));
  const Finding& f = VerdictAt(r, d)->findings[0];
  EXPECT_NE(std::find_if(f.evidence.begin(), f.evidence.end(),
                         [&](const Evidence& e) { return e.position == declared; }),
            f.evidence.end());
  EXPECT_NE(f.regulation.find("PP 11/2017 Art. 114(6)(d)"), std::string::npos);
}

TEST_F(SelectionRulesTest, ARelatedMemberWhoRecusedBeforeScoringIsNoConflict) {
  Declare(member_, "2020-03-05", c2_, "sibling");
  const uint64_t d = Selection(c1_, {c2_});
  EXPECT_EQ(VerdictAt(Audit(), d)->verdict(), Verdict::kCompliant);
}

TEST_F(SelectionRulesTest, ARelationDeclaredOnlyAfterTheScoringIsNoConflict) {
  const uint64_t d = Selection(c1_);
  Declare(c2_, "2020-05-01", member_, "cousin");
  EXPECT_EQ(VerdictAt(Audit(), d)->verdict(), Verdict::kCompliant);
}

TEST_F(SelectionRulesTest, ADecidingOfficialRelatedToTheAppointee) {
  Declare(c1_, "2020-03-05", kPpk, "uncleAunt");
  const uint64_t d = Selection(c1_);
  EXPECT_EQ(Found(Audit()), (std::set<Pair>{{"ppk_related_to_appointee", d}}));
}

TEST_F(SelectionRulesTest, ARelationToTheOfficialDeclaredAfterTheDecisionWasNotKnown) {
  const uint64_t d = Selection(c1_);
  Declare(c1_, "2020-05-01", kPpk, "uncleAunt");
  EXPECT_EQ(VerdictAt(Audit(), d)->verdict(), Verdict::kCompliant);
}

TEST_F(SelectionRulesTest, TheSecondOfTheShortlistIsMeritTheThirdIsNot) {
  const uint64_t second = Selection(c2_);
  EXPECT_EQ(VerdictAt(Audit(), second)->verdict(), Verdict::kCompliant);
  const uint64_t third = Decide("s", "2020-04-21", c3_, kPpk);
  const uint64_t outside = Decide("s", "2020-04-22", c4_, kPpk);
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"seniority_over_merit", third},
                                      {"seniority_over_merit", outside}}));
  EXPECT_EQ(VerdictAt(r, third)->findings[0].severity, Severity::kMedium);
  EXPECT_EQ(VerdictAt(r, outside)->findings[0].severity, Severity::kHigh);
}

TEST_F(SelectionRulesTest, AnOpenJptCommitteeMustBeOddFiveToNineAndMostlyExternal) {
  const uint64_t even = Selection(c1_, {}, 5);  // 6 members
  EXPECT_EQ(Found(Audit()), (std::set<Pair>{{"committee_composition", even}}));
}

TEST_F(SelectionRulesTest, ThreeInternalOfFiveIsTooMany) {
  const uint64_t d = Selection(c1_, {}, 2, 2);  // 5 members, 3 internal
  EXPECT_EQ(Found(Audit()), (std::set<Pair>{{"committee_composition", d}}));
}

TEST_F(SelectionRulesTest, APromotionBoardIsNotHeldToTheOpenSelectionMakeUp) {
  const uint64_t d = Selection(c1_, {}, 3, 0, "promotionBoard");  // 4 members
  EXPECT_EQ(VerdictAt(Audit(), d)->verdict(), Verdict::kCompliant);
}

// ---------------------------------------------------------- appointments

class AppointmentTest : public AuditFixture {
 protected:
  AppointmentTest() : a_(Nip(1)) {
    DefinePost("2000-01-02", 3);
    Recruit(a_, "2000-03-01");
    Open("s", "2020-02-01", "promotionBoard");
  }
  // The competency standard (and backdated evidence) only: the post's
  // entry requirements are appointment_rules_test.cc's.
  AuditReport Audit() {
    AuditOptions o;
    o.only = {RuleId::kCompetencyGap, RuleId::kBackdatedEvidence};
    return AuditFixture::Audit(o);
  }
  std::string a_;
};

TEST_F(AppointmentTest, MeetingTheStandardIsCompliant) {
  const uint64_t assessed = Assess(a_, "2020-03-15", 3);
  const uint64_t p = Appoint(a_, "2020-05-01", "s");
  const AuditReport r = Audit();
  const DecisionVerdict* v = VerdictAt(r, p);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->kind, DecisionKind::kPositionPromoted);
  EXPECT_EQ(v->verdict(), Verdict::kCompliant);
  ASSERT_EQ(v->evidence.size(), 2u);  // the standard and the assessment
  EXPECT_EQ(v->evidence[1].position, assessed);
}

TEST_F(AppointmentTest, BelowTheStandardIsACompetencyGap) {
  Assess(a_, "2020-03-15", 2);
  const uint64_t p = Appoint(a_, "2020-05-01", "s");
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"competency_gap_at_appointment", p}}));
  EXPECT_NE(VerdictAt(r, p)->findings[0].explanation.find("integritas assessed 2, required 3"),
            std::string::npos);
}

TEST_F(AppointmentTest, AnAssessmentRecordedAfterTheAppointmentDoesNotCountAndIsBackdated) {
  const uint64_t p = Appoint(a_, "2020-05-01", "s");
  Assess(a_, "2020-04-20", 3);
  EXPECT_EQ(Found(Audit()), (std::set<Pair>{{"competency_gap_at_appointment", p},
                                            {"backdated_evidence", p}}));
}

TEST_F(AppointmentTest, TheStandardInForceOnTheTmtApplies) {
  DefinePost("2021-01-01", 4);  // raised later: does not apply to 2020
  Assess(a_, "2020-03-15", 3);
  const uint64_t p = Appoint(a_, "2020-05-01", "s");
  EXPECT_EQ(VerdictAt(Audit(), p)->verdict(), Verdict::kCompliant);
}

TEST_F(AppointmentTest, AJptPostIsNotHeldToTheBoardStandard) {
  Assess(a_, "2020-03-15", 1);
  const uint64_t p = Appoint(a_, "2020-05-01", "s", "kota-a.d1.head", "jptPratama");
  EXPECT_EQ(VerdictAt(Audit(), p)->verdict(), Verdict::kCompliant);
}

}  // namespace
}  // namespace jejak::audit::testing
