// ledger_reads: read latencies of an existing ledger, for the scale curve
// (tools/bench/scale.sh): profile reads and as-of reconstructions of
// employees drawn at random from the log, and each HR query over the whole
// region. Prints one `key value` line per figure.
//
//   ledger_reads --data DIR [--samples 2000] [--seed 1] [--today 2026-12-01]
#include <CLI/CLI.hpp>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "bench_util.h"
#include "jejak/domain/date.h"
#include "jejak/ledger.h"
#include "jejak/projection/query_spec.h"

namespace jejak::bench {
namespace {

// `samples` NIPs of employees drawn by position at random from the log
// (weighted by the length of their careers), each with a known position
// drawn from the first position of theirs up to the head.
struct Draw {
  std::string nip;
  uint64_t known_position;
};

Result<std::vector<Draw>> DrawEmployees(Ledger& ledger, size_t samples, uint64_t seed) {
  const uint64_t head = ledger.Head().position;
  if (head == 0) return Status::NotFound("the ledger is empty");
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<uint64_t> at(1, head);
  std::vector<Draw> draws;
  for (size_t tries = 0; draws.size() < samples && tries < samples * 50; ++tries) {
    auto ev = ledger.ReadAt(at(rng));
    if (!ev.ok()) return ev.status();
    const std::string stream = ev->event().getStream();
    if (stream.rfind("emp/", 0) != 0) continue;
    std::uniform_int_distribution<uint64_t> cut(ev->position(), head);
    draws.push_back({stream.substr(4), cut(rng)});
  }
  if (draws.empty()) return Status::NotFound("no employee event found");
  return draws;
}

void Line(const char* key, double value) { std::printf("%s %.3f\n", key, value); }

int Run(const std::string& dir, size_t samples, uint64_t seed, const std::string& today_text,
        size_t block_cache_mb) {
  LedgerOptions options;
  options.block_cache_bytes = block_cache_mb << 20;
  auto opened = Ledger::Open(dir, options);
  if (!opened.ok()) {
    std::fprintf(stderr, "ledger_reads: %s\n", opened.status().ToString().c_str());
    return 1;
  }
  Ledger& ledger = **opened;
  if (Status s = ledger.CatchUp(); !s.ok()) {
    std::fprintf(stderr, "ledger_reads: catch-up: %s\n", s.ToString().c_str());
    return 1;
  }
  auto today = domain::ParseDate(today_text);
  if (!today.ok()) {
    std::fprintf(stderr, "ledger_reads: --today: %s\n", today.status().ToString().c_str());
    return 2;
  }
  auto draws = DrawEmployees(ledger, samples, seed);
  if (!draws.ok()) {
    std::fprintf(stderr, "ledger_reads: %s\n", draws.status().ToString().c_str());
    return 1;
  }
  // Each kind of read over every draw on its own, as a server answering
  // that kind of request sees it: a warm-up pass (caches as such a server
  // has them), then the measured one. (Interleaved, the as-of reads'
  // copies evict the summaries from the block cache.)
  auto measure = [&](const char* what, auto read) -> Result<std::vector<double>> {
    std::vector<double> micros;
    for (int pass = 0; pass < 2; ++pass) {
      micros.clear();
      for (const Draw& d : *draws) {
        Stopwatch w;
        const Status s = read(d);
        micros.push_back(w.Micros());
        if (!s.ok()) return s.WithContext(std::string(what) + " " + d.nip);
      }
    }
    return micros;
  };
  auto profile = measure("profile", [&](const Draw& d) { return ledger.Profile(d.nip).status(); });
  auto summary = measure("summary", [&](const Draw& d) { return ledger.Summary(d.nip).status(); });
  auto as_of = measure("as-of", [&](const Draw& d) {
    projection::Cut cut;
    cut.known_position = d.known_position;
    return ledger.ProfileAsOf(d.nip, cut).status();
  });
  for (const auto* r : {&profile, &summary, &as_of}) {
    if (!r->ok()) {
      std::fprintf(stderr, "ledger_reads: %s\n", r->status().ToString().c_str());
      return 1;
    }
  }
  std::printf("samples %zu\n", profile->size());
  std::printf("block_cache_mb %zu\n", block_cache_mb);
  Line("profile_p50_us", Percentile(*profile, 50));
  Line("profile_p99_us", Percentile(*profile, 99));
  Line("summary_p50_us", Percentile(*summary, 50));
  Line("summary_p99_us", Percentile(*summary, 99));
  Line("asof_p50_us", Percentile(*as_of, 50));
  Line("asof_p99_us", Percentile(*as_of, 99));

  // Each HR query over the whole region (no scope), as a list HR asks for.
  double slowest = 0;
  std::string slowest_name;
  for (const std::string& name : projection::QueryNames()) {
    projection::QuerySpec spec;
    spec.name = name;
    if (name == "competency-fit" || name == "employees") continue;  // need a scope or filter
    Stopwatch w;
    auto table = projection::RunQuery(ledger.projector(), spec, *today);
    const double ms = w.Seconds() * 1e3;
    if (!table.ok()) {
      std::fprintf(stderr, "ledger_reads: query %s: %s\n", name.c_str(), table.status().ToString().c_str());
      return 1;
    }
    std::printf("query_%s_ms %.1f rows %zu\n", name.c_str(), ms, table->rows.size());
    if (ms > slowest) {
      slowest = ms;
      slowest_name = name;
    }
  }
  std::printf("slowest_query %s %.1f\n", slowest_name.c_str(), slowest);
  return 0;
}

}  // namespace
}  // namespace jejak::bench

int main(int argc, char** argv) {
  CLI::App app{"read latencies of an existing jejak ledger"};
  std::string dir, today = "2026-12-01";
  size_t samples = 2000;
  uint64_t seed = 1;
  size_t block_cache_mb = jejak::ServerBlockCacheBytes() >> 20;
  app.add_option("--data", dir, "the ledger directory")->required();
  app.add_option("--samples", samples, "employees drawn");
  app.add_option("--seed", seed, "seed of the draw");
  app.add_option("--today", today, "the date the queries judge on (YYYY-MM-DD)");
  app.add_option("--block-cache-mb", block_cache_mb,
                 "the ledger's block cache (default: jejak serve's, a quarter of physical memory)");
  CLI11_PARSE(app, argc, argv);
  return jejak::bench::Run(dir, samples, seed, today, block_cache_mb);
}
