// Default rule tables (DOMAIN.md) and the date arithmetic on them.
#include "jejak/projection/rules.h"

#include <algorithm>

#include "jejak/domain/date.h"

namespace jejak::projection {

namespace {

constexpr uint16_t Months(std::initializer_list<int> months) {
  uint16_t mask = 0;
  for (int m : months) mask = static_cast<uint16_t>(mask | (1u << m));
  return mask;
}

}  // namespace

Rules Rules::Default() {
  Rules r;
  const uint16_t april_october = Months({4, 10});
  const uint16_t even_months = Months({2, 4, 6, 8, 10, 12});
  const uint16_t any_month = Months({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  // PP 3/1980 until PP 99/2000 took effect (same 4 years, DP3 at least
  // Baik for 2 years, 1 April and 1 October); PP 99/2000 and PP 12/2002;
  // Peraturan BKN 4/2023 (from 2024); Peraturan BKN 2/2025 drops the
  // superior's-rank cap from 20 May 2025; Peraturan BKN 4/2025 (from 1 Oct
  // 2025) allows any month.
  // PP 99/2000 took effect on the day it was enacted, 10 November 2000
  // (from a single secondary source, unverified against the Lembaran
  // Negara: change both dates here if it differs).
  r.regular_promotion = {
      {19000101, 20001109, 4, 2, april_october, true, "PP 3/1980"},
      {20001110, 20231231, 4, 2, april_october, true, "PP 99/2000 as amended by PP 12/2002"},
      {20240101, 20250519, 4, 2, even_months, true,
       "PP 99/2000 as amended by PP 12/2002; Peraturan BKN 4/2023"},
      {20250520, 20250930, 4, 2, even_months, false,
       "PP 99/2000 as amended by PP 12/2002; Peraturan BKN 4/2023; Peraturan BKN 2/2025"},
      {20251001, 21991231, 4, 2, any_month, false,
       "PP 99/2000 as amended by PP 12/2002; Peraturan BKN 4/2025"},
  };
  r.nine_box = {{{1, 3, 6}, {2, 5, 8}, {4, 7, 9}}};
  r.succession_boxes = {7, 8, 9};
  using L = schema::JabatanLevel;
  // UU 5/2014 Art. 90 and PP 11/2017 Art. 239: 58 administrative posts and
  // most functional posts, 60 JPT and Ahli Madya, 65 Ahli Utama.
  r.retirement_ages = {{L::JPT_UTAMA, 60},     {L::JPT_MADYA, 60}, {L::JPT_PRATAMA, 60},
                       {L::AHLI_MADYA, 60},    {L::AHLI_UTAMA, 65}};
  // Teachers (jabatan fungsional guru) retire at 60 at every jenjang (UU
  // 14/2005 Art. 40, to which PP 11/2017 Art. 239 defers).
  r.retirement_ages_by_name = {{"Guru", 60}};
  r.default_retirement_age = 58;
  r.functional_min_years_in_rank = 2;
  // PP 99/2000 (and PP 3/1980 before it): the regular step into golongan
  // III and into golongan IV needs the ujian dinas of its level (or a
  // penyesuaian ijazah). The article is not cited: from a secondary source.
  r.exam_rules = {
      {19000101, 20001109, schema::Golongan::IID, schema::ExamKind::UJIAN_DINAS_TINGKAT_I,
       "PP 3/1980 (ujian dinas tingkat I)"},
      {20001110, 21991231, schema::Golongan::IID, schema::ExamKind::UJIAN_DINAS_TINGKAT_I,
       "PP 99/2000 as amended by PP 12/2002 (ujian dinas tingkat I)"},
      {19000101, 20001109, schema::Golongan::IIID, schema::ExamKind::UJIAN_DINAS_TINGKAT_I_I,
       "PP 3/1980 (ujian dinas tingkat II)"},
      {20001110, 21991231, schema::Golongan::IIID, schema::ExamKind::UJIAN_DINAS_TINGKAT_I_I,
       "PP 99/2000 as amended by PP 12/2002 (ujian dinas tingkat II)"},
  };
  r.min_jp_per_year = 20;
  return r;
}

const RegularPromotionRule* Rules::RegularRuleOn(uint32_t date) const {
  for (const auto& rule : regular_promotion) {
    if (rule.from <= date && date <= rule.to) return &rule;
  }
  return nullptr;
}

const ExamRule* Rules::ExamRuleFor(schema::Golongan from_rank, uint32_t date) const {
  for (const auto& rule : exam_rules) {
    if (rule.from_rank == from_rank && rule.from <= date && date <= rule.to) return &rule;
  }
  return nullptr;
}

int Rules::RetirementAge(schema::JabatanLevel level, std::string_view position_name) const {
  for (const auto& a : retirement_ages_by_name) {
    if (!a.name_prefix.empty() && position_name.substr(0, a.name_prefix.size()) == a.name_prefix) {
      return a.age;
    }
  }
  for (const auto& a : retirement_ages) {
    if (a.level == level) return a.age;
  }
  return default_retirement_age;
}

bool Rules::InSuccessionPool(uint8_t box) const {
  return box != 0 && std::find(succession_boxes.begin(), succession_boxes.end(), box) !=
                         succession_boxes.end();
}

uint32_t NextAllowedPromotionDate(const Rules& rules, uint32_t date) {
  uint32_t candidate = date % 100 == 1 ? date : domain::AddMonths(date - date % 100 + 1, 1);
  for (int i = 0; i < 120; ++i, candidate = domain::AddMonths(candidate, 1)) {
    const RegularPromotionRule* rule = rules.RegularRuleOn(candidate);
    if (rule != nullptr && rule->AllowsMonth(static_cast<int>(candidate / 100 % 100))) {
      return candidate;
    }
  }
  return 0;
}

uint32_t RetirementDate(uint32_t birth_date, int age) {
  if (birth_date == 0) return 0;
  const uint32_t first_of_birth_month = birth_date - birth_date % 100 + 1;
  return domain::AddMonths(domain::AddYears(first_of_birth_month, age), 1);
}

}  // namespace jejak::projection
