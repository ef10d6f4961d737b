// NextPromotion: DOMAIN.md "Rank promotion", by the route of the post held
// (regular, or functional through credit points), with the rule table of
// rules.h.
#include <algorithm>
#include <string>

#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"
#include "jejak/projection/profile_view.h"
#include "jejak/projection/promotion_check.h"

namespace jejak::projection {

namespace {

// The last day of the sanction that blocks `date`, or 0 if none does;
// UINT32_MAX for an open-ended one.
uint32_t BlockingSanctionEnd(const ProfileState& s, uint32_t date, PromotionReason* why) {
  uint32_t end = 0;
  for (const auto& f : s.sanctions) {
    if (!SanctionActiveOn(s, f, date)) continue;
    const uint32_t e = f.end == 0 ? UINT32_MAX : f.end;
    if (e > end) {
      end = e;
      *why = PromotionReason{.kind = PromotionReason::Kind::kSanction,
                             .date = f.start,
                             .until = f.end,
                             .position = f.key.position};
    }
  }
  return end;
}

}  // namespace

PromotionOutlook NextPromotion(const ProfileState& s, uint32_t from, const Rules& rules,
                               uint32_t today) {
  using K = PromotionReason::Kind;
  PromotionOutlook out;
  out.route = RouteOf(s);
  const bool functional = out.route == PromotionRoute::kFunctional;
  if (today == 0) today = from;
  if (s.separation.key.position != 0) {
    out.blockers.push_back({.kind = K::kSeparated,
                            .date = s.separation.key.effective,
                            .separation = s.separation.reason});
    return out;
  }
  if (s.employment_type == schema::EmploymentType::PPPK) {
    out.blockers.push_back({.kind = K::kPppk});
    return out;
  }
  const RankFact* rank = CurrentRank(s);
  if (rank == nullptr || rank->rank.golongan == schema::Golongan::UNSPECIFIED) {
    out.blockers.push_back({.kind = K::kNoRank});
    return out;
  }
  const int step = domain::GolonganStep(rank->rank.golongan);
  const auto next = static_cast<schema::Golongan>(std::min(step + 1, 17));
  if (step >= 17) {
    out.blockers.push_back({.kind = K::kTopRank});
    return out;
  }
  if (!functional) {
    // The education cap, as the audit checks it (CheckRegularPromotion).
    const RegularPromotionCheck capped = CheckRegularPromotion(s, next, from, rules);
    if (!capped.cap) {
      out.blockers.push_back({.kind = K::kEducationUnknown});
      return out;
    }
    if (!capped.within_cap) {
      out.blockers.push_back({.kind = K::kAboveEducationCap,
                              .from = rank->rank.golongan,
                              .to = capped.cap->max_regular});
      return out;
    }
  }
  out.to.golongan = next;

  // The route's first date from the rank on record (EarliestPromotionDate),
  // then on or after `from`, past any sanction in force.
  const uint32_t due = EarliestPromotionDate(s, out.route, rules);
  if (due == 0) {
    out.blockers.push_back({.kind = K::kNoRuleAfter, .date = rank->key.effective});
    return out;
  }
  uint32_t earliest = std::max(from, due);
  uint32_t date = 0;
  for (int guard = 0; guard < 16; ++guard) {
    date = NextAllowedPromotionDate(rules, earliest);
    if (date == 0) {
      out.blockers.push_back({.kind = K::kNoRuleOn, .date = earliest});
      return out;
    }
    PromotionReason why;
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
    out.blockers.push_back({.kind = K::kNotConfirmed});
  }
  if (c.exam_rule != nullptr && c.exam == nullptr) {
    out.blockers.push_back({.kind = K::kNoExam,
                            .from = rank->rank.golongan,
                            .to = next,
                            .exam = c.exam_rule->exam});
  }
  for (const auto& y : c.years) {
    if (y.rating == nullptr) {
      // A year not over on the reference date cannot be rated yet.
      if (static_cast<uint32_t>(y.year) * 10000 + 1231 >= today) {
        out.notes.push_back({.kind = K::kPredikatDue, .year = static_cast<uint16_t>(y.year)});
      } else {
        out.blockers.push_back({.kind = K::kNoPredikat, .year = static_cast<uint16_t>(y.year)});
      }
    } else if (!y.baik) {
      out.blockers.push_back({.kind = K::kPredikatBelowBaik,
                              .year = static_cast<uint16_t>(y.year),
                              .predikat = y.counted});
    }
  }
  if (functional) {
    const double since_rank = CreditPointsIn(s, rank->key.effective, date);
    out.notes.push_back({.kind = K::kCreditPoints, .date = rank->key.effective, .points = since_rank});
  } else if (c.rule->superior_rank_cap) {
    out.notes.push_back({.kind = K::kSuperiorRankUnchecked});
  }
  return out;
}

}  // namespace jejak::projection
