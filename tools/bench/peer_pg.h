// The PostgreSQL leg of peer_bench: the events table and current_profile
// of peer_sql.h in a PostgreSQL database reached through libpq (a unix
// socket in peers.sh). Prepared statements; each ingest batch is one
// transaction whose statements go through libpq's pipeline mode (no round
// trip per statement); the rebuild reads the events through a cursor.
// Durability is the server's: peers.sh starts it with fsync=on and
// synchronous_commit=on.
#pragma once

#include <memory>
#include <string>

#include "jejak/status.h"
#include "peer_leg.h"

namespace jejak::bench {

// Connects with `conninfo` and creates the schema in that database, which
// must not have tables `events` or `current_profile` yet. IOError with the
// server's message on failure.
[[nodiscard]] Result<std::unique_ptr<PeerLeg>> OpenPgLeg(const std::string& conninfo, int jp_year);

}  // namespace jejak::bench
