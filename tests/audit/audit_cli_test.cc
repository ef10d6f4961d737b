// `jejak audit` end to end on docs/examples/sawahlunto.ndjson: exit codes,
// the summary, the JSON and HTML files, and the hashes they cite matching
// `jejak history --json` and `jejak verify`.
#include <nlohmann/json.hpp>
#include <rocksdb/db.h>

#include <filesystem>
#include <map>
#include <memory>
#include <vector>
#include <sstream>
#include <set>
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

  // Changes one character of `text` in the body of the record at `position`
  // of the closed ledger (the body still decodes).
  void FlipText(uint64_t position, const std::string& text) {
    const std::string path = (dir_ / "ledger").string();
    std::vector<std::string> names;
    ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::Options(), path, &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> descs;
    for (const auto& n : names) descs.emplace_back(n, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(rocksdb::Options(), path, descs, &handles, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    rocksdb::ColumnFamilyHandle* log = nullptr;
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == "log") log = handles[i];
    }
    ASSERT_NE(log, nullptr);
    std::string key(8, '\0');
    for (int i = 0; i < 8; ++i) key[7 - i] = static_cast<char>((position >> (8 * i)) & 0xff);
    std::string value;
    ASSERT_TRUE(db->Get(rocksdb::ReadOptions(), log, key, &value).ok());
    const size_t at = value.find(text, 72);  // past the frame header
    ASSERT_NE(at, std::string::npos) << text;
    value[at] = static_cast<char>(value[at] ^ 0x01);
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), log, key, value).ok());
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  }

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
  // The example's histories are incomplete (no promotion on record between
  // the recruitment and the 2019 / 2021 decrees): judged against the rank on
  // record, as they must be, those two decrees skip ranks.
  EXPECT_EQ(report["summary"]["findings"], 2);
  std::set<std::string> skipped;
  for (const auto& d : report["decisions"]) {
    EXPECT_GE(d["effectiveDate"].get<std::string>(), "2019-01-01");
    for (const auto& f : d["findings"]) {
      EXPECT_EQ(f["rule"], "skipped_rank");
      skipped.insert(d["eventId"].get<std::string>());
    }
  }
  EXPECT_EQ(skipped, (std::set<std::string>{"swl-0013", "swl-0020"}));
  EXPECT_EQ(Jejak("audit --rule no_such_rule"), 2);
  EXPECT_NE(err_.find("skipped_rank"), std::string::npos) << err_;
  EXPECT_EQ(Jejak("audit --since 2019-02-30"), 2) << err_;
  EXPECT_EQ(Jejak("audit --since 2020-01-01 --until 2019-01-01"), 2) << err_;
}

// More employees than --max-states: their states are parked and unpacked,
// which the summary line reports, with the verdicts of an audit holding
// them all.
TEST_F(AuditCliTest, MoreEmployeesThanMaxStatesAreParkedWithTheSameVerdicts) {
  const std::string region = (dir_ / "region.ndjson").string();
  ASSERT_EQ(Jejak("gen --employees 40 --seed 3 --out " + region), 0) << err_;
  ASSERT_EQ(Jejak("init"), 0) << err_;
  ASSERT_EQ(Jejak("import " + region), 0) << err_;
  const std::string all = (dir_ / "all.json").string();
  const std::string few = (dir_ / "few.json").string();
  ASSERT_EQ(Jejak("audit --json " + all), 0) << err_;
  EXPECT_EQ(out_.find("states unpacked"), std::string::npos) << out_;
  ASSERT_EQ(Jejak("audit --max-states 16 --json " + few), 0) << err_;
  EXPECT_NE(out_.find("employee states unpacked, up to "), std::string::npos) << out_;
  EXPECT_NE(out_.find(" bytes parked; "), std::string::npos) << out_;
  EXPECT_NE(out_.find(" events handled without unpacking their parked state)"), std::string::npos)
      << out_;
  auto a = nlohmann::json::parse(Read(all));
  auto f = nlohmann::json::parse(Read(few));
  EXPECT_GT(f["stats"]["stateUnpacks"].get<uint64_t>(), 0u);
  EXPECT_GT(f["stats"]["foldedLater"].get<uint64_t>(), 0u);
  EXPECT_EQ(f["stats"]["peakCachedStates"], 16);
  const uint64_t all_refolds = a["stats"]["stateRefolds"].get<uint64_t>();
  // The whole report but when it ran and its counts.
  for (auto* r : {&a, &f}) {
    r->erase("stats");
    (*r)["ledger"].erase("auditedAt");
  }
  EXPECT_EQ(f, a);
  ASSERT_EQ(Jejak("audit --max-states 16 --max-parked-mb 0 --json " + few), 0) << err_;
  EXPECT_EQ(out_.find("states unpacked"), std::string::npos) << out_;
  f = nlohmann::json::parse(Read(few));
  EXPECT_GT(f["stats"]["stateRefolds"].get<uint64_t>(), all_refolds);
  EXPECT_EQ(f["decisions"], a["decisions"]);
  EXPECT_EQ(Jejak("audit --max-parked-mb -1"), 2) << err_;
}

// Integrity first: a byte changed inside a body that still decodes, in a
// decision (swl-0013, a rankPromoted) or in the evidence it rests on
// (swl-0015, a rating), is exit 3 naming the position, and no report.
TEST_F(AuditCliTest, ADamagedLedgerIsExit3AndNoReportIsWritten) {
  for (const auto& [position, text] :
       {std::pair<uint64_t, std::string>{13, "BKPSDM-SWL/2019"}, {15, "Zulkifli"}}) {
    SCOPED_TRACE("position " + std::to_string(position));
    std::filesystem::remove_all(dir_ / "ledger");
    ASSERT_EQ(Jejak("init"), 0) << err_;
    ASSERT_EQ(Jejak("import " + example_), 0) << err_;
    FlipText(position, text);
    const auto json = dir_ / "a.json", html = dir_ / "a.html", site = dir_ / "site";
    EXPECT_EQ(Jejak("audit --json " + json.string() + " --html " + html.string() + " --site " +
                    site.string()),
              3)
        << out_ << err_;
    EXPECT_NE(err_.find("position " + std::to_string(position)), std::string::npos) << err_;
    EXPECT_FALSE(std::filesystem::exists(json));
    EXPECT_FALSE(std::filesystem::exists(html));
    EXPECT_FALSE(std::filesystem::exists(site));
  }
}

TEST_F(AuditCliTest, DecisionExplainsEveryRuleOfItsKindWithTheEvidence) {
  ASSERT_EQ(Jejak("init"), 0) << err_;
  ASSERT_EQ(Jejak("import " + example_), 0) << err_;
  ASSERT_EQ(Jejak("audit --decision swl-0013"), 0) << err_;
  EXPECT_NE(out_.find("decision at position 13: rankPromoted"), std::string::npos) << out_;
  for (const char* rule : {"non_merit_promotion", "skipped_rank", "promotion_during_sanction",
                           "off_cycle_tmt", "above_education_cap", "rank_record_mismatch"}) {
    EXPECT_NE(out_.find(rule), std::string::npos) << rule << "\n" << out_;
  }
  EXPECT_NE(out_.find("verdict: "), std::string::npos) << out_;
  EXPECT_NE(out_.find("judged on:"), std::string::npos) << out_;
  EXPECT_EQ(out_.find("FINDINGS"), std::string::npos) << "no summary tables\n" << out_;

  // A selection decision lists the selection rules.
  ASSERT_EQ(Jejak("audit --decision swl-0051"), 0) << err_;
  EXPECT_NE(out_.find("selectionDecided"), std::string::npos) << out_;
  EXPECT_NE(out_.find("committee_composition"), std::string::npos) << out_;

  EXPECT_EQ(Jejak("audit --decision no-such-event"), 5) << out_ << err_;
  EXPECT_NE(err_.find("no-such-event"), std::string::npos) << err_;
  // An event that is not a decision (a rating) is bad usage, naming its type.
  EXPECT_EQ(Jejak("audit --decision swl-0015"), 2) << out_ << err_;
  EXPECT_NE(err_.find("performanceRated"), std::string::npos) << err_;
}

TEST_F(AuditCliTest, AgencyKeepsOnlyThatAgencysDecisions) {
  ASSERT_EQ(Jejak("init"), 0) << err_;
  ASSERT_EQ(Jejak("import " + example_), 0) << err_;
  const std::string json = (dir_ / "a.json").string();
  ASSERT_EQ(Jejak("audit --agency pemko-sawahlunto --json " + json), 0) << err_;
  auto report = nlohmann::json::parse(Read(json));
  EXPECT_EQ(report["summary"]["decisions"], 5);
  EXPECT_EQ(report["scope"]["agency"], "pemko-sawahlunto");
  ASSERT_EQ(Jejak("audit --agency pemko-padang --json " + json), 0) << err_;
  report = nlohmann::json::parse(Read(json));
  EXPECT_EQ(report["summary"]["decisions"], 0);
  EXPECT_EQ(report["summary"]["findings"], 0);
  EXPECT_EQ(report["ledger"]["headPosition"], 54) << "the whole ledger is still read";
}

TEST_F(AuditCliTest, FailOnFindingsExits1WhenThereIsAFindingAfterWritingTheReports) {
  ASSERT_EQ(Jejak("init"), 0) << err_;
  ASSERT_EQ(Jejak("import " + example_), 0) << err_;
  const std::string json = (dir_ / "a.json").string();
  EXPECT_EQ(Jejak("audit --fail-on-findings --json " + json), 1) << out_ << err_;
  EXPECT_NE(err_.find("--fail-on-findings"), std::string::npos) << err_;
  EXPECT_TRUE(std::filesystem::exists(json));
  // Without findings in scope (no decision after 2030): exit 0.
  EXPECT_EQ(Jejak("audit --fail-on-findings --since 2030-01-01"), 0) << out_ << err_;
}

}  // namespace
