// What a profile read returns, and the bitemporal reads (docs/projections.md
// "Bitemporal reads"). The projection itself is kept by a Projector, which
// users reach through jejak::Ledger (include/jejak/ledger.h).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "jejak/projection/fold.h"
#include "jejak/projection/profile_state.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"

namespace jejak::projection {

class Projector;  // src/projection/projector.h; from Ledger::projector()

// Called now and then with (events folded so far, events to fold in all).
using ProgressFn = std::function<void(uint64_t done, uint64_t total)>;

// A profile with the definition of its current position (if the agency
// defined it): what ProfileView needs.
struct ProfileRecord {
  ProfileState state;
  std::optional<PositionDef> position;  // all versions of the current position
  uint64_t known_position = 0;          // the state reflects the log up to here
};

// Bitemporal reconstruction of one employee (the same folds as the
// projection, over the stream's events selected by `cut`, none past it
// read): the state as known at cut.known_position, in effect on
// cut.valid_date, with the definition of the current position in force on
// that date, as known then. NotFound for an unknown NIP.
// (Ledger::ProfileAsOf gives the same answer, reading the definition from
// the projection where it can.)
[[nodiscard]] Result<ProfileRecord> ProfileAsOf(store::EventStore& store, std::string_view nip,
                                                const Cut& cut);
// The employee part of ProfileAsOf (`position` left empty).
[[nodiscard]] Result<ProfileRecord> EmployeeAsOf(store::EventStore& store, std::string_view nip,
                                                 const Cut& cut);
// The definition part: `agency`'s position `position_id` as known at the
// cut, by a fold of the agency's stream up to it (its versions effective by
// cut.valid_date); none when it was not defined then.
[[nodiscard]] Result<std::optional<PositionDef>> PositionAsOf(store::EventStore& store,
                                                              std::string_view agency,
                                                              std::string_view position_id,
                                                              const Cut& cut);

// The last log position recorded at or before `unix_micros` (0 if none):
// recorded_at never decreases along the log, so this is a binary search.
[[nodiscard]] Result<uint64_t> PositionKnownAt(store::EventStore& store, int64_t unix_micros);

}  // namespace jejak::projection
