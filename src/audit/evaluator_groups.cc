#include "audit/evaluator_groups.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

namespace jejak::audit {

namespace {

constexpr auto kSangatBaik = static_cast<uint8_t>(schema::PredikatKinerja::SANGAT_BAIK);

// `part` of `whole` reaches `share`; a tolerance so that 9 of 10 is 90%.
bool ShareAtLeast(int part, int whole, double share) {
  return whole > 0 && static_cast<double>(part) >= share * whole - 1e-9;
}

}  // namespace

uint32_t EvaluatorGroups::UnitIndex(const std::string& agency, const std::string& unit) {
  std::string key = agency;
  key += '\0';
  key += unit;
  auto [it, added] = unit_index_.try_emplace(std::move(key), static_cast<uint32_t>(units_.size()));
  if (added) units_.emplace_back(agency, unit);
  return it->second;
}

void EvaluatorGroups::Add(const std::string& evaluator, uint16_t year, uint64_t position,
                          schema::PredikatKinerja predikat, const std::string& agency,
                          const std::string& unit) {
  auto& list = groups_[{evaluator, year}];
  const Rating r{position, UnitIndex(agency, unit), static_cast<uint8_t>(predikat)};
  auto it = std::lower_bound(list.begin(), list.end(), position,
                             [](const Rating& x, uint64_t p) { return x.position < p; });
  list.insert(it, r);
}

void EvaluatorGroups::Remove(const std::string& evaluator, uint16_t year, uint64_t position) {
  auto g = groups_.find({evaluator, year});
  if (g == groups_.end()) return;
  auto& list = g->second;
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const Rating& r) { return r.position == position; }),
             list.end());
  if (list.empty()) groups_.erase(g);
}

EvaluatorGroups::Patterns EvaluatorGroups::Find(const AuditRules& rules) const {
  Patterns out;
  // Evaluator-years flagged: their ratings are left out of the unit
  // comparison, so that one evaluator's pattern is reported once.
  std::set<std::pair<std::string, uint16_t>> flagged;
  for (const auto& [key, list] : groups_) {
    if (key.first.empty()) continue;  // an unnamed evaluator cannot be judged
    const int n = static_cast<int>(list.size());
    const int sb = static_cast<int>(std::count_if(
        list.begin(), list.end(), [](const Rating& r) { return r.predikat == kSangatBaik; }));
    const bool same = std::all_of(list.begin(), list.end(), [&](const Rating& r) {
      return r.predikat == list.front().predikat;
    });
    std::vector<Group>* into = nullptr;
    if (n >= rules.inflated_min_ratees && ShareAtLeast(sb, n, rules.inflated_share)) {
      into = &out.inflated;
    } else if (n >= rules.uniform_min_ratees && same) {
      into = &out.uniform;  // all one predikat, not Sangat Baik (that is inflated)
    }
    if (into == nullptr) continue;
    Group g{key.first, key.second, units_[list.front().unit].first, {}, {}, sb,
            static_cast<schema::PredikatKinerja>(list.front().predikat)};
    for (const Rating& r : list) {
      g.positions.push_back(r.position);
      g.predikats.push_back(static_cast<schema::PredikatKinerja>(r.predikat));
    }
    into->push_back(std::move(g));
    flagged.insert(key);
  }

  // Unit-years against the rest of their agency, the flagged left out.
  struct Count {
    int n = 0, sb = 0;
    std::vector<uint64_t> positions;
  };
  std::map<std::pair<uint16_t, uint32_t>, Count> units;           // (year, unit)
  std::map<std::pair<uint16_t, std::string>, Count> agencies;     // (year, agency)
  for (const auto& [key, list] : groups_) {
    if (flagged.count(key)) continue;
    for (const Rating& r : list) {
      Count& u = units[{key.second, r.unit}];
      Count& a = agencies[{key.second, units_[r.unit].first}];
      const int sb = r.predikat == kSangatBaik ? 1 : 0;
      u.n += 1;
      u.sb += sb;
      u.positions.push_back(r.position);
      a.n += 1;
      a.sb += sb;
    }
  }
  for (auto& [key, u] : units) {
    const auto& [agency, unit] = units_[key.second];
    const Count& a = agencies[{key.first, agency}];
    const int n1 = u.n, s1 = u.sb, n2 = a.n - u.n, s2 = a.sb - u.sb;
    if (n1 < rules.outlier_min_ratees || n2 < rules.outlier_min_ratees) continue;
    const double p1 = static_cast<double>(s1) / n1, p2 = static_cast<double>(s2) / n2;
    const double gap = std::fabs(p1 - p2);
    const double pooled = static_cast<double>(s1 + s2) / (n1 + n2);
    const double se = std::sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    if (se <= 0) continue;  // everyone alike: no departure
    const double z = gap / se;
    if (gap < rules.outlier_min_gap - 1e-9 || z < rules.outlier_min_z) continue;
    std::sort(u.positions.begin(), u.positions.end());
    out.units.push_back({agency, unit, key.first, std::move(u.positions), n1, s1, n2, s2, z});
  }
  std::sort(out.units.begin(), out.units.end(), [](const UnitOutlier& a, const UnitOutlier& b) {
    return std::tie(a.year, a.agency, a.unit) < std::tie(b.year, b.agency, b.unit);
  });
  return out;
}

std::map<std::pair<std::string, uint16_t>, std::array<uint64_t, 6>>
EvaluatorGroups::PredikatCounts() const {
  std::map<std::pair<std::string, uint16_t>, std::array<uint64_t, 6>> out;
  for (const auto& [key, ratings] : groups_) {
    for (const Rating& r : ratings) {
      auto& counts = out[{units_[r.unit].first, key.second}];
      if (r.predikat < counts.size()) ++counts[r.predikat];
    }
  }
  return out;
}

}  // namespace jejak::audit
