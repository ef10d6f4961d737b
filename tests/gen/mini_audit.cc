#include "gen/mini_audit.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"
#include "jejak/projection/rules.h"

namespace jejak::gen::testing {

namespace {

using schema::Payload;

std::string Str(capnp::Text::Reader t) { return std::string(t.cStr(), t.size()); }

struct Sanction {
  uint32_t start;
  uint32_t end;  // 0: open-ended
  uint64_t position;
};

struct Decision {
  uint64_t position;
  uint32_t date;
  std::string event_id;
  bool flagged = false;
};

struct Placement {
  uint32_t date;
  std::string agency, unit;
};

struct Emp {
  schema::EducationLevel education = schema::EducationLevel::UNSPECIFIED;
  int rank = 0;
  uint32_t rank_tmt = 0;
  uint32_t cpns = 0;  // TMT CPNS
  std::map<int, int> predikat;  // year -> PredikatScore (a DP3 score's band where there is one)
  std::set<int> dp3_mismatch;   // years whose predikat on record is off its DP3 score's band
  std::set<int> skp_mismatch;   // likewise for a numeric SKP score
  std::vector<std::pair<schema::ExamKind, uint32_t>> exams;  // kind, passed
  std::vector<Sanction> sanctions;
  std::map<std::string, int> assessed;  // latest assessment: code -> level
  std::set<std::string> declared;        // NIPs this employee declared a relation to
  std::vector<Decision> decisions;
  std::map<uint32_t, bool> functional_from;  // effective date -> holds a functional post
  std::vector<Placement> placements;         // in line order
  std::vector<std::pair<schema::TrainingKind, uint32_t>> leadership;  // kind, completed
  std::string jpt_post;                      // the JPT post held, "" none
};

struct Sel {
  schema::SelectionKind kind = schema::SelectionKind::UNSPECIFIED;
  schema::JabatanLevel level = schema::JabatanLevel::UNSPECIFIED;  // of the post being filled
  std::vector<std::pair<std::string, bool>> members;  // id, internal
  std::vector<schema::JabatanLevel> member_levels;    // of each member's post
  std::set<std::string> registered;
  uint32_t shortlisted = 0;  // the shortlist's date
  std::set<std::pair<std::string, std::string>> recused;  // member, candidate ("" = all)
  std::vector<std::string> shortlist;
  std::map<std::pair<std::string, std::string>, double> scores;  // (member, candidate)
  bool related_scored = false;
};

// A functional post (jenjang of the expertise or skills ladder).
bool Functional(schema::JabatanLevel l) {
  using L = schema::JabatanLevel;
  return l == L::AHLI_PERTAMA || l == L::AHLI_MUDA || l == L::AHLI_MADYA || l == L::AHLI_UTAMA ||
         l == L::PEMULA || l == L::TERAMPIL || l == L::MAHIR || l == L::PENYELIA;
}

constexpr uint32_t kUu5_2014 = 20140115;   // open JPT selection, Art. 116
constexpr uint32_t kPp11_2017 = 20170330;  // leadership training an entry requirement

bool Jpt(schema::JabatanLevel l) {
  using L = schema::JabatanLevel;
  return l == L::JPT_UTAMA || l == L::JPT_MADYA || l == L::JPT_PRATAMA;
}

// PKP, PKA, PKN II, PKN I: leadership trainings, in their schema order.
bool Leadership(schema::TrainingKind k) {
  return k >= schema::TrainingKind::PKP && k <= schema::TrainingKind::PKN_I;
}

bool AllowedTmt(const projection::Rules& rules, uint32_t tmt) {
  const auto* rule = rules.RegularRuleOn(tmt);
  return tmt % 100 == 1 && rule != nullptr && rule->AllowsMonth(static_cast<int>(tmt / 100 % 100));
}

}  // namespace

struct MiniAudit::State {
  projection::Rules rules = projection::Rules::Default();
  std::map<std::string, Emp> emps;  // by stream
  std::map<std::string, Sel> sels;  // by stream
  struct Position {
    schema::JabatanLevel level = schema::JabatanLevel::UNSPECIFIED;
    std::map<std::string, int> standard;  // code -> level
    schema::TrainingKind training = schema::TrainingKind::UNSPECIFIED;
  };
  std::map<std::string, Position> positions;
  // JPT post -> its holder's stream and installation.
  std::map<std::string, std::pair<std::string, uint32_t>> jpt_holders;
  // Every rating, for the units' shares of Sangat Baik.
  struct Rating {
    std::pair<std::string, int> group;  // (evaluator, year)
    std::string agency, unit;           // of the ratee on 31 December
    bool top;                           // Sangat Baik
    uint64_t position;
    std::string stream, event_id;
  };
  std::vector<Rating> ratings;
  // Ratings by (evaluator, year): (first event's stream and id, count, all Sangat Baik).
  struct Group {
    std::string stream, event_id;
    int count = 0;
    bool all_top = true;
    bool all_same = true;
    schema::PredikatKinerja first = schema::PredikatKinerja::UNSPECIFIED;
  };
  std::map<std::pair<std::string, int>, Group> groups;
  std::set<Finding> findings;

  void Find(std::string_view rule, const std::string& stream, const std::string& id) {
    findings.insert({std::string(rule), stream, id});
  }

  bool Related(const std::string& a_nip, const std::string& b_nip) {
    auto declared = [&](const std::string& x, const std::string& y) {
      auto it = emps.find("emp/" + x);
      return it != emps.end() && it->second.declared.count(y) > 0;
    };
    return declared(a_nip, b_nip) || declared(b_nip, a_nip);
  }

  // Evidence about an employee recorded now: any decision recorded before
  // it and effective after the evidence's date relied on a record it did
  // not have.
  void Evidence(Emp& e, const std::string& stream, uint32_t effective) {
    for (Decision& d : e.decisions) {
      if (!d.flagged && d.date > effective) {
        d.flagged = true;
        Find("backdated_evidence", stream, d.event_id);
      }
    }
  }

  void RankPromoted(Emp& e, const std::string& stream, const std::string& id, uint32_t tmt,
                    schema::RankPromoted::Reader r, uint64_t position) {
    // Judged from the rank on record; a decree stating another is a
    // finding of its own.
    const int from = e.rank;
    const int to = domain::GolonganStep(r.getTo().getGolongan());
    if (r.getFrom().which() == schema::Rank::GOLONGAN &&
        domain::GolonganStep(r.getFrom().getGolongan()) != from) {
      Find("rank_record_mismatch", stream, id);
    }
    const int year = static_cast<int>(tmt / 10000);
    // The functional route: 2 years in rank (fewer is
    // functional_promotion_early) and no education cap; the ratings as for a
    // regular promotion.
    const bool functional = r.getKind() == schema::PromotionKind::SELECTIVE_FUNCTIONAL;
    auto cap = domain::RankRangeForEducation(e.education);
    bool in_sanction = false;
    for (const Sanction& s : e.sanctions) {
      if (s.position < position && s.start <= tmt && (s.end == 0 || tmt <= s.end)) in_sanction = true;
    }
    auto score = [&](int y) { auto it = e.predikat.find(y); return it == e.predikat.end() ? 0 : it->second; };
    if (to - from >= 2) {
      Find("skipped_rank", stream, id);
    } else if (in_sanction) {
      Find("promotion_during_sanction", stream, id);
    } else if (!AllowedTmt(rules, tmt)) {
      Find("off_cycle_tmt", stream, id);
    } else if (!functional && cap && to > domain::GolonganStep(cap->max_regular)) {
      Find("above_education_cap", stream, id);
    } else if ((!functional && domain::FullYearsBetween(e.rank_tmt, tmt) < 4) ||
               score(year - 1) < 4 || score(year - 2) < 4) {
      Find("non_merit_promotion", stream, id);
    }
    // A rating counted by the promotion whose predikat contradicts its DP3
    // score: a finding of its own, whatever else.
    if (const auto* rule = rules.RegularRuleOn(tmt); rule != nullptr) {
      for (int y = year - rule->baik_years; y < year; ++y) {
        if (e.dp3_mismatch.count(y)) Find("dp3_predikat_mismatch", stream, id);
        if (e.skp_mismatch.count(y)) Find("skp_score_predikat_mismatch", stream, id);
      }
    }
    // A regular step out of II/d (8) or III/d (12) needs its ujian dinas
    // (or a penyesuaian ijazah) passed by the TMT.
    if (r.getKind() == schema::PromotionKind::REGULAR && (from == 8 || from == 12)) {
      const auto needed = from == 8 ? schema::ExamKind::UJIAN_DINAS_TINGKAT_I
                                    : schema::ExamKind::UJIAN_DINAS_TINGKAT_I_I;
      if (std::none_of(e.exams.begin(), e.exams.end(), [&](const auto& x) {
            return x.second <= tmt &&
                   (x.first == needed || x.first == schema::ExamKind::PENYESUAIAN_IJAZAH);
          })) {
        Find("missing_ujian_dinas", stream, id);
      }
    }
    // A regular promotion of the holder of a functional post on the TMT.
    const auto held = e.functional_from.upper_bound(tmt);
    if (r.getKind() == schema::PromotionKind::REGULAR && held != e.functional_from.begin() &&
        std::prev(held)->second) {
      Find("wrong_promotion_route", stream, id);
    }
    if (functional && domain::FullYearsBetween(e.rank_tmt, tmt) < 2) {
      Find("functional_promotion_early", stream, id);
    }
    e.rank = to;
    e.rank_tmt = tmt;
    e.decisions.push_back({position, tmt, id});
  }

  void PositionPromoted(Emp& e, const std::string& stream, const std::string& id, uint32_t tmt,
                        schema::PositionPromoted::Reader p, uint64_t position) {
    const std::string post = Str(p.getPositionId());
    const auto& [level, standard, training] = positions[post];
    // A JPT holder installed less than 2 years before, still in the post
    // or moved out of it (not promoted elsewhere, not separated).
    if (Jpt(level)) {
      auto h = jpt_holders.find(post);
      if (tmt >= kUu5_2014 && h != jpt_holders.end() && h->second.first != stream &&
          domain::AddYears(h->second.second, 2) > tmt) {
        Find("jpt_replaced_early", stream, id);
      }
    }
    if (!e.jpt_post.empty()) jpt_holders.erase(e.jpt_post);  // promoted elsewhere
    e.jpt_post.clear();
    if (Jpt(level)) {
      jpt_holders[post] = {stream, tmt};
      e.jpt_post = post;
    }
    // The post's leadership training (or a higher one) completed by the TMT.
    if (tmt >= kPp11_2017 && Leadership(training) &&
        std::none_of(e.leadership.begin(), e.leadership.end(), [&](const auto& t) {
          return t.first >= training && t.second <= tmt;
        })) {
      Find("entry_requirements", stream, id);
    }
    if (level == schema::JabatanLevel::ADMINISTRATOR || level == schema::JabatanLevel::PENGAWAS) {
      bool gap = e.assessed.empty();
      for (const auto& [code, required] : standard) {
        auto it = e.assessed.find(code);
        if (it == e.assessed.end() || it->second < required) gap = true;
      }
      if (gap) Find("competency_gap_at_appointment", stream, id);
    }
    e.decisions.push_back({position, tmt, id});
  }

  void Decided(Sel& s, const std::string& stream, const std::string& id, uint32_t date,
               schema::SelectionDecided::Reader d) {
    const std::string appointee = Str(d.getAppointeeNip());
    if (date < s.shortlisted || !s.registered.count(appointee)) {
      Find("selection_sequence", stream, id);
    }
    // An internal member of an open JPT committee (for a JPT pratama post,
    // the generator's only kind) in a post below it.
    if (s.kind == schema::SelectionKind::OPEN_JPT && date >= kUu5_2014 &&
        s.level == schema::JabatanLevel::JPT_PRATAMA) {
      for (size_t m = 0; m < s.members.size(); ++m) {
        if (s.members[m].second && !Jpt(s.member_levels[m]) &&
            s.member_levels[m] != schema::JabatanLevel::AHLI_UTAMA) {
          Find("committee_member_level", stream, id);
        }
      }
    }
    const auto it = std::find(s.shortlist.begin(), s.shortlist.end(), appointee);
    if (it == s.shortlist.end()) {
      Find("appointee_not_shortlisted", stream, id);
    } else {
      // Out-scored (mean of the members' totals) by a shortlisted junior.
      auto mean = [&](const std::string& c) {
        double sum = 0;
        int n = 0;
        for (const auto& [key, total] : s.scores) {
          if (key.second == c) sum += total, ++n;
        }
        return n > 0 ? sum / n : -1.0;
      };
      const Emp& a = emps["emp/" + appointee];
      for (const auto& other : s.shortlist) {
        const Emp& o = emps["emp/" + other];
        if (other != appointee && mean(other) > mean(appointee) &&
            (o.cpns > a.cpns || o.rank < a.rank)) {
          Find("seniority_over_merit", stream, id);
        }
      }
    }
    if (Related(appointee, Str(d.getDecidingOfficialNip()))) {
      Find("ppk_related_to_appointee", stream, id);
    }
    if (s.related_scored) Find("related_committee_member", stream, id);
    if (s.kind == schema::SelectionKind::OPEN_JPT) {
      const size_t n = s.members.size();
      size_t internal = 0;
      for (const auto& m : s.members) internal += m.second ? 1 : 0;
      if (n % 2 == 0 || n < 5 || n > 9 || static_cast<double>(internal) > 0.45 * n) {
        Find("committee_composition", stream, id);
      }
    }
  }
};

MiniAudit::MiniAudit() : s_(std::make_unique<State>()) {}
MiniAudit::~MiniAudit() = default;

void MiniAudit::Add(uint64_t position, schema::EventInput::Reader in) {
  State& s = *s_;
  const std::string stream = Str(in.getStream());
  const std::string id = Str(in.getEventId());
  const uint32_t date = in.getEffectiveDate().getYyyymmdd();
  const auto p = in.getPayload();
  switch (p.which()) {
    case Payload::POSITION_DEFINED: {
      auto d = p.getPositionDefined();
      auto& [level, standard, training] = s.positions[Str(d.getPositionId())];
      level = d.getLevel();
      for (auto c : d.getRequiredCompetencies()) standard[Str(c.getCode())] = c.getLevel();
      training = d.getRequiredTraining();
      break;
    }
    case Payload::RECRUITED: {
      Emp& e = s.emps[stream];
      auto r = p.getRecruited();
      e.education = r.getEducation();
      if (r.getStartingRank().which() == schema::Rank::GOLONGAN) {
        e.rank = domain::GolonganStep(r.getStartingRank().getGolongan());
      }
      e.rank_tmt = date;
      e.cpns = date;
      e.placements.push_back({date, Str(r.getAgency()), Str(r.getUnit())});
      break;
    }
    case Payload::PERFORMANCE_RATED: {
      Emp& e = s.emps[stream];
      auto r = p.getPerformanceRated();
      e.predikat[r.getYear()] = domain::PredikatScore(r.getPredikat());
      if (const uint8_t dp3 = r.getDp3Score(); dp3 != 0) {  // the band: DOMAIN.md
        const int band = dp3 >= 91 ? 5 : dp3 >= 76 ? 4 : dp3 >= 61 ? 3 : dp3 >= 51 ? 2 : 1;
        if (band != e.predikat[r.getYear()]) e.dp3_mismatch.insert(r.getYear());
        e.predikat[r.getYear()] = band;
      }
      if (const double skp = r.getSkpScore(); skp != 0) {  // PP 46/2011's bands
        const int band = skp > 90 ? 5 : skp > 75 ? 4 : skp > 60 ? 3 : skp > 50 ? 2 : 1;
        if (band != e.predikat[r.getYear()]) e.skp_mismatch.insert(r.getYear());
        e.predikat[r.getYear()] = band;
      }
      s.Evidence(e, stream, date);
      // The ratee's unit: the latest placement effective by 31 December
      // (else the first).
      const Placement* at = e.placements.empty() ? nullptr : &e.placements.front();
      for (const Placement& pl : e.placements) {
        if (pl.date <= date && (at->date > date || pl.date >= at->date)) at = &pl;
      }
      s.ratings.push_back({{Str(r.getEvaluatorNip()), r.getYear()},
                           at != nullptr ? at->agency : "", at != nullptr ? at->unit : "",
                           r.getPredikat() == schema::PredikatKinerja::SANGAT_BAIK, position,
                           stream, id});
      auto& g = s.groups[{Str(r.getEvaluatorNip()), r.getYear()}];
      if (g.count++ == 0) {
        g.stream = stream;
        g.event_id = id;
        g.first = r.getPredikat();
      }
      g.all_same = g.all_same && r.getPredikat() == g.first;
      g.all_top = g.all_top && r.getPredikat() == schema::PredikatKinerja::SANGAT_BAIK;
      break;
    }
    case Payload::COMPETENCY_ASSESSED: {
      Emp& e = s.emps[stream];
      e.assessed.clear();
      for (auto c : p.getCompetencyAssessed().getLevels()) e.assessed[Str(c.getCode())] = c.getLevel();
      s.Evidence(e, stream, date);
      break;
    }
    case Payload::SANCTION_IMPOSED: {
      auto r = p.getSanctionImposed();
      s.emps[stream].sanctions.push_back(
          {r.getStart().getYyyymmdd(), r.getEnd().getYyyymmdd(), position});
      break;
    }
    case Payload::SANCTION_LIFTED: {
      for (Sanction& x : s.emps[stream].sanctions) {
        if (x.position == p.getSanctionLifted().getSanctionPosition()) x.end = date;
      }
      break;
    }
    case Payload::RELATIONSHIP_DECLARED:
      if (p.getRelationshipDeclared().hasOtherNip()) {
        s.emps[stream].declared.insert(Str(p.getRelationshipDeclared().getOtherNip()));
      }
      break;
    case Payload::POSITION_ASSIGNED: {
      auto a = p.getPositionAssigned();
      s.emps[stream].functional_from[date] = Functional(a.getLevel());
      s.emps[stream].placements.push_back({date, Str(a.getAgency()), Str(a.getUnit())});
      break;
    }
    case Payload::TRANSFERRED: {
      auto t = p.getTransferred();
      s.emps[stream].functional_from[date] = Functional(t.getLevel());
      s.emps[stream].placements.push_back({date, Str(t.getToAgency()), Str(t.getToUnit())});
      break;
    }
    case Payload::SEPARATED: {
      Emp& e = s.emps[stream];
      if (!e.jpt_post.empty()) s.jpt_holders.erase(e.jpt_post);
      e.jpt_post.clear();
      break;
    }
    case Payload::EXAM_PASSED:
      s.emps[stream].exams.emplace_back(p.getExamPassed().getKind(), date);
      break;
    case Payload::TRAINING_COMPLETED:
      if (Leadership(p.getTrainingCompleted().getKind())) {
        s.emps[stream].leadership.emplace_back(p.getTrainingCompleted().getKind(), date);
      }
      break;
    case Payload::RANK_PROMOTED:
      s.RankPromoted(s.emps[stream], stream, id, date, p.getRankPromoted(), position);
      break;
    case Payload::POSITION_PROMOTED: {
      auto pp = p.getPositionPromoted();
      s.emps[stream].functional_from[date] = false;  // a structural post
      s.emps[stream].placements.push_back({date, Str(pp.getAgency()), Str(pp.getUnit())});
      s.PositionPromoted(s.emps[stream], stream, id, date, pp, position);
      break;
    }
    case Payload::SELECTION_OPENED:
      s.sels[stream].kind = p.getSelectionOpened().getKind();
      s.sels[stream].level = p.getSelectionOpened().getLevel();
      break;
    case Payload::COMMITTEE_APPOINTED:
      for (auto m : p.getCommitteeAppointed().getMembers()) {
        s.sels[stream].members.emplace_back(Str(m.getMemberId()), m.getInternal());
        s.sels[stream].member_levels.push_back(m.getLevel());
      }
      break;
    case Payload::CANDIDATE_REGISTERED:
      s.sels[stream].registered.insert(Str(p.getCandidateRegistered().getNip()));
      break;
    case Payload::MEMBER_RECUSED: {
      auto r = p.getMemberRecused();
      s.sels[stream].recused.emplace(Str(r.getMemberId()), Str(r.getCandidateNip()));
      break;
    }
    case Payload::CANDIDATE_SCORED: {
      Sel& sel = s.sels[stream];
      auto r = p.getCandidateScored();
      const std::string member = Str(r.getMemberId()), cand = Str(r.getCandidateNip());
      if (!sel.recused.count({member, cand}) && !sel.recused.count({member, ""}) &&
          s.Related(member, cand)) {
        sel.related_scored = true;
      }
      sel.scores[{member, cand}] = r.getTotal();
      break;
    }
    case Payload::SHORTLIST_SUBMITTED:
      for (auto n : p.getShortlistSubmitted().getRanked()) s.sels[stream].shortlist.push_back(Str(n));
      s.sels[stream].shortlisted = date;
      break;
    case Payload::SELECTION_DECIDED:
      s.Decided(s.sels[stream], stream, id, date, p.getSelectionDecided());
      break;
    default:
      break;
  }
}

std::set<Finding> MiniAudit::Findings() {
  std::set<Finding> out = s_->findings;
  std::set<std::pair<std::string, int>> flagged;
  for (const auto& [key, g] : s_->groups) {
    if (g.count >= 5 && g.all_top) out.insert({"inflated_evaluator", g.stream, g.event_id});
    if (g.count >= 5 && g.all_same && !g.all_top) {
      out.insert({"uniform_evaluator", g.stream, g.event_id});
    }
    if (g.count >= 5 && g.all_same) flagged.insert(key);
  }
  // Units against the rest of their agency, the flagged evaluators left
  // out: (ratings, Sangat Baik, first rating) per unit-year and agency-year.
  struct Count {
    int n = 0, top = 0;
    const State::Rating* first = nullptr;
  };
  std::map<std::tuple<int, std::string, std::string>, Count> units;
  std::map<std::pair<int, std::string>, Count> agencies;
  for (const State::Rating& r : s_->ratings) {
    if (flagged.count(r.group)) continue;
    for (Count* c : {&units[{r.group.second, r.agency, r.unit}],
                     &agencies[{r.group.second, r.agency}]}) {
      ++c->n;
      c->top += r.top ? 1 : 0;
      if (c->first == nullptr || r.position < c->first->position) c->first = &r;
    }
  }
  for (const auto& [key, u] : units) {
    const Count& a = agencies[{std::get<0>(key), std::get<1>(key)}];
    const int n2 = a.n - u.n, top2 = a.top - u.top;
    if (u.n < 10 || n2 < 10) continue;
    const double p1 = static_cast<double>(u.top) / u.n, p2 = static_cast<double>(top2) / n2;
    const double pooled = static_cast<double>(u.top + top2) / (u.n + n2);
    const double se = std::sqrt(pooled * (1 - pooled) * (1.0 / u.n + 1.0 / n2));
    if (se > 0 && std::fabs(p1 - p2) >= 0.3 && std::fabs(p1 - p2) / se >= 3) {
      out.insert({"unit_rating_outlier", u.first->stream, u.first->event_id});
    }
  }
  return out;
}

}  // namespace jejak::gen::testing
