// GET /v1/employees/{nip} and /v1/employees/{nip}/history: one employee's
// profile (live, or as of a valid date and as known at an instant or a
// position) and events. Every answer is recorded in the access log.
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

}  // namespace

Response HandleGetEmployee(Context& ctx, const Request& req) {
  const std::string& nip = req.Param("nip");
  if (auto bad = CheckNip(nip)) return *bad;
  auto valid_at = DateParam(req, "valid_at", 0);
  if (!valid_at.ok()) return ErrorFromStatus(valid_at.status());
  auto known_at = InstantParam(req, "known_at", INT64_MIN);
  if (!known_at.ok()) return ErrorFromStatus(known_at.status());
  auto known_position = UintParam(req, "known_position", 0, 0, UINT64_MAX);
  if (!known_position.ok()) return ErrorFromStatus(known_position.status());
  if (auto denied = CheckReadEmployee(ctx.ledger, *req.principal, nip)) return *denied;

  projection::Cut cut;
  uint32_t reference = domain::DateOfMicros(ctx.clock->NowMicros());
  const bool as_of = *valid_at != 0 || *known_at != INT64_MIN || *known_position != 0;
  if (*valid_at != 0) cut.valid_date = reference = *valid_at;
  if (*known_at != INT64_MIN) {
    auto p = ctx.ledger.PositionKnownAt(*known_at);
    if (!p.ok()) return ErrorFromStatus(p.status());
    cut.known_position = *p;
  }
  if (*known_position != 0) cut.known_position = std::min(cut.known_position, *known_position);
  auto rec = as_of ? ctx.ledger.ProfileAsOf(nip, cut) : ctx.ledger.Profile(nip);
  if (!rec.ok()) return ErrorFromStatus(rec.status());
  const auto view = projection::ViewOfRecord(*rec, reference, as_of, ctx.ledger.rules());
  std::string profile = projection::ProfileToJson(rec->state, view);
  while (!profile.empty() && (profile.back() == '\n' || profile.back() == ' ')) profile.pop_back();
  if (auto refused = RecordAccess(ctx, req, "/v1/employees/{nip}", {nip})) return *refused;
  return Response::Json(200, "{\"profile\":" + profile + ",\"asOf\":\"" +
                                 domain::FormatDate(reference) + "\",\"knownPosition\":" +
                                 std::to_string(rec->known_position) + ",\"reconstructed\":" +
                                 (as_of ? "true" : "false") + "}\n");
}

Response HandleGetHistory(Context& ctx, const Request& req) {
  const std::string& nip = req.Param("nip");
  if (auto bad = CheckNip(nip)) return *bad;
  if (auto denied = CheckReadEmployee(ctx.ledger, *req.principal, nip)) return *denied;
  return StreamPage(ctx, req, "emp/" + nip, "/v1/employees/{nip}/history");
}

}  // namespace jejak::server
