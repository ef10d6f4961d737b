// The report formats: JSON that parses and carries every verdict with its
// evidence and hashes; HTML that is self-contained and escapes every
// string from the ledger; the text summary.
#include <nlohmann/json.hpp>

#include <sstream>

#include "audit/audit_fixture.h"
#include "jejak/audit/report_format.h"

namespace jejak::audit::testing {
namespace {

const std::string kNasty = "<script>alert(\"x\")</script> & 'co'";

class ReportFormatTest : public AuditFixture {
 protected:
  // A compliant promotion, a non-merit one, a selection whose post name is
  // hostile markup, a retracted decision and an inflated evaluator.
  void Build() {
    const std::string a = Nip(1);
    Recruit(a, "2000-03-01");
    Rate(a, 2002);
    Rate(a, 2003);
    good_ = Promote(a, "2004-04-01", "III/a", "III/b");
    const std::string b = Nip(2);
    Recruit(b, "2000-03-01");
    bad_ = Promote(b, "2002-04-01", "III/a", "III/b");
    const uint64_t gone = Promote(b, "2003-04-01", "III/b", "III/c");
    Retract("emp/" + b, "2003-05-01", gone);
    Add("sel/s", "2020-03-01",
        R"({"selectionOpened":{"positionId":"p1","positionName":")" + Escaped(kNasty) +
            R"(","level":"administrator","agency":"kota-a","kind":"promotionBoard"}})");
    Register("s", "2020-03-20", a);
    Shortlist("s", "2020-04-10", {a, b});
    sel_ = Decide("s", "2020-04-20", a, "196001011985031001");
    for (int i = 3; i < 8; ++i) {
      Recruit(Nip(i), "2000-03-01");
      Rate(Nip(i), 2019, "sangatBaik", "196801011990031002");
    }
  }
  static std::string Escaped(const std::string& s) {
    std::string out;
    for (char c : s) out += c == '"' ? std::string("\\\"") : std::string(1, c);
    return out;
  }
  uint64_t good_ = 0, bad_ = 0, sel_ = 0;
};

TEST_F(ReportFormatTest, JsonCarriesEveryVerdictWithEvidenceAndHashes) {
  Build();
  const AuditReport r = Audit();
  std::ostringstream out;
  WriteJson(r, out);
  const auto j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j["ledger"]["headPosition"], store_->GetHead().position);
  EXPECT_EQ(j["ledger"]["chainHead"], store::ToHex(store_->GetHead().chain));
  EXPECT_EQ(j["summary"]["decisions"], 3);
  EXPECT_EQ(j["summary"]["compliant"], 2);
  EXPECT_EQ(j["summary"]["retracted"], 1);
  EXPECT_EQ(j["summary"]["byRule"].size(), static_cast<size_t>(kRuleCount));
  ASSERT_EQ(j["decisions"].size(), 4u);
  std::map<uint64_t, nlohmann::json> by_position;
  for (const auto& d : j["decisions"]) by_position[d["position"]] = d;
  const auto& good = by_position[good_];
  EXPECT_EQ(good["verdict"], "compliant");
  EXPECT_EQ(good["leafHash"].get<std::string>().size(), 64u);
  ASSERT_EQ(good["evidence"].size(), 3u);
  for (const auto& e : good["evidence"]) {
    EXPECT_EQ(e["leafHash"].get<std::string>().size(), 64u);
    EXPECT_FALSE(e["role"].get<std::string>().empty());
  }
  const auto& bad = by_position[bad_];
  EXPECT_EQ(bad["verdict"], "findings");
  EXPECT_EQ(bad["findings"][0]["rule"], "non_merit_promotion");
  EXPECT_EQ(bad["findings"][0]["regulation"], "PP 99/2000 as amended by PP 12/2002");
  EXPECT_NE(by_position[sel_]["summary"].get<std::string>().find(kNasty), std::string::npos);
  ASSERT_EQ(j["recordFindings"].size(), 1u);
  EXPECT_EQ(j["recordFindings"][0]["finding"]["rule"], "inflated_evaluator");
}

TEST_F(ReportFormatTest, HtmlIsSelfContainedAndEscapesTheLedgersStrings) {
  Build();
  const AuditReport r = Audit();
  std::ostringstream out;
  WriteHtml(r, out);
  const std::string html = out.str();
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;"),
            std::string::npos);
  EXPECT_NE(html.find(store::ToHex(store_->GetHead().chain)), std::string::npos);
  EXPECT_NE(html.find("jejak verify"), std::string::npos);
  EXPECT_NE(html.find("jejak history --json"), std::string::npos);
  // Every decision is listed with its verdict, and its leaf hash.
  for (const auto& v : r.decisions) {
    EXPECT_NE(html.find("</span>#" + std::to_string(v.decision.position) + " "), std::string::npos);
    EXPECT_NE(html.find(store::ToHex(v.decision.leaf)), std::string::npos);
  }
  EXPECT_NE(html.find("Transparent and compliant (2)"), std::string::npos);
  EXPECT_NE(html.find("Retracted (not judged) (1)"), std::string::npos);
}

TEST_F(ReportFormatTest, HtmlEscapeCoversTheFiveCharacters) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST_F(ReportFormatTest, SummaryTextCountsByRuleAndAgency) {
  Build();
  const std::string text = SummaryText(Audit());
  EXPECT_NE(text.find("head position " + std::to_string(store_->GetHead().position)),
            std::string::npos);
  EXPECT_NE(text.find("non_merit_promotion            high      1"), std::string::npos) << text;
  EXPECT_NE(text.find("kota-a"), std::string::npos) << text;
}

}  // namespace
}  // namespace jejak::audit::testing
