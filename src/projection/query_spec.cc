#include "jejak/projection/query_spec.h"

#include <charconv>

#include "jejak/domain/date.h"
#include "jejak/projection/names.h"

namespace jejak::projection {

namespace {

Result<uint32_t> DateOr(const std::string& text, const char* param, uint32_t fallback) {
  if (text.empty()) return fallback;
  auto d = domain::ParseDate(text);
  if (!d.ok()) return d.status().WithContext(param);
  return d;
}

// [from (default today), to (default a year from `from`, less a day)].
Result<std::pair<uint32_t, uint32_t>> PeriodOf(const QuerySpec& s, uint32_t today) {
  auto from = DateOr(s.from, "from", today);
  if (!from.ok()) return from.status();
  auto to = DateOr(s.to, "to", domain::FromDays(domain::ToDays(domain::AddYears(*from, 1)) - 1));
  if (!to.ok()) return to.status();
  if (*to < *from) return Status::InvalidArgument("to is before from");
  return std::pair(*from, *to);
}

Result<Table> Employees(Projector& p, const QuerySpec& s) {
  EmployeeFilter f;
  f.scope = Scope{s.agency, s.unit};
  f.include_separated = s.all;
  if (!s.rank.empty()) {
    f.rank = ParseRankName(s.rank);
    if (!f.rank) return Status::InvalidArgument("rank " + s.rank + ": want III/a or PPPK-9");
  }
  if (!s.level.empty()) {
    f.level = ParseEnumName<schema::JabatanLevel>(s.level);
    if (!f.level) return Status::InvalidArgument("level " + s.level + ": unknown level");
  }
  return QueryEmployees(p, f);
}

Result<Table> LowJp(Projector& p, const QuerySpec& s, uint32_t today) {
  int year = static_cast<int>(today / 10000) - 1;
  if (!s.year.empty()) {
    auto [ptr, ec] = std::from_chars(s.year.data(), s.year.data() + s.year.size(), year);
    if (ec != std::errc() || ptr != s.year.data() + s.year.size()) {
      return Status::InvalidArgument("year " + s.year + ": not a year");
    }
  }
  if (year < 1950 || year > 2200) return Status::InvalidArgument("year out of range");
  return QueryLowJp(p, static_cast<uint16_t>(year), Scope{s.agency, s.unit});
}

}  // namespace

const std::vector<std::string>& QueryNames() {
  static const std::vector<std::string> kNames = {"employees",      "promotion",  "low-jp",
                                                  "competency-fit", "succession", "retirements"};
  return kNames;
}

Result<Table> RunQuery(Projector& p, const QuerySpec& s, uint32_t today) {
  if (!s.unit.empty() && s.agency.empty()) return Status::InvalidArgument("unit needs agency");
  const Scope scope{s.agency, s.unit};
  if (s.name == "employees") return Employees(p, s);
  if (s.name == "promotion") {
    auto period = PeriodOf(s, today);
    if (!period.ok()) return period.status();
    return QueryPromotion(p, period->first, period->second, scope, s.all, today);
  }
  if (s.name == "low-jp") return LowJp(p, s, today);
  if (s.name == "competency-fit") {
    if (s.agency.empty()) return Status::InvalidArgument("agency is required (the position's agency)");
    if (s.position.empty()) return Status::InvalidArgument("position is required");
    auto on = DateOr(s.on, "on", today);
    if (!on.ok()) return on.status();
    return QueryCompetencyFit(p, s.agency, s.position, scope, *on);
  }
  if (s.name == "succession") return QuerySuccessionPool(p, scope, today);
  if (s.name == "retirements") {
    auto period = PeriodOf(s, today);
    if (!period.ok()) return period.status();
    return QueryRetirements(p, period->first, period->second, scope);
  }
  return Status::NotFound("no query named \"" + s.name + "\"");
}

}  // namespace jejak::projection
