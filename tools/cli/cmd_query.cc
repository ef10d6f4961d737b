// jejak query <name>: the HR queries, answered from the profile
// projection's indexes. Aligned table by default, --csv or --json.
#include <iostream>

#include "commands.h"
#include "jejak/clock.h"
#include "jejak/domain/date.h"
#include "jejak/projection/format.h"
#include "jejak/projection/names.h"
#include "jejak/projection/queries.h"

namespace jejak::cli {

namespace {

namespace proj = ::jejak::projection;

struct QueryArgs {
  std::string agency, unit, rank, level, from, to, position, on;
  int year = 0;
  bool all = false, json = false, csv = false;
};

Result<uint32_t> DateArg(const std::string& text, const char* flag, uint32_t fallback) {
  if (text.empty()) return fallback;
  auto d = domain::ParseDate(text);
  if (!d.ok()) return d.status().WithContext(flag);
  return d;
}

// --from (default today) and --to (default a year from --from, less a day).
Result<std::pair<uint32_t, uint32_t>> Period(const QueryArgs& a, uint32_t today) {
  auto from = DateArg(a.from, "--from", today);
  if (!from.ok()) return from.status();
  auto to = DateArg(a.to, "--to", domain::FromDays(domain::ToDays(domain::AddYears(*from, 1)) - 1));
  if (!to.ok()) return to.status();
  if (*to < *from) return Status::InvalidArgument("--to is before --from");
  return std::pair(*from, *to);
}

// Opens the store, catches the projection up, runs `query`, prints.
int Run(CliContext& ctx, const std::string& name, const QueryArgs& a,
        const std::function<Result<proj::Table>(proj::Projector&, uint32_t today)>& query) {
  if (!a.unit.empty() && a.agency.empty()) {
    return ctx.Fail("query " + name, Status::InvalidArgument("--unit needs --agency"));
  }
  auto ledger = ctx.Ledger();
  if (!ledger.ok()) return ctx.Fail("query " + name, ledger.status());
  Status caught_up = (*ledger)->CatchUp();
  if (!caught_up.ok()) return ctx.Fail("query " + name, caught_up);
  auto table = query((*ledger)->projector(), domain::DateOfMicros(SystemClock()->NowMicros()));
  if (!table.ok()) return ctx.Fail("query " + name, table.status());
  if (a.json) {
    std::cout << proj::FormatJson(*table);
  } else if (a.csv) {
    std::cout << proj::FormatCsv(*table);
  } else {
    std::cout << proj::FormatAligned(*table);
    std::cerr << table->rows.size() << " rows\n";
  }
  return kExitOk;
}

CLI::App* Sub(CLI::App* query, const char* name, const char* help, QueryArgs& a, bool scope = true) {
  auto* cmd = query->add_subcommand(name, help);
  if (scope) {
    cmd->add_option("--agency", a.agency, "only this agency");
    cmd->add_option("--unit", a.unit, "only this unit of --agency");
  }
  auto* json = cmd->add_flag("--json", a.json, "JSON array of objects");
  cmd->add_flag("--csv", a.csv, "CSV with a header line")->excludes(json);
  return cmd;
}

}  // namespace

void AddQueryCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* query = app.add_subcommand(
      "query", "HR questions answered from the projection's indexes (aligned table, --csv, --json)");
  query->require_subcommand(1);
  auto a = std::make_shared<QueryArgs>();
  auto scope = [a] { return proj::Scope{a->agency, a->unit}; };

  auto* employees = Sub(query, "employees", "Employees by --agency/--unit, --rank, --level", *a);
  employees->add_option("--rank", a->rank, "rank: III/a ... or PPPK-9");
  employees->add_option("--level", a->level, "position level: pelaksana, ahliPertama, jptPratama ...");
  employees->add_flag("--all", a->all, "include separated employees");
  employees->callback([&ctx, exit_code, a, scope] {
    *exit_code = Run(ctx, "employees", *a, [&](proj::Projector& p, uint32_t) -> Result<proj::Table> {
      proj::EmployeeFilter f;
      f.scope = scope();
      f.include_separated = a->all;
      if (!a->rank.empty()) {
        f.rank = proj::ParseRankName(a->rank);
        if (!f.rank) return Status::InvalidArgument("--rank " + a->rank + ": want III/a or PPPK-9");
      }
      if (!a->level.empty()) {
        f.level = proj::ParseEnumName<schema::JabatanLevel>(a->level);
        if (!f.level) return Status::InvalidArgument("--level " + a->level + ": unknown level");
      }
      return proj::QueryEmployees(p, f);
    });
  });

  auto* promotion = Sub(query, "promotion",
                        "Regular rank promotion in [--from, --to]: eligible, or why not", *a);
  promotion->add_option("--from", a->from, "period start (default today)");
  promotion->add_option("--to", a->to, "period end (default --from + 1 year - 1 day)");
  promotion->add_flag("--all", a->all, "also list who cannot be promoted regularly at all, and why");
  promotion->callback([&ctx, exit_code, a, scope] {
    *exit_code = Run(ctx, "promotion", *a, [&](proj::Projector& p, uint32_t today) -> Result<proj::Table> {
      auto period = Period(*a, today);
      if (!period.ok()) return period.status();
      return proj::QueryPromotion(p, period->first, period->second, scope(), a->all, today);
    });
  });

  auto* low_jp = Sub(query, "low-jp", "Employees below 20 JP of development in --year", *a);
  low_jp->add_option("--year", a->year, "calendar year (default: last year)");
  low_jp->callback([&ctx, exit_code, a, scope] {
    *exit_code = Run(ctx, "low-jp", *a, [&](proj::Projector& p, uint32_t today) -> Result<proj::Table> {
      const int year = a->year != 0 ? a->year : static_cast<int>(today / 10000) - 1;
      if (year < 1950 || year > 2200) return Status::InvalidArgument("--year out of range");
      return proj::QueryLowJp(p, static_cast<uint16_t>(year), scope());
    });
  });

  auto* fit = Sub(query, "competency-fit",
                  "Who meets the competency standard of --position of --agency, and everyone's gap",
                  *a);
  fit->add_option("--position", a->position, "position id")->required();
  fit->add_option("--on", a->on, "the standard in force on this date (default today)");
  fit->callback([&ctx, exit_code, a] {
    *exit_code = Run(ctx, "competency-fit", *a, [&](proj::Projector& p, uint32_t today) -> Result<proj::Table> {
      if (a->agency.empty()) return Status::InvalidArgument("--agency is required (the position's agency)");
      auto on = DateArg(a->on, "--on", today);
      if (!on.ok()) return on.status();
      return proj::QueryCompetencyFit(p, a->agency, a->position, proj::Scope{a->agency, a->unit}, *on);
    });
  });

  auto* pool = Sub(query, "succession", "Succession pool: talent boxes 7-9", *a);
  pool->callback([&ctx, exit_code, a, scope] {
    *exit_code = Run(ctx, "succession", *a, [&](proj::Projector& p, uint32_t today) {
      return proj::QuerySuccessionPool(p, scope(), today);
    });
  });

  auto* retire = Sub(query, "retirements", "Retirements due in [--from, --to]", *a);
  retire->add_option("--from", a->from, "period start (default today)");
  retire->add_option("--to", a->to, "period end (default --from + 1 year - 1 day)");
  retire->callback([&ctx, exit_code, a, scope] {
    *exit_code = Run(ctx, "retirements", *a, [&](proj::Projector& p, uint32_t today) -> Result<proj::Table> {
      auto period = Period(*a, today);
      if (!period.ok()) return period.status();
      return proj::QueryRetirements(p, period->first, period->second, scope());
    });
  });
}

}  // namespace jejak::cli
