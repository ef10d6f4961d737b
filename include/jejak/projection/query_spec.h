// One HR query named and parameterised by text, as the command line
// (`jejak query NAME --flag VALUE`) and the server (`GET
// /v1/queries/NAME?param=value`) receive it: which query, and how each
// parameter is read and defaulted. The queries themselves: queries.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "jejak/projection/lang.h"
#include "jejak/projection/queries.h"
#include "jejak/status.h"

namespace jejak::projection {

// Every parameter as text; "" = not given.
struct QuerySpec {
  std::string name;      // one of QueryNames()
  std::string agency;    // scope; required by competency-fit
  std::string unit;      // scope within `agency`
  std::string rank;      // employees: "III/a" or "PPPK-9"
  std::string level;     // employees: a JabatanLevel name ("ahliPertama")
  std::string from;      // promotion, retirements: period start, default today
  std::string to;        // period end, default from + 1 year - 1 day
  std::string year;      // low-jp: calendar year, default last year
  std::string position;  // competency-fit: the position id (required)
  std::string on;        // competency-fit: the standard in force on, default today
  bool all = false;      // employees: include separated; promotion: include capped
  bool eligible_only = false;  // promotion: only who is eligible in the period
  Lang lang = Lang::kEn;       // the language of free-text cells (promotion reasons)
  // How an error message names a parameter: this prefix + its name above
  // ("from" for the server's query parameters, "--from" for the CLI's flags).
  std::string param_prefix;
};

// "employees", "promotion", "low-jp", "competency-fit", "succession",
// "retirements", and the catalog: "agencies", "units", "positions".
const std::vector<std::string>& QueryNames();

// Runs `spec` against the projection as it stands, judging dates against
// `today` (YYYYMMDD). NotFound for an unknown query name;
// InvalidArgument naming the parameter (a malformed date, rank or level,
// unit without agency, an unknown agency or unit (naming the known ones),
// a missing required parameter); the query's own errors otherwise.
[[nodiscard]] Result<Table> RunQuery(Projector& projector, const QuerySpec& spec, uint32_t today);

}  // namespace jejak::projection
