// EventFeed: one subscriber of GET /v1/subscribe. It reads the log itself,
// from its own position, a bounded step at a time: a slow subscriber
// only falls behind (and is cut off once it is too far behind), it never
// holds a buffer that grows or slows an append.
//
// Formats: server-sent events ("id: <position>\nevent: event\ndata:
// <event JSON>\n\n"; a client resumes with Last-Event-ID) or NDJSON (one
// event JSON a line). Only the events the principal may read are sent
// (scope.h), each employee's events recorded in the access log first.
//
// Thread safety: one feed is driven by one connection's strand.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "server/handlers.h"

namespace jejak::server {

class EventFeed {
 public:
  enum class Format { kServerSentEvents, kNdjson };

  // Delivers events from position `from` (>= 1) whose stream starts with
  // `stream_prefix` ("" = every stream), as `req.principal` may read them.
  // Counted in the subscribers gauge from construction to destruction.
  EventFeed(Context& ctx, const Request& req, uint64_t from, std::string stream_prefix,
            Format format);
  ~EventFeed();
  EventFeed(const EventFeed&) = delete;
  EventFeed& operator=(const EventFeed&) = delete;

  struct Step {
    std::string text;  // what to send now; "" = nothing new yet
    bool end = false;  // the text is the last message: close after it
    bool more = false; // events past those read are already recorded
  };
  // The next events, at most `max_events` positions read. Cuts the
  // subscriber off (a last message naming the position to resume from)
  // when it is more than `max_lag` positions behind the head, or when the
  // ledger or the access log fails.
  Step Next(size_t max_events = 256, uint64_t max_lag = 100'000);

  const char* content_type() const;

 private:
  std::string LastMessage(const std::string& code, const std::string& message) const;
  // Whether the principal may read `stream` (cached per stream).
  bool MayRead(const std::string& stream);

  Context& ctx_;
  Request req_;  // the subscription's request, for the access log
  uint64_t next_;
  const std::string prefix_;
  const Format format_;
  std::map<std::string, bool> may_read_;
};

}  // namespace jejak::server
