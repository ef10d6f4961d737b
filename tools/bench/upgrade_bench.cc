// upgrade_bench: the rate of `jejak upgrade` (EventStore::Upgrade, ledger
// format v1 -> v2) beside the rate of Verify on the same ledger.
//
// Builds a ledger of --events generated employee events with the current
// store (bench_ledger_build.h; batches of --batch events, sync off), closes
// it and turns it into a v1 ledger with the RocksDB API: every key of the
// `integrity` family but "head" is deleted (the tree record, tiles, salts),
// the family compacted, and the default family's "format" key set to
// "jejak-ledger v1" (docs/format.md "Upgrade from v1": a v1 ledger is the
// v2 one without these keys). Then, --runs times: upgrade it (timed),
// verify it (timed: the v2 Verify, tree included), turn it back into v1.
// All data lives in a fresh directory under $TMPDIR, removed at the end.
// See tools/bench/README.md.
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/utilities/options_util.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "bench_ledger_build.h"
#include "bench_util.h"
#include "jejak/store/event_store.h"

namespace jejak::bench {
namespace {

struct Config {
  uint64_t events = 1'000'000;
  uint32_t per_stream = 20;
  size_t batch = 10'000;
  int runs = 3;
  bool quick = false;
};

struct BenchFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};
[[noreturn]] void Die(const std::string& what) { throw BenchFailure(what); }

void Progress(const Stopwatch& clock, const std::string& what) {
  std::fprintf(stderr, "[%6.1f s] %s\n", clock.Seconds(), what.c_str());
}

// Turns the closed v2 ledger in `path` into a v1 ledger (see the file
// comment). Returns how many integrity keys it deleted.
uint64_t MakeV1(const std::string& path) {
  rocksdb::ConfigOptions config;
  config.ignore_unknown_options = true;
  rocksdb::DBOptions db_options;
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  rocksdb::Status s = rocksdb::LoadLatestOptions(config, path, &db_options, &families);
  if (!s.ok()) Die("options of " + path + ": " + s.ToString());
  rocksdb::DB* raw = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  s = rocksdb::DB::Open(db_options, path, families, &handles, &raw);
  if (!s.ok()) Die("open " + path + ": " + s.ToString());
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::ColumnFamilyHandle* integrity = nullptr;
  rocksdb::ColumnFamilyHandle* def = nullptr;
  for (size_t i = 0; i < families.size(); ++i) {
    if (families[i].name == "integrity") integrity = handles[i];
    if (families[i].name == rocksdb::kDefaultColumnFamilyName) def = handles[i];
  }
  if (integrity == nullptr || def == nullptr) Die(path + " has no integrity or default family");
  rocksdb::WriteBatch batch;
  uint64_t deleted = 0;
  {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), integrity));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (it->key() == "head") continue;
      s = batch.Delete(integrity, it->key());
      if (!s.ok()) Die("delete: " + s.ToString());
      ++deleted;
    }
    if (!it->status().ok()) Die("iterating integrity: " + it->status().ToString());
  }
  s = batch.Put(def, "format", "jejak-ledger v1");
  if (!s.ok()) Die("put format: " + s.ToString());
  rocksdb::WriteOptions sync;
  sync.sync = true;
  s = db->Write(sync, &batch);
  if (!s.ok()) Die("write: " + s.ToString());
  // A real v1 ledger's integrity family holds only the head: compact the
  // deletions away so the upgrade does not step over tombstones.
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  s = db->CompactRange(compact, integrity, nullptr, nullptr);
  if (!s.ok()) Die("compact integrity: " + s.ToString());
  for (auto* h : handles) {
    s = db->DestroyColumnFamilyHandle(h);
    if (!s.ok()) Die("close family: " + s.ToString());
  }
  s = db->Close();
  if (!s.ok()) Die("close " + path + ": " + s.ToString());
  return deleted;
}

struct RunFigures {
  double upgrade_seconds = 0;
  uint64_t upgraded = 0;
  double verify_seconds = 0;
  uint64_t verified = 0;
};

}  // namespace
}  // namespace jejak::bench

int main(int argc, char** argv) {
  using namespace jejak;
  using namespace jejak::bench;
  Config cfg;
  CLI::App app{
      "upgrade_bench: rate of `jejak upgrade` (v1 -> v2) beside Verify "
      "(see tools/bench/README.md)"};
  app.add_option("--events", cfg.events, "events in the ledger (default 1000000)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{100'000'000}));
  app.add_option("--batch", cfg.batch, "events per Append call while building (default 10000)")
      ->check(CLI::Range(size_t{1}, size_t{100'000}));
  app.add_option("--runs", cfg.runs, "upgrade + verify rounds (default 3)")
      ->check(CLI::Range(1, 100));
  app.add_flag("--quick", cfg.quick, "a smoke run: 2,000 events, 1 round (overrides the sizes)");
  CLI11_PARSE(app, argc, argv);
  if (cfg.quick) {
    cfg.events = 2'000;
    cfg.batch = 500;
    cfg.runs = 1;
  }
  const std::string load = MachineLoad();
  try {
    TempDir temp("upgrade_bench");
    const std::string dir = temp.Sub("ledger");
    Stopwatch clock;
    BuildResult built;
    {
      store::StoreOptions options;
      options.sync = false;
      auto opened = store::EventStore::Open(options, dir);
      if (!opened.ok()) Die("open: " + opened.status().ToString());
      Progress(clock, "building " + std::to_string(cfg.events) + " events...");
      built = AppendGeneratedEvents(**opened, 0, cfg.events, cfg.per_stream, cfg.batch);
      if (!built.error.empty()) Die(built.error);
    }
    std::vector<RunFigures> runs;
    uint64_t deleted = 0;
    for (int run = 0; run < cfg.runs; ++run) {
      deleted = MakeV1(dir);
      Progress(clock,
               "v1 ledger (" + std::to_string(deleted) + " integrity keys deleted); upgrade...");
      RunFigures f;
      Stopwatch w;
      auto upgraded = store::EventStore::Upgrade(store::StoreOptions(), dir);
      f.upgrade_seconds = w.Seconds();
      if (!upgraded.ok()) Die("Upgrade: " + upgraded.status().ToString());
      f.upgraded = *upgraded;
      if (f.upgraded != cfg.events) {
        Die("Upgrade added " + std::to_string(f.upgraded) + " entries, expected " +
            std::to_string(cfg.events));
      }
      Progress(clock, "upgraded at " + FormatCount(Rate(f.upgraded, f.upgrade_seconds)) +
                          " entries/s; verify...");
      {
        auto opened = store::EventStore::Open(store::StoreOptions(), dir);
        if (!opened.ok()) Die("open after upgrade: " + opened.status().ToString());
        store::VerifyReport report;
        w.Restart();
        Status st = (*opened)->Verify(&report);
        f.verify_seconds = w.Seconds();
        if (!st.ok()) Die("Verify after upgrade: " + st.ToString());
        f.verified = report.events_checked;
      }
      Progress(clock,
               "verified at " + FormatCount(Rate(f.verified, f.verify_seconds)) + " events/s");
      runs.push_back(f);
    }
    const double ledger_mb = static_cast<double>(TreeBytes(dir)) / 1e6;

    std::cout << "## jejak upgrade benchmark\n\n"
              << "`" << CommandLine(argc, argv) << "`\n\n"
#ifdef NDEBUG
              << "- build: optimized (NDEBUG)\n"
#else
              << "- build: assertions on (not Release): figures are not representative\n"
#endif
              << "- machine: " << load << " at start; " << MachineLoad() << " at end\n"
              << "- ledger: " << FormatCount(static_cast<double>(cfg.events))
              << " generated employee events in streams of " << cfg.per_stream << ", built in "
              << FormatFixed(built.seconds, 1) << " s ("
              << FormatCount(Rate(built.events, built.seconds)) << " events/s, batch " << cfg.batch
              << ", sync off), " << FormatFixed(ledger_mb, 0)
              << " MB on disk after the last upgrade; made v1 before each round by deleting its "
              << FormatCount(static_cast<double>(deleted))
              << " integrity keys but \"head\" (tree, tiles, salts) and compacting the family\n\n";
    MarkdownTable table(
        {"round", "entries", "upgrade s", "upgrade entries/s", "verify s", "verify events/s"});
    std::vector<double> up, ver;
    for (size_t i = 0; i < runs.size(); ++i) {
      const RunFigures& f = runs[i];
      up.push_back(Rate(f.upgraded, f.upgrade_seconds));
      ver.push_back(Rate(f.verified, f.verify_seconds));
      table.AddRow({std::to_string(i + 1), FormatCount(static_cast<double>(f.upgraded)),
                    FormatFixed(f.upgrade_seconds, 2), FormatCount(up.back()),
                    FormatFixed(f.verify_seconds, 2), FormatCount(ver.back())});
    }
    const double up_min = *std::min_element(up.begin(), up.end());
    const double up_max = *std::max_element(up.begin(), up.end());
    const double ver_min = *std::min_element(ver.begin(), ver.end());
    const double ver_max = *std::max_element(ver.begin(), ver.end());
    table.AddRow(
        {"median", "", "", FormatCount(Percentile(up, 50)), "", FormatCount(Percentile(ver, 50))});
    std::cout << table.ToString() << "\nupgrade " << FormatCount(up_min) << " - "
              << FormatCount(up_max) << " entries/s, verify " << FormatCount(ver_min) << " - "
              << FormatCount(ver_max) << " events/s over " << runs.size() << " rounds\n";
  } catch (const BenchFailure& e) {
    std::fprintf(stderr, "upgrade_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
