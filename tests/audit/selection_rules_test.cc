// The selection and appointment rules, one violating case and one
// compliant near miss each, on hand-built events.
#include "audit/audit_fixture.h"
#include "audit/post_level.h"

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

  struct Seat {
    std::string id;
    bool internal = false;
    std::string level = "unspecified";
  };
  // A committeeAppointed whose members hold the posts given.
  uint64_t Panel(const std::string& id, const std::string& date, const std::vector<Seat>& seats,
                 const std::string& ppk = kPpk) {
    std::string list;
    for (const Seat& m : seats) {
      if (!list.empty()) list += ",";
      list += R"({"memberId":")" + m.id + R"(","name":"Anggota","internal":)" +
              (m.internal ? "true" : "false") + R"(,"role":"member","level":")" + m.level +
              "\"}";
    }
    return Add("sel/" + id, date,
               R"({"committeeAppointed":{"members":[)" + list + R"(],"ppkNip":")" + ppk + "\"}}");
  }
  // The internal member (at `level`) and `externals` external members.
  std::vector<Seat> Seats(int externals = 4, int more_internal = 0,
                          const std::string& level = "jptPratama") {
    std::vector<Seat> seats = {{member_, true, level}};
    for (int i = 0; i < more_internal; ++i) seats.push_back({Nip(20 + i, 1990), true, level});
    for (int i = 1; i <= externals; ++i) seats.push_back({"ext-" + std::to_string(i), false});
    return seats;
  }

  // An open JPT selection "s" in 2020 whose committee is the internal
  // member and four externals, scored by everyone not recused, shortlist
  // c1, c2, c3. Returns the decision's position.
  uint64_t Selection(const std::string& appointee, const std::vector<std::string>& recusals = {},
                     int externals = 4, int more_internal = 0,
                     const std::string& kind = "openJpt") {
    Open("s", "2020-03-01", kind);
    const std::vector<Seat> seats = Seats(externals, more_internal);
    Panel("s", "2020-03-10", seats);
    for (const auto& c : {c1_, c2_, c3_, c4_}) Register("s", "2020-03-20", c);
    for (const auto& c : recusals) Recuse("s", "2020-03-25", member_, c);
    for (const Seat& m : seats) {
      for (const auto& c : {c1_, c2_, c3_, c4_}) {
        if (m.id == member_ && std::find(recusals.begin(), recusals.end(), c) != recusals.end()) {
          continue;
        }
        Score("s", "2020-04-01", m.id, c);
      }
    }
    Shortlist("s", "2020-04-10", {c1_, c2_, c3_});
    return Decide("s", "2020-04-20", appointee, kPpk);
  }

  static bool Says(const AuditReport& r, uint64_t d, RuleId rule, const std::string& text) {
    const DecisionVerdict* v = VerdictAt(r, d);
    if (v == nullptr) return false;
    for (const auto& f : v->findings) {
      if (f.rule == rule && f.explanation.find(text) != std::string::npos) return true;
    }
    return false;
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

// ------------------------------------------ conflict of interest, widened

TEST_F(SelectionRulesTest, ARelationThroughASpouseDeclaredOnTheSpousesStreamIsAConflict) {
  const std::string spouse = Nip(30);
  Recruit(spouse, "2001-03-01");
  Declare(member_, "2020-03-02", spouse, "spouse");
  const uint64_t sibling = Declare(spouse, "2020-03-03", c2_, "sibling");
  const uint64_t d = Selection(c1_);
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"related_committee_member", d}}));
  EXPECT_TRUE(Says(r, d, RuleId::kRelatedCommitteeMember,
                   "related by marriage through " + spouse));
  const Finding& f = VerdictAt(r, d)->findings[0];
  EXPECT_NE(std::find_if(f.evidence.begin(), f.evidence.end(),
                         [&](const Evidence& e) { return e.position == sibling; }),
            f.evidence.end());
}

TEST_F(SelectionRulesTest, BothTiesDeclaredByTheSpouseAloneCount) {
  const std::string spouse = Nip(30);
  Recruit(spouse, "2001-03-01");
  Declare(spouse, "2020-03-02", member_, "spouse");
  Declare(spouse, "2020-03-03", c2_, "sibling");
  const uint64_t d = Selection(c1_);
  EXPECT_EQ(Found(Audit()), (std::set<Pair>{{"related_committee_member", d}}));
}

TEST_F(SelectionRulesTest, ACandidatesSpouseRelatedToTheMemberCounts) {
  const std::string spouse = Nip(30);
  Recruit(spouse, "2001-03-01");
  Declare(c3_, "2020-03-02", spouse, "spouse");  // on the candidate's stream
  Declare(member_, "2020-03-03", spouse, "cousin");  // on the member's
  const uint64_t d = Selection(c1_);
  EXPECT_EQ(Found(Audit()), (std::set<Pair>{{"related_committee_member", d}}));
}

TEST_F(SelectionRulesTest, TwoBloodTiesWithoutASpouseAreNotFollowed) {
  const std::string cousin = Nip(30);
  Recruit(cousin, "2001-03-01");
  Declare(member_, "2020-03-02", cousin, "cousin");
  Declare(cousin, "2020-03-03", c2_, "cousin");
  const uint64_t d = Selection(c1_);
  EXPECT_EQ(VerdictAt(Audit(), d)->verdict(), Verdict::kCompliant);
}

TEST_F(SelectionRulesTest, ASpouseTieDeclaredAfterTheScoreIsNotHeldAgainstIt) {
  const std::string spouse = Nip(30);
  Recruit(spouse, "2001-03-01");
  Declare(spouse, "2020-03-03", c2_, "sibling");
  const uint64_t d = Selection(c1_);
  Declare(member_, "2020-05-01", spouse, "spouse");  // after the scores and the decision
  EXPECT_EQ(VerdictAt(Audit(), d)->verdict(), Verdict::kCompliant);
}

TEST_F(SelectionRulesTest, ADecidingOfficialRelatedThroughTheAppointeesSpouse) {
  const std::string spouse = Nip(30);
  Recruit(spouse, "2001-03-01");
  Declare(c1_, "2020-03-02", spouse, "spouse");
  Declare(spouse, "2020-03-03", kPpk, "sibling");  // the official has no stream
  const uint64_t d = Selection(c1_);
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"ppk_related_to_appointee", d}}));
  EXPECT_TRUE(Says(r, d, RuleId::kPpkRelatedToAppointee, "through " + spouse));
}

// A member who recused from `recused_from` ("" = the whole selection)
// and then scored every candidate anyway.
TEST_F(SelectionRulesTest, ARelatedMemberWhoRecusedAndScoredAnywayIsAConflict) {
  Declare(member_, "2020-03-05", c2_, "sibling");
  Open("s", "2020-03-01", "openJpt");
  Panel("s", "2020-03-10", Seats());
  for (const auto& c : {c1_, c2_, c3_}) Register("s", "2020-03-20", c);
  Recuse("s", "2020-03-25", member_, c2_);
  for (const Seat& m : Seats()) {
    for (const auto& c : {c1_, c2_, c3_}) Score("s", "2020-04-01", m.id, c);
  }
  Shortlist("s", "2020-04-10", {c1_, c2_, c3_});
  const uint64_t d = Decide("s", "2020-04-20", c1_, kPpk);
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"related_committee_member", d}}));
  EXPECT_TRUE(Says(r, d, RuleId::kRelatedCommitteeMember,
                   "recused from this candidate before"));
  EXPECT_TRUE(Says(r, d, RuleId::kRelatedCommitteeMember, "scored anyway"));
}

TEST_F(SelectionRulesTest, RecusingFromTheWholeSelectionThenScoringARelativeIsAConflict) {
  Declare(member_, "2020-03-05", c2_, "sibling");
  Open("s", "2020-03-01", "openJpt");
  Panel("s", "2020-03-10", Seats());
  for (const auto& c : {c1_, c2_, c3_}) Register("s", "2020-03-20", c);
  Recuse("s", "2020-03-25", member_, "");
  for (const Seat& m : Seats()) Score("s", "2020-04-01", m.id, c2_);
  Shortlist("s", "2020-04-10", {c1_, c2_, c3_});
  const uint64_t d = Decide("s", "2020-04-20", c1_, kPpk);
  const AuditReport r = Audit();
  // The conflict, and a score from someone who had stood aside.
  EXPECT_EQ(Found(r), (std::set<Pair>{{"related_committee_member", d},
                                      {"selection_sequence", d}}));
  EXPECT_TRUE(Says(r, d, RuleId::kRelatedCommitteeMember, "from the whole selection before"));
}

TEST_F(SelectionRulesTest, ARecusalFromOneCandidateLeavesTheMemberFreeToScoreTheOthers) {
  const uint64_t d = Selection(c1_, {c2_});  // unrelated to anyone, recused from c2 only
  EXPECT_EQ(VerdictAt(Audit(), d)->verdict(), Verdict::kCompliant);
}

TEST_F(SelectionRulesTest, ScoringAfterRecusingFromTheWholeSelectionIsOutOfSequence) {
  Open("s", "2020-03-01", "openJpt");
  Panel("s", "2020-03-10", Seats());
  for (const auto& c : {c1_, c2_, c3_}) Register("s", "2020-03-20", c);
  Recuse("s", "2020-03-25", member_, "");
  for (const Seat& m : Seats()) Score("s", "2020-04-01", m.id, c1_);
  Shortlist("s", "2020-04-10", {c1_, c2_, c3_});
  const uint64_t d = Decide("s", "2020-04-20", c1_, kPpk);
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"selection_sequence", d}}));
  EXPECT_TRUE(Says(r, d, RuleId::kSelectionSequence, "after recusing from the whole selection"));
}

// ------------------------------------------------ internal members' level

TEST_F(SelectionRulesTest, PostsAreOrderedJptThenAdministratorThenPengawas) {
  using L = schema::JabatanLevel;
  EXPECT_GT(PostHeight(L::JPT_UTAMA), PostHeight(L::JPT_MADYA));
  EXPECT_GT(PostHeight(L::JPT_MADYA), PostHeight(L::JPT_PRATAMA));
  EXPECT_GT(PostHeight(L::JPT_PRATAMA), PostHeight(L::ADMINISTRATOR));
  EXPECT_GT(PostHeight(L::ADMINISTRATOR), PostHeight(L::PENGAWAS));
  EXPECT_GT(PostHeight(L::PENGAWAS), PostHeight(L::PELAKSANA));
  EXPECT_EQ(PostHeight(L::AHLI_UTAMA), PostHeight(L::JPT_PRATAMA));
  EXPECT_EQ(PostHeight(L::AHLI_MADYA), PostHeight(L::ADMINISTRATOR));
  EXPECT_EQ(PostHeight(L::AHLI_MUDA), PostHeight(L::PENGAWAS));
  EXPECT_EQ(PostHeight(L::PENYELIA), PostHeight(L::PELAKSANA));
  EXPECT_EQ(PostHeight(L::UNSPECIFIED), 0);
}

class MemberLevelTest : public SelectionRulesTest {
 protected:
  uint64_t With(const std::vector<Seat>& seats, const std::string& kind = "openJpt",
                const std::string& id = "s") {
    Open(id, "2020-03-01", kind);
    Panel(id, "2020-03-10", seats);
    for (const auto& c : {c1_, c2_, c3_}) Register(id, "2020-03-20", c);
    Shortlist(id, "2020-04-10", {c1_, c2_, c3_});
    return Decide(id, "2020-04-20", c1_, kPpk);
  }
  std::vector<Seat> Five(const std::string& internal_level,
                         const std::string& external_level = "unspecified") {
    return {{member_, true, internal_level}, {"ext-1", false, external_level},
            {"ext-2", false}, {"ext-3", false}, {"ext-4", false}};
  }
};

TEST_F(MemberLevelTest, AnInternalMemberBelowThePostIsAFinding) {
  const uint64_t d = With(Five("administrator"));
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"committee_member_level", d}}));
  EXPECT_TRUE(Says(r, d, RuleId::kCommitteeMemberLevel,
                   "holds an administrator post, below the jptPratama post"));
  EXPECT_EQ(VerdictAt(r, d)->findings[0].severity, Severity::kMedium);
}

TEST_F(MemberLevelTest, AnInternalMemberAtTheSameOrAHigherLevelIsCompliant) {
  for (const char* level : {"jptPratama", "jptMadya", "ahliUtama"}) {
    SCOPED_TRACE(level);
    const uint64_t d = With(Five(level), "openJpt", std::string("s-") + level);
    EXPECT_EQ(VerdictAt(Audit(), d)->verdict(), Verdict::kCompliant);
  }
}

TEST_F(MemberLevelTest, AnExternalMemberIsNotJudgedForLevel) {
  const uint64_t d = With(Five("jptPratama", "pengawas"));
  EXPECT_EQ(VerdictAt(Audit(), d)->verdict(), Verdict::kCompliant);
}

TEST_F(MemberLevelTest, AnInternalMemberWithNoLevelOnRecordIsInsufficientEvidence) {
  const uint64_t d = With(Five("unspecified"));
  const AuditReport r = Audit();
  const DecisionVerdict* v = VerdictAt(r, d);
  EXPECT_EQ(v->verdict(), Verdict::kInsufficientEvidence);
  ASSERT_EQ(v->missing.size(), 1u);
  EXPECT_NE(v->missing[0].find("post held by internal committee member " + member_),
            std::string::npos);
}

TEST_F(MemberLevelTest, APromotionBoardIsNotJudgedForLevel) {
  const uint64_t board = With(Five("pengawas"), "promotionBoard");
  EXPECT_EQ(VerdictAt(Audit(), board)->verdict(), Verdict::kCompliant);
}

TEST_F(MemberLevelTest, TheRuleStartsOnTheDayUu5_2014TookEffect) {
  // Decided the day before (the dates are otherwise in order).
  Open("s", "2013-12-01", "openJpt");
  Panel("s", "2013-12-10", Five("pengawas"));
  for (const auto& c : {c1_, c2_, c3_}) Register("s", "2013-12-20", c);
  Shortlist("s", "2014-01-02", {c1_, c2_, c3_});
  const uint64_t before = Decide("s", "2014-01-14", c1_, kPpk);
  const uint64_t on = Decide("s", "2014-01-15", c1_, kPpk);
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"committee_member_level", on}}));
  EXPECT_EQ(VerdictAt(r, before)->verdict(), Verdict::kCompliant);
}

// ------------------------------------------------------------ sequencing

TEST_F(SelectionRulesTest, ADecisionEffectiveBeforeTheShortlistIsOutOfSequence) {
  Open("s", "2020-03-01", "openJpt");
  Panel("s", "2020-03-10", Seats());
  for (const auto& c : {c1_, c2_, c3_}) Register("s", "2020-03-20", c);
  const uint64_t shortlist = Shortlist("s", "2020-04-10", {c1_, c2_, c3_});
  const uint64_t early = Decide("s", "2020-04-09", c1_, kPpk);
  const uint64_t same_day = Decide("s", "2020-04-10", c1_, kPpk);
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"selection_sequence", early}}));
  EXPECT_TRUE(Says(r, early, RuleId::kSelectionSequence,
                   "effective 2020-04-09, before the shortlist was submitted on 2020-04-10"));
  EXPECT_EQ(VerdictAt(r, early)->findings[0].evidence[0].position, shortlist);
  EXPECT_EQ(VerdictAt(r, same_day)->verdict(), Verdict::kCompliant);
}

TEST_F(SelectionRulesTest, ADecisionRecordedBeforeTheShortlistIsOutOfSequence) {
  Open("s", "2020-03-01", "openJpt");
  Panel("s", "2020-03-10", Seats());
  for (const auto& c : {c1_, c2_, c3_}) Register("s", "2020-03-20", c);
  const uint64_t d = Decide("s", "2020-04-20", c1_, kPpk);
  Shortlist("s", "2020-04-10", {c1_, c2_, c3_});  // effective before, recorded after
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"selection_sequence", d}}));
  EXPECT_TRUE(Says(r, d, RuleId::kSelectionSequence, "no shortlist on record"));
}

TEST_F(SelectionRulesTest, APromotionBoardDecidedWithNoShortlistIsInsufficientEvidence) {
  Open("s", "2020-03-01", "promotionBoard");
  Panel("s", "2020-03-10", Seats(2));
  Register("s", "2020-03-20", c1_);
  const uint64_t d = Decide("s", "2020-04-20", c1_, kPpk);
  const AuditReport r = Audit();
  const DecisionVerdict* v = VerdictAt(r, d);
  EXPECT_EQ(v->verdict(), Verdict::kInsufficientEvidence);
  EXPECT_EQ(v->missing, std::vector<std::string>{
                            "no shortlist on record when the decision was recorded"});
}

TEST_F(SelectionRulesTest, AScoreByANonMemberIsOutOfSequence) {
  Open("s", "2020-03-01", "openJpt");
  Panel("s", "2020-03-10", Seats());
  for (const auto& c : {c1_, c2_, c3_}) Register("s", "2020-03-20", c);
  const uint64_t stranger = Score("s", "2020-04-01", "ext-99", c1_);
  Shortlist("s", "2020-04-10", {c1_, c2_, c3_});
  const uint64_t d = Decide("s", "2020-04-20", c1_, kPpk);
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"selection_sequence", d}}));
  EXPECT_TRUE(Says(r, d, RuleId::kSelectionSequence, "ext-99 scored " + c1_));
  const auto& ev = VerdictAt(r, d)->findings[0].evidence;
  EXPECT_NE(std::find_if(ev.begin(), ev.end(),
                         [&](const Evidence& e) { return e.position == stranger; }),
            ev.end());
}

TEST_F(SelectionRulesTest, AScoreBeforeTheCommitteeWasAppointedIsOutOfSequence) {
  Open("s", "2020-03-01", "openJpt");
  Score("s", "2020-03-05", "ext-1", c1_);
  Panel("s", "2020-03-10", Seats());
  for (const auto& c : {c1_, c2_, c3_}) Register("s", "2020-03-20", c);
  Shortlist("s", "2020-04-10", {c1_, c2_, c3_});
  const uint64_t d = Decide("s", "2020-04-20", c1_, kPpk);
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"selection_sequence", d}}));
  EXPECT_TRUE(Says(r, d, RuleId::kSelectionSequence, "(none appointed yet)"));
}

TEST_F(SelectionRulesTest, AMemberReplacedByALaterCommitteeScoresNoMore) {
  Open("s", "2020-03-01", "openJpt");
  Panel("s", "2020-03-10", Seats());
  for (const auto& c : {c1_, c2_, c3_}) Register("s", "2020-03-20", c);
  Score("s", "2020-03-25", "ext-4", c1_);  // on the first committee: fine
  std::vector<Seat> second = Seats(3);
  second.push_back({"ext-5", false});
  Panel("s", "2020-03-30", second);  // ext-4 replaced by ext-5
  Score("s", "2020-04-01", "ext-5", c1_);
  Score("s", "2020-04-02", "ext-4", c2_);  // no longer on it
  Shortlist("s", "2020-04-10", {c1_, c2_, c3_});
  const uint64_t d = Decide("s", "2020-04-20", c1_, kPpk);
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"selection_sequence", d}}));
  EXPECT_TRUE(Says(r, d, RuleId::kSelectionSequence, "ext-4 scored " + c2_));
  EXPECT_FALSE(Says(r, d, RuleId::kSelectionSequence, "ext-4 scored " + c1_));
  EXPECT_FALSE(Says(r, d, RuleId::kSelectionSequence, "ext-5"));
}

TEST_F(SelectionRulesTest, AnAppointeeWhoNeverRegisteredIsOutOfSequence) {
  Open("s", "2020-03-01", "openJpt");
  Panel("s", "2020-03-10", Seats());
  for (const auto& c : {c2_, c3_}) Register("s", "2020-03-20", c);
  Shortlist("s", "2020-04-10", {c1_, c2_, c3_});
  const uint64_t d = Decide("s", "2020-04-20", c1_, kPpk);
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"selection_sequence", d}}));
  EXPECT_TRUE(Says(r, d, RuleId::kSelectionSequence, "never registered as a candidate"));
}

// --------------------------------------------- shortlist and seniority

class MeritTest : public SelectionRulesTest {
 protected:
  // Shortlist `ranked`, each scored `totals` by the five members.
  uint64_t Scored(const std::vector<std::string>& ranked, const std::vector<double>& totals,
                  const std::string& appointee, const std::string& kind = "openJpt") {
    Open("s", "2020-03-01", kind);
    Panel("s", "2020-03-10", Seats());
    for (const auto& c : ranked) Register("s", "2020-03-20", c);
    Register("s", "2020-03-20", c4_);
    for (const Seat& m : Seats()) {
      for (size_t i = 0; i < ranked.size(); ++i) Score("s", "2020-04-01", m.id, ranked[i], totals[i]);
      Score("s", "2020-04-01", m.id, c4_, 60);
    }
    Shortlist("s", "2020-04-10", ranked);
    return Decide("s", "2020-04-20", appointee, kPpk);
  }
};

TEST_F(MeritTest, AnAppointeeOutsideTheShortlistIsNotShortlistedRatherThanSeniority) {
  const uint64_t d = Scored({c1_, c2_, c3_}, {90, 85, 80}, c4_);
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"appointee_not_shortlisted", d}}));
  EXPECT_EQ(VerdictAt(r, d)->findings[0].severity, Severity::kHigh);
  EXPECT_TRUE(Says(r, d, RuleId::kAppointeeNotShortlisted, "not on the shortlist"));
}

TEST_F(MeritTest, AShortlistedAppointeeOutScoredByAJuniorIsSeniorityOverMerit) {
  const std::string junior = Nip(5, 2008);
  Recruit(junior, "2008-03-01");
  const uint64_t d = Scored({junior, c2_, c3_}, {90, 85, 80}, c2_);
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"seniority_over_merit", d}}));
  const Finding& f = VerdictAt(r, d)->findings[0];
  EXPECT_EQ(f.severity, Severity::kMedium);
  EXPECT_NE(f.explanation.find(junior + " (committee score 90.00 against 85.00), in service "
                               "since 2008-03-01 against 2000-03-01"),
            std::string::npos)
      << f.explanation;
}

TEST_F(MeritTest, OutScoredByALowerRankWithTheSameServiceIsSeniorityOverMerit) {
  Promote(c2_, "2004-04-01", "III/a", "III/b", "outstanding");
  const uint64_t d = Scored({c1_, c2_, c3_}, {90, 85, 80}, c2_);
  const AuditReport r = Audit();
  EXPECT_EQ(Found(r), (std::set<Pair>{{"seniority_over_merit", d}}));
  EXPECT_TRUE(Says(r, d, RuleId::kSeniorityOverMerit, "in rank III/a against III/b"));
}

TEST_F(MeritTest, OutScoredByASeniorIsNoSeniorityFinding) {
  const std::string senior = Nip(6, 1995);
  Recruit(senior, "1995-03-01");
  const uint64_t d = Scored({senior, c2_, c3_}, {90, 85, 80}, c2_);
  EXPECT_EQ(VerdictAt(Audit(), d)->verdict(), Verdict::kCompliant);
}

TEST_F(MeritTest, TheBestScoredAppointeeIsCompliantWhateverTheRanking) {
  const std::string junior = Nip(5, 2008);
  Recruit(junior, "2008-03-01");
  // Ranked second but scored best: no one out-scored the appointee.
  const uint64_t d = Scored({junior, c2_, c3_}, {80, 85, 70}, c2_);
  EXPECT_EQ(VerdictAt(Audit(), d)->verdict(), Verdict::kCompliant);
}

TEST_F(MeritTest, TheAgencysRateOfSeniorityPicksIsInTheSummary) {
  const std::string junior = Nip(5, 2008);
  Recruit(junior, "2008-03-01");
  Scored({junior, c2_, c3_}, {90, 85, 80}, c2_);
  const AuditSummary s = Summarize(Audit());
  ASSERT_EQ(s.by_agency.size(), 1u);
  EXPECT_EQ(s.by_agency[0].selections, 1u);
  EXPECT_EQ(s.by_agency[0].seniority_picks, 1u);
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
