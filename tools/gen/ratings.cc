// Annual performance ratings: everyone in service at the end of a year is
// rated by their superior in January. DP3 scores before 2014, the SKP
// matrix since. Each evaluator's ratings are drawn together, so that a
// natural evaluator with five or more ratees never gives them all the same
// predikat nor 90% Sangat Baik (an inflated or a uniform evaluator is
// injected on purpose); then the units' shares of Sangat Baik are kept
// near their agency's, but for a unit raised on purpose (unit_ratings.h).
#include <algorithm>
#include <unordered_map>

#include "gen/envelope.h"
#include "gen/unit_ratings.h"
#include "gen/world.h"
#include "jejak/domain/date.h"
#include "jejak/domain/performance.h"

namespace jejak::gen {

namespace {

using schema::PredikatKinerja;
using schema::Rating;

constexpr size_t kInflatedMinRatees = 5;

// Predikat score 1..5 (domain::PredikatScore order) for one ratee.
int DrawScore(Rng& rng, const Employee& e, int year) {
  const bool sanctioned = World::SanctionOverlaps(e, Ymd(year, 1, 1), Ymd(year, 12, 31));
  const double below = sanctioned ? 0.35 : 0.03 + 0.06 * (1.0 - e.talent);
  const double top = sanctioned ? 0.0 : 0.04 + 0.3 * e.talent;
  const double u = rng.Unit();
  if (u < below) return rng.Chance(0.8) ? 3 : 2;
  if (u < below + top) return 5;
  return 4;
}

PredikatKinerja FromScore(int s) {
  switch (s) {
    case 5: return PredikatKinerja::SANGAT_BAIK;
    case 4: return PredikatKinerja::BAIK;
    case 3: return PredikatKinerja::BUTUH_PERBAIKAN;
    case 2: return PredikatKinerja::KURANG;
    default: return PredikatKinerja::SANGAT_KURANG;
  }
}

// SKP work result and behaviour that give the predikat (the matrix of
// PermenPANRB 6/2022, as domain::PredikatFromMatrix).
std::pair<Rating, Rating> MatrixFor(Rng& rng, int score) {
  switch (score) {
    case 5: return {Rating::ABOVE, Rating::ABOVE};
    case 4: {
      static constexpr std::pair<Rating, Rating> kBaik[] = {
          {Rating::MEETS, Rating::MEETS}, {Rating::MEETS, Rating::MEETS},
          {Rating::ABOVE, Rating::MEETS}, {Rating::MEETS, Rating::ABOVE}};
      return kBaik[rng.Below(4)];
    }
    case 3: return {Rating::BELOW, rng.Chance(0.7) ? Rating::MEETS : Rating::ABOVE};
    case 2: return {rng.Chance(0.7) ? Rating::MEETS : Rating::ABOVE, Rating::BELOW};
    default: return {Rating::BELOW, Rating::BELOW};
  }
}

// DP3 score (before 2014) in the band of the predikat.
uint8_t Dp3For(Rng& rng, int score) {
  switch (score) {
    case 5: return static_cast<uint8_t>(rng.Range(91, 97));
    case 4: return static_cast<uint8_t>(rng.Range(76, 90));
    case 3: return static_cast<uint8_t>(rng.Range(61, 75));
    case 2: return static_cast<uint8_t>(rng.Range(51, 60));
    default: return static_cast<uint8_t>(rng.Range(40, 50));
  }
}

// A numeric SKP score (PP 46/2011) in the band of PredikatScore `score`,
// with two decimals as the e-SKP printed them.
double SkpScoreFor(Rng& rng, int score) {
  switch (score) {
    case 5: return rng.Range(9050, 9800) / 100.0;
    case 4: return rng.Range(7550, 9000) / 100.0;
    case 3: return rng.Range(6050, 7500) / 100.0;
    case 2: return rng.Range(5050, 6000) / 100.0;
    default: return rng.Range(4000, 5000) / 100.0;
  }
}

// A natural evaluator of kInflatedMinRatees or more is neither uniform
// nor inflated (90% Sangat Baik, the audit's inflated_share): the most
// (or least) talented ratee of an all-alike group moves one grade, then
// the least talented Sangat Baik become Baik while 90% or more are.
void KeepNatural(const World& w, const std::vector<int32_t>& ratees, std::vector<int>& scores) {
  if (ratees.size() < kInflatedMinRatees) return;
  auto talent = [&](size_t k) { return w.employees[static_cast<size_t>(ratees[k])].talent; };
  if (std::all_of(scores.begin(), scores.end(), [&](int s) { return s == scores[0]; })) {
    size_t pick = 0;
    for (size_t k = 1; k < ratees.size(); ++k) {
      if (scores[0] == 5 ? talent(k) < talent(pick) : talent(k) > talent(pick)) pick = k;
    }
    scores[pick] = scores[0] == 5 ? 4 : 5;
  }
  while (10 * std::count(scores.begin(), scores.end(), 5) >=
         9 * static_cast<int64_t>(scores.size())) {
    size_t pick = scores.size();
    for (size_t k = 0; k < ratees.size(); ++k) {
      if (scores[k] == 5 && (pick == scores.size() || talent(k) < talent(pick))) pick = k;
    }
    scores[pick] = 4;
  }
}

}  // namespace

void RateYear(World& w, int year) {
  const uint32_t year_end = Ymd(year, 12, 31);
  const uint32_t cutoff = Ymd(year, 9, 30);  // a quarter of service at least
  // Group the ratees by evaluator, in index order (deterministic).
  std::unordered_map<int64_t, size_t> group_of;
  std::vector<std::vector<int32_t>> groups;
  std::vector<int64_t> keys;
  for (size_t i = 0; i < w.employees.size(); ++i) {
    const Employee& e = w.employees[i];
    if (e.tmt > cutoff) break;  // sorted by TMT
    if (!e.active) continue;
    const int32_t sup = w.Superior(static_cast<int32_t>(i));
    const int64_t key = sup >= 0 ? sup : -1 - static_cast<int64_t>(e.agency);
    auto [it, added] = group_of.emplace(key, groups.size());
    if (added) {
      groups.emplace_back();
      keys.push_back(key);
    }
    groups[it->second].push_back(static_cast<int32_t>(i));
  }

  // Every evaluator's scores first: the units' shares are settled across
  // evaluators (unit_ratings.h) before anything is written.
  std::vector<Rng> rngs;
  std::vector<std::vector<int>> scores(groups.size());
  std::vector<bool> patterned(groups.size(), false);
  std::vector<Rule> pattern_of(groups.size(), Rule::kCount);
  for (size_t g = 0; g < groups.size(); ++g) {
    const std::vector<int32_t>& ratees = groups[g];
    Rng& rng = rngs.emplace_back(Rng::Stream(w.options.seed, 0x5a7e00 + static_cast<uint64_t>(year),
                                             static_cast<uint64_t>(keys[g] + (1ll << 40))));
    // An injected pattern: all Sangat Baik (inflated) or all Baik (uniform).
    static constexpr Rule kPatterns[] = {Rule::kInflatedEvaluator, Rule::kUniformEvaluator};
    const std::optional<Rule> pattern = ratees.size() >= kInflatedMinRatees
                                            ? w.violations.Choose(rng, kPatterns, year)
                                            : std::nullopt;
    if (pattern) {
      w.violations.Injected(*pattern);
      patterned[g] = true;
      pattern_of[g] = *pattern;
    }
    for (int32_t i : ratees) {
      const Employee& e = w.employees[static_cast<size_t>(i)];
      scores[g].push_back(pattern == Rule::kInflatedEvaluator  ? 5
                          : pattern == Rule::kUniformEvaluator ? 4
                                                               : DrawScore(rng, e, year));
    }
    if (!pattern) KeepNatural(w, ratees, scores[g]);
  }
  const std::vector<InjectedUnit> outliers = SettleUnits(w, year, groups, patterned, scores);

  // Recording day and creation number of each rating, by group.
  std::vector<std::vector<std::pair<uint32_t, uint64_t>>> written(groups.size());
  for (size_t g = 0; g < groups.size(); ++g) {
    const std::vector<int32_t>& ratees = groups[g];
    Rng& rng = rngs[g];
    const bool uniform = pattern_of[g] == Rule::kUniformEvaluator;
    // The predikat on record: the score's own, but now and then, before
    // 2014, a Baik DP3 score (76-90) recorded as Cukup (a predikat off the
    // score's band; a violation once a promotion counts it). Drawn on
    // streams of their own, so that the rest of the region does not shift.
    // Never where it would make a natural evaluator uniform (and Sangat
    // Baik shares are untouched).
    std::vector<int> recorded = scores[g];
    const domain::RatingEra era = domain::RatingEraOf(year);
    if (era != domain::RatingEra::kPredikat && !uniform) {
      const Rule kMismatch[] = {era == domain::RatingEra::kDp3 ? Rule::kDp3PredikatMismatch
                                                               : Rule::kSkpScorePredikatMismatch};
      for (size_t k = 0; k < ratees.size(); ++k) {
        Rng mrng = Rng::Stream(w.options.seed, 0xd93000 + static_cast<uint64_t>(year),
                               static_cast<uint64_t>(ratees[k]));
        if (scores[g][k] == 4 && w.violations.Choose(mrng, kMismatch, year, 0.4)) recorded[k] = 3;
      }
      if (recorded != scores[g] && ratees.size() >= kInflatedMinRatees &&
          std::all_of(recorded.begin(), recorded.end(), [&](int s) { return s == recorded[0]; })) {
        recorded = scores[g];
      }
    }

    // Recording days in ratee order, so that the group's first rating
    // (the answer key's anchor for an inflated evaluator) is also the first
    // in the log.
    std::vector<int> days;
    for (size_t k = 0; k < ratees.size(); ++k) days.push_back(rng.Range(3, 25));
    std::sort(days.begin(), days.end());
    for (size_t k = 0; k < ratees.size(); ++k) {
      const int32_t i = ratees[k];
      Employee& e = w.employees[static_cast<size_t>(i)];
      const Agency& a = w.AgencyOf(e);
      const int32_t sup = keys[g] >= 0 ? static_cast<int32_t>(keys[g]) : -1;
      const uint32_t rec = std::max(Ymd(year + 1, 1, days[k]), e.first_record);
      auto in = w.sink->Begin(w.Stream(e), year_end, rec);
      SetActor(in, a.code + ".op" + std::to_string(rng.Range(1, 4)), "operator kepegawaian",
               a.code);
      SetSource(in, DecreeNumber(&w.AgencyOf(e), DecreeKind::kPerformance, rec),
                w.SuperiorName(e, sup, year_end), AddDays(rec, -rng.Range(0, 10)));
      auto p = in.initPayload().initPerformanceRated();
      p.setYear(static_cast<uint16_t>(year));
      p.initPeriodStart().setYyyymmdd(std::max(Ymd(year, 1, 1), e.tmt));
      p.initPeriodEnd().setYyyymmdd(year_end);
      const int score = scores[g][k];
      if (era == domain::RatingEra::kDp3) {
        p.setDp3Score(Dp3For(rng, score));
      } else if (era == domain::RatingEra::kSkpScore) {
        p.setSkpScore(SkpScoreFor(rng, score));
      } else {
        auto [work, behaviour] = MatrixFor(rng, score);
        p.setWorkResult(work);
        p.setBehaviour(behaviour);
      }
      p.setPredikat(FromScore(recorded[k]));
      if (recorded[k] != score) e.score_mismatch.push_back(static_cast<int16_t>(year));
      p.setEvaluatorNip(w.SuperiorNip(e, sup, year_end));
      written[g].emplace_back(rec, w.sink->Commit());
      const size_t slot = static_cast<size_t>(year) % 4;
      e.predikat[slot] = static_cast<uint8_t>(score);
      e.predikat_year[slot] = static_cast<int16_t>(year);
    }
    if (pattern_of[g] != Rule::kCount) {
      const Employee& first = w.employees[static_cast<size_t>(ratees[0])];
      const int32_t sup = keys[g] >= 0 ? static_cast<int32_t>(keys[g]) : -1;
      w.sink->Answer(written[g][0].second, RuleId(pattern_of[g]), w.Stream(first),
                     "evaluator " + w.SuperiorNip(first, sup, year_end) + " rated all " +
                         std::to_string(ratees.size()) + " ratees " +
                         (uniform ? "Baik" : "Sangat Baik") + " for " + std::to_string(year));
    }
  }
  // A unit raised far above its agency: keyed by its first rating in the
  // log (recording day, then creation order, as the sink writes them).
  for (const InjectedUnit& u : outliers) {
    std::pair<uint32_t, uint64_t> first{UINT32_MAX, 0};
    int32_t ratee = -1;
    for (const auto& [g, k] : u.ratings) {
      if (written[g][k] < first) {
        first = written[g][k];
        ratee = groups[g][k];
      }
    }
    w.sink->Answer(first.second, RuleId(Rule::kUnitRatingOutlier),
                   w.Stream(w.employees[static_cast<size_t>(ratee)]), u.detail);
  }
}

}  // namespace jejak::gen
