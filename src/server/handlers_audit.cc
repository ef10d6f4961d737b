// GET /v1/audit and /v1/audit/decisions/{eventId}: the merit audit
// (docs/audit.md) over the ledger up to its head when the request came
// (one snapshot), as JSON or, with Accept: text/html, one HTML page.
#include <sstream>

#include "jejak/audit/auditor.h"
#include "jejak/audit/report_format.h"
#include "server/handlers.h"
#include "server/json_error.h"
#include "server/params.h"
#include "server/scope.h"

namespace jejak::server {

namespace {

std::optional<Response> CheckAuditor(const Request& req) {
  return RequireRole(*req.principal, {Role::kAuditor, Role::kAdmin}, "run audits");
}

// The audit's options from the request's agency, since and until.
Result<audit::AuditOptions> OptionsOf(Context& ctx, const Request& req) {
  audit::AuditOptions o;
  auto since = DateParam(req, "since", 0);
  if (!since.ok()) return since.status();
  auto until = DateParam(req, "until", UINT32_MAX);
  if (!until.ok()) return until.status();
  o.since = *since;
  o.until = *until;
  o.agency = req.Query("agency");
  o.clock = ctx.clock;
  return o;
}

Response Report(const Request& req, const audit::AuditReport& report) {
  std::ostringstream out;
  Response r;
  if (req.Accepts("text/html")) {
    audit::WriteHtml(report, out);
    r.content_type = "text/html; charset=utf-8";
  } else {
    audit::WriteJson(report, out);
  }
  r.body = std::move(out).str();
  return r;
}

}  // namespace

Response HandleAudit(Context& ctx, const Request& req) {
  if (auto denied = CheckAuditor(req)) return *denied;
  auto options = OptionsOf(ctx, req);
  if (!options.ok()) return ErrorFromStatus(options.status());
  auto report = audit::RunAudit(ctx.ledger.store(), *options);
  if (!report.ok()) return ErrorFromStatus(report.status());
  return Report(req, *report);
}

Response HandleAuditDecision(Context& ctx, const Request& req) {
  if (auto denied = CheckAuditor(req)) return *denied;
  const std::string& id = req.Param("eventId");
  auto position = ctx.ledger.store().FindEventId(id);
  if (!position.ok()) {
    if (position.status().IsNotFound()) {
      return ErrorResponse(404, "not_found", "no event with id \"" + id + "\"");
    }
    return ErrorFromStatus(position.status());
  }
  auto options = OptionsOf(ctx, req);
  if (!options.ok()) return ErrorFromStatus(options.status());
  options->explain = *position;
  auto report = audit::RunAudit(ctx.ledger.store(), *options);
  if (!report.ok()) return ErrorFromStatus(report.status());
  // The report of this one decision: its verdict with every rule checked.
  std::vector<audit::DecisionVerdict> kept;
  for (auto& v : report->decisions) {
    if (v.decision.position == *position) kept.push_back(std::move(v));
  }
  if (kept.empty()) {
    return ErrorResponse(422, "not_a_decision",
                         "event \"" + id + "\" at position " + std::to_string(*position) +
                             " is not a promotion decision judged in this scope");
  }
  report->decisions = std::move(kept);
  report->record_findings.clear();
  return Report(req, *report);
}

}  // namespace jejak::server
