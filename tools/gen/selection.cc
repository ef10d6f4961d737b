// Filling vacant structural posts: open JPT selections (from 2014) and
// promotion boards, each a sel/ stream from opening to decision, with the
// candidates' assessments on their own streams and the winner's
// appointment queued for the career simulation. Injects the selection
// rules' violations, and now and then replaces a JPT holder installed the
// year before (jpt_replaced_early).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gen/career_events.h"
#include "gen/envelope.h"
#include "gen/world.h"
#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"

namespace jejak::gen {

namespace {

using schema::JabatanLevel;
using SV = std::string_view;

constexpr int kOpenSelectionYear = 2014;  // UU 5/2014: open selection for JPT
constexpr uint32_t kPp11_2017 = 20170330;  // PP 11/2017: the leadership training an entry
                                           // requirement of a structural post

struct Criterion {
  SV name;
  double weight;
};
constexpr Criterion kJptCriteria[] = {{"rekam jejak", 0.2},
                                      {"kompetensi manajerial", 0.3},
                                      {"makalah", 0.2},
                                      {"wawancara", 0.3}};
constexpr Criterion kBoardCriteria[] = {
    {"rekam jejak", 0.3}, {"kompetensi", 0.4}, {"wawancara", 0.3}};

struct Member {
  std::string id;
  std::string name;
  bool internal = false;
  int32_t employee = -1;
  JabatanLevel level = JabatanLevel::UNSPECIFIED;
};

double Round2(double v) { return std::round(v * 100.0) / 100.0; }

// Related as the audit counts it (src/audit/kinship.h): a direct tie, or
// two ties through a spouse (in-laws).
bool Related(const std::vector<Employee>& all, const Employee& a, int32_t b) {
  for (const Kin& k : a.kin) {
    if (k.other == b) return true;
  }
  for (const Kin& k : a.kin) {
    if (k.other < 0) continue;
    for (const Kin& k2 : all[static_cast<size_t>(k.other)].kin) {
      if (k2.other == b && (k.relation == schema::Relation::SPOUSE ||
                            k2.relation == schema::Relation::SPOUSE)) {
        return true;
      }
    }
  }
  return false;
}

class SelectionPlanner {
 public:
  SelectionPlanner(World& w, int year) : w_(w), year_(year) {}

  void Run() {
    IndexWorkforce();
    for (size_t ai = 0; ai < w_.region.agencies.size(); ++ai) {
      Agency& a = w_.region.agencies[ai];
      if (YearOf(a.OrgDate()) >= year_) continue;  // staffed from its creation on
      for (size_t p = 0; p < a.posts.size(); ++p) {
        Post& post = a.posts[p];
        if (post.selection_running) continue;
        const bool replacing = post.holder >= 0;
        if (replacing && !ReplaceEarly(post, ai * 100000 + p)) continue;
        Rng rng = Rng::Stream(w_.options.seed, 0x5e1000 + static_cast<uint64_t>(year_),
                              ai * 100000 + p);
        // Else left to an acting official (Plt.) for now.
        if (!rng.Chance(0.85) && !replacing) continue;
        Plan(rng, static_cast<uint8_t>(ai), static_cast<int32_t>(p));
      }
    }
  }

 private:
  // Active, confirmed PNS per agency, by the kind of post they hold.
  void IndexWorkforce() {
    const size_t n = w_.region.agencies.size();
    staff_.assign(n, {});
    pengawas_.assign(n, {});
    senior_.assign(n, {});
    jpt_.assign(n, {});
    for (size_t i = 0; i < w_.employees.size(); ++i) {
      const Employee& e = w_.employees[i];
      if (e.tmt > Ymd(year_, 1, 1)) break;
      if (!e.active || e.pppk || e.confirm == 0 || e.confirm > Ymd(year_, 1, 1)) continue;
      const JabatanLevel l = w_.Level(e);
      const auto idx = static_cast<int32_t>(i);
      if (l == JabatanLevel::JPT_PRATAMA) {
        jpt_[e.agency].push_back(idx);
      } else if (l == JabatanLevel::ADMINISTRATOR || l == JabatanLevel::AHLI_MADYA) {
        senior_[e.agency].push_back(idx);
      } else if (l == JabatanLevel::PENGAWAS) {
        pengawas_[e.agency].push_back(idx);
      } else {
        staff_[e.agency].push_back(idx);
      }
    }
  }

  // Whether the holder of `post` is replaced now (a violation drawn on
  // stream `key`): a JPT post under UU 5/2014 whose holder was installed
  // the year before, so that any TMT this year is within 2 years, and who
  // stays in service and out of other decisions this year.
  bool ReplaceEarly(const Post& post, uint64_t key) {
    if (post.level != JabatanLevel::JPT_PRATAMA || year_ < kOpenSelectionYear) return false;
    const Employee& h = w_.employees[static_cast<size_t>(post.holder)];
    if (YearOf(post.holder_since) != year_ - 1 || h.busy_year == year_ ||
        w_.EarliestLeave(h) <= Ymd(year_ + 2, 1, 1)) {
      return false;
    }
    Rng rng = Rng::Stream(w_.options.seed, 0x7e9100 + static_cast<uint64_t>(year_), key);
    static constexpr Rule kReplace[] = {Rule::kJptReplacedEarly};
    return w_.violations.Choose(rng, kReplace, year_).has_value();
  }

  // Whether `e` may stand for `post`, decided on `decision` by `official`
  // (whom a lawful appointee is not related to).
  bool Eligible(const Employee& e, int32_t idx, const Post& post, uint32_t decision,
                const std::string& official) const {
    (void)idx;
    if (e.busy_year == year_ || !e.active) return false;
    if (std::find(e.official_kin.begin(), e.official_kin.end(), official) !=
        e.official_kin.end()) {
      return false;
    }
    if (!World::RatingsOk(e, year_)) return false;
    if (World::SanctionOverlaps(e, Ymd(year_ - 1, 1, 1), Ymd(year_, 12, 31))) return false;
    if (w_.EarliestLeave(e) <= Ymd(year_ + 2, 1, 1)) return false;
    if (e.education < post.min_education) return false;
    if (e.rank < domain::GolonganStep(post.min_rank) ||
        e.rank > domain::GolonganStep(post.max_rank)) {
      return false;
    }
    const JabatanLevel l = w_.Level(e);
    switch (post.level) {
      case JabatanLevel::PENGAWAS:
        return e.post < 0 && domain::FullYearsBetween(e.tmt, decision) >= 4;
      case JabatanLevel::ADMINISTRATOR:
        return l == JabatanLevel::PENGAWAS &&
               domain::FullYearsBetween(e.position_since, decision) >= 3;
      default:
        return (l == JabatanLevel::ADMINISTRATOR || l == JabatanLevel::AHLI_MADYA) &&
               domain::FullYearsBetween(e.position_since, decision) >= 2 &&
               domain::FullYearsBetween(e.birth, decision) <= 56;
    }
  }

  // Up to `want` eligible candidates drawn from `pools`.
  std::vector<int32_t> Candidates(Rng& rng, const Post& post, uint32_t decision,
                                  const std::string& official,
                                  std::initializer_list<const std::vector<int32_t>*> pools,
                                  int want) {
    std::vector<int32_t> out;
    for (const auto* pool : pools) {
      if (pool->empty()) continue;
      for (int tries = 0; tries < 60 && static_cast<int>(out.size()) < want; ++tries) {
        const int32_t i = (*pool)[rng.Below(static_cast<uint32_t>(pool->size()))];
        if (std::find(out.begin(), out.end(), i) != out.end()) continue;
        if (Eligible(w_.employees[static_cast<size_t>(i)], i, post, decision, official)) {
          out.push_back(i);
        }
      }
    }
    return out;
  }

  std::string ExternalName(Rng& rng, const Agency& a, int k) {
    static constexpr SV kPlaces[] = {"Universitas Andalas", "Universitas Sumatera Utara",
                                     "Universitas Bangka Belitung", "Universitas Negeri Padang",
                                     "Universitas Negeri Medan", "Kantor Regional BKN"};
    const auto g = rng.Chance(0.7) ? schema::Gender::MALE : schema::Gender::FEMALE;
    const Major& major = PickMajor(rng, static_cast<int>(rng.Below(static_cast<uint32_t>(MajorFamilies()))),
                                    schema::EducationLevel::S3);
    std::string name = PersonName(rng, a.PickEthnicity(rng), g, schema::EducationLevel::S3, major, 1995);
    if (k % 2 == 0 && name.rfind("Dr. ", 0) == 0) name = "Prof. " + name;
    return name + " (" + std::string(kPlaces[rng.Below(std::size(kPlaces))]) + ")";
  }

  void Plan(Rng& rng, uint8_t ai, int32_t post_index) {
    Agency& a = w_.region.agencies[ai];
    Post& post = a.posts[static_cast<size_t>(post_index)];
    const bool jpt = post.level == JabatanLevel::JPT_PRATAMA;
    const bool open = jpt && year_ >= kOpenSelectionYear;
    const bool board_rule = post.level == JabatanLevel::ADMINISTRATOR ||
                            post.level == JabatanLevel::PENGAWAS;
    const int32_t replaced = post.holder;  // >= 0: a holder replaced early (ReplaceEarly)

    // Timeline.
    const uint32_t opened = RandomDate(rng, Ymd(year_, 2, 15), Ymd(year_, 5, 31));
    const uint32_t committee = AddDays(opened, rng.Range(5, 12));
    const uint32_t registered = AddDays(committee, rng.Range(10, 25));
    const uint32_t assessed = AddDays(registered, rng.Range(4, 10));
    const uint32_t assessed_rec_max = AddDays(assessed, 8);
    const uint32_t scored = AddDays(assessed_rec_max, rng.Range(3, 10));
    const uint32_t shortlisted = AddDays(scored, rng.Range(2, 5));
    const uint32_t decided = AddDays(shortlisted, rng.Range(3, 14));
    const uint32_t tmt = AddDays(decided, rng.Range(7, 30));

    // Candidates.
    const Official& ppk = a.PpkOn(decided);
    std::vector<int32_t> cands;
    const int want = open ? rng.Range(4, 7) : rng.Range(3, 6);
    if (post.level == JabatanLevel::PENGAWAS) {
      cands = Candidates(rng, post, decided, ppk.nip, {&staff_[ai]}, want);
    } else if (post.level == JabatanLevel::ADMINISTRATOR) {
      cands = Candidates(rng, post, decided, ppk.nip, {&pengawas_[ai]}, want);
    } else {
      const size_t other = (ai + 1 + rng.Below(static_cast<uint32_t>(
                                         std::max<size_t>(1, w_.region.agencies.size() - 1)))) %
                           w_.region.agencies.size();
      cands = Candidates(rng, post, decided, ppk.nip, {&senior_[ai]}, want - (open ? 1 : 0));
      if (open && other != ai) {
        auto more = Candidates(rng, post, decided, ppk.nip, {&senior_[other]}, 1);
        cands.insert(cands.end(), more.begin(), more.end());
      }
    }
    if (cands.size() < 3) return;

    // Committee.
    std::vector<Member> members;
    const int size = open ? (rng.Chance(0.5) ? 5 : rng.Chance(0.7) ? 7 : 9) : (rng.Chance(0.6) ? 3 : 5);
    std::vector<int32_t> seniors;
    for (int32_t j : jpt_[ai]) {
      if (j != replaced) seniors.push_back(j);
    }
    if (post.level == JabatanLevel::PENGAWAS) {
      for (int32_t j : senior_[ai]) {
        if (w_.Level(w_.employees[static_cast<size_t>(j)]) == JabatanLevel::ADMINISTRATOR) {
          seniors.push_back(j);
        }
      }
    }
    // Fisher-Yates with our own generator, for a deterministic order.
    for (size_t k = seniors.size(); k > 1; --k) std::swap(seniors[k - 1], seniors[rng.Below(static_cast<uint32_t>(k))]);
    const int max_internal = open ? static_cast<int>(std::floor(0.45 * size)) : size;
    int internal = std::min<int>(static_cast<int>(seniors.size()),
                                 open ? rng.Range(1, max_internal) : max_internal);

    // An administrator of the agency (not a candidate) who could sit on
    // an open JPT committee below the post's level.
    std::vector<int32_t> lower;
    for (int32_t j : senior_[ai]) {
      if (w_.Level(w_.employees[static_cast<size_t>(j)]) == JabatanLevel::ADMINISTRATOR &&
          std::find(cands.begin(), cands.end(), j) == cands.end()) {
        lower.push_back(j);
      }
    }

    // Which rule, if any, this selection breaks: the rules with the
    // fewest opportunities first, so that covering every rule (violations.h)
    // takes those first.
    std::vector<Rule> applicable;
    if (open) applicable.push_back(Rule::kCommitteeComposition);
    if (open && !lower.empty()) applicable.push_back(Rule::kCommitteeMemberLevel);
    if (board_rule) applicable.push_back(Rule::kCompetencyGap);
    if (post.training != schema::TrainingKind::UNSPECIFIED && tmt >= kPp11_2017) {
      applicable.push_back(Rule::kEntryRequirements);
    }
    if (cands.size() > 3) applicable.push_back(Rule::kAppointeeNotShortlisted);
    if (internal > 0) applicable.push_back(Rule::kRelatedCommitteeMember);
    for (Rule r : {Rule::kSelectionSequence, Rule::kPpkRelatedToAppointee,
                   Rule::kSeniorityOverMerit, Rule::kBackdatedEvidence}) {
      applicable.push_back(r);
    }
    // kCount: none. (A plain value: GCC 12 warns falsely about an
    // optional<Rule> at -O3.)
    Rule rule = replaced >= 0 ? Rule::kJptReplacedEarly
                              : w_.violations.Choose(rng, applicable, year_).value_or(Rule::kCount);
    int committee_size = size;
    if (rule == Rule::kCommitteeComposition) {
      if (static_cast<int>(seniors.size()) >= 3 && rng.Chance(0.5)) {
        committee_size = 5;
        internal = 3;  // 60% internal
      } else {
        committee_size = size + 1;  // even
      }
    }
    if (rule == Rule::kCommitteeMemberLevel) {
      // The last internal seat (or the only one) goes to an administrator.
      const int32_t j = lower[rng.Below(static_cast<uint32_t>(lower.size()))];
      internal = std::max(internal, 1);
      seniors.insert(seniors.begin() + (internal - 1), j);
    }
    for (int k = 0; k < internal; ++k) {
      const Employee& m = w_.employees[static_cast<size_t>(seniors[static_cast<size_t>(k)])];
      members.push_back({m.nip, m.name, true, seniors[static_cast<size_t>(k)], w_.Level(m)});
    }
    const std::string sel_id = a.code + "-" + std::to_string(year_) + "-" +
                               std::to_string(post_index);
    for (int k = static_cast<int>(members.size()); k < committee_size; ++k) {
      members.push_back({"ext-" + sel_id + "-" + std::to_string(k + 1), ExternalName(rng, a, k),
                         false, -1, JabatanLevel::UNSPECIFIED});
    }

    // Natural recusals: a member related to a candidate does not score them.
    std::vector<std::pair<size_t, size_t>> recused;  // (member, candidate)
    for (size_t m = 0; m < members.size(); ++m) {
      if (members[m].employee < 0) continue;
      const Employee& me = w_.employees[static_cast<size_t>(members[m].employee)];
      for (size_t c = 0; c < cands.size(); ++c) {
        if (Related(w_.employees, me, cands[c])) recused.emplace_back(m, c);
      }
    }
    auto is_recused = [&](size_t m, size_t c) {
      return std::find(recused.begin(), recused.end(), std::make_pair(m, c)) != recused.end();
    };

    // Scores: every member who did not recuse scores every candidate.
    std::span<const Criterion> criteria =
        open ? std::span<const Criterion>(kJptCriteria) : std::span<const Criterion>(kBoardCriteria);
    struct Score {
      size_t member, candidate;
      std::vector<double> values;
      double total;
    };
    std::vector<Score> scores;
    std::vector<double> sum(cands.size(), 0.0);
    std::vector<int> count(cands.size(), 0);
    for (size_t m = 0; m < members.size(); ++m) {
      for (size_t c = 0; c < cands.size(); ++c) {
        if (is_recused(m, c)) continue;
        const double base = 58 + 36 * w_.employees[static_cast<size_t>(cands[c])].talent;
        Score s{m, c, {}, 0.0};
        for (const Criterion& cr : criteria) {
          const double v = std::clamp(std::round((base + 5 * rng.Gauss()) * 2) / 2, 0.0, 100.0);
          s.values.push_back(v);
          s.total += v * cr.weight;
        }
        s.total = Round2(s.total);
        sum[c] += s.total;
        ++count[c];
        scores.push_back(std::move(s));
      }
    }
    std::vector<size_t> order(cands.size());
    for (size_t c = 0; c < order.size(); ++c) order[c] = c;
    auto mean = [&](size_t c) { return count[c] > 0 ? sum[c] / count[c] : 0.0; };
    std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
      return mean(x) != mean(y) ? mean(x) > mean(y) : x < y;
    });
    const std::vector<size_t> shortlist(order.begin(), order.begin() + 3);

    // The decision.
    size_t winner = shortlist[rng.Chance(0.8) ? 0 : 1];
    std::string detail;
    std::vector<Levels> levels(cands.size());
    int gap = -1;
    auto tmt_of = [&](size_t c) { return w_.employees[static_cast<size_t>(cands[c])].tmt; };
    auto rank_of = [&](size_t c) { return w_.employees[static_cast<size_t>(cands[c])].rank; };
    if (rule == Rule::kSeniorityOverMerit) {
      // The most senior of the shortlist's second and third whom a better-
      // scored shortlisted candidate with less service ranks above.
      size_t pick = cands.size();
      for (size_t k = 1; k < 3; ++k) {
        const size_t w = shortlist[k];
        for (size_t j = 0; j < k; ++j) {
          if (tmt_of(shortlist[j]) > tmt_of(w) && mean(shortlist[j]) > mean(w) &&
              (pick == cands.size() || tmt_of(w) < tmt_of(pick))) {
            pick = w;
          }
        }
      }
      if (pick == cands.size()) {
        rule = Rule::kCount;  // no junior out-scored a senior here
      } else {
        winner = pick;
      }
    }
    if (rule != Rule::kSeniorityOverMerit && winner == shortlist[1] &&
        !(tmt_of(shortlist[0]) <= tmt_of(shortlist[1]) &&
          rank_of(shortlist[0]) >= rank_of(shortlist[1]) + 2)) {
      // The second is picked lawfully only over a first who is clearly
      // senior (ranks may still move by one step before the decision):
      // otherwise it is a seniority pick (seniority_over_merit).
      winner = shortlist[0];
    }
    if (rule == Rule::kCompetencyGap || rule == Rule::kRelatedCommitteeMember ||
               rule == Rule::kPpkRelatedToAppointee) {
      winner = shortlist[0];
    }
    if (rule == Rule::kAppointeeNotShortlisted) winner = order[3];  // the best outside it
    for (size_t c = 0; c < cands.size(); ++c) {
      const float talent = w_.employees[static_cast<size_t>(cands[c])].talent;
      if (c != winner) {
        levels[c] = DrawLevels(rng, post.standard, talent);
      } else if (rule == Rule::kCompetencyGap) {
        levels[c] = GapLevels(rng, post.standard, talent, &gap);
      } else {
        levels[c] = MeetingLevels(rng, post.standard, talent);
      }
    }
    const int32_t appointee = cands[winner];
    Employee& we = w_.employees[static_cast<size_t>(appointee)];
    if (rule == Rule::kEntryRequirements && we.leadership >= post.training) {
      rule = Rule::kCount;  // trained for a post as high already
    }

    // The related member (injected): an internal member and the appointee
    // who are not related yet.
    size_t related_member = members.size();
    if (rule == Rule::kRelatedCommitteeMember) {
      for (size_t m = 0; m < members.size(); ++m) {
        if (members[m].employee >= 0 && !Related(w_.employees, we, members[m].employee)) {
          related_member = m;
          break;
        }
      }
      if (related_member == members.size()) rule = Rule::kCount;
    }

    // ---- events, in time order.
    Selection sel;
    sel.id = sel_id;
    sel.agency = ai;
    sel.post = post_index;
    sel.winner = appointee;
    sel.decided = decided;
    sel.decided_rec = decided;
    sel.tmt = tmt;
    sel.promoted_rec = AddDays(tmt, rng.Range(0, 7));
    const std::string stream = "sel/" + sel_id;
    const std::string unit_id = a.units[static_cast<size_t>(post.unit)].id;
    const std::string technical =
        a.tops[static_cast<size_t>(a.units[static_cast<size_t>(post.unit)].top)].technical;
    auto begin = [&](uint32_t date, uint32_t recorded = 0) {
      auto in = w_.sink->Begin(stream, date, recorded != 0 ? recorded : date);
      SetActor(in, a.code + (open ? ".pansel" : ".tpk"),
               open ? "sekretariat panitia seleksi" : "sekretariat tim penilai kinerja", a.code);
      return in;
    };
    char announcement[96];
    std::snprintf(announcement, sizeof announcement, "%s/%s/%d",
                  open ? "PENG-PANSEL-JPT" : "PENG-TPK", sel_id.c_str(), year_);
    {
      auto in = begin(opened);
      SetSource(in, announcement, ppk.name, opened);
      auto p = in.initPayload().initSelectionOpened();
      p.setPositionId(post.id);
      p.setPositionName(post.name);
      p.setLevel(post.level);
      p.setAgency(a.code);
      p.setKind(open ? schema::SelectionKind::OPEN_JPT : schema::SelectionKind::PROMOTION_BOARD);
      p.setAnnouncement(announcement);
      w_.sink->Commit();
    }
    const std::string committee_decree = DecreeNumber(&a, DecreeKind::kSelection, committee);
    if (rule == Rule::kRelatedCommitteeMember) {
      // Declared before the committee sat, so it was known.
      const Member& m = members[related_member];
      CareerEvents(w_, appointee)
          .Declare(AddDays(opened, 1), AddDays(opened, rng.Range(1, 4)), m.id, m.name,
                   schema::Relation::COUSIN);
      we.kin.push_back({m.employee, schema::Relation::COUSIN});
      w_.employees[static_cast<size_t>(m.employee)].kin.push_back({appointee, schema::Relation::COUSIN});
      detail = "committee member " + m.id + " (" + m.name + ") is a cousin of candidate " +
               we.nip + " and scored without recusing";
    }
    {
      auto in = begin(committee);
      SetSource(in, committee_decree, ppk.name, committee);
      auto p = in.initPayload().initCommitteeAppointed();
      auto list = p.initMembers(static_cast<unsigned>(members.size()));
      for (size_t m = 0; m < members.size(); ++m) {
        auto b = list[static_cast<unsigned>(m)];
        b.setMemberId(members[m].id);
        b.setName(members[m].name);
        b.setInternal(members[m].internal);
        b.setRole(m == 0   ? schema::CommitteeRole::CHAIR
                  : m == 1 ? schema::CommitteeRole::SECRETARY
                           : schema::CommitteeRole::MEMBER);
        b.setLevel(members[m].level);
      }
      p.setPpkNip(ppk.nip);
      w_.sink->Commit();
    }
    for (size_t c = 0; c < cands.size(); ++c) {
      const Employee& ce = w_.employees[static_cast<size_t>(cands[c])];
      auto in = begin(AddDays(registered, -static_cast<int>(rng.Below(5))));
      SetSource(in, announcement, ppk.name, registered);
      auto p = in.initPayload().initCandidateRegistered();
      p.setNip(ce.nip);
      p.setName(ce.name);
      w_.sink->Commit();
    }
    // Assessments of the candidates, on their own streams; nothing else
    // may be decided about them while these are being recorded.
    for (size_t c = 0; c < cands.size(); ++c) {
      Employee& ce = w_.employees[static_cast<size_t>(cands[c])];
      ce.busy_year = year_;
      const uint32_t on = AddDays(assessed, rng.Range(0, 2));
      const uint32_t rec = AddDays(on, rng.Range(2, 6));
      CareerEvents(w_, cands[c]).Assessment(rng, on, rec, levels[c], technical);
      ce.evidence_windows.emplace_back(AddDays(on, -5), AddDays(rec, 20));
    }
    for (const auto& [m, c] : recused) {
      auto in = begin(AddDays(registered, rng.Range(1, 3)));
      SetSource(in, committee_decree, members[m].name, registered);
      auto p = in.initPayload().initMemberRecused();
      p.setMemberId(members[m].id);
      p.setCandidateNip(w_.employees[static_cast<size_t>(cands[c])].nip);
      p.setReason("Memiliki hubungan keluarga dengan peserta");
      w_.sink->Commit();
    }
    for (const Score& s : scores) {
      auto in = begin(scored);
      SetSource(in, committee_decree, members[s.member].name, scored);
      auto p = in.initPayload().initCandidateScored();
      p.setMemberId(members[s.member].id);
      p.setCandidateNip(w_.employees[static_cast<size_t>(cands[s.candidate])].nip);
      auto list = p.initScores(static_cast<unsigned>(criteria.size()));
      for (size_t k = 0; k < criteria.size(); ++k) {
        auto b = list[static_cast<unsigned>(k)];
        b.setCriterion(T(criteria[k].name));
        b.setScore(s.values[k]);
        b.setWeight(criteria[k].weight);
      }
      p.setTotal(s.total);
      w_.sink->Commit();
    }
    {
      auto in = begin(shortlisted);
      SetSource(in, committee_decree, members[0].name, shortlisted);
      auto list = in.initPayload().initShortlistSubmitted().initRanked(3);
      for (unsigned k = 0; k < 3; ++k) {
        list.set(k, w_.employees[static_cast<size_t>(cands[shortlist[k]])].nip);
      }
      w_.sink->Commit();
    }
    if (rule == Rule::kPpkRelatedToAppointee) {
      CareerEvents(w_, appointee)
          .Declare(AddDays(registered, 1), AddDays(registered, rng.Range(1, 5)), ppk.nip, ppk.name,
                   schema::Relation::UNCLE_AUNT);
      detail = "the deciding official " + ppk.nip + " (" + ppk.name + ") is the uncle of the appointee " + we.nip;
      we.official_kin.push_back(ppk.nip);
    }
    {
      // Injected selection_sequence: the decree is dated before the
      // shortlist it should pick from (and entered on the usual day).
      const uint32_t dated =
          rule == Rule::kSelectionSequence ? AddDays(shortlisted, -rng.Range(1, 3)) : decided;
      auto in = begin(dated, decided);
      SetSource(in, DecreeNumber(&a, DecreeKind::kSelection, dated), ppk.name, dated);
      auto p = in.initPayload().initSelectionDecided();
      p.setAppointeeNip(we.nip);
      p.setDecidingOfficialNip(ppk.nip);
      p.setJustification(winner == shortlist[0] ? "Peringkat terbaik hasil seleksi"
                                                 : "Pertimbangan kebutuhan organisasi");
      sel.decision_event = w_.sink->Commit();
    }
    if (rule == Rule::kSeniorityOverMerit) {
      const auto rank = std::find(order.begin(), order.end(), winner) - order.begin() + 1;
      detail = "appointee " + we.nip + " ranked " + std::to_string(rank) + " of " +
               std::to_string(order.size()) + " on the shortlist, chosen over a better-scored " +
               "candidate with less service";
    } else if (rule == Rule::kCommitteeComposition) {
      detail = std::to_string(members.size()) + " members, " + std::to_string(internal) +
               " internal";
    } else if (rule == Rule::kAppointeeNotShortlisted) {
      detail = "appointee " + we.nip + " ranked 4 of " + std::to_string(order.size()) +
               ", not on the shortlist of three";
    } else if (rule == Rule::kSelectionSequence) {
      detail = "decision dated before the shortlist submitted on " +
               domain::FormatDate(shortlisted);
    } else if (rule == Rule::kCommitteeMemberLevel) {
      const Member& m = members[static_cast<size_t>(internal - 1)];
      detail = "internal member " + m.id + " (" + m.name + ") holds an administrator post, "
               "below the JPT pratama post being filled";
    }
    if (rule == Rule::kCompetencyGap) {
      sel.violation = std::string(RuleId(rule));
      sel.violation_detail = "appointed to " + post.id + " with " +
                             std::string(gap < kTechnical ? GenericCompetencyCode(gap) : SV(technical)) +
                             " at level " + std::to_string(levels[winner][static_cast<size_t>(gap)]) +
                             ", standard " + std::to_string(post.standard[static_cast<size_t>(gap)]);
    } else if (rule == Rule::kBackdatedEvidence) {
      sel.late_assessment = AddDays(decided, -rng.Range(3, 15));
      sel.late_rec = AddDays(sel.promoted_rec, rng.Range(10, 40));
      we.evidence_windows.emplace_back(AddDays(sel.late_assessment, -5), AddDays(sel.late_rec, 20));
      sel.violation = std::string(RuleId(rule));
      sel.violation_detail = "assessment effective " + domain::FormatDate(sel.late_assessment) +
                             " recorded after the appointment decided on " +
                             domain::FormatDate(decided);
    } else if (rule == Rule::kJptReplacedEarly) {
      const Employee& h = w_.employees[static_cast<size_t>(replaced)];
      sel.replaced = replaced;
      sel.violation = std::string(RuleId(rule));
      sel.violation_detail = "replaces " + h.nip + ", installed in " + post.id + " on " +
                             domain::FormatDate(post.holder_since) + ", within 2 years";
      w_.employees[static_cast<size_t>(replaced)].busy_year = year_;
    } else if (rule == Rule::kEntryRequirements) {
      sel.late_training = std::min(AddDays(tmt, rng.Range(30, 150)), Ymd(year_, 12, 20));
      sel.violation = std::string(RuleId(rule));
      sel.violation_detail = "installed in " + post.id + " on " + domain::FormatDate(tmt) +
                             " before completing its leadership training (completed " +
                             domain::FormatDate(sel.late_training) + ")";
    } else if (rule != Rule::kCount) {
      w_.sink->Answer(sel.decision_event, RuleId(rule), stream, detail);
    }
    if (rule != Rule::kCount) w_.violations.Injected(rule);
    we.evidence_windows.emplace_back(AddDays(decided, -5), AddDays(sel.promoted_rec, 20));
    post.selection_running = true;
    w_.selections.push_back(std::move(sel));
    const auto index = static_cast<int32_t>(w_.selections.size() - 1);
    we.actions.push_back({tmt, Action::Kind::kAppointment, index, 0});
    if (rule == Rule::kJptReplacedEarly) {
      w_.employees[static_cast<size_t>(replaced)].actions.push_back(
          {tmt, Action::Kind::kRelieve, index, 0});
    }
  }

  World& w_;
  int year_;
  std::vector<std::vector<int32_t>> staff_, pengawas_, senior_, jpt_;
};

}  // namespace

void PlanSelections(World& w, int year) { SelectionPlanner(w, year).Run(); }

}  // namespace jejak::gen
