#include "server/event_feed.h"

#include <set>

#include "jejak/json_string.h"
#include "server/metrics.h"
#include "server/params.h"
#include "server/scope.h"

namespace jejak::server {

EventFeed::EventFeed(Context& ctx, const Request& req, uint64_t from, std::string stream_prefix,
                     Format format)
    : ctx_(ctx), req_(req), next_(from), prefix_(std::move(stream_prefix)), format_(format) {
  req_.body.clear();
  ctx_.metrics.SubscriberStarted();
}

EventFeed::~EventFeed() { ctx_.metrics.SubscriberEnded(); }

const char* EventFeed::content_type() const {
  return format_ == Format::kServerSentEvents ? "text/event-stream" : "application/x-ndjson";
}

std::string EventFeed::LastMessage(const std::string& code, const std::string& message) const {
  std::string json = "{\"code\":" + JsonString(code) + ",\"message\":" + JsonString(message) +
                     ",\"detail\":{\"resumeFrom\":" + std::to_string(next_) + "}}";
  if (format_ == Format::kNdjson) return json + "\n";
  return "event: error\ndata: " + json + "\n\n";
}

bool EventFeed::MayRead(const std::string& stream) {
  auto it = may_read_.find(stream);
  if (it != may_read_.end()) return it->second;
  const bool may = !CheckReadStream(ctx_.ledger, *req_.principal, stream).has_value();
  may_read_.emplace(stream, may);
  return may;
}

EventFeed::Step EventFeed::Next(size_t max_events, uint64_t max_lag) {
  Step step;
  const uint64_t head = ctx_.ledger.Head().position;
  if (next_ > head) return step;
  if (head - next_ >= max_lag) {
    step.text = LastMessage("too_slow", "the subscriber fell more than " +
                                            std::to_string(max_lag) +
                                            " events behind; resume from resumeFrom");
    step.end = true;
    return step;
  }
  const uint64_t last = std::min(head, next_ + max_events - 1);
  std::set<std::string> nips;
  std::string text;
  for (uint64_t pos = next_; pos <= last; ++pos) {
    auto event = ctx_.ledger.ReadAt(pos);
    Result<std::string> json = event.ok() ? ctx_.ledger.EventJson(*event) : event.status();
    if (!json.ok()) {
      next_ = pos;
      step.text = text + LastMessage("corruption", json.status().ToString());
      step.end = true;
      return step;
    }
    const std::string stream = event->event().getStream().cStr();
    if (!stream.starts_with(prefix_) || !MayRead(stream)) continue;
    if (const auto nip = NipOfStream(stream); !nip.empty()) nips.emplace(nip);
    if (format_ == Format::kNdjson) {
      text += *json + "\n";
    } else {
      text += "id: " + std::to_string(pos) + "\nevent: event\ndata: " + *json + "\n\n";
    }
  }
  if (!nips.empty()) {
    if (auto refused = RecordAccess(ctx_, req_, "/v1/subscribe", {nips.begin(), nips.end()})) {
      step.text = LastMessage("unavailable", "the access log cannot record this read");
      step.end = true;
      return step;
    }
  }
  next_ = last + 1;
  step.text = std::move(text);
  step.more = next_ <= head;
  return step;
}

}  // namespace jejak::server
