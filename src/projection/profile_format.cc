// ProfileToText / ProfileToJson: what `jejak profile` prints.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "jejak/domain/date.h"
#include "jejak/projection/format.h"
#include "jejak/projection/names.h"

namespace jejak::projection {

namespace {

using domain::FormatDate;

std::string PlacementText(const ProfileView& v) {
  if (v.placement == nullptr) return "-";
  return v.placement->agency + " / " + (v.placement->unit.empty() ? "-" : v.placement->unit);
}

std::string SeparationText(const ProfileState& s) {
  return EnumName(s.separation.reason) + " on " + FormatDate(s.separation.key.effective);
}

// JSON building: "key": value pairs joined with commas.
class Obj {
 public:
  Obj& Str(const char* k, std::string_view v) { return Raw(k, JsonString(v)); }
  // An integer exactly (a position past 999,999 too, which "%g" rounds);
  // other numbers as "%g" (what `std::ostream << double` writes). Without
  // a stream: building an ostringstream per number dominated the cost of
  // a profile's JSON (GET /v1/employees/{nip}).
  Obj& Num(const char* k, double v) {
    char buf[32];
    char* end = buf;
    if (std::trunc(v) == v && std::fabs(v) < 9007199254740992.0) {  // 2^53
      end = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(v)).ptr;
    } else {
      end = buf + std::snprintf(buf, sizeof buf, "%g", v);
    }
    return Raw(k, std::string_view(buf, static_cast<size_t>(end - buf)));
  }
  Obj& Date(const char* k, uint32_t d) { return d == 0 ? Raw(k, "null") : Str(k, FormatDate(d)); }
  Obj& Bool(const char* k, bool v) { return Raw(k, v ? "true" : "false"); }
  Obj& Raw(const char* k, std::string_view v) {
    if (!out_.empty()) out_ += ',';
    AppendJsonString(k, &out_);
    out_ += ':';
    out_ += v;
    return *this;
  }
  std::string Done() const { return "{" + out_ + "}"; }

 private:
  std::string out_;
};

template <typename T, typename F>
std::string Array(const std::vector<T>& items, F f) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + f(items[i]);
  return out + "]";
}

// Promotion reasons as JSON strings, in English.
std::string Reasons(const std::vector<PromotionReason>& v) {
  return Array(v, [](const PromotionReason& r) { return JsonString(r.Text()); });
}

// "12.5": a score or points as a decree writes them.
std::string Number(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}

struct CreditPointsTotals {
  double total = 0;
  double since_rank = 0;  // since the current rank's TMT
};

CreditPointsTotals CreditPointsOf(const ProfileState& s, const ProfileView& v) {
  return {CreditPointsIn(s, 0, UINT32_MAX),
          v.rank != nullptr ? CreditPointsIn(s, v.rank->key.effective, UINT32_MAX) : 0};
}

}  // namespace

std::string ProfileToText(const ProfileState& s, const ProfileView& v) {
  std::ostringstream o;
  auto row = [&](const char* label, const std::string& value) {
    o << label << std::string(16 - std::string_view(label).size(), ' ') << value << "\n";
  };
  row("NIP", s.nip);
  row("Name", s.name);
  row("Born", FormatDate(s.birth_date) + " (age " + std::to_string(v.age) + "), " + EnumName(s.gender));
  row("Education", EnumName(s.education) + (s.education_major.empty() ? "" : " " + s.education_major));
  row("Status", v.status + ", " + (v.active ? std::string("active") : "separated: " + SeparationText(s)));
  row("Recruited", FormatDate(s.recruited.effective) +
                       (s.confirmed.position != 0 ? ", PNS from " + FormatDate(s.confirmed.effective) : ""));
  if (v.rank != nullptr) {
    row("Rank", RankName(v.rank->rank) + " since " + FormatDate(v.rank->key.effective) + " (" +
                    std::to_string(v.years_in_rank) + " y " + std::to_string(v.months_in_rank) + " m)");
  }
  if (v.placement != nullptr) {
    const std::string name = v.position_name.empty() ? v.placement->position_id : v.position_name;
    row("Position", (name.empty() ? "-" : name) + " (" + EnumName(v.level) + ") since " +
                        FormatDate(v.position_since));
    row("Unit", PlacementText(v) + " since " + FormatDate(v.unit_since));
  }
  std::string comps;
  for (const auto& c : s.competencies) comps += (comps.empty() ? "" : ", ") + c.code + " " + std::to_string(c.level);
  if (s.assessment.key.position != 0) {
    comps += " (assessed " + FormatDate(s.assessment.key.effective) + ", potential " +
             EnumName(s.assessment.potential) + ")";
  }
  row("Competencies", comps.empty() ? "-" : comps);
  std::string gap = "position not defined by its agency";
  if (v.standard_known) {
    gap.clear();
    for (const auto& g : v.gaps) {
      gap += (gap.empty() ? "" : ", ") + g.code + " " + std::to_string(g.actual) + " < " +
             std::to_string(g.required);
    }
    if (gap.empty()) gap = "meets the standard of the position";
  }
  row("Standard gap", gap);
  std::string perf;
  for (const auto& r : s.ratings) {
    perf += (perf.empty() ? "" : ", ") + std::to_string(r.year) + " " + EnumName(r.predikat) +
            (r.dp3_score != 0   ? " (DP3 " + std::to_string(r.dp3_score) + ")"
             : r.skp_score != 0 ? " (SKP " + Number(r.skp_score) + ")"
                                : std::string());
  }
  row("Performance", perf.empty() ? "-" : perf);
  std::string exams;
  for (const auto& e : s.exams) {
    exams += (exams.empty() ? "" : ", ") + EnumName(e.kind) +
             (e.education != schema::EducationLevel::UNSPECIFIED ? " " + EnumName(e.education) : "") +
             " " + FormatDate(e.key.effective);
  }
  row("Exams", exams.empty() ? "-" : exams);
  if (!s.credit_points.empty()) {
    const CreditPointsTotals cp = CreditPointsOf(s, v);
    row("Credit points", Number(cp.total) + " in all, " + Number(cp.since_rank) +
                             " since the rank's TMT (" + std::to_string(s.credit_points.size()) +
                             " awards, the last " +
                             FormatDate(s.credit_points.back().key.effective) + ")");
  }
  std::string jp;
  for (size_t i = 0; i < s.training_jp.size();) {
    const uint16_t year = s.training_jp[i].year;
    std::string kinds;
    uint32_t total = 0;
    for (; i < s.training_jp.size() && s.training_jp[i].year == year; ++i) {
      total += s.training_jp[i].jp;
      kinds += (kinds.empty() ? "" : ", ") + EnumName(s.training_jp[i].kind) + " " +
               std::to_string(s.training_jp[i].jp);
    }
    jp += (jp.empty() ? "" : "; ") + std::to_string(year) + ": " + std::to_string(total) + " (" + kinds + ")";
  }
  row("Training JP", jp.empty() ? "-" : jp);
  std::string lead;
  for (const auto& l : s.leadership) lead += (lead.empty() ? "" : ", ") + EnumName(l.kind) + " " + FormatDate(l.key.effective);
  row("Leadership", lead.empty() ? "-" : lead);
  std::string sanctions;
  for (const auto& sv : v.sanctions) {
    sanctions += (sanctions.empty() ? "" : "; ") + EnumName(sv.fact.kind) + " " + FormatDate(sv.fact.start) + ".." +
                 (sv.fact.end ? FormatDate(sv.fact.end) : std::string("open")) +
                 (sv.active ? " (active)" : sv.lifted_on ? " (lifted " + FormatDate(sv.lifted_on) + ")" : " (ended)");
  }
  row("Sanctions", sanctions.empty() ? "-" : sanctions);
  std::string given, received;
  for (const auto& m : s.mentoring) {
    if (m.mentor_nip == s.nip) given += (given.empty() ? "" : ", ") + m.mentee_nip;
    if (m.mentee_nip == s.nip) received += (received.empty() ? "" : ", ") + m.mentor_nip;
  }
  row("Mentoring", "given to " + (given.empty() ? "-" : given) + "; received from " +
                       (received.empty() ? "-" : received));
  std::string rel;
  for (const auto& r : s.relations) {
    rel += (rel.empty() ? "" : ", ") + EnumName(r.relation) + " " + r.other_name +
           (r.other_nip.empty() ? "" : " (" + r.other_nip + ")");
  }
  row("Relations", rel.empty() ? "-" : rel);
  row("Talent box", v.talent_box == 0 ? "- (performance or potential not known)" : std::to_string(v.talent_box));
  const auto& np = v.next_promotion;
  std::string promo = np.date ? FormatDate(np.date) + " to " + RankName(np.to) + ": " : "";
  if (np.eligible()) {
    promo += "eligible";
  } else {
    promo += "not eligible: ";
    for (size_t i = 0; i < np.blockers.size(); ++i) promo += (i ? "; " : "") + np.blockers[i].Text();
  }
  for (const auto& n : np.notes) promo += " [" + n.Text() + "]";
  row("Next promotion", promo + (np.route == PromotionRoute::kFunctional ? " (functional route)" : ""));
  row("Retirement", v.retirement_date ? FormatDate(v.retirement_date) : "-");
  return o.str();
}

std::string ProfileToJson(const ProfileState& s, const ProfileView& v) {
  Obj o;
  o.Str("nip", s.nip).Str("nik", s.nik).Str("name", s.name).Date("birthDate", s.birth_date);
  o.Str("gender", EnumName(s.gender)).Str("education", EnumName(s.education));
  o.Str("educationMajor", s.education_major).Str("status", v.status).Bool("active", v.active);
  if (!v.active) {
    o.Raw("separation", Obj().Str("reason", EnumName(s.separation.reason))
                            .Date("date", s.separation.key.effective)
                            .Str("note", s.separation.note)
                            .Done());
  }
  o.Date("tmtCpns", s.recruited.effective).Date("tmtPns", s.confirmed.effective);
  if (v.rank != nullptr) {
    o.Raw("rank", Obj().Str("rank", RankName(v.rank->rank))
                      .Date("tmt", v.rank->key.effective)
                      .Num("yearsInRank", v.years_in_rank)
                      .Num("monthsInRank", v.months_in_rank)
                      .Done());
  }
  if (v.placement != nullptr) {
    o.Raw("position", Obj().Str("positionId", v.placement->position_id)
                          .Str("name", v.position_name)
                          .Str("level", EnumName(v.level))
                          .Str("agency", v.placement->agency)
                          .Str("unit", v.placement->unit)
                          .Date("positionSince", v.position_since)
                          .Date("unitSince", v.unit_since)
                          .Done());
  }
  o.Raw("competencies", Array(s.competencies, [](const CompetencyFact& c) {
          return Obj().Str("code", c.code).Str("kind", EnumName(c.kind)).Num("level", c.level)
              .Date("assessed", c.key.effective).Done();
        }));
  if (s.assessment.key.position != 0) {
    o.Raw("potential", Obj().Str("level", EnumName(s.assessment.potential))
                           .Num("score", s.assessment.potential_score)
                           .Date("assessed", s.assessment.key.effective)
                           .Done());
  }
  o.Bool("standardKnown", v.standard_known);
  o.Raw("competencyGap", Array(v.gaps, [](const CompetencyGap& g) {
          return Obj().Str("code", g.code).Num("required", g.required).Num("actual", g.actual).Done();
        }));
  o.Raw("performance", Array(s.ratings, [](const RatingFact& r) {
          Obj x;
          x.Num("year", r.year).Str("predikat", EnumName(r.predikat));
          if (r.dp3_score != 0) x.Num("dp3Score", r.dp3_score);
          if (r.skp_score != 0) x.Num("skpScore", r.skp_score);
          return x.Done();
        }));
  o.Raw("exams", Array(s.exams, [](const ExamFact& e) {
          return Obj().Str("kind", EnumName(e.kind)).Str("certificateNo", e.certificate_no)
              .Str("education", EnumName(e.education)).Date("passed", e.key.effective).Done();
        }));
  {
    const CreditPointsTotals cp = CreditPointsOf(s, v);
    o.Raw("creditPoints", Obj().Num("total", cp.total).Num("sinceRank", cp.since_rank)
                              .Raw("awards", Array(s.credit_points, [](const CreditPointsFact& f) {
                                     return Obj().Num("points", f.points)
                                         .Date("periodStart", f.period_start)
                                         .Date("periodEnd", f.period_end)
                                         .Str("positionId", f.position_id)
                                         .Date("awarded", f.key.effective).Done();
                                   }))
                              .Done());
  }
  o.Raw("trainingJp", Array(s.training_jp, [](const TrainingJp& t) {
          return Obj().Num("year", t.year).Str("kind", EnumName(t.kind)).Num("jp", t.jp).Num("count", t.count).Done();
        }));
  o.Raw("leadershipTrainings", Array(s.leadership, [](const LeadershipTraining& l) {
          return Obj().Str("kind", EnumName(l.kind)).Str("name", l.name).Date("completed", l.key.effective).Done();
        }));
  o.Raw("sanctions", Array(v.sanctions, [](const SanctionView& sv) {
          return Obj().Str("kind", EnumName(sv.fact.kind)).Str("level", EnumName(sv.fact.level))
              .Date("start", sv.fact.start).Date("end", sv.fact.end).Date("lifted", sv.lifted_on)
              .Bool("active", sv.active).Num("position", static_cast<double>(sv.fact.key.position)).Done();
        }));
  o.Raw("mentoring", Array(s.mentoring, [&](const MentoringFact& m) {
          return Obj().Str("role", m.mentor_nip == s.nip ? "mentor" : "mentee")
              .Str("mentorNip", m.mentor_nip).Str("menteeNip", m.mentee_nip)
              .Date("start", m.period_start).Date("end", m.period_end).Str("topic", m.topic).Done();
        }));
  o.Raw("relations", Array(s.relations, [](const RelationFact& r) {
          return Obj().Str("relation", EnumName(r.relation)).Str("otherNip", r.other_nip)
              .Str("otherName", r.other_name).Done();
        }));
  if (v.talent_box != 0) o.Num("talentBox", v.talent_box);
  const auto& np = v.next_promotion;
  o.Raw("nextPromotion", Obj().Date("date", np.date).Str("to", RankName(np.to))
                             .Str("route", np.route == PromotionRoute::kFunctional ? "functional" : "regular")
                             .Bool("eligible", np.eligible()).Raw("blockers", Reasons(np.blockers))
                             .Raw("notes", Reasons(np.notes)).Done());
  o.Date("retirementDate", v.retirement_date).Date("asOf", v.as_of);
  return o.Done() + "\n";
}

ProfileView ViewOfRecord(const ProfileRecord& rec, uint32_t reference, bool reconstructed,
                         const Rules& rules) {
  const PositionVersion* def = rec.position ? rec.position->InForce(reference) : nullptr;
  if (def == nullptr && rec.position && !reconstructed) def = rec.position->InForce(UINT32_MAX);
  return Derive(rec.state, def, reference, rules);
}

std::string SummaryToText(const ProfileSummary& s, uint16_t jp_year) {
  std::ostringstream o;
  auto row = [&](const std::string& label, const std::string& value) {
    o << label << std::string(label.size() < 16 ? 16 - label.size() : 1, ' ') << value << "\n";
  };
  row("NIP", s.nip);
  row("Name", s.name);
  row("Status", StatusLabel(s.employment_type, s.confirmed) + ", " +
                    (s.separated ? "separated: " + EnumName(s.separation_reason) + " on " +
                                       FormatDate(s.separation_date)
                                 : std::string("active")));
  if (s.has_rank) row("Rank", RankName(s.rank) + " since " + FormatDate(s.rank_tmt));
  if (s.placed) {
    const std::string name = s.position_name.empty() ? s.position_id : s.position_name;
    row("Position", (name.empty() ? "-" : name) + " (" + EnumName(s.level) + ") since " +
                        FormatDate(s.position_tmt));
    row("Unit", s.agency + " / " + (s.unit.empty() ? "-" : s.unit));
  }
  row("Predikat", s.rating_year != 0
                      ? EnumName(s.predikat) + " (" + std::to_string(s.rating_year) + ")"
                      : "-");
  row("JP " + std::to_string(jp_year), std::to_string(s.JpInYear(jp_year)));
  return o.str();
}

std::string SummaryToJson(const ProfileSummary& s) {
  Obj o;
  o.Str("nip", s.nip).Str("name", s.name).Str("employmentType", EnumName(s.employment_type));
  o.Str("status", StatusLabel(s.employment_type, s.confirmed)).Bool("active", !s.separated);
  if (s.separated) {
    o.Raw("separation",
          Obj().Str("reason", EnumName(s.separation_reason)).Date("date", s.separation_date).Done());
  }
  o.Date("birthDate", s.birth_date).Date("tmtCpns", s.recruited);
  if (s.has_rank) o.Raw("rank", Obj().Str("rank", RankName(s.rank)).Date("tmt", s.rank_tmt).Done());
  if (s.placed) {
    o.Raw("position", Obj().Str("positionId", s.position_id)
                          .Str("name", s.position_name)
                          .Str("level", EnumName(s.level))
                          .Str("agency", s.agency)
                          .Str("unit", s.unit)
                          .Date("positionSince", s.position_tmt)
                          .Done());
  }
  if (s.rating_year != 0) {
    o.Raw("latestRating", Obj().Num("year", s.rating_year).Str("predikat", EnumName(s.predikat)).Done());
  }
  o.Raw("jpByYear", Array(s.jp_by_year, [](const ProfileSummary::YearJp& y) {
          return Obj().Num("year", y.year).Num("jp", y.jp).Done();
        }));
  o.Num("lastPosition", s.last_position).Num("knownPosition", s.known_position);
  return o.Done() + "\n";
}

}  // namespace jejak::projection
