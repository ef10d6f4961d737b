// store_bench: throughput of the jejak event store beside plain RocksDB.
//
// One run measures, on a generated ledger of realistic employee events
// (tools/bench/bench_events.h):
//   - append rate for batches of 1 (one thread and --threads threads), 100
//     and 1,000 events per Append call, with sync off and on;
//   - reading whole streams in random order (ReadStream);
//   - a full-log scan that decodes every event (ReadLog);
//   - Verify;
//   - the Merkle tree's cost: batched appends with the tree beside the same
//     build's appends without it (EventStoreImpl::OpenWithoutTreeForBenchmark),
//     interleaved over several rounds, medians against the target 0.9;
// and beside each the same work on a plain RocksDB database with the same
// options as the ledger's `log` column family: WriteBatches of Puts of
// 8-byte big-endian keys and the very bytes the ledger stored, prefix
// seeks, a full iteration. It prints one markdown table with PASS/FAIL for
// the targets of issue 2 (batched append and decoding scan at >= 50% of
// raw), and a second table for the tree (>= 0.9 of the store without it).
// All data lives in a fresh temporary directory, removed at the end.
// See tools/bench/README.md.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <numeric>
#include <optional>
#include <random>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "bench_events.h"
#include "bench_ledger_twin.h"
#include "bench_rocks.h"
#include "bench_runner.h"
#include "bench_util.h"
#include "peer_cpu.h"
#include "jejak/store/event_store.h"
#include "store/event_store_impl.h"

namespace jejak::bench {
namespace {

constexpr double kTarget = 0.5;  // jejak / raw, issue 2
constexpr int kRawRuns = 3;      // raw append figures: best of this many runs
constexpr double kTreeTarget = 0.9;  // with tree / without tree, Merkle tree issue

struct Config {
  uint64_t events = 120'000;   // size of the ledger (and cap of every run)
  uint32_t per_stream = 20;    // events per employee stream
  int threads = 4;             // appender threads for the concurrent batch-1 runs
  double seconds = 3;          // time cap of every timed run but the data set
  uint64_t sync_events = 20'000;  // event cap of the sync-on batch-1 runs
  bool quick = false;
  bool load_only = false;      // stop after appending the ledger (profiling)
  bool without_tree = false;   // --load-only: append with the store that builds no tree
  size_t load_batch = 1000;    // --load-only: events per Append call
  bool load_sync = false;      // --load-only: StoreOptions::sync
  int tree_rounds = 5;         // rounds of the with / without tree comparison
  bool tree_only = false;      // only the data set and the tree rows
};

// The generated ledger: events in append order, stream after stream.
struct Ledger {
  uint32_t per_stream = 0;
  std::vector<store::NewEvent> events;     // index e * per_stream + seq
  std::vector<std::string> streams;        // per employee
  std::vector<std::vector<size_t>> groups; // per employee: its event indices
};

Ledger MakeLedger(const Config& cfg) {
  Ledger l;
  l.per_stream = cfg.per_stream;
  l.events.reserve(cfg.events);
  for (const EventRef& r : LedgerOrder(cfg.events, cfg.per_stream)) {
    if (r.seq == 0) {
      l.streams.push_back(EmployeeStream(r.employee));
      l.groups.emplace_back();
    }
    l.groups.back().push_back(l.events.size());
    l.events.push_back(MakeEmployeeEvent(r.employee, r.seq));
  }
  return l;
}

// The first `count` events of the ledger, grouped by stream.
std::vector<std::vector<size_t>> FirstEvents(const Ledger& l, uint64_t count) {
  std::vector<std::vector<size_t>> out;
  for (const auto& g : l.groups) {
    if (count == 0) break;
    const size_t n = std::min<uint64_t>(count, g.size());
    out.emplace_back(g.begin(), g.begin() + static_cast<ptrdiff_t>(n));
    count -= n;
  }
  return out;
}

// A failure that ends the run; main reports it after the temporary
// directory is removed.
struct BenchFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void Die(const std::string& what) { throw BenchFailure(what); }

std::unique_ptr<rocksdb::DB> OpenRawOrDie(const rocksdb::Options& options, const std::string& path) {
  std::string error;
  auto db = OpenRaw(options, path, &error);
  if (!db) Die("raw RocksDB: " + error);
  return db;
}

// With `tree` false, the same build's store that writes no Merkle tree
// (the baseline of the tree's cost; its ledger does not open again).
std::unique_ptr<store::EventStore> OpenStore(const std::string& path, bool sync, bool tree = true) {
  store::StoreOptions options;
  options.sync = sync;
  auto opened = tree ? store::EventStore::Open(options, path)
                     : store::EventStoreImpl::OpenWithoutTreeForBenchmark(options, path);
  if (!opened.ok()) Die("open " + path + ": " + opened.status().ToString());
  return std::move(opened).value();
}

// One Append call for `batch`: consecutive events of a stream form one part.
std::string AppendBatch(store::EventStore& s, const Ledger& l, const Batch& batch) {
  std::vector<store::StreamAppend> parts;
  for (size_t i = 0; i < batch.size();) {
    const size_t employee = batch[i] / l.per_stream;
    size_t j = i + 1;
    while (j < batch.size() && batch[j] == batch[j - 1] + 1 && batch[j] / l.per_stream == employee) {
      ++j;
    }
    parts.push_back({l.streams[employee], store::ExpectedVersion::Any(),
                     std::span<const store::NewEvent>(&l.events[batch[i]], j - i)});
    i = j;
  }
  auto r = s.Append(parts);
  return r.ok() ? "" : r.status().ToString();
}

// One line of the table: jejak beside raw RocksDB.
struct Row {
  std::string what;
  RunResult jejak;
  RunResult raw;
  bool has_raw = true;
  bool has_target = false;
  uint64_t events_override = 0;  // events when items are not events
  double jejak_rate_override = -1, raw_rate_override = -1;

  double jejak_rate() const { return jejak_rate_override >= 0 ? jejak_rate_override : jejak.rate(); }
  double raw_rate() const { return raw_rate_override >= 0 ? raw_rate_override : raw.rate(); }
  bool pass() const { return jejak_rate() >= kTarget * raw_rate(); }
};

std::string Latency(RunResult& r) {
  if (r.call_micros.empty()) return "-";
  const double p50 = Percentile(r.call_micros, 50), p99 = Percentile(r.call_micros, 99);
  return FormatCount(p50) + " / " + FormatCount(p99);
}

struct AppendCase {
  std::string what;
  bool sync;
  int threads;
  size_t batch;
  bool target;
};

// A line of the tree table: the rates of each round's two runs.
struct TreeRow {
  std::string what;
  uint64_t events = 0;                     // per run, the first round's
  std::vector<double> with, without;       // events/s, per round
  std::vector<double> with_p50, without_p50;  // µs per call, per round
  // CPU µs per event of the whole process (every thread, RocksDB's
  // included) over the run, open to close, per round: on a loaded machine
  // wall time mostly measures the wait for a core, CPU time much less so.
  std::vector<double> with_cpu, without_cpu;

  // The middle value; the mean of the two middle ones for an even count.
  static double Median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
  double ratio() const { return Median(with) / Median(without); }
  double cpu_ratio() const { return Median(without_cpu) / Median(with_cpu); }
  bool pass() const { return ratio() >= kTreeTarget; }
};

class StoreBench {
 public:
  StoreBench(const Config& cfg, const TempDir& dir) : cfg_(cfg), dir_(dir) {}

  void Run();
  void Print(const std::string& command, const std::string& load_before) const;

 private:
  RunResult AppendJejak(const std::string& path, const AppendCase& c, uint64_t count,
                        double seconds, bool tree = true);
  // With `hash`, the raw writer also computes the format's hashes of every
  // record (RawLogWriter).
  RunResult AppendRaw(const std::string& path, const AppendCase& c, uint64_t count,
                      double seconds, bool hash = false);
  RunResult AppendRawLedger(TwinPairs pairs);
  void Harvest();
  void ReadStreams(store::EventStore& s);
  void Scan(store::EventStore& s);
  void Verify(store::EventStore& s);
  void TreeCost();
  void PrintTree() const;

  // "[12.3 s] what" on stderr.
  void Progress(const std::string& what) const {
    std::fprintf(stderr, "[%5.1f s] %s\n", clock_.Seconds(), what.c_str());
  }

  const Config& cfg_;
  const TempDir& dir_;
  Stopwatch clock_;
  Ledger ledger_;
  LedgerRecords records_;  // what the full ledger stored
  rocksdb::Options raw_options_;
  std::string options_note_;
  std::unique_ptr<rocksdb::DB> raw_log_;  // raw twin of the full ledger
  std::vector<Row> rows_;
  std::vector<TreeRow> tree_rows_;
  RunResult dataset_;  // the cold first load of the full ledger
  double ledger_mb_ = 0, raw_mb_ = 0, build_seconds_ = 0;
};

RunResult StoreBench::AppendJejak(const std::string& path, const AppendCase& c, uint64_t count,
                                  double seconds, bool tree) {
  auto store = OpenStore(path, c.sync, tree);
  const Plan plan = MakePlan(FirstEvents(ledger_, count), c.threads, c.batch);
  RunResult r = RunPlan(plan, seconds, [&](int, const Batch& b) {
    return AppendBatch(*store, ledger_, b);
  });
  if (!r.error.empty()) Die("jejak append (" + c.what + "): " + r.error);
  return r;
}

// Best of kRawRuns: a raw run is short (a fraction of a second) and its
// rate swings with what the process did just before (first touch of fresh
// memory for the memtable arena, a memtable flush landing in it), so one
// run is not a stable baseline. Every run writes into a fresh database, as
// jejak's run did; the best rate is the one reported, which can only make
// the ratio harder for jejak.
RunResult StoreBench::AppendRaw(const std::string& path, const AppendCase& c, uint64_t count,
                                double seconds, bool hash) {
  RunResult best;
  for (int run = 0; run < kRawRuns; ++run) {
    auto db = OpenRawOrDie(raw_options_, path);
    RawLogWriter writer(db.get(), c.sync, &records_, hash);
    const Plan plan = MakePlan(FirstEvents(ledger_, count), c.threads, c.batch);
    RunResult r = RunPlan(plan, seconds, std::ref(writer));
    if (!r.error.empty()) Die("raw append (" + c.what + "): " + r.error);
    Progress("  raw run " + std::to_string(run + 1) + ": " + FormatCount(r.rate()) + " events/s");
    if (run == 0 || r.rate() > best.rate()) best = std::move(r);
    db.reset();
    RemoveTree(path);
  }
  return best;
}

// The ledger's own data model without its CPU work: the pairs the full
// ledger stored (those `pairs` selects), written again in batches of 1000
// into the same families. Best of kRawRuns, each into a fresh database.
RunResult StoreBench::AppendRawLedger(TwinPairs pairs) {
  RunResult best;
  for (int run = 0; run < kRawRuns; ++run) {
    RunResult r;
    {
      RawFamilies db;
      std::string err = db.Open(dir_.Sub("ledger"), dir_.Sub("raw-run"),
                                store::StoreOptions().block_cache_bytes);
      if (!err.empty()) Die("raw ledger twin: " + err);
      RawLedgerWriter writer(&db, /*sync=*/false, &records_, pairs);
      r = RunPlan(MakePlan(FirstEvents(ledger_, cfg_.events), 1, 1000), 0, std::ref(writer));
    }
    RemoveTree(dir_.Sub("raw-run"));
    if (!r.error.empty()) Die("raw ledger twin: " + r.error);
    Progress("  raw run " + std::to_string(run + 1) + ": " + FormatCount(r.rate()) + " events/s");
    if (run == 0 || r.rate() > best.rate()) best = std::move(r);
  }
  return best;
}

// Reads back what the full ledger stored, for the raw twins.
void StoreBench::Harvest() {
  std::string err = records_.Load(dir_.Sub("ledger"));
  if (!err.empty()) Die("reading back the ledger: " + err);
  if (records_.log.size() != cfg_.events) {
    Die("the ledger's log holds " + std::to_string(records_.log.size()) + " records, expected " +
        std::to_string(cfg_.events));
  }
  raw_options_ = OptionsLikeFamily(dir_.Sub("ledger"), "log",
                                   store::StoreOptions().block_cache_bytes, &options_note_);
}

void StoreBench::Run() {
  Stopwatch build;
  ledger_ = MakeLedger(cfg_);
  build_seconds_ = build.Seconds();
  Progress("built " + std::to_string(ledger_.events.size()) + " events");

  const int t = cfg_.threads;
  const std::string tn = std::to_string(t) + " threads";
  const std::vector<AppendCase> cases = {
      {"append, batch 1, 1 thread, sync off", false, 1, 1, false},
      {"append, batch 1, " + tn + ", sync off", false, t, 1, false},
      {"append, batch 100, sync off", false, 1, 100, true},
      {"append, batch 1000, sync off", false, 1, 1000, true},
      {"append, batch 1, 1 thread, sync on", true, 1, 1, false},
      {"append, batch 1, " + tn + ", sync on", true, t, 1, false},
      {"append, batch 100, sync on", true, 1, 100, true},
      {"append, batch 1000, sync on", true, 1, 1000, true},
  };
  rows_.resize(cases.size());

  // The data set first: the full ledger, batch 1000, sync off, no time
  // cap. It is the process's first run (cold: every memtable arena and
  // buffer is memory touched for the first time), so it is not a row of
  // the table; the rows run afterwards, jejak and raw alike warm.
  const size_t full = 3;
  if (cfg_.load_only) {
    const AppendCase load{"load", cfg_.load_sync, 1, cfg_.load_batch, false};
    Progress("load, batch " + std::to_string(cfg_.load_batch) + ", sync " +
             (cfg_.load_sync ? "on" : "off") + (cfg_.without_tree ? ", without tree" : "") + "...");
    dataset_ = AppendJejak(dir_.Sub("ledger"), load, cfg_.events, 0, !cfg_.without_tree);
    Progress("loaded at " + FormatCount(dataset_.rate()) + " events/s");
    return;
  }
  Progress(cases[full].what + " (the full ledger, the data set)...");
  dataset_ = AppendJejak(dir_.Sub("ledger"), cases[full], cfg_.events, 0);
  Progress("loaded at " + FormatCount(dataset_.rate()) + " events/s");
  if (cfg_.tree_only) {
    TreeCost();
    Progress("done");
    return;
  }
  Harvest();
  {
    Progress("raw twin of the full ledger (for the scans)...");
    auto db = OpenRawOrDie(raw_options_, dir_.Sub("raw-log"));
    RawLogWriter writer(db.get(), false, &records_);
    RunResult r = RunPlan(MakePlan(FirstEvents(ledger_, cfg_.events), 1, 1000), 0, std::ref(writer));
    if (!r.error.empty()) Die("raw twin: " + r.error);
    raw_log_ = std::move(db);
  }

  for (size_t i = 0; i < cases.size(); ++i) {
    const AppendCase& c = cases[i];
    rows_[i].what = c.what;
    rows_[i].has_target = c.target;
    Progress(c.what + "...");
    const uint64_t cap = c.sync && c.batch == 1 ? std::min(cfg_.events, cfg_.sync_events)
                                                 : cfg_.events;
    rows_[i].jejak = AppendJejak(dir_.Sub("run"), c, cap, cfg_.seconds);
    RemoveTree(dir_.Sub("run"));
    rows_[i].raw = AppendRaw(dir_.Sub("raw-run"), c, rows_[i].jejak.items, cfg_.seconds);
  }

  // Info rows: the batch-1000 sync-off jejak figure beside another writer,
  // named "append, batch 1000, sync off, raw = <what> (info; R x raw)",
  // R being that writer's rate over the plain raw row's.
  auto info_row = [&](const std::string& what, RunResult raw) {
    Row row;
    row.what = "append, batch 1000, sync off, raw = " + what + " (info; " +
               FormatRatio(raw.rate(), rows_[full].raw.rate()) + " x raw)";
    row.jejak = rows_[full].jejak;
    row.raw = std::move(raw);
    rows_.push_back(std::move(row));
  };

  // The floor of any store that hashes every record as docs/format.md
  // requires, on one thread: the raw batch-1000 writer plus those hashes.
  Progress("raw + the format's hashing...");
  info_row("raw + the format's hashing",
           AppendRaw(dir_.Sub("raw-run"), cases[full], rows_[full].jejak.items, cfg_.seconds,
                     /*hash=*/true));

  Progress("raw twin with the ledger's indexes...");
  info_row("all ledger pairs", AppendRawLedger(TwinPairs::kAll));
  // What each index costs in RocksDB alone: the same twin without one of
  // the two per-event index entries.
  Progress("raw twin without the stream version keys...");
  info_row("all ledger pairs but the stream version keys",
           AppendRawLedger(TwinPairs::kWithoutStreams));
  Progress("raw twin without the event ids...");
  info_row("all ledger pairs but the event ids", AppendRawLedger(TwinPairs::kWithoutIds));

  rocksdb::Status flushed = raw_log_->Flush(rocksdb::FlushOptions());
  if (!flushed.ok()) Die("flush raw: " + flushed.ToString());
  auto store = OpenStore(dir_.Sub("ledger"), false);  // reopening flushes the memtables
  ReadStreams(*store);
  Scan(*store);
  Verify(*store);
  store.reset();
  TreeCost();
  Progress("done");
  ledger_mb_ = static_cast<double>(TreeBytes(dir_.Sub("ledger"))) / 1e6;
  raw_mb_ = static_cast<double>(TreeBytes(dir_.Sub("raw-log"))) / 1e6;
}

void StoreBench::ReadStreams(store::EventStore& s) {
  Progress("stream reads...");
  // The raw twin: stream 0x00 version(BE) -> the stored record.
  auto db = OpenRawOrDie(raw_options_, dir_.Sub("raw-streams"));
  const auto& log = records_.log;
  std::vector<std::string> keys;
  store::RecordedEvent ev;
  for (size_t i = 0; i < log.size(); ++i) {
    const uint64_t position = FromBigEndianKey(log[i].first);
    if (!ev.Decode(position, log[i].second).ok()) Die("decode position " + std::to_string(position));
    keys.push_back(std::string(ev.event().getStream().cStr()) + '\0' +
                   BigEndianKey(ev.event().getVersion()));
  }
  std::vector<RawPut> puts;
  for (size_t i = 0; i < keys.size(); ++i) {
    puts.push_back({nullptr, keys[i], log[i].second});
    if (puts.size() == 1000 || i + 1 == keys.size()) {
      std::string err = WritePuts(db.get(), false, puts);
      if (!err.empty()) Die("raw stream load: " + err);
      puts.clear();
    }
  }
  if (!db->Flush(rocksdb::FlushOptions()).ok()) Die("flush raw streams");

  std::vector<size_t> order(ledger_.streams.size());
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), std::mt19937_64(42));
  Plan plan = MakePlan({order}, 1, 1);
  uint64_t jejak_events = 0, raw_events = 0, checksum = 0;
  Row row;
  row.what = "read whole streams (" + std::to_string(cfg_.per_stream) + " events), random order";
  row.jejak = RunPlan(plan, cfg_.seconds, [&](int, const Batch& b) -> std::string {
    auto r = s.ReadStream(ledger_.streams[b[0]]);
    if (!r.ok()) return r.status().ToString();
    for (const auto& e : *r) checksum += e.event().getVersion();
    jejak_events += r->size();
    return "";
  });
  plan = MakePlan({std::vector<size_t>(order.begin(), order.begin() + static_cast<ptrdiff_t>(row.jejak.items))}, 1, 1);
  row.raw = RunPlan(plan, cfg_.seconds, [&](int, const Batch& b) -> std::string {
    raw_events += ReadPrefix(db.get(), ledger_.streams[b[0]] + '\0', &checksum);
    return "";
  });
  if (!row.jejak.error.empty()) Die("ReadStream: " + row.jejak.error);
  row.jejak_rate_override = Rate(jejak_events, row.jejak.seconds);
  row.raw_rate_override = Rate(raw_events, row.raw.seconds);
  row.events_override = jejak_events;
  rows_.push_back(std::move(row));
  db.reset();
  RemoveTree(dir_.Sub("raw-streams"));
}

void StoreBench::Scan(store::EventStore& s) {
  Progress("scans...");
  Row row;
  row.what = "full-log scan with decoding (best of 3)";
  row.has_target = true;
  uint64_t checksum = 0;
  for (int pass = 0; pass < 3; ++pass) {
    RunResult raw;
    Stopwatch w;
    raw.items = ScanAll(raw_log_.get(), &checksum);
    raw.seconds = w.Seconds();
    RunResult jejak;
    w.Restart();
    auto it = s.ReadLog(1);
    for (; it->Valid(); it->Next()) {
      const auto e = it->event().event();
      checksum += e.getVersion() + static_cast<uint64_t>(e.getPayload().which());
      ++jejak.items;
    }
    jejak.seconds = w.Seconds();
    if (!it->status().ok()) Die("ReadLog: " + it->status().ToString());
    if (jejak.items != cfg_.events) Die("ReadLog returned " + std::to_string(jejak.items));
    if (pass == 0 || jejak.rate() > row.jejak.rate()) row.jejak = jejak;
    if (pass == 0 || raw.rate() > row.raw.rate()) row.raw = raw;
  }
  if (checksum == 0) Die("nothing read");
  rows_.push_back(std::move(row));
}

void StoreBench::Verify(store::EventStore& s) {
  Progress("verify...");
  Row row;
  row.what = "verify (leaf + chain + indexes), for information";
  row.has_raw = false;
  store::VerifyReport report;
  Stopwatch w;
  Status st = s.Verify(&report);
  row.jejak.seconds = w.Seconds();
  if (!st.ok()) Die("Verify: " + st.ToString());
  row.jejak.items = report.events_checked;
  rows_.push_back(std::move(row));
}

// The tree's cost: each round appends the same events with the tree and
// without it, each into a fresh database, the first of the two capped at
// --seconds and the second writing as many events as it did, so both do
// the same work in the same conditions. The tree goes first in rounds 1, 3, 5, ... and second in the
// others, so neither side always meets the warmer (or busier) machine; the
// medians over the rounds are compared.
void StoreBench::TreeCost() {
  const std::vector<AppendCase> cases = {
      {"append, batch 1000, sync off", false, 1, 1000, true},
      {"append, batch 100, sync on", true, 1, 100, true},
  };
  for (const AppendCase& c : cases) {
    TreeRow row;
    row.what = c.what;
    for (int round = 0; round < cfg_.tree_rounds; ++round) {
      const bool tree_first = round % 2 == 0;
      Progress(c.what + ", round " + std::to_string(round + 1) + " (" +
               (tree_first ? "with tree first" : "without tree first") + ")...");
      double cpu = SelfCpuSeconds();
      RunResult first = AppendJejak(dir_.Sub("run"), c, cfg_.events, cfg_.seconds, tree_first);
      const double first_cpu = SelfCpuSeconds() - cpu;
      RemoveTree(dir_.Sub("run"));
      cpu = SelfCpuSeconds();
      RunResult second = AppendJejak(dir_.Sub("run"), c, first.items, 0, !tree_first);
      const double second_cpu = SelfCpuSeconds() - cpu;
      RemoveTree(dir_.Sub("run"));
      if (second.items != first.items) Die("tree rows: the runs wrote different event counts");
      RunResult& with = tree_first ? first : second;
      RunResult& without = tree_first ? second : first;
      if (round == 0) row.events = first.items;
      row.with.push_back(with.rate());
      row.without.push_back(without.rate());
      row.with_p50.push_back(Percentile(with.call_micros, 50));
      row.without_p50.push_back(Percentile(without.call_micros, 50));
      const double per_event = 1e6 / static_cast<double>(first.items);
      row.with_cpu.push_back((tree_first ? first_cpu : second_cpu) * per_event);
      row.without_cpu.push_back((tree_first ? second_cpu : first_cpu) * per_event);
      Progress("  with tree " + FormatCount(with.rate()) + ", without " +
               FormatCount(without.rate()) + " events/s; CPU " +
               FormatFixed(row.with_cpu.back(), 2) + " / " +
               FormatFixed(row.without_cpu.back(), 2) + " us/event");
    }
    tree_rows_.push_back(std::move(row));
  }
}

void StoreBench::PrintTree() const {
  if (tree_rows_.empty()) return;
  std::cout << "\n### Merkle tree cost: with tree / without tree (same build)\n\n"
            << "Each round appends the same events twice, into fresh databases, with the store "
               "(Merkle tree in every group's WriteBatch) and with "
               "`EventStoreImpl::OpenWithoutTreeForBenchmark`, interleaved (tree first in rounds "
               "1, 3, 5, ..., second in the others); "
            << cfg_.tree_rounds << " rounds; figures are medians over the rounds, ranges min - max. "
               "CPU: user + system time of the whole process (RocksDB's threads included) over "
               "each run, per event; without/with is the rate ratio the CPU alone would give.\n\n";
  MarkdownTable table({"measure", "events/run", "with tree ev/s", "without tree ev/s",
                       "with/without (medians)", "per-round ratios", "µs/call p50 with / without",
                       "CPU µs/event with / without", "CPU without/with", "target"});
  bool all_pass = true;
  for (const TreeRow& row : tree_rows_) {
    std::vector<double> ratios;
    for (size_t i = 0; i < row.with.size(); ++i) ratios.push_back(row.with[i] / row.without[i]);
    std::sort(ratios.begin(), ratios.end());
    auto range = [](std::vector<double> v) {
      std::sort(v.begin(), v.end());
      return FormatCount(TreeRow::Median(v)) + " (" + FormatCount(v.front()) + " - " +
             FormatCount(v.back()) + ")";
    };
    all_pass = all_pass && row.pass();
    table.AddRow({row.what + ", with tree / without tree",
                  FormatCount(static_cast<double>(row.events)), range(row.with), range(row.without),
                  FormatFixed(row.ratio(), 2),
                  FormatFixed(ratios.front(), 2) + " - " + FormatFixed(ratios.back(), 2),
                  FormatFixed(TreeRow::Median(row.with_p50), 0) + " / " +
                      FormatFixed(TreeRow::Median(row.without_p50), 0),
                  FormatFixed(TreeRow::Median(row.with_cpu), 2) + " / " +
                      FormatFixed(TreeRow::Median(row.without_cpu), 2),
                  FormatFixed(row.cpu_ratio(), 2),
                  std::string(row.pass() ? "PASS" : "FAIL") + " (>= " + FormatFixed(kTreeTarget, 2) + ")"});
  }
  std::cout << table.ToString() << "\nTarget (Merkle tree: batched append >= "
            << FormatFixed(kTreeTarget, 2) << " x the same build without the tree): "
            << (all_pass ? "PASS" : "FAIL") << "\n";
}

void StoreBench::Print(const std::string& command, const std::string& load_before) const {
  if (cfg_.tree_only) {
    std::cout << "## jejak store benchmark: Merkle tree cost\n\n"
              << "`" << command << "`\n\n"
#ifdef NDEBUG
              << "- build: optimized (NDEBUG)\n"
#else
              << "- build: assertions on (not Release): figures are not representative\n"
#endif
              << "- machine: " << load_before << " at start; " << MachineLoad() << " at end\n"
              << "- events: the first " << FormatCount(static_cast<double>(cfg_.events))
              << " of the generated ledger (streams of " << cfg_.per_stream
              << "); a first cold load of them (not in the table) ran at "
              << FormatCount(dataset_.rate()) << " events/s; runs stop after "
              << FormatFixed(cfg_.seconds, 1) << " s\n";
    PrintTree();
    return;
  }

  const double value_bytes = records_.average_record_bytes();

  std::cout << "## jejak store benchmark\n\n"
            << "`" << command << "`\n\n"
#ifdef NDEBUG
            << "- build: optimized (NDEBUG)\n"
#else
            << "- build: assertions on (not Release): figures are not representative\n"
#endif
            << "- machine: " << load_before << " at start; " << MachineLoad() << " at end\n"
            << "- ledger: " << FormatCount(static_cast<double>(cfg_.events)) << " employee events in "
            << FormatCount(static_cast<double>(ledger_.streams.size())) << " streams of "
            << cfg_.per_stream << " (built in " << FormatFixed(build_seconds_, 1)
            << " s, not timed; appended at " << FormatCount(dataset_.rate())
            << " events/s, batch 1000, sync off, as the process's cold first run, not in the table)"
            << "; average stored record (log value) " << FormatFixed(value_bytes, 0)
            << " bytes; on disk " << FormatFixed(ledger_mb_, 1) << " MB (raw twin "
            << FormatFixed(raw_mb_, 1) << " MB)\n"
            << "- raw RocksDB: options of the ledger's `log` family"
            << (options_note_.empty() ? "" : " — " + options_note_) << ", block cache "
            << store::StoreOptions().block_cache_bytes / (1 << 20)
            << " MiB as the store's; keys 8-byte big-endian, values the ledger's stored records;"
               " scans with the log iterator's readahead\n"
            << "- timed runs stop after " << FormatFixed(cfg_.seconds, 1)
            << " s (sync-on batch-1 runs also after " << FormatCount(static_cast<double>(cfg_.sync_events))
            << " events); raw runs write as many events as jejak did, into a fresh database as"
               " jejak's run; raw append figures are the best of "
            << kRawRuns << " runs, jejak's of one\n\n";

  MarkdownTable table({"measure", "events", "jejak ev/s", "raw ev/s", "jejak/raw",
                       "jejak µs/call p50 / p99", "raw µs/call p50 / p99", "target"});
  bool all_pass = true;
  for (Row row : rows_) {
    const uint64_t events = row.events_override ? row.events_override : row.jejak.items;
    std::string target = "-";
    if (row.has_target) {
      target = std::string(row.pass() ? "PASS" : "FAIL") + " (>= " + FormatFixed(kTarget, 2) + ")";
      all_pass = all_pass && row.pass();
    }
    const bool latencies = row.jejak.call_micros.size() > 1;
    table.AddRow({row.what, FormatCount(static_cast<double>(events)), FormatCount(row.jejak_rate()),
                  row.has_raw ? FormatCount(row.raw_rate()) : "-",
                  row.has_raw ? FormatRatio(row.jejak_rate(), row.raw_rate()) : "-",
                  latencies ? Latency(row.jejak) : "-", latencies ? Latency(row.raw) : "-", target});
  }
  std::cout << table.ToString() << "\nTargets (issue 2: batched append and decoding scan >= "
            << FormatFixed(kTarget, 2) << " x raw): " << (all_pass ? "PASS" : "FAIL") << "\n";
  PrintTree();
}

}  // namespace
}  // namespace jejak::bench

int main(int argc, char** argv) {
  using namespace jejak::bench;
  Config cfg;
  CLI::App app{"store_bench: jejak event store throughput beside plain RocksDB "
               "(see tools/bench/README.md)"};
  app.add_option("--events", cfg.events, "events in the generated ledger (default 120000)")
      ->check(CLI::Range(uint64_t{20}, uint64_t{20'000'000}));
  app.add_option("--threads", cfg.threads, "appender threads of the concurrent batch-1 runs (default 4)")
      ->check(CLI::Range(1, 64));
  app.add_option("--seconds", cfg.seconds, "time cap of each timed run (default 3)")
      ->check(CLI::Range(0.05, 600.0));
  app.add_option("--sync-events", cfg.sync_events, "event cap of the sync-on batch-1 runs (default 20000)");
  app.add_flag("--quick", cfg.quick, "a smoke run on a tiny ledger (overrides the sizes)");
  app.add_flag("--load-only", cfg.load_only,
               "only append the ledger with jejak (batch 1000, sync off), print the rate: for profiling");
  app.add_flag("--without-tree", cfg.without_tree,
               "with --load-only: append with the store that builds no Merkle tree (the baseline)");
  app.add_option("--load-batch", cfg.load_batch,
                 "with --load-only: events per Append call (default 1000)")
      ->check(CLI::Range(size_t{1}, size_t{100'000}));
  app.add_flag("--load-sync", cfg.load_sync, "with --load-only: sync on (default off)");
  app.add_option("--tree-rounds", cfg.tree_rounds,
                 "rounds of the with / without Merkle tree comparison (default 5)")
      ->check(CLI::Range(1, 100));
  app.add_flag("--tree-only", cfg.tree_only,
               "only the Merkle tree rows (after the cold load of the ledger)");
  CLI11_PARSE(app, argc, argv);
  if (cfg.quick) {
    cfg.events = 200;
    cfg.seconds = 0.05;
    cfg.sync_events = 40;
    cfg.tree_rounds = 2;
  }
  const std::string load = MachineLoad();
  try {
    TempDir dir("store_bench");
    StoreBench bench(cfg, dir);
    bench.Run();
    if (!cfg.load_only) bench.Print(CommandLine(argc, argv), load);
  } catch (const BenchFailure& e) {
    std::fprintf(stderr, "store_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
