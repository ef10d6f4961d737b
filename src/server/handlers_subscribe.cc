// GET /v1/subscribe: every event from a position on, then new ones as they
// are recorded (event_feed.h), as server-sent events or NDJSON.
#include "server/event_feed.h"
#include "server/handlers.h"
#include "server/json_error.h"
#include "server/params.h"
#include "server/scope.h"

namespace jejak::server {

Response HandleSubscribe(Context& ctx, const Request& req) {
  const Principal& p = *req.principal;
  std::string prefix = req.Query("stream_prefix");
  if (p.role == Role::kEmployee) {
    const std::string own = "emp/" + p.nip;
    if (prefix.empty()) prefix = own;
    if (prefix != own) return Forbidden(p, "subscribe to " + prefix + " (only to " + own + ")");
  }
  // Last-Event-ID (a reconnecting EventSource) wins over from; without
  // either, only the events recorded from now on.
  const uint64_t head = ctx.ledger.Head().position;
  Result<uint64_t> from = head + 1;
  if (!req.last_event_id.empty()) {
    auto last = ParseUint("Last-Event-ID", req.last_event_id, 0, UINT64_MAX - 1);
    if (!last.ok()) return ErrorFromStatus(last.status());
    from = *last + 1;
  } else {
    from = UintParam(req, "from", head + 1, 1, UINT64_MAX - 1);
  }
  if (!from.ok()) return ErrorFromStatus(from.status());
  const auto format = req.Accepts("application/x-ndjson") ? EventFeed::Format::kNdjson
                                                          : EventFeed::Format::kServerSentEvents;
  Response r;
  r.feed = std::make_shared<EventFeed>(ctx, req, *from, prefix, format);
  r.content_type = r.feed->content_type();
  return r;
}

}  // namespace jejak::server
