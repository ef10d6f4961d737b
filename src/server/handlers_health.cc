// GET /healthz (the process answers), GET /readyz (the ledger and its
// projection can be read) and GET /metrics (metrics.h).
#include "projection/projector.h"
#include "server/handlers.h"
#include "server/json_error.h"
#include "server/metrics.h"
#include "server/scope.h"

namespace jejak::server {

Response HandleHealthz(Context&, const Request&) {
  return Response::Json(200, "{\"status\":\"ok\"}\n");
}

Response HandleReadyz(Context& ctx, const Request&) {
  const uint64_t head = ctx.ledger.Head().position;
  auto projected = ctx.ledger.projector().Checkpoint();
  if (!projected.ok()) return ErrorFromStatus(projected.status());
  return Response::Json(200, "{\"status\":\"ready\",\"head\":" + std::to_string(head) +
                                 ",\"projected\":" + std::to_string(*projected) + "}\n");
}

Response HandleMetrics(Context& ctx, const Request& req) {
  if (auto denied = RequireRole(*req.principal, {Role::kInspector, Role::kAuditor, Role::kAdmin},
                                "read the metrics")) {
    return *denied;
  }
  const uint64_t head = ctx.ledger.Head().position;
  auto projected = ctx.ledger.projector().Checkpoint();
  if (!projected.ok()) return ErrorFromStatus(projected.status());
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = ctx.metrics.Render(head, *projected);
  return r;
}

}  // namespace jejak::server
