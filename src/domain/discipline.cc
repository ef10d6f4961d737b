#include "jejak/domain/discipline.h"

#include <array>

namespace jejak::domain {

namespace {

using K = schema::SanctionKind;
using L = schema::SanctionLevel;

struct KindLevel {
  K kind;
  L level;
};

// PP 30/1980 Art. 6.
constexpr KindLevel kPp30[] = {
    {K::ORAL_WARNING, L::LIGHT},           {K::WRITTEN_WARNING, L::LIGHT},
    {K::WRITTEN_DISSATISFACTION, L::LIGHT}, {K::SALARY_INCREMENT_DELAY1_YEAR, L::MEDIUM},
    {K::SALARY_REDUCTION1_YEAR, L::MEDIUM}, {K::PROMOTION_DELAY1_YEAR, L::MEDIUM},
    {K::RANK_DEMOTION1_YEAR, L::HEAVY},     {K::RELEASE_FROM_POST, L::HEAVY},
    {K::DISMISSAL, L::HEAVY},               {K::DISHONOURABLE_DISMISSAL, L::HEAVY},
    {K::TEMPORARY_SUSPENSION, L::HEAVY},
};
// PP 53/2010 Art. 7.
constexpr KindLevel kPp53[] = {
    {K::ORAL_WARNING, L::LIGHT},
    {K::WRITTEN_WARNING, L::LIGHT},
    {K::WRITTEN_DISSATISFACTION, L::LIGHT},
    {K::SALARY_INCREMENT_DELAY1_YEAR, L::MEDIUM},
    {K::PROMOTION_DELAY1_YEAR, L::MEDIUM},
    {K::RANK_DEMOTION1_YEAR, L::MEDIUM},
    {K::RANK_DEMOTION3_YEARS, L::HEAVY},
    {K::POSITION_DEMOTION, L::HEAVY},
    {K::RELEASE_FROM_POST, L::HEAVY},
    {K::DISMISSAL, L::HEAVY},
    {K::DISHONOURABLE_DISMISSAL, L::HEAVY},
    {K::TEMPORARY_SUSPENSION, L::HEAVY},
};
// PP 94/2021 Art. 8.
constexpr KindLevel kPp94[] = {
    {K::ORAL_WARNING, L::LIGHT},          {K::WRITTEN_WARNING, L::LIGHT},
    {K::WRITTEN_DISSATISFACTION, L::LIGHT}, {K::ALLOWANCE_CUT6_MONTHS, L::MEDIUM},
    {K::ALLOWANCE_CUT9_MONTHS, L::MEDIUM}, {K::ALLOWANCE_CUT12_MONTHS, L::MEDIUM},
    {K::DEMOTION12_MONTHS, L::HEAVY},     {K::PELAKSANA12_MONTHS, L::HEAVY},
    {K::DISMISSAL, L::HEAVY},             {K::TEMPORARY_SUSPENSION, L::HEAVY},
};

std::span<const KindLevel> TableOf(DisciplineRegulation r) {
  switch (r) {
    case DisciplineRegulation::kPp30Of1980: return kPp30;
    case DisciplineRegulation::kPp53Of2010: return kPp53;
    case DisciplineRegulation::kPp94Of2021: return kPp94;
  }
  return {};
}

template <size_t N>
constexpr std::array<K, N> KindsOfTable(const KindLevel (&table)[N]) {
  std::array<K, N> out{};
  for (size_t i = 0; i < N; ++i) out[i] = table[i].kind;
  return out;
}

constexpr auto kPp30Kinds = KindsOfTable(kPp30);
constexpr auto kPp53Kinds = KindsOfTable(kPp53);
constexpr auto kPp94Kinds = KindsOfTable(kPp94);

}  // namespace

DisciplineRegulation DisciplineRegulationOn(uint32_t date) {
  if (date >= kPp94Of2021Start) return DisciplineRegulation::kPp94Of2021;
  if (date >= kPp53Of2010Start) return DisciplineRegulation::kPp53Of2010;
  return DisciplineRegulation::kPp30Of1980;
}

const char* DisciplineRegulationText(DisciplineRegulation r) {
  switch (r) {
    case DisciplineRegulation::kPp30Of1980: return "PP 30/1980 Art. 6";
    case DisciplineRegulation::kPp53Of2010: return "PP 53/2010 Art. 7";
    case DisciplineRegulation::kPp94Of2021: return "PP 94/2021 Art. 8";
  }
  return "";
}

schema::SanctionLevel SanctionLevelUnder(DisciplineRegulation r, schema::SanctionKind kind) {
  for (const KindLevel& k : TableOf(r)) {
    if (k.kind == kind) return k.level;
  }
  return L::UNSPECIFIED;
}

std::span<const schema::SanctionKind> SanctionKindsOf(DisciplineRegulation r) {
  switch (r) {
    case DisciplineRegulation::kPp30Of1980: return kPp30Kinds;
    case DisciplineRegulation::kPp53Of2010: return kPp53Kinds;
    case DisciplineRegulation::kPp94Of2021: return kPp94Kinds;
  }
  return {};
}

schema::SanctionLevel ExpectedSanctionLevel(schema::SanctionKind kind, uint32_t start,
                                            DisciplineRegulation* regulation) {
  DisciplineRegulation r = DisciplineRegulationOn(start);
  L level = SanctionLevelUnder(r, kind);
  for (auto later : {DisciplineRegulation::kPp94Of2021, DisciplineRegulation::kPp53Of2010,
                     DisciplineRegulation::kPp30Of1980}) {
    if (level != L::UNSPECIFIED) break;
    r = later;
    level = SanctionLevelUnder(r, kind);
  }
  if (regulation != nullptr) *regulation = r;
  return level;
}

}  // namespace jejak::domain
