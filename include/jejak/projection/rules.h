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
#include <string>
#include <string_view>
#include <vector>

#include "jejak/schema/common.capnp.h"
#include "jejak/schema/events.capnp.h"

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

// An exam the regular promotion from `from_rank` (one step up) needs for
// TMTs in [from, to]: ujian dinas tingkat I for II/d -> III/a, tingkat II
// for III/d -> IV/a. A penyesuaian ijazah on record meets it too.
struct ExamRule {
  uint32_t from = 0;  // YYYYMMDD, inclusive
  uint32_t to = 0;    // YYYYMMDD, inclusive
  schema::Golongan from_rank = schema::Golongan::UNSPECIFIED;
  schema::ExamKind exam = schema::ExamKind::UNSPECIFIED;
  const char* regulation = "";
};

// 9-box cells: performance (rows) x potential (columns).
enum class BoxAxis : uint8_t { kLow = 0, kMid = 1, kHigh = 2 };

struct Rules {
  // Sorted, non-overlapping date ranges.
  std::vector<RegularPromotionRule> regular_promotion;

  // The functional route (PP 99/2000 Art. 7, 13(a)): a holder of a
  // functional post is promoted through credit points after this many
  // full years in rank, not by regular promotion. Default 2.
  int functional_min_years_in_rank = 2;

  // Exams the regular route needs (ExamRule). Default: ujian dinas
  // tingkat I for II/d -> III/a, tingkat II for III/d -> IV/a, throughout.
  std::vector<ExamRule> exam_rules;

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
  // Posts whose own law sets the age whatever their level, by the start of
  // the post's name (UU 14/2005 Art. 40: teachers, "Guru ...", 60). They
  // win over retirement_ages.
  struct RetirementAgeByName {
    std::string name_prefix;
    int age;
  };
  std::vector<RetirementAgeByName> retirement_ages_by_name;
  int default_retirement_age = 58;

  // Competency development per year (PP 11/2017 Art. 203(4)).
  uint32_t min_jp_per_year = 20;

  // The regular-promotion rule governing a TMT on `date`; nullptr outside
  // every range.
  const RegularPromotionRule* RegularRuleOn(uint32_t date) const;
  // The exam the regular step up from `from_rank` needs on `date`; nullptr
  // for a step that needs none.
  const ExamRule* ExamRuleFor(schema::Golongan from_rank, uint32_t date) const;
  // The retirement age of a post of `level` named `position_name`.
  int RetirementAge(schema::JabatanLevel level, std::string_view position_name = {}) const;
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
