// GET /v1/access-log: who read whose personal data (access_log.h), for
// auditors and admins (anyone's), and for an employee (their own).
#include "server/access_log.h"
#include "server/handlers.h"
#include "server/json_error.h"
#include "server/params.h"
#include "server/scope.h"

namespace jejak::server {

Response HandleAccessLog(Context& ctx, const Request& req) {
  const Principal& p = *req.principal;
  std::string nip = req.Query("nip");
  if (p.role == Role::kEmployee) {
    if (nip.empty()) nip = p.nip;
    if (nip != p.nip) return Forbidden(p, "read the access log of employee " + nip);
  } else if (auto denied = RequireRole(p, {Role::kAuditor, Role::kAdmin}, "read the access log")) {
    return *denied;
  }
  auto since = InstantParam(req, "since", INT64_MIN);
  if (!since.ok()) return ErrorFromStatus(since.status());
  auto after = UintParam(req, "after", 0, 0, UINT64_MAX);
  if (!after.ok()) return ErrorFromStatus(after.status());
  auto limit = UintParam(req, "limit", 100, 1, 1000);
  if (!limit.ok()) return ErrorFromStatus(limit.status());
  uint64_t next = 0;
  auto lines = ctx.access_log.Read(nip, *since, *after, *limit, &next);
  if (!lines.ok()) return ErrorFromStatus(lines.status());
  return Response::Json(200, "{\"records\":" + JsonArray(*lines) + ",\"next\":" +
                                 (next != 0 ? std::to_string(next) : std::string("null")) + "}\n");
}

}  // namespace jejak::server
