// EmployeeRefold: the employees whose stream got a correction or retraction
// in a batch, refolded from the log before the batch commits them: each
// state becomes the fold of its stream's effective events as known at the
// batch's checkpoint, the state folding event by event gives (fold.h).
//
// Three ways to read the streams, all giving the same states:
// - FoldInOnePass (a rebuild holding every amendment, held_amendments.h):
//   one forward pass over the log from the first of the streams' events
//   folds each of their events as it is met, told its effective form by the
//   stream's resolved amendments; it holds no events, however many streams
//   wait.
// - FoldFromCollectedEvents, by pass: the streams' events are collected in
//   forward passes over the log (sequential reads, on a helper thread),
//   each holding a bounded number of them, then folded.
// - FoldFromCollectedEvents, stream by stream: through the stream index, a
//   random read per event (its events are spread over the whole log). For
//   a few streams this reads less than a pass over the log.
//
// Not thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "batch_states.h"
#include "held_amendments.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"

namespace jejak::projection {

// The state of employee `nip` whose stream's events up to `checkpoint` are
// `events` (in position order, amendments included): the fold of their
// effective events as known at the checkpoint, its last_position the last
// of them, as folding event by event leaves it. Reading a damaged event
// throws kj::Exception.
ProfileState FoldStream(std::string_view nip, std::span<const schema::Event::Reader> events,
                        uint64_t checkpoint);

class EmployeeRefold {
 public:
  // The employees of `states` marked for refold (their marks cleared), to
  // be refolded up to `checkpoint`. Reads each stream's extent.
  [[nodiscard]] static Result<EmployeeRefold> Of(store::EventStore& store, BatchStates& states,
                                                 uint64_t checkpoint);

  bool empty() const { return streams_.empty(); }

  // True when one forward pass over the log from the first event of every
  // stream up to the checkpoint reads less than reading their events one
  // by one through the stream index (tuning::kScanAdvantage).
  bool OnePassReadsLess() const;

  // Refolds every employee in ONE forward pass over the log.
  // REQUIRES: `amendments` holds every amendment of these streams up to
  // the checkpoint (HeldAmendments::complete()).
  [[nodiscard]] Status FoldInOnePass(const HeldAmendments& amendments);

  // Refolds every employee from its events, collected in passes of at most
  // `pass_events` stream events (a pass takes at least one stream; the
  // streams that start earliest first), each pass reading the log forward
  // or stream by stream, whichever reads less.
  [[nodiscard]] Status FoldFromCollectedEvents(uint64_t pass_events);

  // One amended stream.
  struct Stream {
    std::string name;  // "emp/" NIP
    std::string_view nip;
    ProfileState* state = nullptr;
    uint64_t first_position = 0;
    uint64_t versions = 0;
    std::vector<store::RecordedEvent> events;  // collected, in position order
  };

 private:
  EmployeeRefold(store::EventStore& store, uint64_t checkpoint)
      : store_(&store), checkpoint_(checkpoint) {}

  store::EventStore* store_;
  uint64_t checkpoint_;
  std::vector<Stream> streams_;
};

}  // namespace jejak::projection
