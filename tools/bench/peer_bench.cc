// peer_bench: jejak beside the events table a careful team would build on
// PostgreSQL and on SQLite (issue 4; docs/benchmarks.md, "Peers").
//
// Loads the same generated events into every leg and measures, in one run
// and one leg after the other: ingest (batches of --batch events, durable,
// profiles current), full projection rebuild, profile reads of random
// employees (p50/p99) and as-of reconstruction of random careers at the
// middle of their history (p50/p99). Prints one markdown table with the
// ratios jejak/peer and PASS/FAIL against the goals. tools/bench/
// peers.sh starts a PostgreSQL server for it; without --pg the PostgreSQL
// leg is skipped.
//
// It also checks its own work and exits 1 when a check fails: within each
// leg, the rows after the rebuild equal the rows after ingest; the two SQL
// peers hold identical rows. How far jejak's richer fold agrees with the
// peers' simple one is printed, not checked.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <sstream>

#include "bench_util.h"
#include "gen/generator.h"
#include "jejak/codec/event_json.h"
#include "peer_events.h"
#include "peer_jejak.h"
#include "peer_leg.h"
#include "peer_report.h"
#ifdef JEJAK_PEER_PG
#include "peer_pg.h"
#endif
#ifdef JEJAK_PEER_SQLITE
#include "peer_sqlite.h"
#endif

namespace jejak::bench {
namespace {

struct Config {
  std::string events_file;  // NDJSON; empty = generate --employees
  uint64_t employees = 2000;
  uint64_t seed = 1;
  std::string legs = "jejak,postgresql,sqlite";
  std::string pg;  // libpq conninfo
  size_t batch = 1000;
  int reads = 20'000;
  int as_of = 200;
  int jp_year = 2026;
};

[[noreturn]] void Die(const std::string& what, const Status& s) {
  std::fprintf(stderr, "peer_bench: %s: %s\n", what.c_str(), s.ToString().c_str());
  std::exit(1);
}

void Note(const std::string& msg) { std::fprintf(stderr, "peer_bench: %s\n", msg.c_str()); }

Rows ReadAll(PeerLeg& leg, const BenchLedger& ledger) {
  Rows rows;
  for (const auto& e : ledger.employees) {
    auto r = leg.ReadProfile(e.nip);
    if (!r.ok()) Die(leg.Name() + " read " + e.nip, r.status());
    rows[e.nip] = std::move(r).value();
  }
  return rows;
}

// CPU microseconds per operation between two CpuSeconds() readings.
double CpuPerOp(double before, double after, size_t ops) {
  return before < 0 || after < 0 || ops == 0 ? -1 : (after - before) * 1e6 / static_cast<double>(ops);
}

// Percentiles of `us` into p50/p99.
void Percentiles(std::vector<double>& us, double* p50, double* p99) {
  *p50 = Percentile(us, 50);
  *p99 = Percentile(us, 99);
}

LegFigures Measure(PeerLeg& leg, const BenchLedger& ledger, const Config& cfg,
                   const std::vector<size_t>& read_order, const std::vector<size_t>& as_of_order,
                   bool* checks_ok) {
  LegFigures f;
  f.name = leg.Name();
  f.describe = leg.Describe();
  const std::span<const BenchEvent> all(ledger.events);
  Note(f.name + ": ingest...");
  std::vector<double> batch_ms;
  double cpu = leg.CpuSeconds();
  Stopwatch ingest;
  for (size_t at = 0; at < all.size(); at += cfg.batch) {
    Stopwatch w;
    Status s = leg.Ingest(all.subspan(at, std::min(cfg.batch, all.size() - at)));
    if (!s.ok()) Die(f.name + " ingest at position " + std::to_string(at + 1), s);
    batch_ms.push_back(w.Seconds() * 1e3);
  }
  f.ingest_seconds = ingest.Seconds();
  f.ingest_rate = Rate(all.size(), f.ingest_seconds);
  f.ingest_cpu_us = CpuPerOp(cpu, leg.CpuSeconds(), all.size());
  if (Status s = leg.AfterIngest(); !s.ok()) Die(f.name + " after ingest", s);
  Percentiles(batch_ms, &f.batch_p50, &f.batch_p99);
  f.breakdown = leg.IngestBreakdown();
  f.rows = ReadAll(leg, ledger);

  Note(f.name + ": rebuild...");
  uint64_t profiles = 0;
  cpu = leg.CpuSeconds();
  Stopwatch rebuild;
  Status s = leg.Rebuild(&profiles);
  if (!s.ok()) Die(f.name + " rebuild", s);
  f.rebuild_seconds = rebuild.Seconds();
  f.rebuild_rate = Rate(all.size(), f.rebuild_seconds);
  f.rebuild_cpu_us = CpuPerOp(cpu, leg.CpuSeconds(), all.size());
  if (ReadAll(leg, ledger) != f.rows || profiles != ledger.employees.size()) {
    Note("CHECK FAILED: " + f.name + ": the rebuilt profiles differ from the ingested ones");
    *checks_ok = false;
  }

  Note(f.name + ": profile reads...");
  std::vector<double> us;
  us.reserve(read_order.size());
  cpu = leg.CpuSeconds();
  for (size_t i : read_order) {
    const std::string& nip = ledger.employees[i].nip;
    Stopwatch w;
    auto r = leg.ReadProfile(nip);
    us.push_back(w.Micros());
    if (!r.ok()) Die(f.name + " read " + nip, r.status());
  }
  f.read_cpu_us = CpuPerOp(cpu, leg.CpuSeconds(), read_order.size());
  Percentiles(us, &f.read_p50, &f.read_p99);

  Note(f.name + ": as-of...");
  us.clear();
  cpu = leg.CpuSeconds();
  for (size_t i : as_of_order) {
    const EmployeeStream& e = ledger.employees[i];
    const uint64_t known = e.positions[(e.positions.size() - 1) / 2];
    Stopwatch w;
    auto r = leg.ProfileAsOf(e, known);
    us.push_back(w.Micros());
    if (!r.ok()) Die(f.name + " as-of " + e.nip, r.status());
  }
  f.as_of_cpu_us = CpuPerOp(cpu, leg.CpuSeconds(), as_of_order.size());
  Percentiles(us, &f.as_of_p50, &f.as_of_p99);
  f.disk_bytes = leg.DiskBytes();
  return f;
}

std::unique_ptr<PeerLeg> OpenLeg(const std::string& name, const TempDir& dir,
                                 const BenchLedger& ledger, const codec::EventJson& json,
                                 const Config& cfg) {
  Result<std::unique_ptr<PeerLeg>> leg = Status::NotFound("unknown leg " + name);
  if (name == "jejak") {
    leg = OpenJejakLeg(dir.path(), ledger, json);
  } else if (name == "postgresql") {
#ifdef JEJAK_PEER_PG
    if (cfg.pg.empty()) return nullptr;
    leg = OpenPgLeg(cfg.pg, cfg.jp_year);
#else
    leg = Status::NotFound("built without libpq");
#endif
  } else if (name == "sqlite") {
#ifdef JEJAK_PEER_SQLITE
    leg = OpenSqliteLeg(dir.path(), cfg.jp_year);
#else
    leg = Status::NotFound("built without libsqlite3");
#endif
  }
  if (!leg.ok()) Die("open leg " + name, leg.status());
  return std::move(leg).value();
}

BenchLedger LoadLedger(const Config& cfg) {
  std::unique_ptr<std::istream> in;
  if (!cfg.events_file.empty()) {
    in = std::make_unique<std::ifstream>(cfg.events_file, std::ios::binary);
    if (!*in) Die("read " + cfg.events_file, Status::NotFound("cannot open"));
  } else {
    gen::GenOptions g;
    g.employees = cfg.employees;
    g.seed = cfg.seed;
    auto text = std::make_unique<std::stringstream>();
    auto summary = gen::Generate(g, *text, nullptr);
    if (!summary.ok()) Die("generate", summary.status());
    in = std::move(text);
  }
  auto ledger = ReadLedger(*in, cfg.jp_year);
  if (!ledger.ok()) Die("read events", ledger.status());
  if (ledger->employees.empty()) Die("read events", Status::InvalidArgument("no employees"));
  return std::move(ledger).value();
}

}  // namespace
}  // namespace jejak::bench

int main(int argc, char** argv) {
  using namespace jejak;
  using namespace jejak::bench;
  Config cfg;
  CLI::App app{"peer_bench: jejak beside PostgreSQL and SQLite (issue 4)"};
  app.add_option("--events", cfg.events_file, "NDJSON events (jejak gen); default: generate");
  app.add_option("--employees", cfg.employees, "employees to generate without --events (2000)");
  app.add_option("--seed", cfg.seed, "generator seed (1)");
  app.add_option("--legs", cfg.legs, "comma-separated: jejak,postgresql,sqlite (all)");
  app.add_option("--pg", cfg.pg, "libpq conninfo of an empty database; none: no PostgreSQL leg");
  app.add_option("--batch", cfg.batch, "events per Append / transaction (1000)")
      ->check(CLI::Range(1, 100000));
  app.add_option("--reads", cfg.reads, "profile reads timed per leg (20000)");
  app.add_option("--as-of", cfg.as_of, "as-of reconstructions timed per leg (200)");
  app.add_option("--jp-year", cfg.jp_year, "the year whose JP the profiles sum (2026)");
  CLI11_PARSE(app, argc, argv);

  const std::string load_before = MachineLoad();
  Note("loading events...");
  const BenchLedger ledger = LoadLedger(cfg);
  std::mt19937_64 rng(42);
  std::vector<size_t> read_order(static_cast<size_t>(std::max(cfg.reads, 1)));
  for (auto& i : read_order) i = rng() % ledger.employees.size();
  std::vector<size_t> as_of_order(static_cast<size_t>(std::max(cfg.as_of, 1)));
  for (auto& i : as_of_order) i = rng() % ledger.employees.size();

  codec::EventJson json;
  bool checks_ok = true;
  std::map<std::string, LegFigures> figures;  // by leg option name
  std::stringstream legs(cfg.legs);
  for (std::string name; std::getline(legs, name, ',');) {
    TempDir dir("peer_bench_" + name);
    auto leg = OpenLeg(name, dir, ledger, json, cfg);
    if (leg == nullptr) {
      Note(name + ": skipped (no --pg)");
      continue;
    }
    figures[name] = Measure(*leg, ledger, cfg, read_order, as_of_order, &checks_ok);
  }
  ReportContext ctx;
  ctx.events = ledger.events.size();
  ctx.employees = ledger.employees.size();
  ctx.batch = cfg.batch;
  ctx.reads = read_order.size();
  ctx.as_of = as_of_order.size();
  ctx.load_before = load_before;
  ctx.command = CommandLine(argc, argv);
  ctx.checks_ok = checks_ok;
  return PrintReport(figures, ctx, std::cout);
}
