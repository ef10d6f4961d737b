// ProfileSummary: the current facts of one employee that a lookup shows
// (who, where, which rank since when, the latest SKP predikat, training JP
// per year, separation), without the full profile. The projection stores
// one per employee beside the full profile (docs/projections.md
// "Summaries"), so a lookup reads a few hundred bytes instead of decoding
// every fact.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "jejak/projection/profile_record.h"
#include "jejak/projection/profile_state.h"

namespace jejak::projection {

struct ProfileSummary {
  std::string nip;
  std::string name;
  // The current placement (CurrentPlacement); placed false and the rest
  // empty / 0 when there is none.
  bool placed = false;
  std::string agency;
  std::string unit;
  std::string position_id;    // "" = no position held
  std::string position_name;  // "" when the placement named none
  uint32_t position_tmt = 0;
  schema::JabatanLevel level = schema::JabatanLevel::UNSPECIFIED;  // of the placement
  // The current rank (CurrentRank); has_rank false when none is on record.
  bool has_rank = false;
  RankValue rank;
  uint32_t rank_tmt = 0;
  schema::EmploymentType employment_type = schema::EmploymentType::UNSPECIFIED;
  bool confirmed = false;  // TMT PNS on record (a CPNS confirmed as PNS)
  uint32_t birth_date = 0;
  uint32_t recruited = 0;  // TMT CPNS / PPPK contract start
  // The rating of the latest year on record (year 0 = none).
  uint16_t rating_year = 0;
  schema::PredikatKinerja predikat = schema::PredikatKinerja::UNSPECIFIED;
  // Development JP of all kinds per year, by year.
  struct YearJp {
    uint16_t year = 0;
    uint32_t jp = 0;
    friend bool operator==(const YearJp&, const YearJp&) = default;
  };
  std::vector<YearJp> jp_by_year;
  bool separated = false;
  schema::SeparationReason separation_reason = schema::SeparationReason::UNSPECIFIED;
  uint32_t separation_date = 0;
  uint64_t last_position = 0;   // the employee's last event folded
  uint64_t known_position = 0;  // the projection reflects the log up to here (set by reads)

  // JP of all kinds in `year` (JpInYear of the profile).
  uint32_t JpInYear(uint16_t year) const;
  friend bool operator==(const ProfileSummary&, const ProfileSummary&) = default;
};

// The summary of `s` (known_position left 0). The one definition: the
// stored summaries are checked against it.
ProfileSummary SummaryOf(const ProfileState& s);
// The summary of a profile read or reconstructed, as known at its position.
ProfileSummary SummaryOf(const ProfileRecord& rec);

}  // namespace jejak::projection
