// EvaluatorGroups: every effective rating, grouped by (evaluator NIP,
// rated year), with the ratee's agency and unit, to find the patterns
// DOMAIN.md "Performance" names: an evaluator who rates (nearly) everyone
// Sangat Baik, one who rates everyone the same, and a unit whose share of
// Sangat Baik departs strongly from the rest of its agency's.
// 16 bytes per rating plus one map node per group and one name per unit.
//
// Not thread-safe; one per replay.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "jejak/audit/rules.h"
#include "jejak/schema/common.capnp.h"

namespace jejak::audit {

class EvaluatorGroups {
 public:
  // A rating event at `position` (its payload as corrected) of a ratee
  // placed in `agency` / `unit` on the rated year's 31 December. An
  // unnamed evaluator ("") counts for its unit only.
  void Add(const std::string& evaluator, uint16_t year, uint64_t position,
           schema::PredikatKinerja predikat, const std::string& agency, const std::string& unit);
  // Removes the rating at `position` (retracted, or corrected into another
  // group or predikat: Add it again with the new payload).
  void Remove(const std::string& evaluator, uint16_t year, uint64_t position);

  // An evaluator-year flagged inflated or uniform.
  struct Group {
    std::string evaluator;
    uint16_t year = 0;
    std::string agency;               // of the first rating's ratee
    std::vector<uint64_t> positions;  // in position order; the first keys it
    std::vector<schema::PredikatKinerja> predikats;  // of each rating in `positions`
    int sangat_baik = 0;              // ratings Sangat Baik among them
    schema::PredikatKinerja predikat = schema::PredikatKinerja::UNSPECIFIED;  // uniform: the one
  };
  // A unit-year whose share of Sangat Baik departs from its agency's.
  struct UnitOutlier {
    std::string agency;
    std::string unit;
    uint16_t year = 0;
    std::vector<uint64_t> positions;  // the unit's ratings counted, in position order
    int unit_ratings = 0, unit_sangat_baik = 0;
    int rest_ratings = 0, rest_sangat_baik = 0;  // the rest of the agency that year
    double z = 0;                                // pooled two-proportion z statistic
  };
  struct Patterns {
    std::vector<Group> inflated;      // by (evaluator, year)
    std::vector<Group> uniform;       // by (evaluator, year)
    std::vector<UnitOutlier> units;   // by (year, agency, unit)
  };
  // The patterns under the thresholds of `rules` (inflated_min_ratees,
  // inflated_share, uniform_min_ratees, outlier_*; rules.h).
  Patterns Find(const AuditRules& rules) const;

  // Every rating held, counted by (ratee's agency, year) and predikat
  // (indexed by schema::PredikatKinerja): the report's distributions.
  std::map<std::pair<std::string, uint16_t>, std::array<uint64_t, 6>> PredikatCounts() const;

 private:
  struct Rating {
    uint64_t position;
    uint32_t unit;     // index into units_
    uint8_t predikat;  // schema::PredikatKinerja
  };
  uint32_t UnitIndex(const std::string& agency, const std::string& unit);

  std::map<std::pair<std::string, uint16_t>, std::vector<Rating>> groups_;
  std::vector<std::pair<std::string, std::string>> units_;  // (agency, unit)
  std::unordered_map<std::string, uint32_t> unit_index_;     // agency + '\0' + unit
};

}  // namespace jejak::audit
