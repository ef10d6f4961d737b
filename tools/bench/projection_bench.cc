// projection_bench: the profile projection's figures (issue 3).
//
// One run, on a generated ledger of --employees employees with --per-employee
// events each (tools/bench/bench_events.h), appended round by round (every
// employee's event k before anyone's event k+1, as a year of HR work
// interleaves streams), measures:
//   - the raw RocksDB scan of the ledger's `log` column family (the same
//     database opened read-only, every value touched), and Projector::Rebuild
//     of the profile projection over the same log: events/s, and the ratio
//     (target >= 40%);
//   - GetProfile + Derive of random employees: p50/p99 (target p99 <= 50 us);
//   - ProfileAsOf of a 200-event career at random (valid, known) cuts:
//     p50/p99 (target p99 <= 1 ms);
//   - the HR queries over all employees: best of 3 (target <= 100 ms).
// It prints one markdown table and the command that produced it. Not a
// timed test: nothing fails on a slow machine.
#include <rocksdb/db.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <memory>
#include <random>

#include "bench_events.h"
#include "bench_rocks.h"
#include "bench_util.h"
#include "jejak/domain/date.h"
#include "jejak/projection/profile_view.h"
#include "jejak/projection/projector.h"
#include "jejak/projection/queries.h"
#include "jejak/store/event_store.h"

namespace jejak::bench {
namespace {

struct Config {
  uint64_t employees = 100'000;
  uint32_t per_employee = 10;
  int reads = 20'000;
  int as_of_reads = 2'000;
  bool quick = false;
};

[[noreturn]] void Die(const std::string& what, const Status& s) {
  std::fprintf(stderr, "projection_bench: %s: %s\n", what.c_str(), s.ToString().c_str());
  std::exit(1);
}

void Note(const std::string& msg) { std::fprintf(stderr, "projection_bench: %s\n", msg.c_str()); }

std::unique_ptr<store::EventStore> OpenStore(const std::string& path) {
  store::StoreOptions o;
  o.sync = false;
  auto s = store::EventStore::Open(o, path);
  if (!s.ok()) Die("open " + path, s.status());
  return std::move(s).value();
}

// Appends the ledger round by round, 1,000 events per Append call.
double Load(store::EventStore& s, const Config& cfg, uint64_t* events) {
  Stopwatch w;
  std::vector<store::NewEvent> batch;
  std::vector<std::string> streams;
  auto flush = [&] {
    if (batch.empty()) return;
    std::vector<store::StreamAppend> appends;
    for (size_t i = 0; i < batch.size(); ++i) {
      appends.push_back({streams[i], store::ExpectedVersion::Any(), std::span(&batch[i], 1)});
    }
    auto r = s.Append(appends);
    if (!r.ok()) Die("append", r.status());
    *events += batch.size();
    batch.clear();
    streams.clear();
  };
  for (uint32_t seq = 0; seq < cfg.per_employee; ++seq) {
    for (uint64_t e = 0; e < cfg.employees; ++e) {
      batch.push_back(MakeEmployeeEvent(e, seq));
      streams.push_back(EmployeeStream(e));
      if (batch.size() == 1000) flush();
    }
  }
  flush();
  return w.Seconds();
}

// Scans the `log` family of the closed ledger at `path`, raw.
double RawLogScan(const std::string& path, uint64_t* count) {
  std::vector<std::string> names;
  rocksdb::Status st = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names);
  if (!st.ok()) Die("list families", Status::IOError(st.ToString()));
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& n : names) families.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  st = rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), path, families, &handles, &raw);
  if (!st.ok()) Die("open read-only", Status::IOError(st.ToString()));
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::ColumnFamilyHandle* log = nullptr;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == "log") log = handles[i];
  }
  if (log == nullptr) Die("raw scan", Status::NotFound("no log family"));
  double best = 0;
  for (int round = 0; round < 2; ++round) {  // the first warms the page cache
    rocksdb::ReadOptions ro;
    ro.readahead_size = kScanReadaheadBytes;
    Stopwatch w;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, log));
    uint64_t n = 0, checksum = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      checksum += it->value().size() + static_cast<uint8_t>(it->value()[0]);
      ++n;
    }
    const double secs = w.Seconds();
    if (round == 1 || secs < best) best = secs;
    *count = n;
    if (checksum == 42) Note("");  // keeps the loop
  }
  for (auto* h : handles) (void)db->DestroyColumnFamilyHandle(h);
  return best;
}

std::string Micros(double us) { return FormatFixed(us, 1); }

}  // namespace
}  // namespace jejak::bench

int main(int argc, char** argv) {
  using namespace jejak;
  using namespace jejak::bench;
  Config cfg;
  CLI::App app{"projection_bench: rebuild, profile reads, as-of and HR queries (issue 3)"};
  app.add_option("--employees", cfg.employees, "employees in the ledger (default 100000)");
  app.add_option("--per-employee", cfg.per_employee, "events per employee (default 10)");
  app.add_option("--reads", cfg.reads, "profile reads timed (default 20000)");
  app.add_flag("--quick", cfg.quick, "a smoke run on a tiny ledger");
  CLI11_PARSE(app, argc, argv);
  if (cfg.quick) {
    cfg.employees = 500;
    cfg.per_employee = 6;
    cfg.reads = 500;
    cfg.as_of_reads = 100;
  }
  const std::string load_before = MachineLoad();
  TempDir dir("projection_bench");
  const std::string path = dir.Sub("ledger");
  MarkdownTable table({"measure", "figure", "beside", "target", "result"});

  uint64_t events = 0;
  {
    auto s = OpenStore(path);
    Note("appending the ledger...");
    const double secs = Load(*s, cfg, &events);
    Note("appended " + FormatCount(static_cast<double>(events)) + " events in " + FormatFixed(secs, 1) + " s");
    // A 200-event career for the as-of figure (employee number `employees`).
    std::vector<store::NewEvent> career;
    for (uint32_t seq = 0; seq < 200; ++seq) career.push_back(MakeEmployeeEvent(cfg.employees, seq));
    auto r = s->Append(EmployeeStream(cfg.employees), store::ExpectedVersion::Any(), career);
    if (!r.ok()) Die("append the 200-event career", r.status());
    events += 200;
  }

  Note("raw log scan...");
  uint64_t scanned = 0;
  const double raw_secs = RawLogScan(path, &scanned);
  const double raw_rate = Rate(scanned, raw_secs);

  auto s = OpenStore(path);
  auto projector = projection::Projector::Open(*s);
  if (!projector.ok()) Die("projector", projector.status());
  Note("rebuild...");
  Stopwatch rebuild_watch;
  Status rebuilt = (*projector)->Rebuild();
  if (!rebuilt.ok()) Die("rebuild", rebuilt);
  const double rebuild_rate = Rate(events, rebuild_watch.Seconds());
  const double ratio = rebuild_rate / raw_rate;
  table.AddRow({"rebuild (events/s)", FormatCount(rebuild_rate),
                "raw log scan " + FormatCount(raw_rate) + " ev/s; ratio " + FormatRatio(rebuild_rate, raw_rate),
                ">= 40% of raw", ratio >= 0.4 ? "PASS" : "FAIL"});

  const projection::Rules rules = projection::Rules::Default();
  const uint32_t today = 20261122;
  std::mt19937_64 rng(42);
  {
    std::vector<double> us;
    us.reserve(static_cast<size_t>(cfg.reads));
    uint64_t sink = 0;
    for (int i = 0; i < cfg.reads; ++i) {
      const std::string nip = EmployeeNip(rng() % cfg.employees);
      Stopwatch w;
      auto rec = (*projector)->GetProfile(nip);
      if (!rec.ok()) Die("GetProfile " + nip, rec.status());
      const auto* def = rec->position ? rec->position->InForce(today) : nullptr;
      auto view = projection::Derive(rec->state, def, today, rules);
      us.push_back(w.Micros());
      sink += view.years_in_rank;
    }
    const double p50 = Percentile(us, 50), p99 = Percentile(us, 99);
    table.AddRow({"profile read + derive p50 / p99 (us)", Micros(p50) + " / " + Micros(p99),
                  FormatCount(cfg.reads) + " random employees", "p99 <= 50 us", p99 <= 50 ? "PASS" : "FAIL"});
    if (sink == 424242) Note("");
  }
  {
    const std::string nip = EmployeeNip(cfg.employees);
    auto info = s->GetStreamInfo(EmployeeStream(cfg.employees));
    if (!info.ok()) Die("stream info", info.status());
    std::vector<double> us;
    for (int i = 0; i < cfg.as_of_reads; ++i) {
      projection::Cut cut;
      cut.known_position = info->first_position + rng() % (info->last_position - info->first_position + 1);
      cut.valid_date = domain::FromDays(domain::ToDays(20100101) + static_cast<int32_t>(rng() % 36500));
      Stopwatch w;
      auto rec = projection::ProfileAsOf(*s, nip, cut);
      if (!rec.ok() && !rec.status().IsNotFound()) Die("ProfileAsOf", rec.status());
      if (rec.ok()) {
        const auto* def = rec->position ? rec->position->InForce(cut.valid_date) : nullptr;
        (void)projection::Derive(rec->state, def, cut.valid_date, rules);
      }
      us.push_back(w.Micros());
    }
    const double p50 = Percentile(us, 50), p99 = Percentile(us, 99);
    table.AddRow({"as-of of a 200-event career p50 / p99 (us)", Micros(p50) + " / " + Micros(p99),
                  FormatCount(cfg.as_of_reads) + " random (valid, known) cuts", "p99 <= 1000 us",
                  p99 <= 1000 ? "PASS" : "FAIL"});
  }
  auto query = [&](const std::string& name, const std::function<Result<projection::Table>()>& q) {
    double best = 1e30;
    size_t rows = 0;
    for (int i = 0; i < 3; ++i) {
      Stopwatch w;
      auto t = q();
      if (!t.ok()) Die("query " + name, t.status());
      best = std::min(best, w.Seconds() * 1e3);
      rows = t->rows.size();
    }
    table.AddRow({"query " + name + " (ms, best of 3)", FormatFixed(best, 1),
                  FormatCount(static_cast<double>(rows)) + " rows of " +
                      FormatCount(static_cast<double>(cfg.employees + 1)) + " employees",
                  "<= 100 ms", best <= 100 ? "PASS" : "FAIL"});
  };
  projection::Projector& p = **projector;
  query("retirements 2027", [&] { return projection::QueryRetirements(p, 20270101, 20271231, {}); });
  query("succession pool", [&] { return projection::QuerySuccessionPool(p, {}, today); });
  query("low-jp 2024", [&] { return projection::QueryLowJp(p, 2024, {}); });
  query("promotion 2026-12..2027-01",
        [&] { return projection::QueryPromotion(p, 20261201, 20270131, {}); });
  query("employees of one unit", [&] {
    projection::EmployeeFilter f;
    f.scope = {"kab-sleman", "dinkes"};
    return projection::QueryEmployees(p, f);
  });

  std::cout << "projection_bench: " << FormatCount(static_cast<double>(events)) << " events, "
            << FormatCount(static_cast<double>(cfg.employees + 1)) << " employees; " << load_before
            << " at start, " << MachineLoad() << " at end\n\n"
            << table.ToString() << "\ncommand: " << CommandLine(argc, argv) << "\n";
  return 0;
}
