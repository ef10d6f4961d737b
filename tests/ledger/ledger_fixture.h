// Test helper: a jejak::Ledger in a temporary directory, filled by the
// projection tests' random ledger generator.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "jejak/ledger.h"
#include "projection/ledger_gen.h"

namespace jejak::testing {

class LedgerFixture : public ::testing::Test {
 protected:
  LedgerFixture() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "jejak-ledger-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    Open();
  }
  ~LedgerFixture() override {
    ledger_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Open() {
    LedgerOptions o;
    o.create_if_missing = true;
    o.sync = false;
    auto opened = Ledger::Open(path(), o);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    ledger_ = std::move(opened).value();
  }
  void Reopen() {
    ledger_.reset();
    Open();
  }
  std::string path() const { return dir_ + "/ledger"; }

  std::string dir_;
  std::unique_ptr<Ledger> ledger_;
};

}  // namespace jejak::testing
