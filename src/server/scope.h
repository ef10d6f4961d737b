// What a principal may see and do (docs/api.md "Tokens and roles"):
//   hr        reads and writes the employees, selections and positions of
//             its agency (an employee's agency is that of their current
//             placement; a selection's that of its selectionOpened; org/<a>
//             is agency a's reference data);
//   inspector reads everything;
//   auditor   reads everything, runs audits, reads the access log;
//   employee  reads their own profile, history and access log;
//   admin     everything.
// Each check returns nullopt when allowed, else the answer to send: 403
// forbidden naming the token and what it may not do, 404 when the thing
// does not exist, 500 when the ledger could not be read.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "jejak/ledger.h"
#include "server/http_types.h"

namespace jejak::server {

// "emp/<nip>" -> "<nip>"; "" for any other stream.
std::string_view NipOfStream(std::string_view stream);

// The agency of the employee's current placement. NotFound for an unknown
// NIP; "" when they have no placement.
[[nodiscard]] Result<std::string> EmployeeAgency(Ledger& ledger, std::string_view nip);
// The agency named by a selection stream's selectionOpened. NotFound for
// an unknown stream.
[[nodiscard]] Result<std::string> SelectionAgency(Ledger& ledger, std::string_view stream);

// 403 unless the principal's role is one of `roles`; `what` says what is
// refused ("run audits").
std::optional<Response> RequireRole(const Principal& p, std::initializer_list<Role> roles,
                                    std::string_view what);

// May `p` read the profile and events of employee `nip`?
std::optional<Response> CheckReadEmployee(Ledger& ledger, const Principal& p, std::string_view nip);

// May `p` read the events of `stream` (emp/, sel/, org/)?
std::optional<Response> CheckReadStream(Ledger& ledger, const Principal& p, std::string_view stream);

// 403 naming the principal.
Response Forbidden(const Principal& p, std::string_view what);

}  // namespace jejak::server
