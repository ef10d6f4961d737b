// Runs the `jejak` binary (JEJAK_CLI_PATH) in a scratch directory, for the
// end-to-end tests of `jejak gen` and `jejak import --csv`.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace jejak::testing {

struct JejakRun {
  int code = -1;
  std::string out;
  std::string err;
};

inline std::string SlurpFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class JejakCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("jejak_e2e_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    const char* src = std::getenv("JEJAK_SOURCE_DIR");
    ASSERT_NE(src, nullptr) << "ctest sets JEJAK_SOURCE_DIR";
    source_ = src;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // `jejak --data <dir>/ledger <args>`.
  JejakRun Jejak(const std::string& args) {
    const std::string cmd = std::string(JEJAK_CLI_PATH) + " --data " + (dir_ / "ledger").string() +
                            " " + args + " >" + (dir_ / "out").string() + " 2>" +
                            (dir_ / "err").string() + " </dev/null";
    const int raw = std::system(cmd.c_str());
    JejakRun r;
    r.code = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = SlurpFile(dir_ / "out");
    r.err = SlurpFile(dir_ / "err");
    return r;
  }

  std::filesystem::path dir_;
  std::filesystem::path source_;
};

}  // namespace jejak::testing
