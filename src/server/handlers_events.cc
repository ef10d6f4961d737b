// POST /v1/events: a batch of events, appended atomically.
#include <map>
#include <variant>

#include "jejak/codec/event_capnp.h"
#include "jejak/json_string.h"
#include "server/handlers.h"
#include "server/json_batch.h"
#include "server/json_error.h"
#include "server/metrics.h"
#include "server/params.h"
#include "server/scope.h"
#include "server/text_checks.h"

namespace jejak::server {

namespace {

// "event 3: payload.x: reason" -> field "payload.x" (the text before the
// reason, when it looks like a field path).
std::string FieldOf(std::string_view message) {
  size_t start = 0;
  if (message.starts_with("event ")) {
    const size_t colon = message.find(": ");
    if (colon == std::string_view::npos) return "";
    start = colon + 2;
  }
  const size_t end = message.find(": ", start);
  if (end == std::string_view::npos) return "";
  const std::string_view field = message.substr(start, end - start);
  for (char c : field) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '[' || c == ']' || c == '_';
    if (!ok) return "";
  }
  return std::string(field);
}

// {"item": item, "field": field}: where a submitted batch went wrong.
std::string ItemFieldDetail(size_t item, std::string_view field) {
  std::string detail = "{\"item\":" + std::to_string(item) + ",\"field\":";
  AppendJsonString(field, &detail);
  return detail + "}";
}

Response Invalid(size_t item, std::string_view field, std::string_view message) {
  return ErrorResponse(422, "invalid", "item " + std::to_string(item) + ": " + std::string(message),
                       ItemFieldDetail(item, field));
}

// The agency whose data an event writes ("" when it cannot be told: the
// store then refuses the event for its own reasons, e.g. an employee never
// recruited). `created` holds the agencies of streams opened earlier in
// the batch.
Result<std::string> TargetAgency(Ledger& ledger, schema::EventInput::Reader in,
                                 std::map<std::string, std::string>& created) {
  const std::string stream = in.getStream();
  auto payload = in.getPayload();
  if (payload.isRecruited()) return created[stream] = payload.getRecruited().getAgency();
  if (payload.isSelectionOpened()) return created[stream] = payload.getSelectionOpened().getAgency();
  if (auto it = created.find(stream); it != created.end()) return it->second;
  Result<std::string> agency = std::string();
  if (stream.starts_with("org/")) {
    agency = stream.substr(4);
  } else if (stream.starts_with("emp/")) {
    agency = EmployeeAgency(ledger, NipOfStream(stream));
  } else if (stream.starts_with("sel/")) {
    agency = SelectionAgency(ledger, stream);
  }
  if (!agency.ok() && agency.status().IsNotFound()) agency = std::string();
  if (agency.ok()) created[stream] = *agency;
  return agency;
}

// The actor of a submitted event is the token's: filled in when absent;
// when present it must be the token's, except for an admin (who may
// record, e.g., a migration's original actors).
std::optional<Response> StampActor(const Principal& p, size_t item, store::NewEvent& event) {
  auto b = event.builder();
  const std::string agency = p.role == Role::kHr ? p.agency : std::string();
  if (!b.hasActor()) {
    auto actor = b.initActor();
    actor.setUser(p.name);
    actor.setRole(RoleName(p.role));
    actor.setAgency(agency);
    return std::nullopt;
  }
  if (p.role == Role::kAdmin) return std::nullopt;
  auto actor = b.getActor().asReader();
  if (actor.getUser() == p.name.c_str() && actor.getRole() == RoleName(p.role) &&
      actor.getAgency() == agency.c_str()) {
    return std::nullopt;
  }
  return Forbidden(p, "record item " + std::to_string(item) +
                          " under another actor (leave \"actor\" out: the server fills it in)");
}


// The events of a JSON array or NDJSON body, or the error answer.
std::variant<std::vector<store::NewEvent>, Response> DecodeJson(Context& ctx, const Request& req,
                                                               bool ndjson) {
  if (!IsValidUtf8(req.body)) return ErrorResponse(400, "invalid_utf8", "the body is not UTF-8");
  std::vector<std::string_view> items;
  BatchError error;
  if (!SplitBatch(req.body, ndjson,
                  {ctx.options.max_json_depth, ctx.options.max_batch_events}, &items, &error)) {
    const std::string detail = "{\"item\":" + std::to_string(error.item) + "}";
    if (error.kind == BatchError::Kind::kTooMany) {
      return ErrorResponse(413, "too_large", error.message, detail);
    }
    if (error.kind == BatchError::Kind::kTooDeep) {
      return ErrorResponse(400, "too_deep", error.message, detail);
    }
    return ErrorResponse(400, "bad_json", error.message, detail);
  }
  std::vector<store::NewEvent> events;
  events.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    auto parsed = ctx.ledger.json().ParseInput(items[i]);
    if (!parsed.ok()) {
      return Invalid(i, FieldOf(parsed.status().message()), parsed.status().message());
    }
    events.push_back(std::move(parsed).value());
  }
  return events;
}

// The events of an application/x-capnp body (codec/event_capnp.h), or the
// error answer.
std::variant<std::vector<store::NewEvent>, Response> DecodeCapnp(Context& ctx,
                                                                const Request& req) {
  codec::CapnpInputError error;
  auto events = codec::ParseCapnpInputs(
      req.body, {ctx.options.max_batch_events, ctx.options.max_json_depth}, &error);
  if (events.ok()) return std::move(events).value();
  const std::string message = events.status().message();
  using Kind = codec::CapnpInputError::Kind;
  if (error.kind == Kind::kTooMany || error.kind == Kind::kMalformed) {
    return ErrorResponse(error.kind == Kind::kTooMany ? 413 : 400,
                         error.kind == Kind::kTooMany ? "too_large" : "bad_capnp", message,
                         "{\"item\":" + std::to_string(error.item) + "}");
  }
  // The message already names the item and the field.
  return ErrorResponse(422, "invalid", message, ItemFieldDetail(error.item, error.field));
}

}  // namespace

Response HandlePostEvents(Context& ctx, const Request& req) {
  const Principal& p = *req.principal;
  if (auto denied = RequireRole(p, {Role::kHr, Role::kAdmin}, "append events")) return *denied;
  std::variant<std::vector<store::NewEvent>, Response> decoded;
  if (req.content_type == "application/x-ndjson" || req.content_type == "application/jsonl") {
    decoded = DecodeJson(ctx, req, /*ndjson=*/true);
  } else if (req.content_type == "application/json") {
    decoded = DecodeJson(ctx, req, /*ndjson=*/false);
  } else if (req.content_type == "application/x-capnp") {
    decoded = DecodeCapnp(ctx, req);
  } else {
    return ErrorResponse(415, "unsupported_media_type",
                         "POST /v1/events takes application/json (an array of events), "
                         "application/x-ndjson (one event a line) or application/x-capnp "
                         "(framed EventInput messages)");
  }
  if (auto* answer = std::get_if<Response>(&decoded)) return std::move(*answer);
  auto& events = std::get<std::vector<store::NewEvent>>(decoded);
  if (events.empty()) return ErrorResponse(422, "invalid", "no events in the request");

  std::map<std::string, std::string> created;
  for (size_t i = 0; i < events.size(); ++i) {
    auto in = events[i].reader();
    if (!in.hasStream() || in.getStream().size() == 0) {
      return Invalid(i, "stream", "stream: required (each event names its stream)");
    }
    if (p.role == Role::kHr) {
      auto agency = TargetAgency(ctx.ledger, in, created);
      if (!agency.ok()) return ErrorFromStatus(agency.status());
      const bool transfer_in = in.getPayload().isTransferred() &&
                               in.getPayload().getTransferred().getToAgency() == p.agency.c_str();
      if (!agency->empty() && *agency != p.agency && !transfer_in) {
        return Forbidden(p, "write item " + std::to_string(i) + " (stream " +
                                std::string(in.getStream().cStr()) + ") of agency " + *agency);
      }
    }
    if (auto denied = StampActor(p, i, events[i])) return *denied;
  }

  const auto runs = store::StreamRuns(events);
  auto result = ctx.ledger.Append(runs);
  if (!result.ok()) {
    const Status& s = result.status();
    const auto item = store::EventIndexOfError(s);
    if (s.IsInvalidArgument() && item) return Invalid(*item, FieldOf(s.message()), s.message());
    if (s.IsConflict()) {
      return ErrorResponse(409, "conflict", s.message(),
                           item ? "{\"item\":" + std::to_string(*item) + "}" : "null");
    }
    return ErrorFromStatus(s, 422);
  }
  ctx.metrics.ObserveAppend(events.size());
  std::vector<std::string> positions;
  for (uint64_t pos : result->positions) positions.push_back(std::to_string(pos));
  const bool all_known = result->duplicates == result->positions.size();
  return Response::Json(all_known ? 200 : 201,
                        "{\"positions\":" + JsonArray(positions) +
                            ",\"duplicates\":" + std::to_string(result->duplicates) +
                            ",\"head\":" + std::to_string(result->last_position) + "}\n");
}

}  // namespace jejak::server
