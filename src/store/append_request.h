// An Append call after the caller-side (stateless) work: every event
// validated, normalized, canonicalized and digested in the caller's thread,
// so the single writer thread only does what needs store state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include <capnp/common.h>
#include <kj/array.h>

#include "jejak/integrity/entry.h"
#include "jejak/schema/envelope.capnp.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"
#include "jejak/store/options.h"
#include "jejak/store/types.h"

namespace jejak::store {

class SharedHelper;  // split_work.h

// An Append of at least this many events is prepared by the caller's
// thread and the store's preparation helper thread, half each.
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
  // corrected / retracted: target; sanctionLifted: sanctionPosition (0
  // when only target_event_id is given).
  uint64_t target = 0;
  // corrected / retracted: targetEventId; sanctionLifted: sanctionEventId.
  // When set the writer resolves it and, when `target` is 0, stores (and
  // digests) the input with the resolved position filled in: `digest` is
  // then left unset here (docs/format.md "Append").
  std::string target_event_id;
  // corrected: which() of the replacement payload.
  schema::Payload::Which replacement_kind = schema::Payload::UNSPECIFIED;
  // recruited (or a corrected recruited): employmentType.
  schema::EmploymentType employment = schema::EmploymentType::UNSPECIFIED;
  // rankPromoted (or a corrected rankPromoted): the scale of `to`
  // (validation makes `from`'s the same when given).
  schema::Rank::Which rank_scale = schema::Rank::UNSPECIFIED;
  // recruited: nip; positionPromoted: selectionId.
  std::string ref;
  // Whether the Merkle entry (docs/format.md "Entries") was prepared from
  // the input: then `public_input` is empty for a payload without personal
  // fields, and otherwise the canonical input with them cleared
  // (integrity::ClearPersonalFields), whose body (AppendEventBody) is the
  // entry's public body, committed to with `salt`. Not prepared for an
  // event that needs_target(): the writer derives its entry from the body.
  bool entry_prepared = false;
  kj::Array<capnp::word> public_input;
  integrity::Salt salt{};

  // The writer must resolve target_event_id to a position and re-encode.
  bool needs_target() const { return target == 0 && !target_event_id.empty(); }

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

// An Append of at least this many events is pipelined: it is queued once
// its first kPipelineChunk events are prepared, and the caller's thread and
// the preparation helper prepare the rest, each taking the next chunk,
// while the writer stages the prepared prefix.
inline constexpr size_t kPipelineEvents = 256;
inline constexpr size_t kPipelineChunk = 64;

// How far the caller has prepared a pipelined request. The caller
// publishes progress and then finishes (always: the request cannot be
// destroyed before); the writer waits for what it needs.
class Preparation {
 public:
  // Caller: events [0, ready) are prepared.
  void Publish(size_t ready);
  // Caller: preparation is over; `status` is its first failure, or Ok (every
  // event prepared). After this the caller no longer touches the request.
  void Finish(Status status);
  // Writer: waits until events [0, n) are prepared or preparation failed;
  // returns the failure, or Ok.
  [[nodiscard]] Status WaitFor(size_t n);

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  size_t ready_ = 0;
  bool done_ = false;
  Status status_;
};

struct AppendRequest {
  AppendRequest() = default;
  // Waits for the end of a pipelined preparation: the caller writes into
  // the request until then.
  ~AppendRequest();
  AppendRequest(const AppendRequest&) = delete;
  AppendRequest& operator=(const AppendRequest&) = delete;

  // Waits until the events of index < n are prepared (at once unless
  // pipelined). A preparation failure is returned and takes precedence
  // over any error of the writer's (preparation errors are reported first,
  // as if every event had been prepared before staging).
  [[nodiscard]] Status WaitPrepared(size_t n) const;

  std::vector<PreparedPart> parts;
  size_t total_events = 0;
  // Sum of the canonical input sizes; for a pipelined request, of the
  // submitted inputs' used words (NewEvent::words_used: at least their
  // canonical sizes, and known before they are prepared).
  size_t total_bytes = 0;
  std::promise<Result<AppendResult>> done;
  // Set while the caller may still be preparing (pipelined requests).
  std::unique_ptr<Preparation> preparation;
};

// The canonical input of `ev` (corrected / retracted / sanctionLifted)
// with its target position set to `target`: what the writer stores and
// digests for an event that named its target by event id only. May throw
// kj::Exception on malformed input (the writer catches it).
kj::Array<capnp::word> InputWithTarget(const PreparedEvent& ev, uint64_t target);

// Validates and prepares `appends` (see EventStore::Append). Stateless;
// runs in the caller's thread, with half of a call of
// kParallelPrepareEvents or more events on `helper`'s thread when there is
// one (split_work.h). InvalidArgument names the event index (in submission
// order across all parts), the field and the reason. With `entries`, each
// event's Merkle entry is prepared too (PreparedEvent::entry_prepared):
// false only for a store that writes no tree (a benchmark's baseline).
[[nodiscard]] Result<std::unique_ptr<AppendRequest>> PrepareAppend(
    std::span<const StreamAppend> appends, const StoreOptions& options,
    SharedHelper* helper = nullptr, bool entries = true);

// Queues a request for the writer and returns the future of its outcome;
// on error (the store cannot take it) the request is left in `request`.
using EnqueueRequest = std::function<Result<std::future<Result<AppendResult>>>(
    std::unique_ptr<AppendRequest>& request)>;

// The whole of an Append: prepares `appends` and queues the request with
// `enqueue`, then waits for its outcome. A call of kPipelineEvents or more
// events (all with valid stream ids) is pipelined (see kPipelineEvents);
// others are PrepareAppend'ed first. Either way the outcome is the same:
// the first preparation error in submission order if there is one,
// otherwise the writer's. `entries` as for PrepareAppend.
[[nodiscard]] Result<AppendResult> PrepareAndSubmit(
    std::span<const StreamAppend> appends, const StoreOptions& options, SharedHelper& helper,
    const EnqueueRequest& enqueue, bool entries = true);

}  // namespace jejak::store
