// The stateful append checks (made by the writer against the commit
// group's pending state, docs/format.md "Append"):
//   - an `emp/` stream's first event is `recruited`, whose nip equals the
//     stream's NIP; `recruited` only as version 1 (any stream);
//   - a `sel/` stream's first event is `selectionOpened`;
//   - `corrected` / `retracted` name an existing earlier event of the same
//     stream that is not a `retracted`; a correction's replacement has the
//     target's payload kind;
//   - `sanctionLifted.sanctionPosition` is a `sanctionImposed` of the stream;
//   - `positionPromoted.selectionId` names an existing `sel/` stream.
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
};

// Answers lookups against committed and pending (same group) state.
class CheckContext {
 public:
  virtual ~CheckContext() = default;
  // The stream's head; version 0 when it does not exist.
  virtual Result<StreamMeta> Stream(std::string_view stream) = 0;
  // The event at `position` if it exists (committed or pending).
  virtual Result<std::optional<TargetInfo>> EventAt(uint64_t position) = 0;
};

// Checks `ev`, about to become version `version_before + 1` of `stream`.
[[nodiscard]] Status CheckStateful(const PreparedEvent& ev,
                                   std::string_view stream,
                                   uint64_t version_before, CheckContext& ctx);

}  // namespace jejak::store
