// One employee's year: recruitment, confirmation, the planners' actions
// (appointments, declarations), rank promotion, trainings, assessment,
// mentoring, transfer, discipline and separation.
#include <algorithm>
#include <span>

#include "gen/career_events.h"
#include "gen/world.h"
#include "jejak/domain/date.h"
#include "jejak/domain/discipline.h"
#include "jejak/domain/golongan.h"
#include "jejak/domain/performance.h"

namespace jejak::gen {

namespace {

using schema::JabatanLevel;

// The allowed regular-promotion TMTs of `year` from `from` on (rules in
// force on each date), skipping January and February: the ratings of the
// year before are recorded then, and a decision must not precede its
// evidence.
std::vector<uint32_t> PromotionDates(const World& w, int year, uint32_t from) {
  std::vector<uint32_t> out;
  uint32_t d = std::max(from, Ymd(year, 3, 1));
  while (true) {
    d = projection::NextAllowedPromotionDate(w.rules, d);
    if (d == 0 || YearOf(d) != year || d > Ymd(year, 12, 1)) break;
    out.push_back(d);
    d = AddDays(d, 1);
  }
  return out;
}

// A TMT the regular-promotion rules do not allow, close after `tmt`.
uint32_t OffCycle(const World& w, uint32_t tmt) {
  const uint32_t next_month = domain::AddMonths(tmt, 1);
  const auto* rule = w.rules.RegularRuleOn(next_month);
  if (rule != nullptr && !rule->AllowsMonth(static_cast<int>(next_month / 100 % 100))) {
    return next_month;
  }
  return AddDays(tmt, 14);  // every month allowed: the 15th is not
}

class YearSim {
 public:
  YearSim(World& w, int32_t index, int year)
      : w_(w),
        i_(index),
        e_(w.employees[static_cast<size_t>(index)]),
        year_(year),
        rng_(Rng::Stream(w.options.seed, 0x100 + static_cast<uint64_t>(year),
                         static_cast<uint64_t>(index))),
        ev_(w, index) {}

  void Run() {
    if (!e_.active) {
      if (YearOf(e_.tmt) != year_) return;
      ev_.Recruit(rng_);
    }
    leave_ = LeaveThisYear();
    Confirmation();
    Actions();
    if (e_.separated) return;
    const bool busy = e_.busy_year == year_;
    if (!busy && YearOf(e_.tmt) < year_) Discipline();
    CreditPoints();
    if (!e_.pppk && e_.confirm != 0 && e_.confirm < Ymd(year_, 12, 31)) {
      Exam();
      RankPromotion();
    }
    Trainings();
    if (!busy) Assessment();
    Mentoring();
    if (!busy) Transfer();
    if (leave_ != 0 && !e_.separated) ev_.Separate(rng_, leave_, leave_reason_);
    e_.evidence_windows.clear();
  }

 private:
  bool Before(uint32_t date) const { return leave_ == 0 || date < leave_; }

  // The day the employee leaves this year, if any.
  uint32_t LeaveThisYear() {
    uint32_t leave = 0;
    const uint32_t retire = w_.RetirementOn(e_);
    if (YearOf(retire) == year_) {
      leave = retire;
      leave_reason_ = schema::SeparationReason::RETIREMENT;
    }
    if (e_.leave != 0 && YearOf(e_.leave) == year_ && (leave == 0 || e_.leave < leave)) {
      leave = e_.leave;
      leave_reason_ = e_.leave_reason;
    }
    if (leave != 0 && leave <= e_.tmt) leave = AddDays(e_.tmt, 30);
    return leave;
  }

  void Confirmation() {
    if (e_.pppk) return;
    if (YearOf(e_.latsar) == year_ && Before(e_.latsar)) ev_.Latsar(rng_);
    if (YearOf(e_.confirm) == year_ && Before(e_.confirm)) ev_.Confirm(rng_);
  }

  void Actions() {
    std::vector<Action> now;
    auto it = std::stable_partition(e_.actions.begin(), e_.actions.end(),
                                    [&](const Action& a) { return YearOf(a.date) != year_; });
    now.assign(it, e_.actions.end());
    e_.actions.erase(it, e_.actions.end());
    std::stable_sort(now.begin(), now.end(),
                     [](const Action& a, const Action& b) { return a.date < b.date; });
    for (const Action& a : now) {
      if (!Before(a.date) || a.date < e_.tmt) continue;
      switch (a.kind) {
        case Action::Kind::kDeclareRelation: ev_.DeclareRelation(rng_, a); break;
        case Action::Kind::kAppointment:
          staff_before_ = e_.staff;
          appointed_on_ = a.date;
          ev_.Appoint(rng_, w_.selections[static_cast<size_t>(a.a)]);
          decisions_.push_back(a.date);
          break;
        case Action::Kind::kTraining:
          ev_.LeadershipTraining(rng_, a.date, static_cast<schema::TrainingKind>(a.b));
          break;
        case Action::Kind::kRelieve:
          ev_.Relieve(rng_, w_.selections[static_cast<size_t>(a.a)]);
          break;
      }
    }
  }

  // The ujian dinas of the step the employee will need next (tingkat I in
  // II/d, tingkat II in III/d), taken in January or February of the year
  // after reaching the rank, before any promotion TMT of the year. Left
  // out now and then (missing_ujian_dinas, listed when a regular
  // promotion of that step follows).
  void Exam() {
    if (e_.rank != 8 && e_.rank != 12) return;
    const uint32_t bit = 1u << e_.rank;
    if ((e_.exams | e_.exam_skipped) & bit) return;
    if (YearOf(e_.rank_tmt) >= year_) return;
    // Drawn on a stream of its own, so that the rest of the region does
    // not shift.
    Rng rng = Rng::Stream(w_.options.seed, 0xe8a000 + static_cast<uint64_t>(year_),
                          static_cast<uint64_t>(i_));
    const uint32_t date = Ymd(year_, rng.Chance(0.5) ? 1 : 2, rng.Range(10, 25));
    if (!Before(date) || date < e_.rank_tmt) return;
    static constexpr Rule kSkip[] = {Rule::kMissingUjianDinas};
    if (!FunctionalOn(date) && w_.violations.Choose(rng, kSkip, year_ + 3, 0.25)) {
      // Counted when left out, so that covering the rule leaves out one.
      w_.violations.Injected(Rule::kMissingUjianDinas);
      e_.exam_skipped |= bit;
      return;
    }
    ev_.ExamPassed(rng, date, e_.rank == 8 ? schema::ExamKind::UJIAN_DINAS_TINGKAT_I
                                            : schema::ExamKind::UJIAN_DINAS_TINGKAT_I_I);
    e_.exams |= bit;
  }

  // The angka kredit of last year for a holder of a functional post, by a
  // PAK at the end of January (after last year's rating).
  void CreditPoints() {
    if (e_.pppk || year_ <= YearOf(e_.tmt) || !ev_.FunctionalStaff(e_.staff)) return;
    const int predikat = World::Predikat(e_, year_ - 1);
    if (predikat == 0) return;
    const uint32_t date = Ymd(year_, 1, 31);
    if (!Before(date) || appointed_on_ != 0 || e_.position_since > Ymd(year_ - 1, 12, 31)) return;
    Rng rng = Rng::Stream(w_.options.seed, 0xc9e000 + static_cast<uint64_t>(year_),
                          static_cast<uint64_t>(i_));
    ev_.CreditPoints(rng, date, year_ - 1, predikat);
  }

  bool TmtUsable(uint32_t tmt) const {
    return Before(tmt) && tmt <= Ymd(year_, 12, 1) && !World::InEvidenceWindow(e_, tmt) &&
           !World::SanctionOverlaps(e_, tmt, tmt);
  }

  void RankPromotion() {
    // The route of the post held all year (no appointment this year): a
    // holder of a functional post is due after the functional route's years
    // in rank and the year or so its credit points may take; everyone else
    // after the regular route's 4.
    const uint32_t regular_due = domain::AddYears(e_.rank_tmt, 4);
    const bool functional_route = appointed_on_ == 0 && ev_.FunctionalStaff(e_.staff);
    const uint32_t earliest =
        functional_route ? domain::AddYears(e_.rank_tmt, w_.rules.functional_min_years_in_rank)
                         : regular_due;
    const int cap = w_.NaturalCap(e_);
    const bool ratings = World::RatingsOk(e_, year_);
    const int edu_cap = w_.EducationCap(e_);
    // The functional route also needs the step's credit points, awarded
    // (31 January, before any TMT of the year) since the last promotion.
    const bool credits = !functional_route || ev_.CreditsMet(e_.staff);
    if (e_.rank < cap && ratings && credits && YearOf(earliest) <= year_) {
      std::vector<uint32_t> dates = PromotionDates(w_, year_, earliest);
      size_t k = rng_.Chance(0.8) ? 0 : 1;
      while (k < dates.size() && !TmtUsable(dates[k])) ++k;
      if (k >= dates.size()) return;
      uint32_t tmt = dates[k];
      int to = e_.rank + 1;
      std::vector<Rule> open = {Rule::kPromotionDuringSanction, Rule::kOffCycleTmt};
      if (e_.rank + 2 <= edu_cap) open.push_back(Rule::kSkippedRank);
      if (e_.rank > 1) open.push_back(Rule::kRankRecordMismatch);
      // A functional-post holder (all year) on the regular route instead,
      // once the regular route's years are served (else it is also merit).
      if (functional_route && tmt >= regular_due) {
        open.push_back(Rule::kWrongPromotionRoute);
      }
      const auto rule = w_.violations.Choose(rng_, open, year_);
      std::string detail;
      int from = 0;
      if (rule == Rule::kWrongPromotionRoute) {
        detail = "a regular promotion of the holder of a functional post";
      } else if (rule == Rule::kRankRecordMismatch) {
        // The decree states the rank before the one on record (a stale
        // template); the promotion itself is due and lawful.
        from = e_.rank - 1;
        detail = "the decree states from " +
                 std::string(domain::GolonganName(GolonganOfStep(from))) + ", the record " +
                 std::string(domain::GolonganName(GolonganOfStep(e_.rank)));
      } else if (rule == Rule::kSkippedRank) {
        to = e_.rank + 2;
        detail = "two steps at once";
      } else if (rule == Rule::kOffCycleTmt) {
        const uint32_t off = OffCycle(w_, tmt);
        if (!TmtUsable(off)) return Promote(tmt, to, std::nullopt, "");
        tmt = off;
        detail = "TMT " + domain::FormatDate(tmt) + " is not an allowed promotion date";
      } else if (rule == Rule::kPromotionDuringSanction) {
        const uint32_t start = AddDays(tmt, -rng_.Range(40, 150));
        const uint32_t end = AddDays(domain::AddMonths(start, 12), -1);
        // A year's medium sanction of the regulation of the day: an
        // allowance cut under PP 94/2021, a promotion delay before it.
        ev_.Sanction(rng_, start,
                     domain::DisciplineRegulationOn(start) ==
                             domain::DisciplineRegulation::kPp94Of2021
                         ? schema::SanctionKind::ALLOWANCE_CUT12_MONTHS
                         : schema::SanctionKind::PROMOTION_DELAY1_YEAR,
                     end);
        detail = "promoted while serving a sanction from " + domain::FormatDate(start) +
                 " to " + domain::FormatDate(end);
      }
      return Promote(tmt, to, rule, detail, from, rule == Rule::kWrongPromotionRoute);
    }
    // No regular promotion due: an opportunity for a promotion that should
    // not happen (a weaker chance than at a due promotion).
    if (e_.rank >= edu_cap + 1 || World::SanctionOverlaps(e_, Ymd(year_, 1, 1), Ymd(year_, 12, 31))) {
      return;
    }
    const uint32_t two_years = domain::AddYears(e_.rank_tmt, 2);
    std::vector<Rule> open;
    bool early = false, unrated = false;
    if (ratings && e_.rank < cap && YearOf(earliest) > year_ && YearOf(two_years) <= year_) {
      early = true;
    }
    if (!ratings && e_.rank < cap && YearOf(earliest) <= year_ &&
        World::Predikat(e_, year_ - 1) > 0 && World::Predikat(e_, year_ - 2) > 0) {
      unrated = true;
    }
    if (early || unrated) open.push_back(Rule::kNonMeritPromotion);
    if (ratings && e_.rank == edu_cap && e_.rank < PositionMax() && YearOf(earliest) <= year_) {
      open.push_back(Rule::kAboveEducationCap);
    }
    // A holder of a functional post (all year: no appointment this year)
    // between 1 and 2 years in rank.
    const uint32_t one_year = domain::AddYears(e_.rank_tmt, 1);
    if (ratings && e_.rank < cap && appointed_on_ == 0 && ev_.FunctionalStaff(e_.staff) &&
        YearOf(one_year) <= year_ && YearOf(two_years) >= year_) {
      open.push_back(Rule::kFunctionalPromotionEarly);
    }
    const auto rule = w_.violations.Choose(rng_, open, year_, 0.25);
    if (!rule) return;
    if (*rule == Rule::kFunctionalPromotionEarly) {
      std::vector<uint32_t> dates = PromotionDates(w_, year_, one_year);
      size_t k = 0;
      while (k < dates.size() && !TmtUsable(dates[k])) ++k;
      if (k >= dates.size() || dates[k] >= two_years) return;
      return Promote(dates[k], e_.rank + 1, rule,
                     "a functional-post promotion after only " +
                         std::to_string(domain::FullMonthsBetween(e_.rank_tmt, dates[k])) +
                         " months in rank");
    }
    const uint32_t from = *rule == Rule::kAboveEducationCap ? earliest : early ? two_years : earliest;
    std::vector<uint32_t> dates = PromotionDates(w_, year_, from);
    size_t k = 0;
    while (k < dates.size() && !TmtUsable(dates[k])) ++k;
    if (k >= dates.size()) return;
    if (*rule == Rule::kNonMeritPromotion && early && dates[k] >= earliest) return;
    // On the functional route (2 years in rank, no education cap) neither is
    // a violation: the same promotion, lawful, not in the answer key, once
    // its credit points are met.
    if (FunctionalOn(dates[k]) && (early || *rule == Rule::kAboveEducationCap)) {
      if (!ev_.CreditsMet(StaffOn(dates[k]))) return;
      return Promote(dates[k], e_.rank + 1, std::nullopt, "");
    }
    std::string detail;
    if (*rule == Rule::kAboveEducationCap) {
      detail = "education cap is " +
               std::string(domain::GolonganName(GolonganOfStep(edu_cap)));
    } else if (early) {
      detail = "only " + std::to_string(domain::FullMonthsBetween(e_.rank_tmt, dates[k])) +
               " months in rank";
    } else {
      detail = "predikat below Baik in " + std::to_string(year_ - 1) + " or " +
               std::to_string(year_ - 2);
    }
    Promote(dates[k], e_.rank + 1, rule, detail);
  }


  int PositionMax() const {
    const Agency& a = w_.AgencyOf(e_);
    if (e_.post >= 0) return domain::GolonganStep(a.posts[static_cast<size_t>(e_.post)].max_rank);
    int s = e_.staff;
    if (s < 0) return 17;
    while (a.staff[static_cast<size_t>(s)].next >= 0) s = a.staff[static_cast<size_t>(s)].next;
    return domain::GolonganStep(a.staff[static_cast<size_t>(s)].max_rank);
  }

  // Held a functional post on `date` (this year's appointment, processed
  // before the promotions, may come after a TMT).
  bool FunctionalOn(uint32_t date) const { return ev_.FunctionalStaff(StaffOn(date)); }
  // The staff position held on `date` (this year's appointment aside).
  int32_t StaffOn(uint32_t date) const {
    return appointed_on_ != 0 && date < appointed_on_ ? staff_before_ : e_.staff;
  }

  // `from`: the step the decree states (0: the rank held). `regular`: the
  // regular kind even for a functional-post holder.
  void Promote(uint32_t tmt, int to, std::optional<Rule> rule, const std::string& detail,
               int from = 0, bool regular = false) {
    const bool functional = !regular && FunctionalOn(tmt);
    // A functional step without its credit points is not taken (but for
    // the injected early one, which is about its years).
    if (functional && rule != Rule::kFunctionalPromotionEarly && !ev_.CreditsMet(StaffOn(tmt))) {
      return;
    }
    const uint64_t n = ev_.RankPromoted(rng_, tmt, to, functional, from);
    decisions_.push_back(tmt);
    if (rule) {
      w_.violations.Injected(*rule);
      w_.sink->Answer(n, RuleId(*rule), w_.Stream(e_),
                      std::string(domain::GolonganName(GolonganOfStep(e_.rank))) + " on " +
                          domain::FormatDate(tmt) + ": " + detail);
    }
    // A DP3 or numeric-SKP rating whose predikat is off its score's band
    // (ratings.cc), counted by this promotion (the years before the TMT's
    // that the rule in force on it needs): one entry per scale however many
    // such years.
    if (const auto* regular = w_.rules.RegularRuleOn(tmt); regular != nullptr) {
      const int year = YearOf(tmt);
      bool listed[2] = {false, false};
      for (int16_t y : e_.score_mismatch) {
        if (y < year - regular->baik_years || y >= year) continue;
        const bool dp3 = domain::RatingEraOf(y) == domain::RatingEra::kDp3;
        if (listed[dp3 ? 0 : 1]) continue;
        listed[dp3 ? 0 : 1] = true;
        const Rule r = dp3 ? Rule::kDp3PredikatMismatch : Rule::kSkpScorePredikatMismatch;
        w_.violations.Injected(r);
        w_.sink->Answer(n, RuleId(r), w_.Stream(e_),
                        std::string(domain::GolonganName(GolonganOfStep(e_.rank))) + " on " +
                            domain::FormatDate(tmt) + ": the " + std::to_string(y) +
                            " rating records Cukup for a Baik " + (dp3 ? "DP3" : "SKP") +
                            " score");
      }
    }
    // A regular step out of II/d or III/d whose ujian dinas was left out.
    const bool regular_kind = regular || !FunctionalOn(tmt);
    if (regular_kind && (e_.rank == 8 || e_.rank == 12) && !(e_.exams & (1u << e_.rank))) {
      w_.sink->Answer(n, RuleId(Rule::kMissingUjianDinas), w_.Stream(e_),
                      std::string(domain::GolonganName(GolonganOfStep(e_.rank))) + " on " +
                          domain::FormatDate(tmt) + ": no ujian dinas tingkat " +
                          (e_.rank == 8 ? "I" : "II") + " on record");
    }
    ev_.ApplyRank(tmt, to);
    ev_.FunctionalStep(rng_, tmt);
  }

  void Trainings() {
    if (YearOf(e_.tmt) == year_ && e_.tmt > Ymd(year_, 6, 1)) return;
    const uint32_t from = std::max(Ymd(year_, 2, 1), AddDays(e_.tmt, 30));
    const uint32_t to = Ymd(year_, 11, 30);
    if (from >= to) return;
    int budget;  // JP this year
    if (e_.pppk) {
      budget = rng_.Range(8, 24);
    } else if (rng_.Chance(0.88)) {
      budget = rng_.Range(20, 64);
    } else {
      budget = rng_.Chance(0.5) ? 0 : rng_.Range(4, 16);
    }
    while (budget > 0) {
      const int jp = std::min(budget, rng_.Chance(0.5) ? rng_.Range(20, 40) : rng_.Range(4, 16));
      const uint32_t done = RandomDate(rng_, from, to);
      if (Before(done)) ev_.Training(rng_, done, jp);
      budget -= jp;
    }
  }

  // A periodic competency assessment (talent mapping) now and then from
  // 2012, never in the month before a decision about the employee.
  void Assessment() {
    if (year_ < 2012 || YearOf(e_.tmt) == year_ || !rng_.Chance(0.12)) return;
    const uint32_t date = RandomDate(rng_, Ymd(year_, 3, 1), Ymd(year_, 11, 15));
    if (!Before(date)) return;
    for (uint32_t d : decisions_) {
      if (d >= AddDays(date, -10) && d <= AddDays(date, 45)) return;
    }
    ev_.Assess(rng_, date);
  }

  void Mentoring() {
    if (YearOf(e_.tmt) != year_ || !rng_.Chance(0.25)) return;
    const uint32_t start = AddDays(e_.tmt, rng_.Range(20, 60));
    if (YearOf(start) != year_ || !Before(start)) return;
    const int32_t mentor = w_.Superior(i_);
    if (mentor < 0) return;
    ev_.Mentored(rng_, start, mentor);
  }

  void Transfer() {
    if (e_.post >= 0 || YearOf(e_.tmt) >= year_ - 1 || !rng_.Chance(0.03)) return;
    uint32_t date = RandomDate(rng_, Ymd(year_, 3, 1), Ymd(year_, 11, 1));
    // Not before one of this year's decisions (made above, on the post held
    // before the transfer): moved to a month after the last of them.
    for (uint32_t d : decisions_) date = std::max(date, AddDays(d, 31));
    if (!Before(date) || date > Ymd(year_, 12, 1)) return;
    for (uint32_t d : decisions_) {
      if (d >= AddDays(date, -30) && d <= AddDays(date, 30)) return;
    }
    const bool other_agency = !e_.pppk && w_.region.agencies.size() > 1 && rng_.Chance(0.1);
    ev_.Transfer(rng_, date, other_agency);
  }

  void Discipline() {
    if (!rng_.Chance(0.006)) return;
    const uint32_t start = RandomDate(rng_, Ymd(year_, 2, 1), Ymd(year_, 10, 31));
    if (!Before(start)) return;
    using K = schema::SanctionKind;
    // The kinds of the regulation in force on the start (domain/discipline.h)
    // the simulation can carry out: no demotion, release from post or
    // dishonourable dismissal, whose effects on rank and post it does not
    // model.
    struct Weighted {
      K kind;
      uint32_t weight;
    };
    static constexpr Weighted kPp30[] = {
        {K::ORAL_WARNING, 25},           {K::WRITTEN_WARNING, 25},
        {K::WRITTEN_DISSATISFACTION, 15}, {K::SALARY_INCREMENT_DELAY1_YEAR, 10},
        {K::SALARY_REDUCTION1_YEAR, 6},   {K::PROMOTION_DELAY1_YEAR, 6},
        {K::TEMPORARY_SUSPENSION, 3},     {K::DISMISSAL, 1}};
    static constexpr Weighted kPp53[] = {
        {K::ORAL_WARNING, 25},           {K::WRITTEN_WARNING, 25},
        {K::WRITTEN_DISSATISFACTION, 15}, {K::SALARY_INCREMENT_DELAY1_YEAR, 12},
        {K::PROMOTION_DELAY1_YEAR, 10},   {K::TEMPORARY_SUSPENSION, 3},
        {K::DISMISSAL, 1}};
    static constexpr Weighted kPp94[] = {
        {K::ORAL_WARNING, 25},           {K::WRITTEN_WARNING, 25},
        {K::WRITTEN_DISSATISFACTION, 15}, {K::ALLOWANCE_CUT6_MONTHS, 10},
        {K::ALLOWANCE_CUT9_MONTHS, 6},    {K::ALLOWANCE_CUT12_MONTHS, 6},
        {K::TEMPORARY_SUSPENSION, 3},     {K::DISMISSAL, 1}};
    std::span<const Weighted> table = kPp94;
    switch (domain::DisciplineRegulationOn(start)) {
      case domain::DisciplineRegulation::kPp30Of1980: table = kPp30; break;
      case domain::DisciplineRegulation::kPp53Of2010: table = kPp53; break;
      case domain::DisciplineRegulation::kPp94Of2021: break;
    }
    std::vector<uint32_t> weights;
    for (const Weighted& k : table) weights.push_back(k.weight);
    const K kind = table[rng_.Weighted(weights)].kind;
    uint32_t end;
    switch (kind) {
      case K::ALLOWANCE_CUT6_MONTHS: end = domain::AddMonths(start, 6); break;
      case K::ALLOWANCE_CUT9_MONTHS: end = domain::AddMonths(start, 9); break;
      case K::ALLOWANCE_CUT12_MONTHS:
      case K::SALARY_INCREMENT_DELAY1_YEAR:
      case K::SALARY_REDUCTION1_YEAR:
      case K::PROMOTION_DELAY1_YEAR: end = domain::AddMonths(start, 12); break;
      case K::TEMPORARY_SUSPENSION:
      case K::DISMISSAL: end = 0; break;
      default: end = domain::AddMonths(start, 6); break;
    }
    if (end != 0) end = AddDays(end, -1);
    ev_.Sanction(rng_, start, kind, end);
    if (kind == K::DISMISSAL) {
      const uint32_t out = AddDays(start, rng_.Range(20, 60));
      if (leave_ == 0 || out < leave_) {
        leave_ = out;
        leave_reason_ = schema::SeparationReason::DISMISSAL;
      }
    }
  }

  World& w_;
  int32_t i_;
  Employee& e_;
  int year_;
  Rng rng_;
  CareerEvents ev_;
  uint32_t leave_ = 0;
  schema::SeparationReason leave_reason_ = schema::SeparationReason::UNSPECIFIED;
  std::vector<uint32_t> decisions_;  // TMTs of decisions about the employee this year
  uint32_t appointed_on_ = 0;  // this year's appointment to a structural post, 0 = none
  int32_t staff_before_ = -1;  // the staff position held before it
};

}  // namespace

void SimulateYear(World& w, int32_t index, int year) { YearSim(w, index, year).Run(); }

}  // namespace jejak::gen
