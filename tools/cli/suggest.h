// "Did you mean": the command nearest to a mistyped one.
#pragma once

#include <string>
#include <vector>

namespace jejak::cli {

// The candidate at the smallest edit distance (Levenshtein) from `typed`,
// if that distance is at most a third of the typed length (and at least
// 1 edit allowed) or `typed` is a prefix of it; "" when none is close.
std::string NearestName(const std::string& typed, const std::vector<std::string>& candidates);

}  // namespace jejak::cli
