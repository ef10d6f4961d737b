// The fixture of the command-line tests: a fresh directory per test, the
// example region's NDJSON lines, and `jejak --data <dir>/ledger ...` run as
// a child process with its exit code, stdout and stderr.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace jejak::cli_test {

namespace fs = std::filesystem;

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

inline std::string Slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

class CliFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jejak_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const char* src = std::getenv("JEJAK_SOURCE_DIR");
    ASSERT_NE(src, nullptr) << "ctest sets JEJAK_SOURCE_DIR";
    example_ = Lines(Slurp(fs::path(src) / "docs/examples/sawahlunto.ndjson"));
    ASSERT_GT(example_.size(), 20u);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `jejak --data <dir>/ledger <args>`.
  CliRun Jejak(const std::string& args) {
    std::string cmd = std::string(JEJAK_CLI_PATH) + " --data " + (dir_ / "ledger").string() +
                      " " + args + " >" + (dir_ / "out").string() + " 2>" +
                      (dir_ / "err").string() + " </dev/null";
    int raw = std::system(cmd.c_str());
    CliRun r;
    r.code = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = Slurp(dir_ / "out");
    r.err = Slurp(dir_ / "err");
    return r;
  }

  std::string WriteFile(const std::string& name, const std::vector<std::string>& lines) {
    fs::path p = dir_ / name;
    std::ofstream out(p);
    for (const auto& l : lines) out << l << "\n";
    return p.string();
  }

  fs::path dir_;
  std::vector<std::string> example_;
};

}  // namespace jejak::cli_test
