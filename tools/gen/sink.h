// EventSink: where the generator's events go, and how they get their
// recording order, line numbers and ids.
//
// The generator simulates the region year by year. An event is created
// with the day it is *recorded* (transaction time: a decree entered weeks
// after its TMT, a rating entered in January for the year before) and kept
// in the bucket of that year. FlushThrough(year) sorts the buckets up to
// `year` by (recorded day, creation order) and writes them as NDJSON lines.
//
// Line numbers are global positions: appending the file in order into an
// empty ledger gives the event on line n position n. References to earlier
// events (corrected/retracted.target, sanctionLifted.sanctionPosition) are
// made through slots: the target is committed with `ref_slot`, the event
// that names it with `target_slot`, and the position is filled in when the
// target's line is known. A referring event must be recorded no earlier
// than its target.
//
// Event ids are "gen-<seed>-<n>", n counting events in creation order, so
// they are known at creation (the answer key names them) and deterministic.
// Events recorded after `today` are dropped (they have not happened yet),
// and so are the answer-key entries that name them.
//
// Not thread-safe.
#pragma once

#include <capnp/message.h>

#include <cstdint>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gen/generator.h"
#include "gen/json_line.h"
#include "jejak/schema/envelope.capnp.h"
#include "jejak/status.h"

namespace jejak::gen {

class EventSink {
 public:
  // `out` is not owned and must outlive the sink.
  EventSink(uint64_t seed, uint32_t today, std::ostream* out);
  EventSink(const EventSink&) = delete;
  EventSink& operator=(const EventSink&) = delete;

  // Events recorded before `yyyymmdd` are recorded on it instead (the
  // simulation of a year only creates events recorded in that year or
  // later, so the buckets before it can be flushed).
  void SetFloor(uint32_t yyyymmdd) { floor_ = yyyymmdd; }

  // Starts an event on `stream` with the given effective date (0: none)
  // and recording day. The returned builder is valid until Commit; its
  // stream, eventId and effectiveDate are set.
  schema::EventInput::Builder Begin(std::string_view stream, uint32_t effective,
                                    uint32_t recorded);

  struct Links {
    uint32_t ref_slot = 0;     // publish this event's position in the slot
    uint32_t target_slot = 0;  // fill this event's target from the slot
  };
  // Finishes the event begun last; returns its creation number.
  uint64_t Commit(Links links);
  uint64_t Commit() { return Commit(Links()); }

  // A fresh slot for Links (never 0).
  uint32_t NewSlot() { return next_slot_++; }

  // The event id of creation number `n`.
  std::string EventId(uint64_t n) const;

  // Adds an answer-key entry about event `n` (kept only if it is written).
  void Answer(uint64_t n, std::string_view rule, std::string_view stream,
              std::string detail);

  // Writes every event recorded in a year <= `year`.
  [[nodiscard]] Status FlushThrough(int year);

  // Written so far.
  uint64_t written() const { return written_; }
  // The answer key (entries whose events were written), sorted by rule,
  // stream, event id.
  std::vector<AnswerEntry> SortedAnswers() const;

 private:
  struct Pending {
    uint32_t day = 0;
    uint64_t seq = 0;
    uint32_t ref_slot = 0;
    uint32_t target_slot = 0;
    uint32_t chunk = 0;               // the line in the bucket's text, when
    uint32_t offset = 0;              // target_slot == 0
    uint32_t length = 0;
    kj::Array<capnp::word> deferred;  // the message, when it waits for a slot
  };
  // The events recorded in one year. Their lines are packed into chunks of
  // text that are never reallocated, and recycled once written.
  struct Bucket {
    std::vector<std::unique_ptr<std::string>> chunks;
    std::vector<Pending> events;
  };
  struct Answer_ {
    uint64_t seq;
    AnswerEntry entry;
    bool written = false;
  };

  [[nodiscard]] Status Write(const Bucket& b, const Pending& p);
  [[nodiscard]] Status FlushBuffer();

  uint64_t seed_;
  uint32_t today_;
  std::ostream* out_;
  JsonLineWriter writer_;
  uint32_t floor_ = 0;

  kj::Array<capnp::word> scratch_;  // first segment, reused by every message
  std::unique_ptr<capnp::MallocMessageBuilder> building_;
  uint32_t building_day_ = 0;

  std::map<int, Bucket> buckets_;  // by recording year
  uint64_t next_seq_ = 1;
  uint32_t next_slot_ = 1;
  std::vector<uint64_t> slot_position_;  // by slot; 0 = not yet written
  uint64_t written_ = 0;
  std::string buffer_;
  std::string line_;  // the line being rendered
  std::vector<std::unique_ptr<std::string>> spare_chunks_;

  std::vector<Answer_> answers_;
  std::unordered_multimap<uint64_t, size_t> answers_by_seq_;
};

}  // namespace jejak::gen
