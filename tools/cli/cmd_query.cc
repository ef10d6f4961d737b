// jejak query <name>: the HR queries (projection::RunQuery, the same code
// the server runs), with one subcommand per query and its flags. An
// aligned table by default, an Excel-ready CSV (--csv), an Excel workbook
// (--xlsx FILE), both in Indonesian unless --lang en; or JSON / plain CSV
// with the stable column keys for programs.
#include <filesystem>
#include <iostream>

#include "commands.h"
#include "jejak/clock.h"
#include "jejak/domain/date.h"
#include "jejak/projection/format.h"
#include "jejak/projection/query_spec.h"
#include "jejak/projection/table_labels.h"
#include "table_xlsx.h"

namespace jejak::cli {

namespace {

namespace proj = ::jejak::projection;

struct QueryArgs {
  proj::QuerySpec spec;
  bool json = false, csv = false, plain = false;
  std::string separator, lang = "id", xlsx;  // separator "": ';' for Excel, ',' with --plain
};

// Prints or writes `table` as the output flags say.
Status Output(const QueryArgs& a, const proj::Table& table) {
  if (a.json) {
    std::cout << proj::FormatJson(table);
    return Status::Ok();
  }
  if (a.csv && a.plain) {
    proj::CsvOptions options;
    options.separator = a.separator.empty() ? ',' : a.separator[0];
    std::cout << proj::FormatCsv(table, options);
    return Status::Ok();
  }
  auto lang = proj::ParseLang(a.lang);
  if (!lang.ok()) return lang.status().WithContext("--lang");
  const proj::Table shown = proj::Localized(table, *lang);
  if (!a.xlsx.empty()) {
    Status written = WriteXlsx(shown, proj::ColumnKinds(table), a.xlsx, a.spec.name);
    if (!written.ok()) {
      std::error_code ec;
      std::filesystem::remove(a.xlsx, ec);
      return written;
    }
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(a.xlsx, ec);
    std::cerr << table.rows.size() << " rows written to " << a.xlsx << " (" << (ec ? 0 : bytes) << " bytes)\n";
  } else if (a.csv) {
    proj::CsvOptions options;
    options.separator = a.separator.empty() ? ';' : a.separator[0];
    options.byte_order_mark = true;
    options.kinds = proj::ColumnKinds(table);
    options.text_formulas = true;
    std::cout << proj::FormatCsv(shown, options);
  } else {
    std::cout << proj::FormatAligned(shown);
    std::cerr << table.rows.size() << " rows\n";
  }
  return Status::Ok();
}

// Catches the projection up, runs the query named by a.spec, prints.
int Run(CliContext& ctx, QueryArgs& a) {
  a.spec.param_prefix = "--";
  const std::string context = "query " + a.spec.name;
  auto lang = proj::ParseLang(a.lang);
  if (!lang.ok()) return ctx.Fail(context, lang.status().WithContext("--lang"));
  // Machine outputs (JSON, plain CSV) keep their text in English.
  a.spec.lang = a.json || (a.csv && a.plain) ? proj::Lang::kEn : *lang;
  auto ledger = ctx.Ledger();
  if (!ledger.ok()) return ctx.Fail(context, ledger.status());
  Status caught_up = (*ledger)->CatchUp();
  if (!caught_up.ok()) return ctx.Fail(context, caught_up);
  auto table = proj::RunQuery((*ledger)->projector(), a.spec,
                              domain::DateOfMicros(SystemClock()->NowMicros()));
  if (!table.ok()) return ctx.Fail(context, table.status());
  Status out = Output(a, *table);
  if (!out.ok()) return ctx.Fail(context, out);
  return kExitOk;
}

// A subcommand of `query` for the query `name`, with the output and (if
// `scope`) the scope flags; its callback runs that query.
CLI::App* Sub(CLI::App* query, CliContext& ctx, int* exit_code, const std::shared_ptr<QueryArgs>& a,
              const char* name, const char* help, bool scope = true) {
  auto* cmd = query->add_subcommand(name, help);
  if (scope) {
    cmd->add_option("--agency", a->spec.agency, "only this agency");
    cmd->add_option("--unit", a->spec.unit, "only this unit of --agency");
  }
  auto* json = cmd->add_flag("--json", a->json, "JSON array of objects keyed by the column keys");
  auto* csv = cmd->add_flag("--csv", a->csv,
                            "CSV for Excel: UTF-8 BOM, --sep (default ;), NIP kept as text, labels in --lang");
  csv->excludes(json);
  cmd->add_option("--sep", a->separator, "CSV separator: ; or , (default ; for Excel in Indonesian locale, , with --plain)")
      ->check(CLI::IsMember({";", ","}));
  cmd->add_flag("--plain", a->plain, "with --csv: plain RFC 4180 for programs (column keys, no BOM, no formulas)");
  auto* xlsx = cmd->add_option("--xlsx", a->xlsx, "write an Excel workbook to FILE (labels in --lang)");
  xlsx->excludes(json)->excludes(csv);
  cmd->add_option("--lang", a->lang, "labels and values: id (default) or en")->check(CLI::IsMember({"id", "en"}));
  cmd->callback([&ctx, exit_code, a, name] {
    ctx.reader = true;
    a->spec.name = name;
    *exit_code = Run(ctx, *a);
  });
  return cmd;
}

void AddPeriod(CLI::App* cmd, proj::QuerySpec& spec) {
  cmd->add_option("--from", spec.from, "period start (default today)");
  cmd->add_option("--to", spec.to, "period end (default --from + 1 year - 1 day)");
}

}  // namespace

void AddQueryCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* query = app.add_subcommand(
      "query", "HR questions answered from the projection's indexes (aligned table, --csv, --json)");
  query->require_subcommand(1);
  auto a = std::make_shared<QueryArgs>();
  proj::QuerySpec& spec = a->spec;

  auto* employees =
      Sub(query, ctx, exit_code, a, "employees", "Employees by --agency/--unit, --rank, --level");
  employees->add_option("--rank", spec.rank, "rank: III/a ... or PPPK-9");
  employees->add_option("--level", spec.level, "position level: pelaksana, ahliPertama, jptPratama ...");
  employees->add_flag("--all", spec.all, "include separated employees");

  auto* promotion = Sub(query, ctx, exit_code, a, "promotion",
                        "Regular rank promotion in [--from, --to]: eligible, or why not");
  AddPeriod(promotion, spec);
  promotion->add_flag("--all", spec.all, "also list who cannot be promoted regularly at all, and why");
  promotion->add_flag("--eligible-only", spec.eligible_only, "only who is eligible in the period");

  auto* low_jp = Sub(query, ctx, exit_code, a, "low-jp", "Employees below 20 JP of development in --year");
  low_jp->add_option("--year", spec.year, "calendar year (default: last year)");

  auto* fit = Sub(query, ctx, exit_code, a, "competency-fit",
                  "Who meets the competency standard of --position of --agency, and everyone's gap");
  fit->add_option("--position", spec.position, "position id")->required();
  fit->add_option("--on", spec.on, "the standard in force on this date (default today)");

  Sub(query, ctx, exit_code, a, "succession", "Succession pool: talent boxes 7-9");

  auto* retire = Sub(query, ctx, exit_code, a, "retirements", "Retirements due in [--from, --to]");
  AddPeriod(retire, spec);

  Sub(query, ctx, exit_code, a, "agencies", "The agencies the ledger knows: units, positions, employees",
      /*scope=*/false);
  Sub(query, ctx, exit_code, a, "units",
      "The units of --agency (or of every agency), with parent and employees; --unit: it and its sub-units");
  Sub(query, ctx, exit_code, a, "positions", "The positions --agency defined (--unit: of it and its sub-units)");
}

}  // namespace jejak::cli
