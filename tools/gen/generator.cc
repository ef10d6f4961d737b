#include "gen/generator.h"

#include <algorithm>
#include <cmath>

#include "gen/sink.h"
#include "gen/world.h"
#include "jejak/domain/date.h"
#include "jejak/projection/format.h"

namespace jejak::gen {

namespace {

Status CheckOptions(const GenOptions& o) {
  if (!domain::IsValidDate(o.today)) {
    return Status::InvalidArgument("today " + std::to_string(o.today) + " is not a valid date");
  }
  const int today_year = static_cast<int>(o.today / 10000);
  if (o.employees < 1 || o.employees > 10'000'000) {
    return Status::InvalidArgument("employees must be 1..10000000, is " +
                                   std::to_string(o.employees));
  }
  if (o.start_year < 1960 || o.start_year >= today_year) {
    return Status::InvalidArgument("start year must be 1960.." + std::to_string(today_year - 1) +
                                   ", is " + std::to_string(o.start_year));
  }
  if (!(o.violation_rate >= 0 && o.violation_rate <= 1)) {
    return Status::InvalidArgument("violation rate must be in 0..1");
  }
  return Status::Ok();
}

}  // namespace

Result<GenSummary> Generate(const GenOptions& options, std::ostream& out,
                            std::vector<AnswerEntry>* answers) {
  JEJAK_RETURN_IF_ERROR(CheckOptions(options));
  World w;
  w.options = options;
  w.first_year = options.start_year;
  w.last_year = static_cast<int>(options.today / 10000);
  w.region = BuildRegion(options.seed, options.employees, w.first_year, w.last_year, &w.ids);
  EventSink sink(options.seed, options.today, &out);
  w.sink = &sink;
  w.violations = ViolationPlan(options.violation_rate, options.cover_every_rule, w.last_year - 7);
  BuildRoster(w);

  std::vector<int32_t> working;  // recruited, not yet separated
  size_t next_recruit = 0;
  for (int year = w.first_year; year <= w.last_year; ++year) {
    sink.SetFloor(Ymd(year, 1, 1));
    // An agency's reference data on its OrgDate: the start, or the
    // creation of its region when later.
    for (const Agency& a : w.region.agencies) {
      if (YearOf(a.OrgDate()) == year) EmitOrg(a, a.OrgDate(), &sink);
    }
    if (year != w.first_year) RateYear(w, year - 1);
    PlanSelections(w, year);
    while (next_recruit < w.employees.size() &&
           YearOf(w.employees[next_recruit].tmt) <= year) {
      working.push_back(static_cast<int32_t>(next_recruit++));
    }
    for (int32_t i : working) SimulateYear(w, i, year);
    working.erase(std::remove_if(working.begin(), working.end(),
                                 [&](int32_t i) { return w.employees[static_cast<size_t>(i)].separated; }),
                  working.end());
    JEJAK_RETURN_IF_ERROR(sink.FlushThrough(year));
  }
  JEJAK_RETURN_IF_ERROR(sink.FlushThrough(w.last_year + 10));

  std::vector<AnswerEntry> key = sink.SortedAnswers();
  GenSummary summary;
  summary.employees = options.employees;
  summary.events = sink.written();
  for (const Selection& s : w.selections) {
    (void)s;
    ++summary.selections;
  }
  summary.violations = key.size();
  if (answers != nullptr) *answers = std::move(key);
  return summary;
}

std::string AnswersToJson(const std::vector<AnswerEntry>& answers) {
  std::string out = "[";
  for (size_t i = 0; i < answers.size(); ++i) {
    const AnswerEntry& a = answers[i];
    out += i == 0 ? "\n  {" : ",\n  {";
    out += "\"rule\": " + projection::JsonString(a.rule);
    out += ", \"stream\": " + projection::JsonString(a.stream);
    out += ", \"eventId\": " + projection::JsonString(a.event_id);
    out += ", \"detail\": " + projection::JsonString(a.detail) + "}";
  }
  out += answers.empty() ? "]\n" : "\n]\n";
  return out;
}

}  // namespace jejak::gen
