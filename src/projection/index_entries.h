// The secondary-index entries a profile contributes (key layout in keys.h).
// A pure function of the profile's own facts and the rules, so the indexes
// of a rebuild equal those of the incremental projection.
#pragma once

#include <string>
#include <vector>

#include "jejak/projection/profile_state.h"
#include "jejak/projection/rules.h"

namespace jejak::projection {

struct IndexEntry {
  std::string key;
  std::string value;
  friend bool operator==(const IndexEntry&, const IndexEntry&) = default;
};

// Sorted by key.
std::vector<IndexEntry> IndexEntries(const ProfileState& s, const Rules& rules);

// The rank byte of the "ir" index: golongan step 1..17, PPPK grade + 100.
uint8_t RankCode(const RankValue& r);

// The 9-box cell (performance * 3 + potential) of a profile, 255 if unknown.
uint8_t TalentCell(const ProfileState& s);

// First allowed TMT after the minimum years in the current rank, for an
// active PNS below the education cap; 0 otherwise.
uint32_t PromotionCandidateDate(const ProfileState& s, const Rules& rules);

}  // namespace jejak::projection
