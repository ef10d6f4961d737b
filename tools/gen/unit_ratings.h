// The units' shares of Sangat Baik in one year's ratings, as the audit's
// unit_rating_outlier compares them (docs/audit.md): a unit-year of at
// least 10 ratings (the ratee's unit at the end of the year) whose share
// differs from the rest of its agency's (at least 10 ratings) by at least
// 30 points with a pooled two-proportion z of at least 3, the ratings of
// evaluators flagged inflated or uniform left out of both sides. Internal
// to jejak_gen; used by RateYear (ratings.cc).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "gen/world.h"

namespace jejak::gen {

// A unit-year raised far above its agency on purpose: its counted ratings
// as (evaluator group, index in the group), and the answer key's detail.
struct InjectedUnit {
  std::vector<std::pair<uint32_t, uint32_t>> ratings;
  std::string detail;
};

// Settles the scores (1..5, domain::PredikatScore order) of the year's
// ratings: `ratees[g]` are rated by evaluator group g with `scores[g]`,
// index-aligned; groups with `pattern[g]` (an injected inflated or uniform
// evaluator) are not counted and not changed. At the violation rate, one
// unit-year of an agency is raised (Baik to Sangat Baik, its most talented
// first) until it is clearly flagged; every other unit is moved toward its
// agency (Sangat Baik to Baik, or the reverse) until it is clearly not. No
// change makes a natural evaluator of 5 or more ratees rate 90% or more
// Sangat Baik or everyone alike. Deterministic; returns the units raised.
std::vector<InjectedUnit> SettleUnits(World& w, int year,
                                      const std::vector<std::vector<int32_t>>& ratees,
                                      const std::vector<bool>& pattern,
                                      std::vector<std::vector<int>>& scores);

}  // namespace jejak::gen
