// EvaluatorGroups: every effective rating, grouped by (evaluator NIP,
// rated year), to find evaluators who rate all their ratees Sangat Baik.
// 16 bytes per rating plus one map node per group.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace jejak::audit {

class EvaluatorGroups {
 public:
  // A rating event at `position` (its payload as corrected), of a ratee
  // placed in `agency` when it was recorded.
  void Add(const std::string& evaluator, uint16_t year, uint64_t position, bool sangat_baik,
           const std::string& agency);
  // Removes the rating at `position` (retracted, or corrected into another
  // group or predikat: Add it again with the new payload).
  void Remove(const std::string& evaluator, uint16_t year, uint64_t position);

  struct Group {
    std::string evaluator;
    uint16_t year = 0;
    std::string agency;               // of the first rating's ratee
    std::vector<uint64_t> positions;  // in position order; the first keys it
  };
  // Groups of at least `min_ratings` ratings, all Sangat Baik, by
  // (evaluator, year).
  std::vector<Group> Inflated(int min_ratings) const;

 private:
  struct Rating {
    uint64_t position;
    uint16_t agency;  // index into agencies_
    bool sangat_baik;
  };
  std::map<std::pair<std::string, uint16_t>, std::vector<Rating>> groups_;
  std::vector<std::string> agencies_;
};

}  // namespace jejak::audit
