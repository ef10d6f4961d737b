// EventBatch: events of consecutive input lines (or rows), in input order,
// each with the line it came from, appended to the store in that order.
//
// Appending groups the events into StreamAppends as store::StreamRuns
// does: consecutive events of one stream form one, and an event with an
// explicit non-"any" expectedVersion starts a new one carrying it.
// Positions are therefore assigned in input order, so an event may name an
// earlier line's event by its position.
//
// Errors that name an event (store::EventIndexOfError) are mapped back to
// the input line.
//
// Not thread-safe. Movable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "jejak/status.h"
#include "jejak/store/event_store.h"
#include "jejak/store/new_event.h"

namespace jejak::ingest {

// How a batch reaches the store: EventStore::Append, or whatever stands for
// it (tests inject failures through it).
using AppendFn =
    std::function<Result<store::AppendResult>(std::span<const store::StreamAppend>)>;

// An AppendFn calling `store.Append`. `store` must outlive it.
AppendFn AppendTo(store::EventStore& store);

class EventBatch {
 public:
  // `unit` names an origin in messages: "line" (NDJSON) or "row" (CSV).
  explicit EventBatch(std::string unit = "line") : unit_(std::move(unit)) {}

  void Add(store::NewEvent event, uint64_t origin);
  size_t size() const { return events_.size(); }
  bool empty() const { return events_.empty(); }
  // REQUIRES: i < size().
  uint64_t origin(size_t i) const { return origins_[i]; }
  const store::NewEvent& event(size_t i) const { return events_[i]; }
  void Clear();

  // Every event in one atomic call: all are recorded or none. An error
  // naming an event is rewritten to start with "<unit> <origin>: ".
  [[nodiscard]] Result<store::AppendResult> AppendAll(const AppendFn& append) const;

  // One event the store refused for its input (InvalidArgument or
  // Conflict naming it), with the store's message.
  struct Rejection {
    size_t index = 0;  // in the batch
    uint64_t origin = 0;
    Status status;
  };
  struct Outcome {
    uint64_t appended = 0;    // newly recorded
    uint64_t duplicates = 0;  // already recorded with the same id and content
    std::vector<Rejection> rejected;  // in input order
    // A failure that is not about one event (IOError, Unavailable, an
    // error naming no event): nothing after it was tried.
    Status failure;
  };

  // Appends the events in order, each exactly once, the events the store
  // refuses for their input left out: every one with `keep_going`, else
  // the first (and nothing after it is tried). The events before a refused
  // one are recorded either way. Work and store calls grow linearly with
  // the batch whatever the pattern of refusals: a refusal shrinks the
  // next call to the events before it, then calls grow again from one
  // event by doubling.
  Outcome AppendSkippingRejected(const AppendFn& append, bool keep_going) const;

 private:
  // The StreamAppends of events [from, end).
  std::vector<store::StreamAppend> Parts(size_t from, size_t end) const;
  // The batch index of the event an error of a call over [from, end)
  // names, or SIZE_MAX.
  size_t IndexOfError(const Status& s, size_t from, size_t end) const;

  std::string unit_;
  std::vector<store::NewEvent> events_;
  std::vector<uint64_t> origins_;
};

}  // namespace jejak::ingest
