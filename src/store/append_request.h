// An Append call after the caller-side (stateless) work: every event
// validated, normalized, canonicalized and digested in the caller's thread,
// so the single writer thread only does what needs store state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <future>
#include <span>
#include <string>
#include <vector>

#include <capnp/common.h>
#include <kj/array.h>

#include "jejak/schema/envelope.capnp.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"
#include "jejak/store/options.h"
#include "jejak/store/types.h"

namespace jejak::store {

// An Append of at least this many events is prepared by the caller's
// thread and one helper thread, half each.
inline constexpr size_t kParallelPrepareEvents = 64;

// Longest event id accepted, in bytes.
inline constexpr size_t kMaxEventIdBytes = 128;

// Body size (canonical schema::Event) minus canonical normalized EventInput
// size: the Event's three data words (position, version, schemaVersion) and
// its recordedAt struct (one word). Both have the same pointer count.
inline constexpr size_t kEventOverInputBytes = 32;

struct PreparedEvent {
  size_t index = 0;  // submission index within the Append call
  // Canonical encoding (one segment, no table) of the submitted EventInput
  // with `stream` set to its StreamAppend's stream and `expectedVersion`
  // cleared (null pointer). The content digest covers exactly these bytes.
  kj::Array<capnp::word> input;
  Hash digest{};
  std::string event_id;
  schema::Payload::Which kind = schema::Payload::UNSPECIFIED;
  // corrected / retracted: target; sanctionLifted: sanctionPosition.
  uint64_t target = 0;
  // corrected: which() of the replacement payload.
  schema::Payload::Which replacement_kind = schema::Payload::UNSPECIFIED;
  // recruited: nip; positionPromoted: selectionId.
  std::string ref;

  std::string_view input_bytes() const {
    return {reinterpret_cast<const char*>(input.begin()),
            input.size() * sizeof(capnp::word)};
  }
};

struct PreparedPart {
  std::string stream;
  ExpectedVersion expected;
  std::vector<PreparedEvent> events;
};

struct AppendRequest {
  std::vector<PreparedPart> parts;
  size_t total_events = 0;
  size_t total_bytes = 0;  // sum of the canonical input sizes
  std::promise<Result<AppendResult>> done;
};

// Validates and prepares `appends` (see EventStore::Append). Stateless;
// runs in the caller's thread (and, for kParallelPrepareEvents or more
// events, one helper thread it joins before returning). InvalidArgument names the event index (in
// submission order across all parts), the field and the reason.
[[nodiscard]] Result<std::unique_ptr<AppendRequest>> PrepareAppend(
    std::span<const StreamAppend> appends, const StoreOptions& options);

}  // namespace jejak::store
