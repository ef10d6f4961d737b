#include "jejak/projection/names.h"

#include <cctype>

#include "jejak/domain/golongan.h"

namespace jejak::projection {

std::string RankName(const RankValue& r) {
  static constexpr const char* kRoman[] = {"",   "I",   "II",   "III", "IV",  "V",
                                           "VI", "VII", "VIII", "IX",  "X",   "XI",
                                           "XII", "XIII", "XIV", "XV", "XVI", "XVII"};
  if (r.pppk_grade >= 1 && r.pppk_grade <= 17) return std::string("PPPK ") + kRoman[r.pppk_grade];
  return std::string(domain::GolonganName(r.golongan));
}

std::optional<RankValue> ParseRankName(std::string_view text) {
  if (auto g = domain::ParseGolongan(text)) return RankValue{*g, 0};
  std::string lower;
  for (char c : text) {
    if (c != '-' && c != ' ') lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (lower.starts_with("pppk") && lower.size() > 4 && lower.size() <= 6) {
    int grade = 0;
    for (char c : lower.substr(4)) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      grade = grade * 10 + (c - '0');
    }
    if (grade >= 1 && grade <= 17) return RankValue{schema::Golongan::UNSPECIFIED, static_cast<uint8_t>(grade)};
  }
  return std::nullopt;
}

}  // namespace jejak::projection
