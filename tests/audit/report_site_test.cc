// The audit's outputs beyond the summary: one decision explained rule by
// rule (AuditOptions::explain, ExplainChecks, ExplainText), one agency
// (AuditOptions::agency), and the HTML site (WriteSite): an index whose
// links all resolve, one page (or more) per agency listing exactly its
// decisions, inline SVG charts, no scripts.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "audit/audit_fixture.h"
#include "jejak/audit/report_format.h"

namespace jejak::audit::testing {
namespace {

class ReportSiteTest : public AuditFixture {
 protected:
  // kota-a: a compliant promotion and a non-merit one; kota-b: a skipped
  // rank; ratings in both.
  void Build() {
    const std::string a = Nip(1), b = Nip(2), c = Nip(3);
    Recruit(a, "2000-03-01");
    Rate(a, 2002);
    Rate(a, 2003);
    good_ = Promote(a, "2004-04-01", "III/a", "III/b");
    Recruit(b, "2000-03-01");
    early_ = Promote(b, "2002-04-01", "III/a", "III/b");
    Recruit(c, "2000-03-01", "s1", "III/a", "kota-b");
    Rate(c, 2002, "sangatBaik");
    Rate(c, 2003, "baik");
    skip_ = Promote(c, "2004-04-01", "III/a", "III/c");
  }
  static const RuleCheck* CheckOf(const std::vector<RuleCheck>& checks, RuleId r) {
    for (const auto& c : checks) {
      if (c.rule == r) return &c;
    }
    return nullptr;
  }
  static std::string Slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  // The decision positions a page lists ("</span>#123 ").
  static std::set<uint64_t> Listed(const std::string& page) {
    std::set<uint64_t> out;
    static const std::regex kDecision("<summary><span class=\"badge [a-z_]+\">[a-z_]+</span>#([0-9]+) (rank|position|selection)");
    for (std::sregex_iterator it(page.begin(), page.end(), kDecision), end; it != end; ++it) {
      out.insert(std::stoull((*it)[1]));
    }
    return out;
  }
  std::filesystem::path SiteDir() const { return std::filesystem::path(dir_) / "site"; }

  uint64_t good_ = 0, early_ = 0, skip_ = 0;
};

TEST_F(ReportSiteTest, AnExplainedDecisionListsEveryRuleOfItsKindWithItsOutcome) {
  Build();
  AuditOptions o;
  o.explain = kExplainAll;
  const AuditReport r = Audit(o);
  const DecisionVerdict* good = VerdictAt(r, good_);
  const DecisionVerdict* early = VerdictAt(r, early_);
  ASSERT_NE(good, nullptr);
  ASSERT_NE(early, nullptr);

  const auto checks = ExplainChecks(r, *good);
  for (RuleId id : {RuleId::kNonMeritPromotion, RuleId::kSkippedRank, RuleId::kOffCycleTmt,
                    RuleId::kPromotionDuringSanction, RuleId::kAboveEducationCap,
                    RuleId::kRankRecordMismatch}) {
    const RuleCheck* c = CheckOf(checks, id);
    ASSERT_NE(c, nullptr) << RuleName(id);
    EXPECT_EQ(c->outcome, CheckOutcome::kPass) << RuleName(id) << ": " << c->reason;
    EXPECT_FALSE(c->reason.empty()) << RuleName(id);
  }
  EXPECT_EQ(CheckOf(checks, RuleId::kFunctionalPromotionEarly)->outcome,
            CheckOutcome::kNotApplicable);

  // A finding is a failure with the finding's explanation.
  const auto early_checks = ExplainChecks(r, *early);
  const RuleCheck* merit = CheckOf(early_checks, RuleId::kNonMeritPromotion);
  ASSERT_NE(merit, nullptr);
  EXPECT_EQ(merit->outcome, CheckOutcome::kFail);
  EXPECT_NE(merit->reason.find("years in rank"), std::string::npos) << merit->reason;

  const std::string text = ExplainText(r, *early);
  EXPECT_TRUE(std::regex_search(text, std::regex("non_merit_promotion +fail "))) << text;
  EXPECT_TRUE(std::regex_search(text, std::regex("backdated_evidence +pass "))) << text;
  EXPECT_NE(text.find("judged on:"), std::string::npos) << text;
}

TEST_F(ReportSiteTest, OnlyTheExplainedDecisionCarriesChecks) {
  Build();
  AuditOptions o;
  o.explain = good_;
  const AuditReport r = Audit(o);
  for (const auto& v : r.decisions) {
    EXPECT_EQ(v.checks.empty(), v.decision.position != good_) << v.decision.position;
  }
}

TEST_F(ReportSiteTest, ARuleNotCheckedIsNotJudgedSayingWhy) {
  Build();
  AuditOptions o;
  o.explain = kExplainAll;
  o.only = {RuleId::kSkippedRank};
  const AuditReport r = Audit(o);
  const auto checks = ExplainChecks(r, *VerdictAt(r, early_));
  EXPECT_EQ(CheckOf(checks, RuleId::kSkippedRank)->outcome, CheckOutcome::kPass);
  const RuleCheck* merit = CheckOf(checks, RuleId::kNonMeritPromotion);
  EXPECT_EQ(merit->outcome, CheckOutcome::kNotJudged);
  EXPECT_NE(merit->reason.find("--rule"), std::string::npos) << merit->reason;
}

TEST_F(ReportSiteTest, AgencyKeepsOnlyItsDecisionsFindingsAndRatings) {
  Build();
  AuditOptions o;
  o.agency = "kota-b";
  const AuditReport r = Audit(o);
  ASSERT_EQ(r.decisions.size(), 1u);
  EXPECT_EQ(r.decisions[0].decision.position, skip_);
  EXPECT_EQ(r.agency, "kota-b");
  for (const auto& [key, counts] : r.ratings) EXPECT_EQ(key.first, "kota-b");
  EXPECT_EQ(r.stats.events_read, r.head.position);  // still the whole ledger
}

TEST_F(ReportSiteTest, RatingsAreCountedByAgencyYearAndPredikatForTheCharts) {
  Build();
  const AuditReport r = Audit();
  const auto baik = static_cast<size_t>(schema::PredikatKinerja::BAIK);
  const auto sangat_baik = static_cast<size_t>(schema::PredikatKinerja::SANGAT_BAIK);
  ASSERT_EQ(r.ratings.size(), 4u);  // kota-a and kota-b, 2002 and 2003
  EXPECT_EQ((r.ratings.at({"kota-a", 2002})[baik]), 1u);
  EXPECT_EQ((r.ratings.at({"kota-b", 2002})[sangat_baik]), 1u);
  EXPECT_EQ((r.ratings.at({"kota-b", 2003})[baik]), 1u);
  AuditOptions until;
  until.until = 20021231;  // a rated year counts by its 31 December
  EXPECT_EQ(Audit(until).ratings.size(), 2u);
}

TEST_F(ReportSiteTest, SiteLinksResolveAndEachAgencyPageListsExactlyItsDecisions) {
  Build();
  const AuditReport r = Audit();
  auto stats = WriteSite(r, SiteDir().string());
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->pages, 3u);  // index, kota-a, kota-b

  const std::string index = Slurp(SiteDir() / "index.html");
  EXPECT_EQ(index.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(index.find("<svg"), std::string::npos);
  EXPECT_NE(index.find(store::ToHex(r.head.chain)), std::string::npos);
  EXPECT_NE(index.find(store::ToHex(r.head.tree_root)), std::string::npos);

  std::set<uint64_t> all;
  for (const auto& entry : std::filesystem::directory_iterator(SiteDir())) {
    const std::string page = Slurp(entry.path());
    EXPECT_EQ(page.find("<script"), std::string::npos) << entry.path();
    EXPECT_EQ(page.find("http://"), page.find("http://www.w3.org/2000/svg")) << entry.path();
    EXPECT_EQ(page.find("https://"), std::string::npos) << entry.path();
    static const std::regex kHref("href=\"([^\"]+)\"");
    for (std::sregex_iterator it(page.begin(), page.end(), kHref), end; it != end; ++it) {
      EXPECT_TRUE(std::filesystem::exists(SiteDir() / (*it)[1].str()))
          << entry.path() << " links to " << (*it)[1];
    }
  }
  const std::set<uint64_t> a = Listed(Slurp(SiteDir() / "agency-kota-a.html"));
  const std::set<uint64_t> b = Listed(Slurp(SiteDir() / "agency-kota-b.html"));
  EXPECT_EQ(a, (std::set<uint64_t>{good_, early_}));
  EXPECT_EQ(b, (std::set<uint64_t>{skip_}));
  EXPECT_TRUE(Listed(index).empty()) << "the index lists no decision itself";
}

TEST_F(ReportSiteTest, AnAgencyWithMoreDecisionsThanAPageHoldsIsSplitAcrossLinkedPages) {
  Build();
  const AuditReport r = Audit();
  SiteOptions o;
  o.decisions_per_page = 1;
  auto stats = WriteSite(r, SiteDir().string(), o);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->pages, 4u);  // index, kota-a (2 pages), kota-b
  const std::string first = Slurp(SiteDir() / "agency-kota-a.html");
  const std::string second = Slurp(SiteDir() / "agency-kota-a-2.html");
  EXPECT_NE(first.find("href=\"agency-kota-a-2.html\""), std::string::npos);
  EXPECT_NE(second.find("href=\"agency-kota-a.html\""), std::string::npos);
  std::set<uint64_t> both = Listed(first);
  for (uint64_t p : Listed(second)) EXPECT_TRUE(both.insert(p).second) << "listed twice: " << p;
  EXPECT_EQ(both, (std::set<uint64_t>{good_, early_}));
  // The decision with findings comes first.
  EXPECT_EQ(Listed(first), std::set<uint64_t>{early_});

  o.decisions_per_page = 0;
  EXPECT_TRUE(WriteSite(r, SiteDir().string(), o).status().IsInvalidArgument());
}

TEST_F(ReportSiteTest, AnUnwritableSiteDirectoryIsAnIOError) {
  Build();
  const AuditReport r = Audit();
  std::ofstream(std::filesystem::path(dir_) / "file") << "x";
  auto stats = WriteSite(r, (std::filesystem::path(dir_) / "file" / "site").string());
  EXPECT_TRUE(stats.status().IsIOError()) << stats.status().ToString();
}

}  // namespace
}  // namespace jejak::audit::testing
