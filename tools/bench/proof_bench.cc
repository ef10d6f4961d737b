// proof_bench: latency of the verifiable ledger's proofs on a large ledger.
//
// Builds (or reuses, with --ledger DIR) a ledger of --events generated
// employee events (default 10,000,000; bench_ledger_build.h: batches of
// --batch events, sync off) and reports how long building took. Then, on
// the reopened store, times per call, after a warm-up pass of the same
// calls with other random arguments:
//   - EventStore::ProveInclusion(random position, head),
//   - EventStore::ProveConsistency(random old size, head),
//   - EventStore::TreeRoot(random size),
// and prints p50 / p99 / max with PASS/FAIL against the target
// (p99 <= 200 us for both proofs, warm). A sample of the proofs is checked
// against the head's root (integrity::CheckInclusion / CheckConsistency)
// outside the timed calls. See tools/bench/README.md.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <random>
#include <stdexcept>

#include "bench_ledger_build.h"
#include "bench_util.h"
#include "jejak/integrity/merkle.h"
#include "jejak/store/event_store.h"

namespace jejak::bench {
namespace {

constexpr double kTargetP99Micros = 200;        // proofs, warm (issue)
constexpr uint64_t kRecordBytesEstimate = 650;  // disk per generated event, for the space check

struct Config {
  uint64_t events = 10'000'000;
  uint32_t per_stream = 20;
  size_t batch = 10'000;
  uint64_t calls = 20'000;
  uint64_t warmup = 20'000;
  uint64_t seed = 1;
  std::string ledger;  // empty: a fresh directory under $TMPDIR
  bool keep = false;
  bool quick = false;
};

struct BenchFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};
[[noreturn]] void Die(const std::string& what) { throw BenchFailure(what); }

void Progress(const Stopwatch& clock, const std::string& what) {
  std::fprintf(stderr, "[%6.1f s] %s\n", clock.Seconds(), what.c_str());
}

std::unique_ptr<store::EventStore> OpenStore(const std::string& path) {
  store::StoreOptions options;
  options.sync = false;
  auto opened = store::EventStore::Open(options, path);
  if (!opened.ok()) Die("open " + path + ": " + opened.status().ToString());
  return std::move(opened).value();
}

// One timed operation: per-call latencies of a pass.
struct Timing {
  std::string what;
  std::vector<double> micros;
  double hashes = 0;  // average proof length (hashes), 0 for roots
  bool target = false;
};

class ProofBench {
 public:
  explicit ProofBench(const Config& cfg) : cfg_(cfg) {}
  void Run(const std::string& dir, bool fresh);
  void Print(const std::string& command, const std::string& load_before) const;

 private:
  // `calls` calls of `op(rng)`, each timed; returns the pass. `op` returns
  // the proof length (0 for a root) or throws through Die.
  Timing Time(const std::string& what, uint64_t calls, uint64_t seed,
              const std::function<size_t(std::mt19937_64&)>& op) const;
  void CheckSample(store::EventStore& s, uint64_t head);

  const Config& cfg_;
  Stopwatch clock_;
  uint64_t head_ = 0, built_ = 0;
  double build_seconds_ = 0, reopen_seconds_ = 0, ledger_gb_ = 0;
  bool reused_ = false;
  std::vector<Timing> rows_;
};

Timing ProofBench::Time(const std::string& what, uint64_t calls, uint64_t seed,
                        const std::function<size_t(std::mt19937_64&)>& op) const {
  Timing t;
  t.what = what;
  t.micros.reserve(calls);
  std::mt19937_64 rng(seed);
  uint64_t hashes = 0;
  for (uint64_t i = 0; i < calls; ++i) {
    Stopwatch w;
    hashes += op(rng);
    t.micros.push_back(w.Micros());
  }
  t.hashes = calls ? static_cast<double>(hashes) / static_cast<double>(calls) : 0;
  return t;
}

// Proofs of random arguments checked against the head's root and the
// entries' leaf hashes: the timed calls return real proofs.
void ProofBench::CheckSample(store::EventStore& s, uint64_t head) {
  const store::Hash root = s.GetHead().tree_root;
  std::mt19937_64 rng(cfg_.seed + 99);
  for (int i = 0; i < 100; ++i) {
    const uint64_t position = std::uniform_int_distribution<uint64_t>(1, head)(rng);
    auto proof = s.ProveInclusion(position, head);
    auto entry = s.ReadEntry(position);
    if (!proof.ok() || !entry.ok()) Die("inclusion sample at " + std::to_string(position));
    Status st =
        integrity::CheckInclusion(*proof, head, root, position - 1, integrity::RecordHash(*entry));
    if (!st.ok()) Die("inclusion proof of " + std::to_string(position) + ": " + st.ToString());
    const uint64_t old_size = std::uniform_int_distribution<uint64_t>(1, head)(rng);
    auto consistency = s.ProveConsistency(old_size, head);
    auto old_root = s.TreeRoot(old_size);
    if (!consistency.ok() || !old_root.ok())
      Die("consistency sample at " + std::to_string(old_size));
    st = integrity::CheckConsistency(*consistency, head, root, old_size, *old_root);
    if (!st.ok()) Die("consistency proof from " + std::to_string(old_size) + ": " + st.ToString());
  }
}

void ProofBench::Run(const std::string& dir, bool fresh) {
  {
    auto s = OpenStore(dir);
    const uint64_t head = s->GetHead().position;
    reused_ = !fresh && head > 0;
    if (head < cfg_.events) {
      const auto space = std::filesystem::space(std::filesystem::path(dir));
      const uint64_t need = (cfg_.events - head) * kRecordBytesEstimate;
      if (space.available < need + need / 5) {
        Die("not enough disk space in " + dir + ": ~" + std::to_string(need >> 20) +
            " MiB needed, " + std::to_string(space.available >> 20) + " MiB free");
      }
      Progress(clock_, "appending events " + std::to_string(head + 1) + ".." +
                           std::to_string(cfg_.events) + " (batch " + std::to_string(cfg_.batch) +
                           ", sync off)...");
      const uint64_t step = std::max<uint64_t>(cfg_.events / 20, 1);
      uint64_t next_report = step;
      BuildResult r = AppendGeneratedEvents(
          *s, head, cfg_.events, cfg_.per_stream, cfg_.batch, [&](uint64_t done) {
            if (done < next_report) return;
            next_report += step;
            Progress(clock_, "  " + std::to_string(head + done) + " events");
          });
      if (!r.error.empty()) Die(r.error);
      built_ = r.events;
      build_seconds_ = r.seconds;
    }
  }
  // Reopen: the timed calls see a store as `jejak prove` or a server would
  // after a restart, the page cache holding what the build left there.
  Stopwatch reopen;
  auto s = OpenStore(dir);
  reopen_seconds_ = reopen.Seconds();
  head_ = s->GetHead().position;
  if (head_ < 2) Die("the ledger needs at least 2 events");
  ledger_gb_ = static_cast<double>(TreeBytes(dir)) / 1e9;
  Progress(clock_, "ledger of " + std::to_string(head_) + " events, " + FormatFixed(ledger_gb_, 2) +
                       " GB; checking a sample of proofs...");
  CheckSample(*s, head_);

  const uint64_t head = head_;
  auto inclusion = [&](std::mt19937_64& rng) {
    const uint64_t position = std::uniform_int_distribution<uint64_t>(1, head)(rng);
    auto p = s->ProveInclusion(position, head);
    if (!p.ok()) Die("ProveInclusion(" + std::to_string(position) + "): " + p.status().ToString());
    return p->size();
  };
  auto consistency = [&](std::mt19937_64& rng) {
    const uint64_t old_size = std::uniform_int_distribution<uint64_t>(1, head - 1)(rng);
    auto p = s->ProveConsistency(old_size, head);
    if (!p.ok())
      Die("ProveConsistency(" + std::to_string(old_size) + "): " + p.status().ToString());
    return p->size();
  };
  auto root = [&](std::mt19937_64& rng) -> size_t {
    const uint64_t size = std::uniform_int_distribution<uint64_t>(1, head)(rng);
    auto r = s->TreeRoot(size);
    if (!r.ok()) Die("TreeRoot(" + std::to_string(size) + "): " + r.status().ToString());
    return 0;
  };
  const std::string n = std::to_string(head);
  struct Op {
    std::string what;
    std::function<size_t(std::mt19937_64&)> call;
    bool target;
  };
  const std::vector<Op> ops = {
      {"ProveInclusion(random position, " + n + ")", inclusion, true},
      {"ProveConsistency(random old size, " + n + ")", consistency, true},
      {"TreeRoot(random size)", root, false},
  };
  for (size_t i = 0; i < ops.size(); ++i) {
    Progress(clock_, ops[i].what + ": warm-up...");
    Timing first =
        Time(ops[i].what + ", warm-up pass (info)", cfg_.warmup, cfg_.seed + 2 * i, ops[i].call);
    Progress(clock_, ops[i].what + ": timed...");
    Timing warm = Time(ops[i].what + ", warm", cfg_.calls, cfg_.seed + 2 * i + 1, ops[i].call);
    warm.target = ops[i].target;
    rows_.push_back(std::move(first));
    rows_.push_back(std::move(warm));
  }
}

void ProofBench::Print(const std::string& command, const std::string& load_before) const {
  std::cout << "## jejak proof benchmark\n\n"
            << "`" << command << "`\n\n"
#ifdef NDEBUG
            << "- build: optimized (NDEBUG)\n"
#else
            << "- build: assertions on (not Release): figures are not representative\n"
#endif
            << "- machine: " << load_before << " at start; " << MachineLoad() << " at end\n"
            << "- ledger: " << FormatCount(static_cast<double>(head_))
            << " generated employee events in streams of " << cfg_.per_stream << ", "
            << FormatFixed(ledger_gb_, 2) << " GB on disk; ";
  if (built_ > 0) {
    std::cout << (reused_ ? "extended by " : "built: ") << FormatCount(static_cast<double>(built_))
              << " events in " << FormatFixed(build_seconds_, 1) << " s ("
              << FormatCount(Rate(built_, build_seconds_)) << " events/s; Append calls of "
              << FormatCount(static_cast<double>(cfg_.batch))
              << " events, sync off, generation on a helper thread)";
  } else {
    std::cout << "reused as it was";
  }
  std::cout
      << "; reopened in " << FormatFixed(reopen_seconds_ * 1e3, 0) << " ms\n"
      << "- each operation: " << FormatCount(static_cast<double>(cfg_.warmup))
      << " warm-up calls, then " << FormatCount(static_cast<double>(cfg_.calls))
      << " timed calls with other random arguments, one thread; latency per call, nearest-rank "
         "percentiles; a sample of 100 proofs checked against the head's root\n\n";
  MarkdownTable table(
      {"operation", "calls", "hashes/proof", "p50 µs", "p99 µs", "max µs", "target"});
  bool all_pass = true;
  for (Timing t : rows_) {
    const double p50 = Percentile(t.micros, 50), p99 = Percentile(t.micros, 99),
                 max = Percentile(t.micros, 100);
    std::string target = "-";
    if (t.target) {
      const bool pass = p99 <= kTargetP99Micros;
      all_pass = all_pass && pass;
      target = std::string(pass ? "PASS" : "FAIL") +
               " (p99 <= " + FormatFixed(kTargetP99Micros, 0) + ")";
    }
    table.AddRow({t.what, FormatCount(static_cast<double>(t.micros.size())),
                  t.hashes > 0 ? FormatFixed(t.hashes, 1) : "-", FormatFixed(p50, 1),
                  FormatFixed(p99, 1), FormatFixed(max, 1), target});
  }
  std::cout << table.ToString()
            << "\nTarget (proofs, warm: p99 <= " << FormatFixed(kTargetP99Micros, 0)
            << " µs): " << (all_pass ? "PASS" : "FAIL") << "\n";
}

}  // namespace
}  // namespace jejak::bench

int main(int argc, char** argv) {
  using namespace jejak::bench;
  Config cfg;
  CLI::App app{
      "proof_bench: inclusion / consistency proof and tree root latency on a large "
      "ledger (see tools/bench/README.md)"};
  app.add_option("--events", cfg.events, "events in the ledger (default 10000000)")
      ->check(CLI::Range(uint64_t{2}, uint64_t{1'000'000'000}));
  app.add_option("--ledger", cfg.ledger,
                 "ledger directory: reused when it holds a ledger (extended to --events if "
                 "shorter), built otherwise (default: a fresh directory under $TMPDIR)");
  app.add_flag("--keep", cfg.keep, "keep a ledger this run built (default: delete it at the end)");
  app.add_option("--batch", cfg.batch, "events per Append call while building (default 10000)")
      ->check(CLI::Range(size_t{1}, size_t{100'000}));
  app.add_option("--calls", cfg.calls, "timed calls per operation (default 20000)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{100'000'000}));
  app.add_option("--warmup", cfg.warmup, "warm-up calls per operation (default 20000)");
  app.add_option("--seed", cfg.seed, "seed of the random arguments (default 1)");
  app.add_flag("--quick", cfg.quick, "a smoke run: 2,000 events, 200 calls (overrides the sizes)");
  CLI11_PARSE(app, argc, argv);
  if (cfg.quick) {
    cfg.events = 2'000;
    cfg.batch = 500;
    cfg.calls = 200;
    cfg.warmup = 200;
  }
  const std::string load = MachineLoad();
  std::string dir = cfg.ledger;
  std::error_code ec;
  if (dir.empty()) {
    dir = (std::filesystem::temp_directory_path() /
           ("proof_bench-ledger-" + std::to_string(::getpid())))
              .string();
  }
  const bool fresh = !std::filesystem::exists(dir, ec) || std::filesystem::is_empty(dir, ec);
  int rc = 0;
  try {
    ProofBench bench(cfg);
    bench.Run(dir, fresh);
    bench.Print(CommandLine(argc, argv), load);
  } catch (const BenchFailure& e) {
    std::fprintf(stderr, "proof_bench: %s\n", e.what());
    rc = 1;
  }
  if (fresh && !cfg.keep) {
    RemoveTree(dir);
  } else {
    std::fprintf(stderr, "proof_bench: the ledger is kept in %s\n", dir.c_str());
  }
  return rc;
}
