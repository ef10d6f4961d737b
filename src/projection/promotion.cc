// NextPromotion: DOMAIN.md "Rank promotion", by the route of the post held
// (regular, or functional through credit points), with the rule table of
// rules.h.
#include <algorithm>
#include <cstdio>
#include <string>

#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"
#include "jejak/projection/profile_view.h"
#include "jejak/projection/promotion_check.h"

namespace jejak::projection {

namespace {

std::string SeparationName(schema::SeparationReason r) {
  switch (r) {
    case schema::SeparationReason::RETIREMENT: return "retirement";
    case schema::SeparationReason::RESIGNATION: return "resignation";
    case schema::SeparationReason::DISMISSAL: return "dismissal";
    case schema::SeparationReason::DEATH: return "death";
    case schema::SeparationReason::CONTRACT_ENDED: return "contract ended";
    default: return "unspecified";
  }
}

std::string PredikatName(schema::PredikatKinerja p) {
  switch (p) {
    case schema::PredikatKinerja::SANGAT_BAIK: return "Sangat Baik";
    case schema::PredikatKinerja::BAIK: return "Baik";
    case schema::PredikatKinerja::BUTUH_PERBAIKAN: return "Butuh Perbaikan";
    case schema::PredikatKinerja::KURANG: return "Kurang";
    case schema::PredikatKinerja::SANGAT_KURANG: return "Sangat Kurang";
    default: return "unspecified";
  }
}

// The last day of the sanction that blocks `date`, or 0 if none does;
// UINT32_MAX for an open-ended one.
uint32_t BlockingSanctionEnd(const ProfileState& s, uint32_t date, std::string* why) {
  uint32_t end = 0;
  for (const auto& f : s.sanctions) {
    if (!SanctionActiveOn(s, f, date)) continue;
    const uint32_t e = f.end == 0 ? UINT32_MAX : f.end;
    if (e > end) {
      end = e;
      *why = "sanction (position " + std::to_string(f.key.position) + ") in force from " +
             domain::FormatDate(f.start) +
             (f.end == 0 ? std::string(", open-ended") : " until " + domain::FormatDate(f.end));
    }
  }
  return end;
}

std::string Points(double points) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", points);
  std::string out = buf;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out;
}

}  // namespace

PromotionOutlook NextPromotion(const ProfileState& s, uint32_t from, const Rules& rules,
                               uint32_t today) {
  PromotionOutlook out;
  out.route = RouteOf(s);
  const bool functional = out.route == PromotionRoute::kFunctional;
  if (today == 0) today = from;
  if (s.separation.key.position != 0) {
    out.blockers.push_back("separated (" + SeparationName(s.separation.reason) + ") on " +
                           domain::FormatDate(s.separation.key.effective));
    return out;
  }
  if (s.employment_type == schema::EmploymentType::PPPK) {
    out.blockers.push_back("PPPK: a grade, not a rank; no regular rank promotion");
    return out;
  }
  const RankFact* rank = CurrentRank(s);
  if (rank == nullptr || rank->rank.golongan == schema::Golongan::UNSPECIFIED) {
    out.blockers.push_back("no rank recorded");
    return out;
  }
  const int step = domain::GolonganStep(rank->rank.golongan);
  const auto next = static_cast<schema::Golongan>(std::min(step + 1, 17));
  if (step >= 17) {
    out.blockers.push_back("rank IV/e is the highest");
    return out;
  }
  if (!functional) {
    // The education cap, as the audit checks it (CheckRegularPromotion).
    const RegularPromotionCheck capped = CheckRegularPromotion(s, next, from, rules);
    if (!capped.cap) {
      out.blockers.push_back("education unknown: the regular-promotion cap cannot be applied");
      return out;
    }
    if (!capped.within_cap) {
      out.blockers.push_back("rank " + std::string(domain::GolonganName(rank->rank.golongan)) +
                             " is at or above the highest rank by regular promotion for this "
                             "education (" +
                             std::string(domain::GolonganName(capped.cap->max_regular)) + ")");
      return out;
    }
  }
  out.to.golongan = next;

  // The route's first date from the rank on record (EarliestPromotionDate),
  // then on or after `from`, past any sanction in force.
  const uint32_t due = EarliestPromotionDate(s, out.route, rules);
  if (due == 0) {
    out.blockers.push_back("no promotion rule covers the dates after " +
                           domain::FormatDate(rank->key.effective));
    return out;
  }
  uint32_t earliest = std::max(from, due);
  uint32_t date = 0;
  for (int guard = 0; guard < 16; ++guard) {
    date = NextAllowedPromotionDate(rules, earliest);
    if (date == 0) {
      out.blockers.push_back("no promotion rule covers " + domain::FormatDate(earliest));
      return out;
    }
    std::string why;
    const uint32_t sanction_end = BlockingSanctionEnd(s, date, &why);
    if (sanction_end == UINT32_MAX) {
      out.date = date;
      out.blockers.push_back(why);
      return out;
    }
    if (sanction_end != 0) {
      earliest = domain::FromDays(domain::ToDays(sanction_end) + 1);
      continue;
    }
    break;
  }
  out.date = date;
  const RegularPromotionCheck c = CheckPromotion(s, out.to.golongan, date, rules, out.route);
  if (s.confirmed.position == 0 || s.confirmed.effective > date) {
    out.blockers.push_back("not confirmed as PNS (no civilServantConfirmed recorded)");
  }
  if (c.exam_rule != nullptr && c.exam == nullptr) {
    out.blockers.push_back(
        std::string("no ") +
        (c.exam_rule->exam == schema::ExamKind::UJIAN_DINAS_TINGKAT_I ? "ujian dinas tingkat I"
                                                                       : "ujian dinas tingkat II") +
        " (or penyesuaian ijazah) on record, needed from " +
        std::string(domain::GolonganName(rank->rank.golongan)) + " to " +
        std::string(domain::GolonganName(next)));
  }
  for (const auto& y : c.years) {
    if (y.rating == nullptr) {
      // A year not over on the reference date cannot be rated yet.
      if (static_cast<uint32_t>(y.year) * 10000 + 1231 >= today) {
        out.notes.push_back("subject to predikat " + std::to_string(y.year) + " >= Baik");
      } else {
        out.blockers.push_back("no predikat for " + std::to_string(y.year));
      }
    } else if (!y.baik) {
      out.blockers.push_back("predikat " + std::to_string(y.year) + " " + PredikatName(y.counted) +
                             " (needs at least Baik)");
    }
  }
  if (functional) {
    const double since_rank = CreditPointsIn(s, rank->key.effective, date);
    out.notes.push_back("functional route (credit points): " + Points(since_rank) +
                        " credit points on record since " +
                        domain::FormatDate(rank->key.effective) +
                        "; the points the step needs are not checked");
  } else if (c.rule->superior_rank_cap) {
    out.notes.push_back("not above the direct superior's rank (rule before 2025-05-20; unchecked)");
  }
  return out;
}

}  // namespace jejak::projection
