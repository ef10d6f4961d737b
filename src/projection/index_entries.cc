#include "index_entries.h"

#include <algorithm>

#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"
#include "jejak/projection/profile_view.h"
#include "keys.h"

namespace jejak::projection {

uint8_t RankCode(const RankValue& r) {
  if (r.pppk_grade != 0) return static_cast<uint8_t>(100 + r.pppk_grade);
  return static_cast<uint8_t>(domain::GolonganStep(r.golongan));
}

uint8_t TalentCell(const ProfileState& s) {
  // TalentBox with the identity numbering gives the cell + 1.
  Rules identity;
  identity.nine_box = {{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}};
  const uint8_t box = TalentBox(s, identity);
  return box == 0 ? 255 : static_cast<uint8_t>(box - 1);
}

uint32_t PromotionCandidateDate(const ProfileState& s, const Rules& rules) {
  if (s.separation.key.position != 0 || s.employment_type == schema::EmploymentType::PPPK) return 0;
  const RankFact* rank = CurrentRank(s);
  if (rank == nullptr || rank->rank.golongan == schema::Golongan::UNSPECIFIED) return 0;
  auto range = domain::RankRangeForEducation(s.education);
  if (!range || domain::GolonganStep(rank->rank.golongan) >= domain::GolonganStep(range->max_regular)) {
    return 0;
  }
  return NextAllowedPromotionDate(rules, domain::AddYears(rank->key.effective, 4));
}

std::vector<IndexEntry> IndexEntries(const ProfileState& s, const Rules& rules) {
  std::vector<IndexEntry> out;
  if (s.nip.size() != keys::kNipSize) return out;
  const Placement* place = CurrentPlacement(s);
  const std::string agency = place != nullptr ? place->agency : "";
  const bool active = s.separation.key.position == 0;
  {
    std::string v;
    keys::PutU32(&v, s.recruited.effective);
    keys::PutU32(&v, active ? 0 : s.separation.key.effective);
    out.push_back({keys::AgencyPrefix(agency) + s.nip, std::move(v)});
  }
  if (active) {
    out.push_back({keys::UnitPrefix(agency, place != nullptr ? place->unit : "") + s.nip, ""});
    if (const RankFact* rank = CurrentRank(s)) {
      out.push_back({keys::RankPrefix(RankCode(rank->rank)) + s.nip, ""});
    }
    const auto level = CurrentLevel(s, nullptr);
    out.push_back({keys::LevelPrefix(static_cast<uint8_t>(level)) + s.nip, ""});
    if (uint32_t d = PromotionCandidateDate(s, rules)) {
      out.push_back({keys::DatePrefix("ie", d) + s.nip, ""});
    }
    if (uint8_t cell = TalentCell(s); cell != 255) {
      out.push_back({keys::CellPrefix(cell) + s.nip, ""});
    }
    if (uint32_t d = RetirementDate(s.birth_date, rules.RetirementAge(level))) {
      out.push_back({keys::DatePrefix("iy", d) + s.nip, ""});
    }
  }
  uint16_t year = 0;
  uint32_t jp = 0;
  auto flush = [&] {
    if (year == 0) return;
    std::string k = keys::JpPrefix(year);
    keys::PutU32(&k, jp);
    out.push_back({k + s.nip, ""});
  };
  for (const auto& t : s.training_jp) {  // sorted by year
    if (t.year != year) {
      flush();
      year = t.year;
      jp = 0;
    }
    jp += t.jp;
  }
  flush();
  std::sort(out.begin(), out.end(),
            [](const IndexEntry& a, const IndexEntry& b) { return a.key < b.key; });
  return out;
}

}  // namespace jejak::projection
