// One system under test in peer_bench: jejak, PostgreSQL or SQLite. The
// driver runs the same measurements through this interface on every leg.
//
// A leg is used from one thread. Every call returns an error Status instead
// of aborting, so the driver can report which leg failed and how.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "jejak/status.h"
#include "peer_cpu.h"
#include "peer_events.h"
#include "peer_fold.h"

namespace jejak::bench {

class PeerLeg {
 public:
  virtual ~PeerLeg() = default;

  // "jejak", "PostgreSQL", "SQLite".
  virtual std::string Name() const = 0;

  // Records `batch` (consecutive events of the ledger, in order) and brings
  // the profiles up to date, durably, as one transaction / Append.
  [[nodiscard]] virtual Status Ingest(std::span<const BenchEvent> batch) = 0;

  // Called once after the whole ingest, not timed: what a careful team does
  // after a bulk load (the SQL peers refresh the planner's statistics with
  // ANALYZE, as autovacuum would soon). Default: nothing.
  [[nodiscard]] virtual Status AfterIngest() { return Status::Ok(); }

  // Recomputes every profile from the events; `profiles` = rows written.
  [[nodiscard]] virtual Status Rebuild(uint64_t* profiles) = 0;

  // The current profile of `nip`; NotFound when there is none.
  [[nodiscard]] virtual Result<ProfileRow> ReadProfile(const std::string& nip) = 0;

  // The profile of `employee` as known when the log ended at
  // `known_position` (events of its stream up to that position).
  [[nodiscard]] virtual Result<ProfileRow> ProfileAsOf(const EmployeeStream& employee,
                                                       uint64_t known_position) = 0;

  // One line about how it is set up (durability, options), for the header.
  virtual std::string Describe() const = 0;

  // Bytes on disk of the leg's data (0 when unknown).
  virtual uint64_t DiskBytes() const = 0;

  // CPU seconds used so far by the leg: this process (all threads), plus
  // the server's processes for a client-server peer. -1 when unknown.
  virtual double CpuSeconds() const { return SelfCpuSeconds(); }

  // Where the ingest time went so far, when the leg can tell ("" if not).
  virtual std::string IngestBreakdown() const { return {}; }
};

}  // namespace jejak::bench
