// The stateful append checks (made by the writer against the commit
// group's pending state, docs/format.md "Append"):
//   - an `emp/` stream's first event is `recruited`, whose nip equals the
//     stream's NIP; `recruited` only as version 1 (any stream);
//   - a `sel/` stream's first event is `selectionOpened`;
//   - `corrected` / `retracted` name an existing earlier event of the same
//     stream (by position, by event id, or both, agreeing); a correction's
//     target is not a `retracted` (a retraction may be retracted) and its
//     replacement has the target's payload kind; a corrected `recruited`
//     keeps its employmentType;
//   - `sanctionLifted` names a `sanctionImposed` of the stream;
//   - `positionPromoted.selectionId` names an existing `sel/` stream;
//   - a `rankPromoted` (or a correction to one) is on the scale of the
//     employee's employmentType: golongan for pns, pppkGrade for pppk.
// Failures are InvalidArgument naming stream, event index and reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "jejak/schema/events.capnp.h"
#include "jejak/status.h"
#include "store/append_request.h"
#include "store/keys.h"

namespace jejak::store {

// What the checks need to know about an earlier event.
struct TargetInfo {
  std::string stream;
  schema::Payload::Which kind = schema::Payload::UNSPECIFIED;
  // recruited: its employmentType (of the event as recorded).
  schema::EmploymentType employment = schema::EmploymentType::UNSPECIFIED;
};

// Answers lookups against committed and pending (same group) state.
class CheckContext {
 public:
  virtual ~CheckContext() = default;
  // The stream's head; version 0 when it does not exist.
  virtual Result<StreamMeta> Stream(std::string_view stream) = 0;
  // The event at `position` if it exists (committed or pending).
  virtual Result<std::optional<TargetInfo>> EventAt(uint64_t position) = 0;
  // The position of the event recorded (committed or pending) with
  // `event_id`, if any.
  virtual Result<std::optional<uint64_t>> PositionOfEventId(std::string_view event_id) = 0;
};

// The position `ev` names as its target (corrected / retracted: target;
// sanctionLifted: sanctionPosition): its target_event_id resolved through
// `ctx` when it has one (InvalidArgument when the id is not recorded, or
// when a position is given too and differs), else ev.target. 0 for other
// kinds.
[[nodiscard]] Result<uint64_t> ResolveTarget(const PreparedEvent& ev, std::string_view stream,
                                             CheckContext& ctx);

// Checks `ev`, about to become version `version_before + 1` of `stream`;
// `target` is ResolveTarget's answer.
[[nodiscard]] Status CheckStateful(const PreparedEvent& ev, uint64_t target,
                                   std::string_view stream,
                                   uint64_t version_before, CheckContext& ctx);

}  // namespace jejak::store
