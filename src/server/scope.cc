#include "server/scope.h"

#include "jejak/projection/profile_view.h"
#include "server/json_error.h"

namespace jejak::server {

namespace {

constexpr std::string_view kEmp = "emp/";
constexpr std::string_view kSel = "sel/";
constexpr std::string_view kOrg = "org/";

bool ReadsEverything(Role r) {
  return r == Role::kInspector || r == Role::kAuditor || r == Role::kAdmin;
}

std::string Who(const Principal& p) {
  std::string who = "token " + p.name + " (" + RoleName(p.role);
  if (!p.agency.empty()) who += " of " + p.agency;
  if (!p.nip.empty()) who += " for " + p.nip;
  return who + ")";
}

}  // namespace

std::string_view NipOfStream(std::string_view stream) {
  return stream.starts_with(kEmp) ? stream.substr(kEmp.size()) : std::string_view();
}

Result<std::string> EmployeeAgency(Ledger& ledger, std::string_view nip) {
  auto rec = ledger.Profile(nip);
  if (!rec.ok()) return rec.status();
  const projection::Placement* placement = projection::CurrentPlacement(rec->state);
  return placement != nullptr ? placement->agency : std::string();
}

Result<std::string> SelectionAgency(Ledger& ledger, std::string_view stream) {
  auto events = ledger.ReadStream(stream, 1, 1);
  if (!events.ok()) return events.status();
  if (events->empty()) return Status::NotFound("stream " + std::string(stream));
  return Ledger::Guard("reading " + std::string(stream), [&]() -> Result<std::string> {
    auto payload = events->front().event().getPayload();
    if (!payload.isSelectionOpened()) return std::string();
    return std::string(payload.getSelectionOpened().getAgency().cStr());
  });
}

Response Forbidden(const Principal& p, std::string_view what) {
  return ErrorResponse(403, "forbidden", Who(p) + " may not " + std::string(what));
}

std::optional<Response> RequireRole(const Principal& p, std::initializer_list<Role> roles,
                                    std::string_view what) {
  for (Role r : roles) {
    if (p.role == r) return std::nullopt;
  }
  return Forbidden(p, what);
}

std::optional<Response> CheckReadEmployee(Ledger& ledger, const Principal& p, std::string_view nip) {
  if (ReadsEverything(p.role)) return std::nullopt;
  const std::string what = "read the data of employee " + std::string(nip);
  if (p.role == Role::kEmployee) {
    if (p.nip == nip) return std::nullopt;
    return Forbidden(p, what);
  }
  auto agency = EmployeeAgency(ledger, nip);
  if (!agency.ok()) return ErrorFromStatus(agency.status());
  if (*agency == p.agency) return std::nullopt;
  return Forbidden(p, what + " (not of agency " + p.agency + ")");
}

std::optional<Response> CheckReadStream(Ledger& ledger, const Principal& p, std::string_view stream) {
  if (ReadsEverything(p.role)) return std::nullopt;
  if (stream.starts_with(kEmp)) return CheckReadEmployee(ledger, p, NipOfStream(stream));
  const std::string what = "read stream " + std::string(stream);
  if (p.role != Role::kHr) return Forbidden(p, what);
  if (stream.starts_with(kOrg)) {
    if (stream.substr(kOrg.size()) == p.agency) return std::nullopt;
    return Forbidden(p, what);
  }
  if (stream.starts_with(kSel)) {
    auto agency = SelectionAgency(ledger, stream);
    if (!agency.ok()) return ErrorFromStatus(agency.status());
    if (*agency == p.agency) return std::nullopt;
  }
  return Forbidden(p, what);
}

}  // namespace jejak::server
