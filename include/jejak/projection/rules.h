// The rules the projections apply, as data keyed by date ranges
// (DOMAIN.md: "every check looks up the rule in force on the event's
// effective date"). The audit reuses these tables. Defaults come from
// DOMAIN.md; every table is a plain value the caller may replace.
//
// Kept under projection/ (not domain/) so the parts own separate files; the
// tables are pure data and functions, with no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "jejak/schema/common.capnp.h"

namespace jejak::projection {

// Regular rank promotion (kenaikan pangkat reguler) for TMTs in [from, to].
struct RegularPromotionRule {
  uint32_t from = 0;          // YYYYMMDD, inclusive
  uint32_t to = 0;            // YYYYMMDD, inclusive
  int min_years_in_rank = 4;  // the first count starts at TMT CPNS
  int baik_years = 2;         // predikat >= Baik in each of the last N years
  uint16_t allowed_months = 0;  // bit m (1..12) set: 1st of month m allowed
  bool superior_rank_cap = false;  // not above the direct superior's rank
                                   // (reported as a note: the superior is
                                   // not known to the profile)
  // The regulation in force for these TMTs, as an audit cites it.
  const char* regulation = "";
  bool AllowsMonth(int month) const { return (allowed_months >> month) & 1u; }
};

// 9-box cells: performance (rows) x potential (columns).
enum class BoxAxis : uint8_t { kLow = 0, kMid = 1, kHigh = 2 };

struct Rules {
  // Sorted, non-overlapping date ranges.
  std::vector<RegularPromotionRule> regular_promotion;

  // box[performance][potential]: the agency's number for the cell.
  // Default PermenPANRB 3/2020: rows below/meets/above expectation,
  // columns low/medium/high potential.
  std::array<std::array<uint8_t, 3>, 3> nine_box{};
  // Boxes that form the succession pool (default 7, 8, 9).
  std::vector<uint8_t> succession_boxes;

  // Retirement age (batas usia pensiun) by position level; positions not
  // listed, and employees without a position, use default_retirement_age.
  struct RetirementAge {
    schema::JabatanLevel level;
    int age;
  };
  std::vector<RetirementAge> retirement_ages;
  int default_retirement_age = 58;

  // Competency development per year (PP 11/2017 Art. 203(4)).
  uint32_t min_jp_per_year = 20;

  // The regular-promotion rule governing a TMT on `date`; nullptr outside
  // every range.
  const RegularPromotionRule* RegularRuleOn(uint32_t date) const;
  int RetirementAge(schema::JabatanLevel level) const;
  uint8_t Box(BoxAxis performance, BoxAxis potential) const {
    return nine_box[static_cast<int>(performance)][static_cast<int>(potential)];
  }
  bool InSuccessionPool(uint8_t box) const;

  // The tables of DOMAIN.md.
  static Rules Default();
};

// The first date on or after `date` that is the 1st of a month allowed by
// the rule in force then; 0 when no rule covers the dates up to 10 years on.
uint32_t NextAllowedPromotionDate(const Rules& rules, uint32_t date);

// Retirement date for a birth date and retirement age: the 1st of the month
// after the month the age is reached (pensiun mulai awal bulan berikutnya).
uint32_t RetirementDate(uint32_t birth_date, int age);

}  // namespace jejak::projection
