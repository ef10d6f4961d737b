// GET /v1/verify, and the C2SP tlog-tiles routes a verifier or a witness
// reads without a token: GET /checkpoint and GET /tile/... (hashes only,
// no event content).
#include "jejak/integrity/chain_hashes.h"
#include "jejak/integrity/tile.h"
#include "server/handlers.h"
#include "server/json_error.h"
#include "server/scope.h"

namespace jejak::server {

Response HandleVerify(Context& ctx, const Request& req) {
  if (auto denied = RequireRole(*req.principal, {Role::kInspector, Role::kAuditor, Role::kAdmin},
                                "verify the ledger")) {
    return *denied;
  }
  store::VerifyReport report;
  Status s = ctx.ledger.store().Verify(&report);
  if (!s.ok()) {
    return ErrorResponse(500, "corruption", s.message(),
                         "{\"firstBadPosition\":" + std::to_string(report.first_bad_position) +
                             ",\"eventsChecked\":" + std::to_string(report.events_checked) + "}");
  }
  return Response::Json(200, "{\"ok\":true,\"eventsChecked\":" +
                                 std::to_string(report.events_checked) + ",\"headPosition\":" +
                                 std::to_string(report.head.position) + ",\"chainHead\":\"" +
                                 store::ToHex(report.head.chain) + "\",\"treeRoot\":\"" +
                                 store::ToHex(report.head.tree_root) + "\"}\n");
}

Response HandleCheckpoint(Context& ctx, const Request&) {
  auto note = ctx.ledger.store().LatestCheckpoint();
  if (!note.ok()) return ErrorFromStatus(note.status());
  Response r;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(note).value();
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

Response HandleTile(Context& ctx, const Request& req) {
  const std::string path = "tile/" + req.Param("tile");
  auto tile = integrity::ParseTilePath(path);
  if (!tile.ok()) {
    return ErrorResponse(404, "not_found", tile.status().message() +
                                               " (entry bundles are not served)");
  }
  auto data = ctx.ledger.store().ReadTile(*tile);
  if (!data.ok()) return ErrorFromStatus(data.status());
  Response r;
  r.content_type = "application/octet-stream";
  r.body = std::move(data).value();
  // A tile, full or partial, never changes once it exists.
  r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  return r;
}

}  // namespace jejak::server
