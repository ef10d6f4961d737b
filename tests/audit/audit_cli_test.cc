// `jejak audit` end to end on docs/examples/sawahlunto.ndjson: exit codes,
// the summary, the JSON and HTML files, and the hashes they cite matching
// `jejak history --json` and `jejak verify`.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class AuditCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jejak_audit_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const char* src = std::getenv("JEJAK_SOURCE_DIR");
    ASSERT_NE(src, nullptr) << "ctest sets JEJAK_SOURCE_DIR";
    example_ = (fs::path(src) / "docs/examples/sawahlunto.ndjson").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `jejak --data <dir>/ledger <args>`; returns the exit code, output
  // in out_ and err_.
  int Jejak(const std::string& args) {
    const std::string cmd = std::string(JEJAK_CLI_PATH) + " --data " +
                            (dir_ / "ledger").string() + " " + args + " >" +
                            (dir_ / "out").string() + " 2>" + (dir_ / "err").string() +
                            " </dev/null";
    const int raw = std::system(cmd.c_str());
    out_ = Read(dir_ / "out");
    err_ = Read(dir_ / "err");
    return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  }

  fs::path dir_;
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
