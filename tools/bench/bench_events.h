// A deterministic maker of realistic, valid employee events for benchmarks.
//
// Employee `e` (0-based) has the stream "emp/<NIP>" with a valid 18-digit
// NIP derived from `e`; distinct employees below kMaxEmployees have distinct
// NIPs. Event `seq` (0-based) of that stream is a pure function of (e, seq):
// seq 0 is `recruited` (a PNS recruit at golongan III/a whose birth date and
// gender match the NIP), later ones cycle through performanceRated,
// trainingCompleted, positionAssigned, competencyAssessed, rankPromoted and
// transferred, with effective dates six months apart. Every event passes
// domain::ValidateEventInput, and a stream's events appended in seq order
// pass the store's stateful checks. Event ids are UUID-shaped and unique
// per (e, seq).
//
// Thread safety: the functions are pure; call them from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "jejak/store/new_event.h"

namespace jejak::bench {

inline constexpr uint64_t kMaxEmployees = 200'000'000;

// The NIP of employee `e`. REQUIRES: e < kMaxEmployees.
std::string EmployeeNip(uint64_t e);

// "emp/" + EmployeeNip(e).
std::string EmployeeStream(uint64_t e);

// Event `seq` of employee `e`'s stream.
store::NewEvent MakeEmployeeEvent(uint64_t e, uint32_t seq);

// One event of the generated ledger, by employee and sequence number.
struct EventRef {
  uint64_t employee = 0;
  uint32_t seq = 0;
};

// The ledger of `total` events in streams of `per_stream` events (the last
// stream may be shorter), in append order: stream after stream.
std::vector<EventRef> LedgerOrder(uint64_t total, uint32_t per_stream);

}  // namespace jejak::bench
