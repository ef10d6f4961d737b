// GET /v1/events/{position}, /v1/streams/{stream}, /v1/log: the log as it
// was recorded, each event with its hashes.
#include <set>

#include "jejak/integrity/checkpoint.h"
#include "jejak/integrity/proof_format.h"
#include "jejak/json_string.h"
#include "server/handlers.h"
#include "server/json_error.h"
#include "server/params.h"
#include "server/scope.h"

namespace jejak::server {

namespace {

constexpr uint64_t kDefaultLimit = 100;
constexpr uint64_t kMaxLimit = 1000;

// The C2SP tlog-proof of `position` against the latest signed checkpoint
// (JSON string), or "null" when no checkpoint covers it yet.
Result<std::string> InclusionProofJson(Ledger& ledger, uint64_t position) {
  auto note = ledger.store().LatestCheckpoint();
  if (!note.ok()) return note.status().IsNotFound() ? Result<std::string>("null") : note.status();
  auto checkpoint = integrity::ParseSignedCheckpoint(*note);
  if (!checkpoint.ok()) return checkpoint.status().WithContext("the stored checkpoint");
  if (position > checkpoint->size) return std::string("null");
  auto hashes = ledger.store().ProveInclusion(position, checkpoint->size);
  if (!hashes.ok()) return hashes.status();
  integrity::TlogProof proof;
  proof.index = position - 1;
  proof.inclusion_proof = std::move(hashes).value();
  proof.checkpoint = std::move(note).value();
  return JsonString(integrity::FormatTlogProof(proof));
}

std::string NextJson(bool more, uint64_t next) { return more ? std::to_string(next) : "null"; }

}  // namespace

Response HandleGetEvent(Context& ctx, const Request& req) {
  auto position = ParseUint("position", req.Param("position"), 1, UINT64_MAX);
  if (!position.ok()) return ErrorFromStatus(position.status());
  auto event = ctx.ledger.ReadAt(*position);
  if (!event.ok()) return ErrorFromStatus(event.status());
  const std::string stream = event->event().getStream().cStr();
  if (auto denied = CheckReadStream(ctx.ledger, *req.principal, stream)) return *denied;
  auto json = ctx.ledger.EventJson(*event, true);
  if (!json.ok()) return ErrorFromStatus(json.status());
  auto proof = InclusionProofJson(ctx.ledger, *position);
  if (!proof.ok()) return ErrorFromStatus(proof.status());
  if (const auto nip = NipOfStream(stream); !nip.empty()) {
    if (auto refused = RecordAccess(ctx, req, "/v1/events/{position}", {std::string(nip)})) {
      return *refused;
    }
  }
  return Response::Json(200, "{\"event\":" + *json + ",\"inclusionProof\":" + *proof + "}\n");
}

Response StreamPage(Context& ctx, const Request& req, const std::string& stream,
                    std::string_view route) {
  auto from = UintParam(req, "from", 1, 1, UINT64_MAX - kMaxLimit);
  if (!from.ok()) return ErrorFromStatus(from.status());
  auto limit = UintParam(req, "limit", kDefaultLimit, 1, kMaxLimit);
  if (!limit.ok()) return ErrorFromStatus(limit.status());
  auto events = ctx.ledger.ReadStream(stream, *from, *limit + 1);
  if (!events.ok()) return ErrorFromStatus(events.status());
  const bool more = events->size() > *limit;
  if (more) events->pop_back();
  std::vector<std::string> items;
  for (const auto& e : *events) {
    auto json = ctx.ledger.EventJson(e, true);
    if (!json.ok()) return ErrorFromStatus(json.status());
    items.push_back(std::move(json).value());
  }
  if (const auto nip = NipOfStream(stream); !nip.empty()) {
    if (auto refused = RecordAccess(ctx, req, route, {std::string(nip)})) return *refused;
  }
  return Response::Json(200, "{\"stream\":" + JsonString(stream) + ",\"events\":" +
                                 JsonArray(items) + ",\"next\":" + NextJson(more, *from + *limit) +
                                 "}\n");
}

Response HandleGetStream(Context& ctx, const Request& req) {
  const std::string& stream = req.Param("stream");
  if (auto denied = CheckReadStream(ctx.ledger, *req.principal, stream)) return *denied;
  return StreamPage(ctx, req, stream, "/v1/streams/{stream}");
}

Response HandleGetLog(Context& ctx, const Request& req) {
  if (auto denied = RequireRole(*req.principal, {Role::kInspector, Role::kAuditor, Role::kAdmin},
                                "read the whole log")) {
    return *denied;
  }
  auto from = UintParam(req, "from", 1, 1, UINT64_MAX - kMaxLimit);
  if (!from.ok()) return ErrorFromStatus(from.status());
  auto limit = UintParam(req, "limit", kDefaultLimit, 1, kMaxLimit);
  if (!limit.ok()) return ErrorFromStatus(limit.status());
  const uint64_t head = ctx.ledger.Head().position;
  const uint64_t last = std::min(head, *from + *limit - 1);
  std::vector<std::string> items;
  std::set<std::string> nips;
  for (uint64_t pos = *from; pos <= last; ++pos) {
    auto event = ctx.ledger.ReadAt(pos);
    if (!event.ok()) return ErrorFromStatus(event.status());
    auto json = ctx.ledger.EventJson(*event, true);
    if (!json.ok()) return ErrorFromStatus(json.status());
    items.push_back(std::move(json).value());
    if (const auto nip = NipOfStream(event->event().getStream().cStr()); !nip.empty()) {
      nips.emplace(nip);
    }
  }
  if (auto refused = RecordAccess(ctx, req, "/v1/log", {nips.begin(), nips.end()})) return *refused;
  return Response::Json(200, "{\"events\":" + JsonArray(items) + ",\"head\":" +
                                 std::to_string(head) + ",\"next\":" +
                                 NextJson(last < head, last + 1) + "}\n");
}

}  // namespace jejak::server
