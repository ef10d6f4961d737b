// Test helper: a ledger in a temporary directory with a controllable clock,
// and a dump of the profile projection family for byte comparisons.
#pragma once

#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/projection_access.h"
#include "projection/generation.h"
#include "jejak/clock.h"
#include "projection/projector.h"
#include "jejak/store/event_store.h"

namespace jejak::projection::testing {

class ManualClock final : public Clock {
 public:
  int64_t NowMicros() override { return now_.fetch_add(1); }  // strictly increasing
  void Set(int64_t now) { now_.store(now); }

 private:
  std::atomic<int64_t> now_{1'700'000'000'000'000};
};

class StoreFixture : public ::testing::Test {
 protected:
  StoreFixture() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "jejak-proj-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    Open();
  }
  ~StoreFixture() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Open() {
    store::StoreOptions o;
    o.sync = false;
    o.clock = &clock_;
    auto s = store::EventStore::Open(o, dir_ + "/ledger");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  void Reopen() {
    store_.reset();
    Open();
  }

  std::unique_ptr<Projector> NewProjector(size_t batch_events = 10'000) {
    ProjectorOptions o;
    o.batch_events = batch_events;
    auto p = Projector::Open(*store_, o);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? std::move(p).value() : nullptr;
  }

  // Every key and value of the profile family, in key order (without the
  // marker of a rebuilt generation: docs/projections.md "Generations").
  std::vector<std::pair<std::string, std::string>> Dump(Projector& p) {
    std::vector<std::pair<std::string, std::string>> out;
    std::unique_ptr<rocksdb::Iterator> it(
        store::RocksOf(*store_)->NewIterator(rocksdb::ReadOptions(), p.Pin()->family()));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (it->key() == "r") continue;  // a generation's marker, not content
      out.emplace_back(it->key().ToString(), it->value().ToString());
    }
    EXPECT_TRUE(it->status().ok());
    return out;
  }

  ManualClock clock_;
  std::string dir_;
  std::unique_ptr<store::EventStore> store_;
};

}  // namespace jejak::projection::testing
