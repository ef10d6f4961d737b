// GET /healthz (the process answers) and GET /readyz (the ledger and its
// projection can be read).
#include "projection/projector.h"
#include "server/handlers.h"
#include "server/json_error.h"

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

}  // namespace jejak::server
