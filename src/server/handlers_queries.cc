// GET /v1/queries/{name} and GET /v1/employees: the HR queries of `jejak
// query` (projection/query_spec.h), as JSON or CSV, a page at a time.
#include "jejak/domain/date.h"
#include "jejak/json_string.h"
#include "jejak/projection/format.h"
#include "jejak/projection/query_spec.h"
#include "server/handlers.h"
#include "server/json_error.h"
#include "server/params.h"
#include "server/scope.h"

namespace jejak::server {

namespace {

constexpr uint64_t kDefaultRows = 100;
constexpr uint64_t kMaxRows = 1000;

std::string StripNewline(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

Response RunQuery(Context& ctx, const Request& req, const std::string& name) {
  const Principal& p = *req.principal;
  if (auto denied = RequireRole(p, {Role::kHr, Role::kInspector, Role::kAuditor, Role::kAdmin},
                                "run HR queries")) {
    return *denied;
  }
  projection::QuerySpec spec;
  spec.name = name;
  spec.agency = req.Query("agency");
  spec.unit = req.Query("unit");
  spec.rank = req.Query("rank");
  spec.level = req.Query("level");
  spec.from = req.Query("from");
  spec.to = req.Query("to");
  spec.year = req.Query("year");
  spec.position = req.Query("position");
  spec.on = req.Query("on");
  const std::string& all = req.Query("all");
  if (!all.empty() && all != "true" && all != "false") {
    return ErrorResponse(400, "bad_request", "parameter all: want true or false");
  }
  spec.all = all == "true";
  const std::string& eligible_only = req.Query("eligible_only");
  if (!eligible_only.empty() && eligible_only != "true" && eligible_only != "false") {
    return ErrorResponse(400, "bad_request", "parameter eligible_only: want true or false");
  }
  spec.eligible_only = eligible_only == "true";
  if (p.role == Role::kHr) {
    if (spec.agency.empty()) spec.agency = p.agency;
    if (spec.agency != p.agency) return Forbidden(p, "query agency " + spec.agency);
  }
  auto cursor = UintParam(req, "cursor", 0, 0, UINT64_MAX);
  if (!cursor.ok()) return ErrorFromStatus(cursor.status());
  auto limit = UintParam(req, "limit", kDefaultRows, 1, kMaxRows);
  if (!limit.ok()) return ErrorFromStatus(limit.status());

  Status caught_up = ctx.ledger.CatchUp();
  if (!caught_up.ok()) return ErrorFromStatus(caught_up);
  auto table = projection::RunQuery(ctx.ledger.projector(), spec,
                                    domain::DateOfMicros(ctx.clock->NowMicros()));
  if (!table.ok()) return ErrorFromStatus(table.status());
  const uint64_t total = table->rows.size();
  projection::Table page;
  page.columns = table->columns;
  for (uint64_t i = *cursor; i < total && i < *cursor + *limit; ++i) {
    page.rows.push_back(std::move(table->rows[i]));
  }
  const bool more = *cursor + *limit < total;
  const std::string next = std::to_string(*cursor + *limit);
  if (req.Accepts("text/csv")) {
    Response r;
    r.content_type = "text/csv; charset=utf-8";
    r.body = projection::FormatCsv(page);
    r.headers.emplace_back("X-Total-Count", std::to_string(total));
    if (more) r.headers.emplace_back("X-Next-Cursor", next);
    return r;
  }
  std::vector<std::string> columns;
  for (const auto& c : page.columns) columns.push_back(JsonString(c));
  return Response::Json(200, "{\"query\":" + JsonString(name) + ",\"columns\":" +
                                 JsonArray(columns) + ",\"rows\":" +
                                 StripNewline(projection::FormatJson(page)) + ",\"total\":" +
                                 std::to_string(total) + ",\"next\":" +
                                 (more ? JsonString(next) : std::string("null")) + "}\n");
}

}  // namespace

Response HandleListEmployees(Context& ctx, const Request& req) {
  return RunQuery(ctx, req, "employees");
}

Response HandleQuery(Context& ctx, const Request& req) {
  return RunQuery(ctx, req, req.Param("name"));
}

}  // namespace jejak::server
