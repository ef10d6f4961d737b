// End-to-end: `jejak profile`, `jejak query`, `jejak rebuild` on the example
// ledger (docs/examples/sawahlunto.ndjson).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

const char* kHendra = "197508172000031002";  // rank IV/a from 2019-04-01

struct CliRun {
  int code = -1;
  std::string out, err;
};

std::string Slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class CliProjectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("jejak_cli_proj_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const char* src = std::getenv("JEJAK_SOURCE_DIR");
    ASSERT_NE(src, nullptr) << "ctest sets JEJAK_SOURCE_DIR";
    ASSERT_EQ(Jejak("init").code, 0);
    CliRun imported = Jejak(std::string("import ") + src + "/docs/examples/sawahlunto.ndjson");
    ASSERT_EQ(imported.code, 0) << imported.err;
  }
  void TearDown() override { fs::remove_all(dir_); }

  CliRun Jejak(const std::string& args) {
    const std::string cmd = std::string(JEJAK_CLI_PATH) + " --data " + (dir_ / "ledger").string() +
                            " " + args + " >" + (dir_ / "out").string() + " 2>" +
                            (dir_ / "err").string() + " </dev/null";
    const int raw = std::system(cmd.c_str());
    return CliRun{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, Slurp(dir_ / "out"), Slurp(dir_ / "err")};
  }

  fs::path dir_;
};

TEST_F(CliProjectionTest, ProfileShowsTheCurrentStateAndUnknownNipIsExitFive) {
  CliRun r = Jejak(std::string("profile ") + kHendra);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Hendra Saputra"), std::string::npos);
  EXPECT_NE(r.out.find("IV/a since 2019-04-01"), std::string::npos) << r.out;
  CliRun json = Jejak(std::string("profile --json ") + kHendra);
  ASSERT_EQ(json.code, 0);
  EXPECT_EQ(json.out.rfind("{\"nip\":\"197508172000031002\"", 0), 0u) << json.out;
  EXPECT_EQ(Jejak("profile 199001012015031999").code, 5);
}

TEST_F(CliProjectionTest, SummaryShowsWhoWhereAndRank) {
  CliRun r = Jejak(std::string("profile --summary ") + kHendra);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("NIP             197508172000031002\nName            Hendra Saputra\n", 0), 0u)
      << r.out;
  EXPECT_NE(r.out.find("Status          PNS, active"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Rank            IV/a since 2019-04-01"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(projection)"), std::string::npos) << r.out;
  CliRun json = Jejak(std::string("profile --summary --json ") + kHendra);
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_EQ(json.out.rfind("{\"nip\":\"197508172000031002\"", 0), 0u) << json.out;
  EXPECT_NE(json.out.find("\"rank\":{\"rank\":\"IV/a\",\"tmt\":\"2019-04-01\"}"), std::string::npos)
      << json.out;
  // As of a date: the summary of the reconstructed profile.
  CliRun before = Jejak(std::string("profile --summary --valid-at 2019-03-31 ") + kHendra);
  ASSERT_EQ(before.code, 0) << before.err;
  EXPECT_NE(before.out.find("Rank            III/a"), std::string::npos) << before.out;
  EXPECT_NE(before.out.find("(reconstructed)"), std::string::npos) << before.out;
  EXPECT_EQ(Jejak("profile --summary 199001012015031999").code, 5);
}

TEST_F(CliProjectionTest, ValidAtAndKnownAtReconstructTheCareer) {
  CliRun before = Jejak(std::string("profile --valid-at 2019-03-31 ") + kHendra);
  ASSERT_EQ(before.code, 0) << before.err;
  EXPECT_NE(before.out.find("Rank            III/a"), std::string::npos) << before.out;
  // Position 10 is Hendra's recruitment: nothing of him was known before.
  EXPECT_EQ(Jejak(std::string("profile --known-at '#9' ") + kHendra).code, 5);
  CliRun early = Jejak(std::string("profile --known-at '#12' ") + kHendra);
  ASSERT_EQ(early.code, 0) << early.err;
  EXPECT_NE(early.out.find("known at position 12"), std::string::npos);
  EXPECT_EQ(Jejak(std::string("profile --known-at yesterday ") + kHendra).code, 2);
}

TEST_F(CliProjectionTest, QueriesPrintTablesCsvAndJson) {
  CliRun table = Jejak("query employees --agency pemko-sawahlunto");
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_EQ(table.out.rfind("NIP ", 0), 0u);
  EXPECT_NE(table.out.find("Hendra Saputra"), std::string::npos);
  CliRun csv = Jejak("query promotion --from 2025-01-01 --to 2025-12-31 --all --csv --plain");
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("NIP,NAME,AGENCY,AGENCY_NAME,UNIT,UNIT_NAME,RANK,POSITION,STATUS,NEXT,TMT,ELIGIBLE,REASONS", 0), 0u);
  CliRun json = Jejak("query retirements --from 2030-01-01 --to 2040-12-31 --json");
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_EQ(json.out.rfind("[", 0), 0u);
  EXPECT_NE(json.out.find("\"retires\": \"2035-09-01\""), std::string::npos) << json.out;
  for (const char* q : {"low-jp --year 2023", "succession",
                        "competency-fit --agency pemko-sawahlunto --position bkpsdm-kepala"}) {
    CliRun r = Jejak(std::string("query ") + q);
    EXPECT_EQ(r.code, 0) << q << ": " << r.err;
  }
  EXPECT_EQ(Jejak("query competency-fit --agency pemko-sawahlunto --position nope").code, 5);
  EXPECT_EQ(Jejak("query promotion --from 2025-13-01").code, 2);
}

TEST_F(CliProjectionTest, RebuildReplaysTheLogAndGivesTheSameProfile) {
  CliRun before = Jejak(std::string("profile --json ") + kHendra);
  CliRun rebuilt = Jejak("rebuild");
  ASSERT_EQ(rebuilt.code, 0) << rebuilt.err;
  EXPECT_NE(rebuilt.err.find("events/s"), std::string::npos);
  EXPECT_EQ(Jejak(std::string("profile --json ") + kHendra).out, before.out);
  EXPECT_EQ(Jejak("rebuild nope").code, 2);
}

// A rebuild bounded below the example's employees folds them from the
// copies of their events: the same profile and lists.
TEST_F(CliProjectionTest, RebuildWithFewStatesGivesTheSameProfileAndLists) {
  const std::string lists = "query succession --csv --plain";
  CliRun profile = Jejak(std::string("profile --json ") + kHendra);
  CliRun succession = Jejak(lists);
  ASSERT_EQ(succession.code, 0) << succession.err;
  CliRun rebuilt = Jejak("rebuild --max-states 2");
  ASSERT_EQ(rebuilt.code, 0) << rebuilt.err;
  EXPECT_NE(rebuilt.err.find("6 employees folded from the copies of their events"),
            std::string::npos)
      << rebuilt.err;
  EXPECT_EQ(Jejak("rebuild").err.find("folded from the copies"), std::string::npos);
  EXPECT_EQ(Jejak(std::string("profile --json ") + kHendra).out, profile.out);
  EXPECT_EQ(Jejak(lists).out, succession.out);
  CliRun zero = Jejak("rebuild --max-states 0");
  EXPECT_EQ(zero.code, 2);
  EXPECT_NE(zero.err.find("max-states"), std::string::npos) << zero.err;
}

}  // namespace
