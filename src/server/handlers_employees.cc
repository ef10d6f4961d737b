// GET /v1/employees/{nip}, /v1/employees/{nip}/summary and
// /v1/employees/{nip}/history: one employee's profile or its summary (live,
// or as of a valid date and as known at an instant or a position) and
// events. Every answer is recorded in the access log.
#include "jejak/domain/date.h"
#include "jejak/projection/format.h"
#include "server/handlers.h"
#include "server/json_error.h"
#include "server/params.h"
#include "server/scope.h"

namespace jejak::server {

namespace {

bool IsNip(std::string_view s) {
  return s.size() == 18 && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::optional<Response> CheckNip(const std::string& nip) {
  if (IsNip(nip)) return std::nullopt;
  return ErrorResponse(400, "bad_request", "\"" + nip.substr(0, 32) + "\" is not an 18-digit NIP");
}

// The cut `valid_at`, `known_at` and `known_position` ask for, and the
// date the view is derived on (today when none is given).
struct EmployeeCut {
  projection::Cut cut;
  uint32_t reference = 0;
  bool as_of = false;  // a reconstruction, not the live projection
};

Result<EmployeeCut> CutOf(Context& ctx, const Request& req) {
  auto valid_at = DateParam(req, "valid_at", 0);
  if (!valid_at.ok()) return valid_at.status();
  auto known_at = InstantParam(req, "known_at", INT64_MIN);
  if (!known_at.ok()) return known_at.status();
  auto known_position = UintParam(req, "known_position", 0, 0, UINT64_MAX);
  if (!known_position.ok()) return known_position.status();
  EmployeeCut out;
  out.reference = domain::DateOfMicros(ctx.clock->NowMicros());
  out.as_of = *valid_at != 0 || *known_at != INT64_MIN || *known_position != 0;
  if (*valid_at != 0) out.cut.valid_date = out.reference = *valid_at;
  if (*known_at != INT64_MIN) {
    auto p = ctx.ledger.PositionKnownAt(*known_at);
    if (!p.ok()) return p.status();
    out.cut.known_position = *p;
  }
  if (*known_position != 0) {
    out.cut.known_position = std::min(out.cut.known_position, *known_position);
  }
  return out;
}

void TrimEnd(std::string* json) {
  while (!json->empty() && (json->back() == '\n' || json->back() == ' ')) json->pop_back();
}

}  // namespace

Response HandleGetEmployee(Context& ctx, const Request& req) {
  const std::string& nip = req.Param("nip");
  if (auto bad = CheckNip(nip)) return *bad;
  auto at = CutOf(ctx, req);
  if (!at.ok()) return ErrorFromStatus(at.status());
  if (auto denied = CheckReadEmployee(ctx.ledger, *req.principal, nip)) return *denied;
  const projection::Cut& cut = at->cut;
  const uint32_t reference = at->reference;
  const bool as_of = at->as_of;
  auto rec = as_of ? ctx.ledger.ProfileAsOf(nip, cut) : ctx.ledger.Profile(nip);
  if (!rec.ok()) return ErrorFromStatus(rec.status());
  const auto view = projection::ViewOfRecord(*rec, reference, as_of, ctx.ledger.rules());
  std::string profile = projection::ProfileToJson(rec->state, view);
  TrimEnd(&profile);
  if (auto refused = RecordAccess(ctx, req, "/v1/employees/{nip}", {nip})) return *refused;
  return Response::Json(200, "{\"profile\":" + profile + ",\"asOf\":\"" +
                                 domain::FormatDate(reference) + "\",\"knownPosition\":" +
                                 std::to_string(rec->known_position) + ",\"reconstructed\":" +
                                 (as_of ? "true" : "false") + "}\n");
}

Response HandleGetSummary(Context& ctx, const Request& req) {
  const std::string& nip = req.Param("nip");
  if (auto bad = CheckNip(nip)) return *bad;
  auto at = CutOf(ctx, req);
  if (!at.ok()) return ErrorFromStatus(at.status());
  if (auto denied = CheckReadEmployee(ctx.ledger, *req.principal, nip)) return *denied;
  // Live: the stored summary. As of a cut: the summary of the
  // reconstructed profile.
  auto summary = at->as_of ? ctx.ledger.SummaryAsOf(nip, at->cut) : ctx.ledger.Summary(nip);
  if (!summary.ok()) return ErrorFromStatus(summary.status());
  std::string json = projection::SummaryToJson(*summary);
  TrimEnd(&json);
  if (auto refused = RecordAccess(ctx, req, "/v1/employees/{nip}/summary", {nip})) return *refused;
  return Response::Json(200, "{\"summary\":" + json + ",\"reconstructed\":" +
                                 (at->as_of ? "true" : "false") + "}\n");
}

Response HandleGetHistory(Context& ctx, const Request& req) {
  const std::string& nip = req.Param("nip");
  if (auto bad = CheckNip(nip)) return *bad;
  if (auto denied = CheckReadEmployee(ctx.ledger, *req.principal, nip)) return *denied;
  return StreamPage(ctx, req, "emp/" + nip, "/v1/employees/{nip}/history");
}

}  // namespace jejak::server
