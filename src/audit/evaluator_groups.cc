#include "audit/evaluator_groups.h"

#include <algorithm>

namespace jejak::audit {

void EvaluatorGroups::Add(const std::string& evaluator, uint16_t year, uint64_t position,
                          bool sangat_baik, const std::string& agency) {
  if (evaluator.empty()) return;  // an unnamed evaluator cannot be judged
  auto a = std::find(agencies_.begin(), agencies_.end(), agency);
  if (a == agencies_.end()) a = agencies_.insert(agencies_.end(), agency);
  auto& list = groups_[{evaluator, year}];
  const Rating r{position, static_cast<uint16_t>(a - agencies_.begin()), sangat_baik};
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

std::vector<EvaluatorGroups::Group> EvaluatorGroups::Inflated(int min_ratings) const {
  std::vector<Group> out;
  for (const auto& [key, list] : groups_) {
    if (static_cast<int>(list.size()) < min_ratings) continue;
    if (!std::all_of(list.begin(), list.end(), [](const Rating& r) { return r.sangat_baik; })) {
      continue;
    }
    Group g{key.first, key.second, agencies_[list.front().agency], {}};
    for (const Rating& r : list) g.positions.push_back(r.position);
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace jejak::audit
