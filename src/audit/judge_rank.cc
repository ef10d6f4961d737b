// JudgeRankPromotion: DOMAIN.md "Rank promotion" and "Discipline" for one
// rankPromoted, with the rule table of projection/rules.h in force on the
// TMT. Every rule is checked and each one broken is its own finding.
#include <algorithm>
#include <cstdio>
#include <string>

#include "audit/judge.h"
#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"
#include "jejak/domain/performance.h"
#include "jejak/projection/names.h"
#include "jejak/projection/profile_view.h"
#include "jejak/projection/promotion_check.h"

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

projection::RankValue RankOf(schema::Rank::Reader r) {
  return {r.isGolongan() ? r.getGolongan() : schema::Golongan::UNSPECIFIED,
          r.isPppkGrade() ? r.getPppkGrade() : uint8_t{0}};
}

std::string LevelText(schema::JabatanLevel l) {
  switch (l) {
    case schema::JabatanLevel::AHLI_PERTAMA: return "Ahli Pertama";
    case schema::JabatanLevel::AHLI_MUDA: return "Ahli Muda";
    case schema::JabatanLevel::AHLI_MADYA: return "Ahli Madya";
    case schema::JabatanLevel::AHLI_UTAMA: return "Ahli Utama";
    case schema::JabatanLevel::PEMULA: return "Pemula";
    case schema::JabatanLevel::TERAMPIL: return "Terampil";
    case schema::JabatanLevel::MAHIR: return "Mahir";
    case schema::JabatanLevel::PENYELIA: return "Penyelia";
    default: return projection::EnumName(l);
  }
}

// " DP3 score 84", " SKP score 82.35", or "" for a rating by the matrix.
std::string ScoreText(const projection::RatingFact& r) {
  if (r.dp3_score != 0) return " DP3 score " + std::to_string(r.dp3_score);
  if (r.skp_score == 0) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, " SKP score %g", r.skp_score);
  return buf;
}

// Merit: years in rank and ratings, per the rule in force on the TMT. A
// rating not on record is missing evidence, never a violation. A
// functional-post promotion needs the ratings only (its years are
// kFunctionalMinYears, judged by the caller).
void JudgeMerit(const JudgeContext& ctx, const projection::RegularPromotionCheck& check,
                uint32_t tmt, const Evidence& held_evidence, bool functional_route,
                DecisionVerdict* v) {
  const projection::RegularPromotionRule* rule = check.rule;
  const RankFact* held = check.held;
  if (rule == nullptr) return;
  const int year = static_cast<int>(tmt / 10000);
  std::vector<std::string> why;
  std::vector<Evidence> used;
  if (held != nullptr) {
    used.push_back(held_evidence);
    if (!functional_route && !check.enough_years) {
      why.push_back("only " + Duration(held->key.effective, tmt) + " in " +
                    projection::RankName(held->rank) + " since " + Date(held->key.effective) +
                    " (needs " + std::to_string(rule->min_years_in_rank) + " years)");
    }
  }
  for (const auto& y : check.years) {
    if (y.rating == nullptr) {
      if (ctx.On(RuleId::kNonMeritPromotion)) {
        v->missing.push_back("predikat for " + std::to_string(y.year) +
                             " (not on record when the decision was recorded)");
      }
      continue;
    }
    const projection::RatingFact& rating = *y.rating;
    const std::string score = ScoreText(rating);
    Evidence e{rating.key.position, "predikat " + std::to_string(y.year) + ": " +
                                        PredikatText(rating.predikat) +
                                        (score.empty() ? "" : " (" + score.substr(1) + ")")};
    v->evidence.push_back(e);
    used.push_back(e);
    const RuleId band_rule =
        rating.dp3_score != 0 ? RuleId::kDp3PredikatMismatch : RuleId::kSkpScorePredikatMismatch;
    const bool scored = rating.dp3_score != 0 || rating.skp_score != 0;
    if (scored && y.counted != rating.predikat && ctx.On(band_rule)) {
      Finding f = ctx.Make(band_rule, tmt);
      f.explanation = "The rating for " + std::to_string(y.year) + " (position " +
                      std::to_string(rating.key.position) + ") records predikat " +
                      PredikatText(rating.predikat) + ", but its" + score + " is in the band " +
                      (rating.dp3_score != 0 ? domain::Dp3BandText(rating.dp3_score)
                                             : domain::SkpScoreBandText(rating.skp_score)) +
                      " (" + PredikatText(y.counted) +
                      "): the predikat contradicts the score; the promotion is judged by the "
                      "score.";
      f.evidence.push_back(e);
      v->findings.push_back(std::move(f));
    }
    if (!y.baik) {
      why.push_back("predikat " + std::to_string(y.year) + " " + PredikatText(y.counted) +
                    (scored ? " by" + score : std::string()) + " (needs at least Baik)");
    }
  }
  const bool rated = (held != nullptr || functional_route) &&
                     std::all_of(check.years.begin(), check.years.end(),
                                 [](const auto& y) { return y.rating != nullptr; });
  ctx.Checked(v, RuleId::kNonMeritPromotion, rated ? CheckOutcome::kPass : CheckOutcome::kNotJudged,
              rated ? (functional_route ? "" : std::to_string(rule->min_years_in_rank) +
                                                   " years in rank and ") +
                          "at least Baik in each of the " + std::to_string(rule->baik_years) +
                          " years before " + std::to_string(year)
                    : "the rank on record or a predikat it needs is not on record (see "
                      "missing)");
  ctx.Checked(v, RuleId::kDp3PredikatMismatch, CheckOutcome::kPass,
              "every predikat counted agrees with its DP3 score, if any");
  ctx.Checked(v, RuleId::kSkpScorePredikatMismatch, CheckOutcome::kPass,
              "every predikat counted agrees with its numeric SKP score, if any");
  if (ctx.On(RuleId::kNonMeritPromotion) && !why.empty()) {
    Finding f = ctx.Make(RuleId::kNonMeritPromotion, tmt);
    f.explanation = functional_route
                        ? "A functional-post promotion needs at least Baik in each of the " +
                              std::to_string(rule->baik_years) + " years before " +
                              std::to_string(year) + ": "
                        : "A regular promotion needs " + std::to_string(rule->min_years_in_rank) +
                              " years in rank and at least Baik in each of the " +
                              std::to_string(rule->baik_years) + " years before " +
                              std::to_string(year) + ": ";
    for (size_t i = 0; i < why.size(); ++i) f.explanation += (i > 0 ? "; " : "") + why[i];
    f.explanation += ".";
    f.evidence = std::move(used);
    v->findings.push_back(std::move(f));
  }
}

// "12.5": credit points as a decree writes them.
std::string PointsText(double points) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", points);
  return buf;
}

}  // namespace

void JudgeRankPromotion(const JudgeContext& ctx, const ProfileState& known,
                        const projection::PositionVersion* post,
                        const projection::FoldInput& decision, bool migrated,
                        DecisionVerdict* v) {
  // A functional-post (selective) promotion needs this many years in rank
  // (PP 99/2000 Art. 13(a)).
  const int kFunctionalMinYears = ctx.rules.promotion.functional_min_years_in_rank;
  const auto r = decision.payload.getRankPromoted();
  const uint32_t tmt = decision.effective;
  const PromotionKind kind = r.getKind();
  const bool from_given = !r.getFrom().isUnspecified();
  const projection::RankValue from = RankOf(r.getFrom());
  const projection::RankValue to = RankOf(r.getTo());
  v->subject = known.nip;
  const projection::Placement* placement = projection::CurrentPlacement(known);
  if (placement != nullptr) v->agency = placement->agency;
  v->summary = (from_given ? projection::RankName(from) : std::string("(from not stated)")) +
               " → " + projection::RankName(to) + " (" + KindText(kind) + "), TMT " + Date(tmt);

  // Every rule is judged against the rank on record before the decision,
  // never against the decree's own `from` (which may be left out, or
  // disagree with the record).
  const RankFact* held = projection::CurrentRank(known);
  Evidence held_evidence;
  if (held != nullptr) {
    held_evidence = {held->key.position, "rank " + projection::RankName(held->rank) +
                                             " on record since " + Date(held->key.effective)};
    v->evidence.push_back(held_evidence);
    if (ctx.On(RuleId::kRankRecordMismatch) && from_given && !(held->rank == from)) {
      Finding f = ctx.Make(RuleId::kRankRecordMismatch, tmt);
      f.explanation = "The decree promotes from " + projection::RankName(from) +
                      ", but the rank on record before it is " +
                      projection::RankName(held->rank) + " (since " + Date(held->key.effective) +
                      ", position " + std::to_string(held->key.position) +
                      "): the record and the decree disagree; the promotion is judged from the "
                      "rank on record.";
      f.evidence.push_back(held_evidence);
      v->findings.push_back(std::move(f));
    }
    ctx.Checked(v, RuleId::kRankRecordMismatch, CheckOutcome::kPass,
                (from_given ? "the decree's from is the rank on record, "
                            : "the decree states no from; judged from the rank on record, ") +
                    projection::RankName(held->rank));
  } else if (ctx.On(RuleId::kSkippedRank) || ctx.On(RuleId::kNonMeritPromotion) ||
             ctx.On(RuleId::kFunctionalPromotionEarly) || ctx.On(RuleId::kRankRecordMismatch)) {
    v->missing.push_back("the rank on record before the decision (no recruitment or earlier "
                         "promotion of the employee on record when it was recorded): the step "
                         "and the years in rank cannot be judged");
  }
  const int held_step = held != nullptr ? domain::GolonganStep(held->rank.golongan) : 0;
  const int to_step = domain::GolonganStep(to.golongan);
  if (to_step == 0 || (held != nullptr && held_step == 0)) {
    AddNote(v, "not a PNS golongan: the rank-promotion rules do not apply");
    for (RuleId id : {RuleId::kSkippedRank, RuleId::kOffCycleTmt, RuleId::kNonMeritPromotion,
                      RuleId::kAboveEducationCap, RuleId::kPromotionDuringSanction}) {
      ctx.Checked(v, id, CheckOutcome::kNotApplicable, "not a PNS golongan");
    }
    return;
  }

  // Every promotion goes up exactly one step from the rank on record.
  if (ctx.On(RuleId::kSkippedRank) && held != nullptr && to_step - held_step >= 2) {
    Finding f = ctx.Make(RuleId::kSkippedRank, tmt);
    f.explanation = "Promoted from " + projection::RankName(held->rank) + " (on record) to " +
                    projection::RankName(to) + " on " + Date(tmt) + ": " +
                    std::to_string(to_step - held_step) +
                    " steps at once, but every promotion goes up exactly one step.";
    f.evidence.push_back(held_evidence);
    v->findings.push_back(std::move(f));
  }
  if (held != nullptr) {
    ctx.Checked(v, RuleId::kSkippedRank, CheckOutcome::kPass,
                "one step, from " + projection::RankName(held->rank) + " (on record) to " +
                    projection::RankName(to));
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
  ctx.Checked(v, RuleId::kPromotionDuringSanction,
              kind == PromotionKind::POSTHUMOUS ? CheckOutcome::kNotApplicable
                                                : CheckOutcome::kPass,
              kind == PromotionKind::POSTHUMOUS
                  ? "a posthumous promotion is not blocked by a sentence"
                  : "no disciplinary sentence on record in force on " + Date(tmt));

  // The regular-promotion conditions, checked as the projection's outlook
  // checks them (projection/promotion_check.h).
  const projection::RegularPromotionCheck check =
      projection::CheckRegularPromotion(known, to.golongan, tmt, ctx.rules.promotion);
  const projection::RegularPromotionRule* rule = check.rule;
  // Allowed TMT dates (posthumous and service promotions are exempt).
  if (ctx.On(RuleId::kOffCycleTmt) && kind != PromotionKind::POSTHUMOUS &&
      kind != PromotionKind::SERVICE && !check.allowed_date) {
    Finding f = ctx.Make(RuleId::kOffCycleTmt, tmt);
    f.explanation = "TMT " + Date(tmt) + " is not an allowed promotion date" +
                    (rule != nullptr ? ": the rule in force then allows " + AllowedDates(*rule)
                                     : ": no promotion rule covers that date") +
                    ".";
    v->findings.push_back(std::move(f));
  }
  ctx.Checked(v, RuleId::kOffCycleTmt,
              kind == PromotionKind::POSTHUMOUS || kind == PromotionKind::SERVICE
                  ? CheckOutcome::kNotApplicable
                  : CheckOutcome::kPass,
              kind == PromotionKind::POSTHUMOUS || kind == PromotionKind::SERVICE
                  ? "a " + KindText(kind) + " promotion may take any date"
                  : "TMT " + Date(tmt) + " is an allowed date" +
                        (rule != nullptr ? " (" + AllowedDates(*rule) + ")" : std::string()));

  // The post held on the TMT: a functional post is promoted through credit
  // points, not by regular promotion.
  const schema::JabatanLevel level = projection::CurrentLevel(known, post);
  const bool functional = projection::IsFunctionalLevel(level) && placement != nullptr;
  Evidence post_evidence;
  if (functional) {
    post_evidence = {placement->key.position, "post " + placement->position_id + " (" +
                                                  LevelText(level) + ") held since " +
                                                  Date(placement->key.effective)};
    v->evidence.push_back(post_evidence);
  }

  if (kind == PromotionKind::SELECTIVE_FUNCTIONAL) {
    const double points =
        held != nullptr ? projection::CreditPointsIn(known, held->key.effective, tmt) : 0;
    AddNote(v, points > 0 ? "credit points on record since the rank's TMT: " +
                                PointsText(points) +
                                " (the points the step needs are not checked)"
                          : "no credit points (angka kredit) on record since the rank's TMT: the "
                            "credit-point condition of a functional-post promotion is not "
                            "checked");
    if (ctx.On(RuleId::kFunctionalPromotionEarly) && held != nullptr &&
        domain::FullYearsBetween(held->key.effective, tmt) < kFunctionalMinYears) {
      Finding f = ctx.Make(RuleId::kFunctionalPromotionEarly, tmt);
      f.explanation = "A functional-post promotion needs " + std::to_string(kFunctionalMinYears) +
                      " years in rank: only " + Duration(held->key.effective, tmt) + " in " +
                      projection::RankName(held->rank) + " since " +
                      Date(held->key.effective) + " by the TMT " + Date(tmt) + ".";
      f.evidence.push_back(held_evidence);
      v->findings.push_back(std::move(f));
    }
    if (held != nullptr) {
      ctx.Checked(v, RuleId::kFunctionalPromotionEarly, CheckOutcome::kPass,
                  Duration(held->key.effective, tmt) + " in " + projection::RankName(held->rank) +
                      ", " + std::to_string(kFunctionalMinYears) +
                      " years needed (the credit points a step needs are not checked)");
    }
    for (RuleId id : {RuleId::kWrongPromotionRoute, RuleId::kAboveEducationCap,
                      RuleId::kMissingUjianDinas}) {
      ctx.Checked(v, id, CheckOutcome::kNotApplicable, "a selective functional-post promotion");
    }
    JudgeMerit(ctx, check, tmt, held_evidence, /*functional_route=*/true, v);
    return;
  }
  if (kind != PromotionKind::REGULAR) {
    AddNote(v, "a " + KindText(kind) + " promotion: the regular-promotion conditions (years in "
               "rank, ratings, education cap) are not applied");
    for (RuleId id : {RuleId::kNonMeritPromotion, RuleId::kAboveEducationCap,
                      RuleId::kWrongPromotionRoute, RuleId::kFunctionalPromotionEarly,
                      RuleId::kDp3PredikatMismatch, RuleId::kSkpScorePredikatMismatch,
                      RuleId::kMissingUjianDinas}) {
      ctx.Checked(v, id, CheckOutcome::kNotApplicable, "a " + KindText(kind) + " promotion");
    }
    return;
  }

  if (ctx.On(RuleId::kWrongPromotionRoute) && functional) {
    Finding f = ctx.Make(RuleId::kWrongPromotionRoute, tmt);
    f.explanation = "A regular promotion on " + Date(tmt) + " of the holder of the functional "
                    "post " + placement->position_id + " (" + LevelText(level) + ", held since " +
                    Date(placement->key.effective) +
                    "): a functional post is promoted through credit points (selective, "
                    "functional post), not by regular promotion.";
    f.evidence.push_back(post_evidence);
    v->findings.push_back(std::move(f));
  }
  ctx.Checked(v, RuleId::kWrongPromotionRoute, CheckOutcome::kPass,
              "no functional post on record held on the TMT");
  ctx.Checked(v, RuleId::kFunctionalPromotionEarly, CheckOutcome::kNotApplicable,
              "a regular promotion");

  // The education cap (Kep BKN 12/2002).
  if (ctx.On(RuleId::kAboveEducationCap)) {
    if (!check.cap) {
      v->missing.push_back("the employee's education (the education cap cannot be applied)");
    } else if (!check.within_cap) {
      Finding f = ctx.Make(RuleId::kAboveEducationCap, tmt);
      f.explanation = "Regular promotion to " + projection::RankName(to) + ", above " +
                      std::string(domain::GolonganName(check.cap->max_regular)) +
                      ", the highest rank by regular promotion for education " +
                      EducationText(known.education) + ".";
      f.evidence.push_back({known.recruited.position,
                            "education " + EducationText(known.education) + " on recruitment"});
      v->findings.push_back(std::move(f));
    } else {
      ctx.Checked(v, RuleId::kAboveEducationCap, CheckOutcome::kPass,
                  projection::RankName(to) + " is within " +
                      std::string(domain::GolonganName(check.cap->max_regular)) +
                      ", the cap for education " + EducationText(known.education));
    }
  }

  // The exam of the step (ujian dinas, or a penyesuaian ijazah), on record
  // by the TMT. A migrated decision without it is missing evidence: the
  // export may simply not have carried the exam.
  if (check.exam_rule != nullptr && ctx.On(RuleId::kMissingUjianDinas)) {
    const std::string exam = check.exam_rule->exam == schema::ExamKind::UJIAN_DINAS_TINGKAT_I
                                 ? "ujian dinas tingkat I"
                                 : "ujian dinas tingkat II";
    const std::string step = projection::RankName(held->rank) + " to " +
                             projection::RankName(to);
    if (check.exam != nullptr) {
      const Evidence e{check.exam->key.position,
                       std::string(check.exam->kind == schema::ExamKind::PENYESUAIAN_IJAZAH
                                       ? "penyesuaian ijazah"
                                       : exam) +
                           " passed " + Date(check.exam->key.effective)};
      v->evidence.push_back(e);
      ctx.Checked(v, RuleId::kMissingUjianDinas, CheckOutcome::kPass,
                  e.role + ", as the step from " + step + " needs");
    } else if (migrated) {
      v->missing.push_back(exam + " (or penyesuaian ijazah) for the step from " + step +
                           " (not on record; the decision was migrated)");
      ctx.Checked(v, RuleId::kMissingUjianDinas, CheckOutcome::kNotJudged,
                  "a migrated decision whose exam is not on record");
    } else {
      Finding f = ctx.Make(RuleId::kMissingUjianDinas, tmt);
      f.explanation = "A regular promotion from " + step + " on " + Date(tmt) + " needs the " +
                      exam + " (or a penyesuaian ijazah), and none is on record by the TMT.";
      f.evidence.push_back(held_evidence);
      v->findings.push_back(std::move(f));
    }
  } else {
    ctx.Checked(v, RuleId::kMissingUjianDinas, CheckOutcome::kNotApplicable,
                "the step needs no ujian dinas");
  }

  JudgeMerit(ctx, check, tmt, held_evidence, /*functional_route=*/false, v);
}

}  // namespace jejak::audit
