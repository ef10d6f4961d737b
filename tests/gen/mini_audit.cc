#include "gen/mini_audit.h"

#include <algorithm>

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

struct Emp {
  schema::EducationLevel education = schema::EducationLevel::UNSPECIFIED;
  int rank = 0;
  uint32_t rank_tmt = 0;
  uint32_t cpns = 0;  // TMT CPNS
  std::map<int, int> predikat;  // year -> PredikatScore (a DP3 score's band where there is one)
  std::set<int> dp3_mismatch;   // years whose predikat on record is off its DP3 score's band
  std::vector<Sanction> sanctions;
  std::map<std::string, int> assessed;  // latest assessment: code -> level
  std::set<std::string> declared;        // NIPs this employee declared a relation to
  std::vector<Decision> decisions;
  std::map<uint32_t, bool> functional_from;  // effective date -> holds a functional post
};

struct Sel {
  schema::SelectionKind kind = schema::SelectionKind::UNSPECIFIED;
  std::vector<std::pair<std::string, bool>> members;  // id, internal
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

bool AllowedTmt(const projection::Rules& rules, uint32_t tmt) {
  const auto* rule = rules.RegularRuleOn(tmt);
  return tmt % 100 == 1 && rule != nullptr && rule->AllowsMonth(static_cast<int>(tmt / 100 % 100));
}

}  // namespace

struct MiniAudit::State {
  projection::Rules rules = projection::Rules::Default();
  std::map<std::string, Emp> emps;  // by stream
  std::map<std::string, Sel> sels;  // by stream
  std::map<std::string, std::pair<schema::JabatanLevel, std::map<std::string, int>>> positions;
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
    const auto& [level, standard] = positions[Str(p.getPositionId())];
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

  void Decided(Sel& s, const std::string& stream, const std::string& id,
               schema::SelectionDecided::Reader d) {
    const std::string appointee = Str(d.getAppointeeNip());
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
      auto& [level, standard] = s.positions[Str(d.getPositionId())];
      level = d.getLevel();
      for (auto c : d.getRequiredCompetencies()) standard[Str(c.getCode())] = c.getLevel();
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
      s.Evidence(e, stream, date);
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
    case Payload::POSITION_ASSIGNED:
      s.emps[stream].functional_from[date] =
          Functional(p.getPositionAssigned().getLevel());
      break;
    case Payload::TRANSFERRED:
      s.emps[stream].functional_from[date] =
          Functional(p.getTransferred().getLevel());
      break;
    case Payload::RANK_PROMOTED:
      s.RankPromoted(s.emps[stream], stream, id, date, p.getRankPromoted(), position);
      break;
    case Payload::POSITION_PROMOTED:
      s.emps[stream].functional_from[date] = false;  // a structural post
      s.PositionPromoted(s.emps[stream], stream, id, date, p.getPositionPromoted(), position);
      break;
    case Payload::SELECTION_OPENED: s.sels[stream].kind = p.getSelectionOpened().getKind(); break;
    case Payload::COMMITTEE_APPOINTED:
      for (auto m : p.getCommitteeAppointed().getMembers()) {
        s.sels[stream].members.emplace_back(Str(m.getMemberId()), m.getInternal());
      }
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
      break;
    case Payload::SELECTION_DECIDED:
      s.Decided(s.sels[stream], stream, id, p.getSelectionDecided());
      break;
    default:
      break;
  }
}

std::set<Finding> MiniAudit::Findings() {
  std::set<Finding> out = s_->findings;
  for (const auto& [key, g] : s_->groups) {
    if (g.count >= 5 && g.all_top) out.insert({"inflated_evaluator", g.stream, g.event_id});
    if (g.count >= 5 && g.all_same && !g.all_top) {
      out.insert({"uniform_evaluator", g.stream, g.event_id});
    }
  }
  return out;
}

}  // namespace jejak::gen::testing
