// The jejak leg of peer_bench: the embedded EventStore (sync on: the WAL is
// fsynced once per commit group before an append is acknowledged) and the
// profile Projector over it, in one directory.
//
// Ingest is EventStore::Append of the batch (consecutive events of one
// stream form one StreamAppend, expected version Any) followed by
// Projector::CatchUp: the batch is durable and every profile current when
// it returns, as with the peers' one transaction. Profiles are read with
// Projector::GetProfile and reduced to the peers' ProfileRow with the
// projection's own "current" helpers; as-of is projection::ProfileAsOf with
// a known position (valid at any date).
#pragma once

#include <memory>
#include <string>

#include "jejak/codec/event_json.h"
#include "jejak/status.h"
#include "peer_leg.h"

namespace jejak::bench {

// Opens a fresh ledger in directory `dir` and parses every line of `ledger`
// into the events Ingest appends (not timed). `ledger` must outlive the leg.
[[nodiscard]] Result<std::unique_ptr<PeerLeg>> OpenJejakLeg(const std::string& dir,
                                                            const BenchLedger& ledger,
                                                            const codec::EventJson& json);

}  // namespace jejak::bench
