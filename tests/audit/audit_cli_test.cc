// `jejak audit` end to end on docs/examples/sawahlunto.ndjson: exit codes,
// the summary, the JSON and HTML files, and the hashes they cite matching
// `jejak history --json` and `jejak verify`.
#include <nlohmann/json.hpp>

#include <map>
#include <sstream>
#include <string>

#include "gen/run_jejak.h"

namespace {

using jejak::testing::SlurpFile;

// The shared end-to-end fixture (tests/gen/run_jejak.h), with the output of
// the last run kept in out_ and err_.
class AuditCliTest : public jejak::testing::JejakCliTest {
 protected:
  void SetUp() override {
    JejakCliTest::SetUp();
    example_ = (source_ / "docs/examples/sawahlunto.ndjson").string();
  }
  int Jejak(const std::string& args) {
    const jejak::testing::JejakRun r = JejakCliTest::Jejak(args);
    out_ = r.out;
    err_ = r.err;
    return r.code;
  }
  std::string Read(const std::string& path) { return SlurpFile(path); }

  std::string example_, out_, err_;
};

TEST_F(AuditCliTest, WithoutALedgerItIsNotFound) {
  EXPECT_EQ(Jejak("audit"), 5) << err_;
}

TEST_F(AuditCliTest, FindingsAreNotErrorsAndTheReportsCiteVerifiableHashes) {
  ASSERT_EQ(Jejak("init"), 0) << err_;
  ASSERT_EQ(Jejak("import " + example_), 0) << err_;
  const std::string json = (dir_ / "a.json").string(), html = (dir_ / "a.html").string();
  ASSERT_EQ(Jejak("audit --json " + json + " --html " + html), 0) << err_;
  EXPECT_NE(out_.find("head position 54"), std::string::npos) << out_;
  EXPECT_NE(out_.find("non_merit_promotion"), std::string::npos) << out_;

  const auto report = nlohmann::json::parse(Read(json));
  EXPECT_EQ(report["summary"]["decisions"], 5);
  ASSERT_EQ(Jejak("verify"), 0) << err_;
  EXPECT_NE(out_.find(report["ledger"]["chainHead"].get<std::string>()), std::string::npos)
      << out_;
  // Every cited event's leaf hash is the one `jejak history --json` shows.
  for (const auto& d : report["decisions"]) {
    ASSERT_EQ(Jejak("history --json " + d["stream"].get<std::string>()), 0) << err_;
    std::map<uint64_t, std::string> leaf;
    std::stringstream lines(out_);
    for (std::string line; std::getline(lines, line);) {
      const auto ev = nlohmann::json::parse(line);
      leaf[std::stoull(ev["position"].get<std::string>())] = ev["leafHash"];
    }
    EXPECT_EQ(leaf[d["position"]], d["leafHash"]);
    for (const auto& e : d["evidence"]) {
      if (e["stream"] == d["stream"]) {
        EXPECT_EQ(leaf[e["position"]], e["leafHash"]) << e;
      }
    }
  }
  const std::string page = Read(html);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find(report["ledger"]["chainHead"].get<std::string>()), std::string::npos);
}

TEST_F(AuditCliTest, RuleAndDateFiltersAndBadUsage) {
  ASSERT_EQ(Jejak("init"), 0) << err_;
  ASSERT_EQ(Jejak("import " + example_), 0) << err_;
  const std::string json = (dir_ / "a.json").string();
  ASSERT_EQ(Jejak("audit --rule skipped_rank --since 2019-01-01 --json " + json), 0) << err_;
  const auto report = nlohmann::json::parse(Read(json));
  EXPECT_EQ(report["scope"]["rules"].size(), 1u);
  EXPECT_EQ(report["scope"]["since"], "2019-01-01");
  EXPECT_EQ(report["summary"]["findings"], 0);
  for (const auto& d : report["decisions"]) EXPECT_GE(d["effectiveDate"].get<std::string>(), "2019-01-01");
  EXPECT_EQ(Jejak("audit --rule no_such_rule"), 2);
  EXPECT_NE(err_.find("skipped_rank"), std::string::npos) << err_;
  EXPECT_EQ(Jejak("audit --since 2019-02-30"), 2) << err_;
  EXPECT_EQ(Jejak("audit --since 2020-01-01 --until 2019-01-01"), 2) << err_;
}

}  // namespace
