// JudgeRankPromotion: DOMAIN.md "Rank promotion" and "Discipline" for one
// rankPromoted, with the rule table of projection/rules.h in force on the
// TMT. Every rule is checked and each one broken is its own finding.
#include <string>

#include "audit/judge.h"
#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"
#include "jejak/projection/names.h"
#include "jejak/projection/profile_view.h"

namespace jejak::audit {

namespace {

using projection::ProfileState;
using projection::RankFact;
using schema::PromotionKind;

std::string Date(uint32_t d) { return domain::FormatDate(d); }

std::string KindText(PromotionKind k) {
  switch (k) {
    case PromotionKind::REGULAR: return "regular";
    case PromotionKind::SELECTIVE_STRUCTURAL: return "selective, structural post";
    case PromotionKind::SELECTIVE_FUNCTIONAL: return "selective, functional post";
    case PromotionKind::OUTSTANDING: return "selective, outstanding performance";
    case PromotionKind::DEGREE_ADJUSTMENT: return "selective, degree adjustment";
    case PromotionKind::POSTHUMOUS: return "posthumous";
    case PromotionKind::SERVICE: return "service";
    default: return "unspecified kind";
  }
}

// "the 1st of April and October", "the 1st of any month".
std::string AllowedDates(const projection::RegularPromotionRule& rule) {
  static constexpr const char* kMonths[] = {"",     "January", "February", "March",
                                            "April", "May",     "June",     "July",
                                            "August", "September", "October", "November",
                                            "December"};
  std::vector<int> months;
  for (int m = 1; m <= 12; ++m) {
    if (rule.AllowsMonth(m)) months.push_back(m);
  }
  if (months.size() == 12) return "the 1st of any month";
  std::string out = "the 1st of ";
  for (size_t i = 0; i < months.size(); ++i) {
    if (i > 0) out += i + 1 == months.size() ? " and " : ", ";
    out += kMonths[months[i]];
  }
  return out;
}

const projection::RatingFact* RatingFor(const ProfileState& s, int year) {
  for (const auto& r : s.ratings) {
    if (r.year == year) return &r;
  }
  return nullptr;
}

std::string SanctionText(const projection::SanctionFact& f) {
  return projection::EnumName(f.kind) + " from " + Date(f.start) +
         (f.end == 0 ? std::string(", open-ended") : " to " + Date(f.end));
}

void AddNote(DecisionVerdict* v, const std::string& note) {
  v->note += (v->note.empty() ? "" : "; ") + note;
}

// "4 years 2 months".
std::string Duration(uint32_t from, uint32_t to) {
  const int months = domain::FullMonthsBetween(from, to);
  std::string out = std::to_string(months / 12) + (months / 12 == 1 ? " year" : " years");
  if (months % 12 != 0) out += " " + std::to_string(months % 12) + (months % 12 == 1 ? " month" : " months");
  return out;
}

}  // namespace

void JudgeRankPromotion(const JudgeContext& ctx, const ProfileState& known,
                        const projection::FoldInput& decision, DecisionVerdict* v) {
  const auto r = decision.payload.getRankPromoted();
  const uint32_t tmt = decision.effective;
  const PromotionKind kind = r.getKind();
  const projection::RankValue from{r.getFrom().isGolongan() ? r.getFrom().getGolongan()
                                                           : schema::Golongan::UNSPECIFIED,
                                   r.getFrom().isPppkGrade() ? r.getFrom().getPppkGrade()
                                                             : uint8_t{0}};
  const projection::RankValue to{r.getTo().isGolongan() ? r.getTo().getGolongan()
                                                       : schema::Golongan::UNSPECIFIED,
                                 r.getTo().isPppkGrade() ? r.getTo().getPppkGrade() : uint8_t{0}};
  v->subject = known.nip;
  if (const auto* p = projection::CurrentPlacement(known)) v->agency = p->agency;
  v->summary = projection::RankName(from) + " → " + projection::RankName(to) + " (" +
               KindText(kind) + "), TMT " + Date(tmt);

  const RankFact* held = projection::CurrentRank(known);
  if (held != nullptr) {
    v->evidence.push_back({held->key.position, "rank " + projection::RankName(held->rank) +
                                                   " on record since " + Date(held->key.effective)});
    if (!(held->rank == from)) {
      AddNote(v, "the decree promotes from " + projection::RankName(from) +
                     ", but the rank on record before it is " + projection::RankName(held->rank));
    }
  }
  const int from_step = domain::GolonganStep(from.golongan);
  const int to_step = domain::GolonganStep(to.golongan);
  if (from_step == 0 || to_step == 0) {
    AddNote(v, "not a PNS golongan: the rank-promotion rules do not apply");
    return;
  }

  // Every promotion goes up exactly one step.
  if (ctx.On(RuleId::kSkippedRank) && to_step - from_step >= 2) {
    Finding f = ctx.Make(RuleId::kSkippedRank, tmt);
    f.explanation = "Promoted from " + projection::RankName(from) + " to " +
                    projection::RankName(to) + " on " + Date(tmt) + ": " +
                    std::to_string(to_step - from_step) +
                    " steps at once, but every promotion goes up exactly one step.";
    if (held != nullptr) f.evidence.push_back(v->evidence.front());
    v->findings.push_back(std::move(f));
  }

  // Blocked while a sentence is served (posthumous promotions excepted).
  if (ctx.On(RuleId::kPromotionDuringSanction) && kind != PromotionKind::POSTHUMOUS) {
    Finding f = ctx.Make(RuleId::kPromotionDuringSanction, tmt);
    for (const auto& s : known.sanctions) {
      if (!projection::SanctionActiveOn(known, s, tmt)) continue;
      f.evidence.push_back({s.key.position, "sanction " + SanctionText(s)});
      if (f.explanation.empty()) {
        f.explanation = "TMT " + Date(tmt) + " falls inside a disciplinary sentence (" +
                        SanctionText(s) + ", recorded at position " +
                        std::to_string(s.key.position) +
                        " before the decision); a promotion is blocked while it is served.";
      }
    }
    if (!f.evidence.empty()) {
      v->evidence.insert(v->evidence.end(), f.evidence.begin(), f.evidence.end());
      v->findings.push_back(std::move(f));
    }
  }

  const projection::RegularPromotionRule* rule = ctx.rules.promotion.RegularRuleOn(tmt);
  // Allowed TMT dates (posthumous and service promotions are exempt).
  if (ctx.On(RuleId::kOffCycleTmt) && kind != PromotionKind::POSTHUMOUS &&
      kind != PromotionKind::SERVICE) {
    const int month = static_cast<int>(tmt / 100 % 100);
    if (rule == nullptr || tmt % 100 != 1 || !rule->AllowsMonth(month)) {
      Finding f = ctx.Make(RuleId::kOffCycleTmt, tmt);
      f.explanation = "TMT " + Date(tmt) + " is not an allowed promotion date" +
                      (rule != nullptr ? ": the rule in force then allows " + AllowedDates(*rule)
                                       : ": no promotion rule covers that date") +
                      ".";
      v->findings.push_back(std::move(f));
    }
  }

  if (kind != PromotionKind::REGULAR) {
    AddNote(v, "a " + KindText(kind) + " promotion: the regular-promotion conditions (years in "
               "rank, ratings, education cap) are not applied");
    return;
  }

  // The education cap (Kep BKN 12/2002).
  const auto cap = domain::RankRangeForEducation(known.education);
  if (ctx.On(RuleId::kAboveEducationCap) && cap &&
      to_step > domain::GolonganStep(cap->max_regular)) {
    Finding f = ctx.Make(RuleId::kAboveEducationCap, tmt);
    f.explanation = "Regular promotion to " + projection::RankName(to) + ", above " +
                    std::string(domain::GolonganName(cap->max_regular)) +
                    ", the highest rank by regular promotion for education " +
                    EducationText(known.education) + ".";
    f.evidence.push_back({known.recruited.position,
                          "education " + EducationText(known.education) + " on recruitment"});
    v->findings.push_back(std::move(f));
  }

  // Merit: years in rank and ratings, per the rule in force on the TMT.
  if (rule == nullptr) return;
  const int year = static_cast<int>(tmt / 10000);
  std::vector<std::string> why;
  std::vector<Evidence> used;
  if (held != nullptr) {
    used.push_back(v->evidence.front());
    if (domain::FullYearsBetween(held->key.effective, tmt) < rule->min_years_in_rank) {
      why.push_back("only " + Duration(held->key.effective, tmt) + " in " +
                    projection::RankName(held->rank) + " since " + Date(held->key.effective) +
                    " (needs " + std::to_string(rule->min_years_in_rank) + " years)");
    }
  } else {
    why.push_back("no rank on record before the decision");
  }
  for (int y = year - rule->baik_years; y < year; ++y) {
    const auto* rating = RatingFor(known, y);
    if (rating == nullptr) {
      why.push_back("no predikat for " + std::to_string(y) + " on record when the decision was "
                    "recorded");
      continue;
    }
    Evidence e{rating->key.position, "predikat " + std::to_string(y) + ": " +
                                         PredikatText(rating->predikat)};
    v->evidence.push_back(e);
    used.push_back(e);
    if (domain::PredikatScore(rating->predikat) <
        domain::PredikatScore(schema::PredikatKinerja::BAIK)) {
      why.push_back("predikat " + std::to_string(y) + " " + PredikatText(rating->predikat) +
                    " (needs at least Baik)");
    }
  }
  if (ctx.On(RuleId::kNonMeritPromotion) && !why.empty()) {
    Finding f = ctx.Make(RuleId::kNonMeritPromotion, tmt);
    f.explanation = "A regular promotion needs " + std::to_string(rule->min_years_in_rank) +
                    " years in rank and at least Baik in each of the " +
                    std::to_string(rule->baik_years) + " years before " + std::to_string(year) +
                    ": ";
    for (size_t i = 0; i < why.size(); ++i) f.explanation += (i > 0 ? "; " : "") + why[i];
    f.explanation += ".";
    f.evidence = std::move(used);
    v->findings.push_back(std::move(f));
  }
}

}  // namespace jejak::audit
