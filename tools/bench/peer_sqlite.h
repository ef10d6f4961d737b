// The SQLite leg of peer_bench: the events table and current_profile of
// peer_sql.h in one SQLite database file, WAL journal, synchronous=FULL
// (every commit fsyncs the WAL: the durability of jejak's sync appends),
// 64 MiB page cache (jejak's block cache size), prepared statements, one
// transaction per ingest batch.
#pragma once

#include <memory>
#include <string>

#include "jejak/status.h"
#include "peer_leg.h"

namespace jejak::bench {

// Creates a fresh database in directory `dir` (which must exist and be
// empty). IOError with SQLite's message on failure.
[[nodiscard]] Result<std::unique_ptr<PeerLeg>> OpenSqliteLeg(const std::string& dir, int jp_year);

}  // namespace jejak::bench
