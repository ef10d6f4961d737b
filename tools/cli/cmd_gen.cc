// jejak gen: write a synthetic region as NDJSON (docs/generator.md).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "commands.h"
#include "gen/generator.h"
#include "jejak/domain/date.h"
#include "progress.h"

namespace jejak::cli {

namespace {

struct GenArgs {
  gen::GenOptions options;
  std::string today;
  std::string out;
  std::string answers;
};

int RunGen(CliContext& ctx, GenArgs& args) {
  if (!args.today.empty()) {
    auto today = domain::ParseDate(args.today);
    if (!today.ok()) return ctx.Fail("gen: --today", today.status());
    args.options.today = *today;
  }
  std::ofstream out(args.out, std::ios::binary | std::ios::trunc);
  if (!out) return ctx.Fail("gen", Status::IOError("cannot create " + args.out));
  const auto start = std::chrono::steady_clock::now();
  std::vector<gen::AnswerEntry> key;
  auto summary = gen::Generate(args.options, out, args.answers.empty() ? nullptr : &key);
  if (!summary.ok()) return ctx.Fail("gen", summary.status());
  out.close();
  if (!out) return ctx.Fail("gen", Status::IOError("writing " + args.out + " failed"));
  if (!args.answers.empty()) {
    std::ofstream answers(args.answers, std::ios::binary | std::ios::trunc);
    answers << gen::AnswersToJson(key);
    answers.close();
    if (!answers) return ctx.Fail("gen", Status::IOError("writing " + args.answers + " failed"));
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double rate = secs > 0 ? static_cast<double>(summary->events) / secs : 0;
  char line[256];
  std::snprintf(line, sizeof line,
                "gen: %llu employees, %llu events, %llu selections, %llu violations injected, "
                "%.1f s (%s events/s) -> %s\n",
                static_cast<unsigned long long>(summary->employees),
                static_cast<unsigned long long>(summary->events),
                static_cast<unsigned long long>(summary->selections),
                static_cast<unsigned long long>(summary->violations), secs, HumanCount(rate).c_str(),
                args.out.c_str());
  std::cerr << line;
  return kExitOk;
}

}  // namespace

void AddGenCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "gen",
      "Generate a synthetic region (agencies, careers, selections) as NDJSON for `jejak "
      "import`, deterministic for a seed, with audit-rule violations injected at a rate and "
      "listed in an answer key. See docs/generator.md.");
  auto args = std::make_shared<GenArgs>();
  cmd->add_option("--employees", args->options.employees, "careers to generate")
      ->required()
      ->check(CLI::Range(1, 10'000'000));
  cmd->add_option("--seed", args->options.seed, "seed of every random choice")->required();
  cmd->add_option("--start-year", args->options.start_year,
                  "year of the first recruitments (default 1995)");
  cmd->add_option("--violation-rate", args->options.violation_rate,
                  "share of decisions carrying an injected violation, 0..1 (default 0.02)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--today", args->today,
                  "the simulation's today, YYYY-MM-DD (default 2026-11-22)");
  cmd->add_option("--out", args->out, "NDJSON file to write")->required();
  cmd->add_option("--answers", args->answers, "answer key (JSON) to write");
  cmd->callback([&ctx, exit_code, args] { *exit_code = RunGen(ctx, *args); });
}

}  // namespace jejak::cli
