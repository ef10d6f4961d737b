#include "jejak/projection/query_spec.h"

#include <charconv>

#include "jejak/domain/date.h"
#include "jejak/projection/names.h"

namespace jejak::projection {

namespace {

// The parameter as the caller's user wrote it ("from" or "--from").
std::string Param(const QuerySpec& s, const char* name) { return s.param_prefix + name; }

Result<uint32_t> DateOr(const QuerySpec& s, const std::string& text, const char* param,
                        uint32_t fallback) {
  if (text.empty()) return fallback;
  auto d = domain::ParseDate(text);
  if (!d.ok()) return d.status().WithContext(Param(s, param));
  return d;
}

// [from (default today), to (default a year from `from`, less a day)].
Result<std::pair<uint32_t, uint32_t>> PeriodOf(const QuerySpec& s, uint32_t today) {
  auto from = DateOr(s, s.from, "from", today);
  if (!from.ok()) return from.status();
  auto to = DateOr(s, s.to, "to", domain::FromDays(domain::ToDays(domain::AddYears(*from, 1)) - 1));
  if (!to.ok()) return to.status();
  if (*to < *from) return Status::InvalidArgument(Param(s, "to") + " is before " + Param(s, "from"));
  return std::pair(*from, *to);
}

Scope ScopeOf(const QuerySpec& s) { return Scope{s.agency, s.unit, Param(s, "agency"), Param(s, "unit")}; }

Result<Table> Employees(Projector& p, const QuerySpec& s) {
  EmployeeFilter f;
  f.scope = ScopeOf(s);
  f.include_separated = s.all;
  if (!s.rank.empty()) {
    f.rank = ParseRankName(s.rank);
    if (!f.rank) return Status::InvalidArgument(Param(s, "rank") + " " + s.rank + ": want III/a or PPPK-9");
  }
  if (!s.level.empty()) {
    f.level = ParseEnumName<schema::JabatanLevel>(s.level);
    if (!f.level) return Status::InvalidArgument(Param(s, "level") + " " + s.level + ": unknown level");
  }
  return QueryEmployees(p, f);
}

Result<Table> LowJp(Projector& p, const QuerySpec& s, uint32_t today) {
  int year = static_cast<int>(today / 10000) - 1;
  if (!s.year.empty()) {
    auto [ptr, ec] = std::from_chars(s.year.data(), s.year.data() + s.year.size(), year);
    if (ec != std::errc() || ptr != s.year.data() + s.year.size()) {
      return Status::InvalidArgument(Param(s, "year") + " " + s.year + ": not a year");
    }
  }
  if (year < 1950 || year > 2200) return Status::InvalidArgument(Param(s, "year") + " out of range");
  return QueryLowJp(p, static_cast<uint16_t>(year), ScopeOf(s));
}

}  // namespace

const std::vector<std::string>& QueryNames() {
  static const std::vector<std::string> kNames = {
      "employees",   "promotion", "low-jp", "competency-fit", "succession",
      "retirements", "agencies",  "units",  "positions"};
  return kNames;
}

Result<Table> RunQuery(Projector& p, const QuerySpec& s, uint32_t today) {
  if (!s.unit.empty() && s.agency.empty()) return Status::InvalidArgument(Param(s, "unit") + " needs " + Param(s, "agency"));
  const Scope scope = ScopeOf(s);
  if (s.name == "employees") return Employees(p, s);
  if (s.name == "promotion") {
    auto period = PeriodOf(s, today);
    if (!period.ok()) return period.status();
    return QueryPromotion(p, period->first, period->second, scope, s.all, today, s.eligible_only, s.lang);
  }
  if (s.name == "low-jp") return LowJp(p, s, today);
  if (s.name == "competency-fit") {
    if (s.agency.empty()) return Status::InvalidArgument(Param(s, "agency") + " is required (the position's agency)");
    if (s.position.empty()) return Status::InvalidArgument(Param(s, "position") + " is required");
    auto on = DateOr(s, s.on, "on", today);
    if (!on.ok()) return on.status();
    return QueryCompetencyFit(p, s.agency, s.position, scope, *on);
  }
  if (s.name == "succession") return QuerySuccessionPool(p, scope, today);
  if (s.name == "retirements") {
    auto period = PeriodOf(s, today);
    if (!period.ok()) return period.status();
    return QueryRetirements(p, period->first, period->second, scope);
  }
  if (s.name == "agencies") return QueryAgencies(p, scope);
  if (s.name == "units") return QueryUnits(p, scope);
  if (s.name == "positions") return QueryPositions(p, scope);
  return Status::NotFound("no query named \"" + s.name + "\"");
}

}  // namespace jejak::projection
