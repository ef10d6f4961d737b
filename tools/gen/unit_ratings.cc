// SettleUnits (unit_ratings.h): the units' shares of Sangat Baik kept
// within reach of their agency's, and one raised far above it now and then.
#include "gen/unit_ratings.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace jejak::gen {

namespace {

// The audit's defaults (AuditRules: outlier_min_ratees, outlier_min_gap,
// outlier_min_z; inflated_min_ratees and inflated_share for evaluators).
constexpr int kMinRatings = 10;
constexpr double kMinGap = 0.30;
constexpr double kMinZ = 3.0;
constexpr size_t kEvaluatorMinRatees = 5;
// Natural units stay this far inside the thresholds and raised ones this
// far beyond, so that no rounding can tip a verdict.
constexpr double kMargin = 1e-6;
constexpr int kMaxPasses = 100;

constexpr int kSangatBaik = 5;
constexpr int kBaik = 4;
constexpr int kButuhPerbaikan = 3;

struct Slot {
  uint32_t group;
  uint32_t index;
};

struct UnitYear {
  uint8_t agency = 0;
  int32_t unit = 0;
  std::vector<Slot> slots;  // in group order
  bool injected = false;
};

class Settler {
 public:
  Settler(World& w, int year, const std::vector<std::vector<int32_t>>& ratees,
          const std::vector<bool>& pattern, std::vector<std::vector<int>>& scores)
      : w_(w), year_(year), ratees_(ratees), scores_(scores) {
    const size_t agencies = w.region.agencies.size();
    agency_n_.assign(agencies, 0);
    agency_sb_.assign(agencies, 0);
    std::map<std::pair<uint8_t, int32_t>, std::vector<Slot>> units;
    for (uint32_t g = 0; g < ratees.size(); ++g) {
      if (pattern[g]) continue;
      for (uint32_t k = 0; k < ratees[g].size(); ++k) {
        const Employee& e = Ratee({g, k});
        units[{e.agency, e.unit}].push_back({g, k});
        ++agency_n_[e.agency];
        agency_sb_[e.agency] += Score({g, k}) == kSangatBaik ? 1 : 0;
      }
    }
    for (auto& [key, slots] : units) units_.push_back({key.first, key.second, std::move(slots)});
  }

  std::vector<InjectedUnit> Run() {
    Inject();
    Settle();
    std::vector<InjectedUnit> out;
    for (const UnitYear& u : units_) {
      if (!u.injected) continue;
      InjectedUnit x;
      for (const Slot& s : u.slots) x.ratings.emplace_back(s.group, s.index);
      const Agency& a = w_.region.agencies[u.agency];
      const int n1 = static_cast<int>(u.slots.size()), s1 = Sb(u);
      x.detail = "unit " + a.units[static_cast<size_t>(u.unit)].id + " of " + a.code + " rated " +
                 std::to_string(s1) + " of " + std::to_string(n1) + " Sangat Baik for " +
                 std::to_string(year_) + ", the rest of the agency " +
                 std::to_string(agency_sb_[u.agency] - s1) + " of " +
                 std::to_string(agency_n_[u.agency] - n1);
      out.push_back(std::move(x));
    }
    return out;
  }

 private:
  const Employee& Ratee(Slot s) const {
    return w_.employees[static_cast<size_t>(ratees_[s.group][s.index])];
  }
  int Score(Slot s) const { return scores_[s.group][s.index]; }
  void Set(Slot s, int score) {
    agency_sb_[Ratee(s).agency] += (score == kSangatBaik) - (Score(s) == kSangatBaik);
    scores_[s.group][s.index] = score;
  }
  int Sb(const UnitYear& u) const {
    return static_cast<int>(std::count_if(u.slots.begin(), u.slots.end(),
                                          [&](Slot s) { return Score(s) == kSangatBaik; }));
  }

  // The unit's share minus the rest of its agency's, and the pooled
  // two-proportion z statistic; false when a side has fewer than
  // kMinRatings ratings or everyone is alike.
  bool Compare(const UnitYear& u, double* gap, double* z) const {
    const int n1 = static_cast<int>(u.slots.size()), s1 = Sb(u);
    const int n2 = agency_n_[u.agency] - n1, s2 = agency_sb_[u.agency] - s1;
    if (n1 < kMinRatings || n2 < kMinRatings) return false;
    const double pooled = static_cast<double>(s1 + s2) / (n1 + n2);
    const double se = std::sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    if (se <= 0) return false;
    *gap = static_cast<double>(s1) / n1 - static_cast<double>(s2) / n2;
    *z = std::fabs(*gap) / se;
    return true;
  }
  // Flagged with `margin` added to both thresholds (negative: nearly).
  bool Flagged(const UnitYear& u, double margin, double* gap) const {
    double z = 0;
    return Compare(u, gap, &z) && std::fabs(*gap) >= kMinGap + margin && z >= kMinZ + margin;
  }

  // The unit's slots scored `score`, the most talented first (`best`) or
  // the least.
  std::vector<Slot> Scored(const UnitYear& u, int score, bool best) const {
    std::vector<Slot> out;
    for (const Slot& s : u.slots) {
      if (Score(s) == score) out.push_back(s);
    }
    std::stable_sort(out.begin(), out.end(), [&](Slot a, Slot b) {
      return best ? Ratee(a).talent > Ratee(b).talent : Ratee(a).talent < Ratee(b).talent;
    });
    return out;
  }

  // One Baik of the unit becomes Sangat Baik, unless every such change
  // would bring its evaluator (of 5 or more) to 90% Sangat Baik.
  bool Raise(const UnitYear& u) {
    for (const Slot& s : Scored(u, kBaik, true)) {
      const auto& group = scores_[s.group];
      const auto sb = std::count(group.begin(), group.end(), kSangatBaik);
      if (group.size() < kEvaluatorMinRatees ||
          10 * (sb + 1) < 9 * static_cast<int64_t>(group.size())) {
        Set(s, kSangatBaik);
        return true;
      }
    }
    return false;
  }

  // One Sangat Baik of the unit becomes Baik, where that leaves its
  // evaluator's ratings not all alike (else Butuh Perbaikan).
  bool Lower(const UnitYear& u) {
    const std::vector<Slot> top = Scored(u, kSangatBaik, false);
    for (const Slot& s : top) {
      const auto& group = scores_[s.group];
      const auto baik = std::count(group.begin(), group.end(), kBaik);
      if (group.size() < kEvaluatorMinRatees || baik + 2 <= static_cast<int64_t>(group.size())) {
        Set(s, kBaik);
        return true;
      }
    }
    if (top.empty()) return false;
    Set(top.front(), kButuhPerbaikan);
    return true;
  }

  // At the violation rate, per agency, one unit-year with enough ratings
  // on both sides raised until clearly flagged.
  void Inject() {
    static constexpr Rule kOutlier[] = {Rule::kUnitRatingOutlier};
    std::vector<bool> done(agency_n_.size(), false);
    for (UnitYear& u : units_) {
      const int n1 = static_cast<int>(u.slots.size());
      if (done[u.agency] || n1 < kMinRatings || agency_n_[u.agency] - n1 < kMinRatings) continue;
      Rng rng =
          Rng::Stream(w_.options.seed, 0x0d17e0 + static_cast<uint64_t>(year_),
                      static_cast<uint64_t>(u.agency) * 1000000 + static_cast<uint64_t>(u.unit));
      if (!w_.violations.Choose(rng, kOutlier, year_)) continue;
      std::vector<int> before;
      for (const Slot& s : u.slots) before.push_back(Score(s));
      double gap = 0;
      while (!(Flagged(u, kMargin, &gap) && gap > 0) && Raise(u)) {
      }
      if (Flagged(u, kMargin, &gap) && gap > 0) {
        u.injected = true;
        done[u.agency] = true;
        w_.violations.Injected(Rule::kUnitRatingOutlier);
      } else {
        for (size_t i = 0; i < u.slots.size(); ++i) Set(u.slots[i], before[i]);
      }
    }
  }

  // Moves every unit that is not where it should be one rating at a time
  // (a change in one unit moves its agency's share for the others) until
  // none is: natural units clearly not flagged, raised ones clearly
  // flagged (one that cannot be raised further counts as natural).
  void Settle() {
    for (int pass = 0; pass < kMaxPasses; ++pass) {
      bool moved = false;
      for (UnitYear& u : units_) {
        double gap = 0;
        if (u.injected) {
          if (Flagged(u, kMargin, &gap) && gap > 0) continue;
          if (!Raise(u)) u.injected = false;
          moved = true;
        } else if (Flagged(u, -kMargin, &gap)) {
          moved = (gap > 0 ? Lower(u) : Raise(u)) || moved;
        }
      }
      if (!moved) return;
    }
  }

  World& w_;
  int year_;
  const std::vector<std::vector<int32_t>>& ratees_;
  std::vector<std::vector<int>>& scores_;
  std::vector<UnitYear> units_;  // by (agency, unit)
  std::vector<int> agency_n_;    // counted ratings per agency
  std::vector<int> agency_sb_;   // ... of which Sangat Baik
};

}  // namespace

std::vector<InjectedUnit> SettleUnits(World& w, int year,
                                      const std::vector<std::vector<int32_t>>& ratees,
                                      const std::vector<bool>& pattern,
                                      std::vector<std::vector<int>>& scores) {
  return Settler(w, year, ratees, pattern, scores).Run();
}

}  // namespace jejak::gen
