// The handlers of the routes (router.cc lists which answers what). Each
// takes the server's shared context and a request whose principal is set
// (unless the route is public) and returns the whole answer. A handler
// never throws on the ledger's bytes: Session runs it inside Ledger::Guard.
#pragma once

#include <memory>

#include "jejak/clock.h"
#include "jejak/ledger.h"
#include "jejak/server/server.h"
#include "server/http_types.h"

namespace jejak::server {

class AccessLog;
class Metrics;

// What every handler may use; owned by the server, shared by all threads.
struct Context {
  Ledger& ledger;
  AccessLog& access_log;
  Metrics& metrics;
  const ServerOptions& options;
  Clock* clock;
};

using Handler = Response (*)(Context& ctx, const Request& req);

// One page of `stream`'s events (query from=VERSION, limit=N), recorded
// in the access log under `route` when it is an employee's stream. The
// caller has checked the principal may read it. (handlers_log.cc)
Response StreamPage(Context& ctx, const Request& req, const std::string& stream,
                    std::string_view route);

// handlers_health.cc
Response HandleHealthz(Context& ctx, const Request& req);
Response HandleReadyz(Context& ctx, const Request& req);
Response HandleMetrics(Context& ctx, const Request& req);
// handlers_events.cc
Response HandlePostEvents(Context& ctx, const Request& req);
// handlers_log.cc
Response HandleGetEvent(Context& ctx, const Request& req);
Response HandleGetStream(Context& ctx, const Request& req);
Response HandleGetLog(Context& ctx, const Request& req);
// handlers_employees.cc
Response HandleGetEmployee(Context& ctx, const Request& req);
Response HandleGetSummary(Context& ctx, const Request& req);
Response HandleGetHistory(Context& ctx, const Request& req);
// handlers_queries.cc
Response HandleListEmployees(Context& ctx, const Request& req);
Response HandleQuery(Context& ctx, const Request& req);
// handlers_audit.cc
Response HandleAudit(Context& ctx, const Request& req);
Response HandleAuditDecision(Context& ctx, const Request& req);
// handlers_integrity.cc
Response HandleVerify(Context& ctx, const Request& req);
Response HandleCheckpoint(Context& ctx, const Request& req);
Response HandleTile(Context& ctx, const Request& req);
// handlers_subscribe.cc
Response HandleSubscribe(Context& ctx, const Request& req);
// handlers_access_log.cc
Response HandleAccessLog(Context& ctx, const Request& req);
// handlers_witness.cc
Response HandleAddCheckpoint(Context& ctx, const Request& req);

}  // namespace jejak::server
