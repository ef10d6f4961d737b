// The figures peer_bench measures per leg, and the report it prints: one
// markdown table (metric | jejak | PostgreSQL | SQLite | jejak/PG |
// jejak/SQLite), the goals of issue 4 with PASS/FAIL, and the checks.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>

#include "peer_fold.h"

namespace jejak::bench {

// Profiles by NIP.
using Rows = std::map<std::string, ProfileRow>;

// What one leg measured; -1 = not measured.
struct LegFigures {
  std::string name;      // "jejak", "PostgreSQL", "SQLite"
  std::string describe;  // its set-up, one line
  double ingest_rate = -1, ingest_seconds = 0;    // events/s, s
  double batch_p50 = -1, batch_p99 = -1;          // ms per ingest batch
  double rebuild_rate = -1, rebuild_seconds = 0;  // events/s, s
  double read_p50 = -1, read_p99 = -1;            // us per profile read
  double as_of_p50 = -1, as_of_p99 = -1;          // us per as-of
  // CPU microseconds per event / operation, all processes of the leg
  // (peer_leg.h CpuSeconds); -1 = unknown.
  double ingest_cpu_us = -1, rebuild_cpu_us = -1, read_cpu_us = -1, as_of_cpu_us = -1;
  uint64_t disk_bytes = 0;
  std::string breakdown;  // where the ingest time went, if known
  Rows rows;              // every profile after ingest
};

struct ReportContext {
  uint64_t events = 0;
  uint64_t employees = 0;
  size_t batch = 0;
  size_t reads = 0;
  size_t as_of = 0;
  std::string load_before;
  std::string command;
  bool checks_ok = true;  // the per-leg rebuild == ingest checks
};

// Prints the report of `legs` (keyed "jejak", "postgresql", "sqlite"; any
// may be missing) to `out`. Returns the exit code: 1 when a check failed
// (ctx.checks_ok false, or the two SQL peers' rows differ), else 0. A goal
// that is not met is reported, not an error.
int PrintReport(const std::map<std::string, LegFigures>& legs, const ReportContext& ctx,
                std::ostream& out);

}  // namespace jejak::bench
