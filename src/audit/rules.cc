// Rule ids, titles, severities and the dated tables of DOMAIN.md.
#include "jejak/audit/rules.h"

#include <array>

#include "jejak/domain/date.h"

namespace jejak::audit {

namespace {

// The one table of the rules: id, name, titles (English, Indonesian),
// default severity, and what the rule checks with which data. The
// regulations each cites by date are AuditRules::citations (below).
struct RuleText {
  RuleId id;
  std::string_view name;
  std::string_view title;
  std::string_view title_id;
  Severity severity;
  std::string_view needs;
};

constexpr std::array<RuleText, kRuleCount> kRules = {{
    {RuleId::kNonMeritPromotion, "non_merit_promotion", "Promotion without merit",
     "Kenaikan pangkat tanpa dasar merit", Severity::kHigh,
     "a regular promotion needs N years in the rank on record and a predikat of at least "
     "Baik in each of the M years before; needs the rank facts and the ratings"},
    {RuleId::kSkippedRank, "skipped_rank", "Rank skipped", "Kenaikan pangkat melompat",
     Severity::kHigh, "every promotion goes up exactly one step from the rank on record"},
    {RuleId::kPromotionDuringSanction, "promotion_during_sanction",
     "Promotion during a disciplinary sentence", "Kenaikan pangkat saat menjalani hukuman disiplin",
     Severity::kHigh, "no promotion with a TMT inside a sentence; needs the sanctions"},
    {RuleId::kOffCycleTmt, "off_cycle_tmt", "TMT not on an allowed date",
     "TMT di luar periode kenaikan pangkat", Severity::kMedium,
     "the TMT is the 1st of a month the rule in force allows"},
    {RuleId::kAboveEducationCap, "above_education_cap", "Promotion above the education cap",
     "Kenaikan pangkat melampaui batas pendidikan", Severity::kHigh,
     "a regular promotion stays within the highest rank for the employee's education"},
    {RuleId::kRelatedCommitteeMember, "related_committee_member",
     "Committee member related to a candidate", "Anggota pansel memiliki hubungan keluarga dengan calon",
     Severity::kHigh,
     "no member scores a candidate related by blood or marriage (also through a spouse), "
     "unless the member recused and did not score; needs declared relations, recusals, scores"},
    {RuleId::kPpkRelatedToAppointee, "ppk_related_to_appointee",
     "Deciding official related to the appointee", "PPK memiliki hubungan keluarga dengan yang diangkat",
     Severity::kHigh, "the deciding official is not related to the appointee"},
    {RuleId::kSeniorityOverMerit, "seniority_over_merit", "Seniority preferred over merit",
     "Senioritas diutamakan di atas merit", Severity::kMedium,
     "the appointee was out-scored by a shortlisted candidate with less service or a lower "
     "rank; needs the scores, the shortlist and the candidates' careers"},
    {RuleId::kCommitteeComposition, "committee_composition", "Committee make-up not allowed",
     "Komposisi pansel tidak sesuai", Severity::kMedium,
     "an open JPT committee has an odd number of 5-9 members, at most 45% internal"},
    {RuleId::kCompetencyGap, "competency_gap_at_appointment",
     "Appointed below the competency standard", "Diangkat di bawah standar kompetensi jabatan",
     Severity::kMedium,
     "an administrator or pengawas appointee meets the post's competency standard; needs the "
     "post's definition and the assessments"},
    {RuleId::kBackdatedEvidence, "backdated_evidence", "Evidence recorded after the decision",
     "Bukti dicatat setelah keputusan", Severity::kMedium,
     "evidence a decision rests on was recorded before it (a migration's records are known "
     "together)"},
    {RuleId::kInflatedEvaluator, "inflated_evaluator", "Evaluator rating nearly everyone Sangat Baik",
     "Penilai memberi hampir semua pegawai Sangat Baik", Severity::kLow,
     "an evaluator-year with enough ratees rated (nearly) all Sangat Baik; needs the ratings "
     "with their evaluator"},
    {RuleId::kRankRecordMismatch, "rank_record_mismatch", "Decree and record disagree",
     "SK tidak sesuai dengan data kepegawaian", Severity::kMedium,
     "the decree's `from` rank is the rank on record before it"},
    {RuleId::kAppointeeNotShortlisted, "appointee_not_shortlisted",
     "Appointee not on the shortlist", "Yang diangkat tidak termasuk tiga besar usulan pansel",
     Severity::kHigh, "the appointee is one of the shortlist the committee submitted"},
    {RuleId::kSelectionSequence, "selection_sequence", "Selection out of sequence",
     "Tahapan seleksi tidak berurutan", Severity::kHigh,
     "the decision comes after the shortlist (effective and recorded), every score is by a "
     "member on the committee then, and the appointee registered as a candidate"},
    {RuleId::kCommitteeMemberLevel, "committee_member_level",
     "Internal committee member below the post", "Anggota internal pansel berjabatan lebih rendah",
     Severity::kMedium,
     "internal members hold a post at least as high as the one being filled; needs each "
     "member's level"},
    {RuleId::kUniformEvaluator, "uniform_evaluator", "Evaluator rating everyone the same",
     "Penilai memberi predikat yang sama kepada semua pegawai", Severity::kLow,
     "an evaluator-year with enough ratees gives them all the same predikat"},
    {RuleId::kUnitRatingOutlier, "unit_rating_outlier", "Unit ratings far from the agency's",
     "Sebaran predikat unit menyimpang dari instansi", Severity::kLow,
     "a unit's share of Sangat Baik in a year departs strongly from its agency's"},
    {RuleId::kDp3PredikatMismatch, "dp3_predikat_mismatch", "Predikat contradicts the DP3 score",
     "Predikat tidak sesuai dengan nilai DP3", Severity::kMedium,
     "where a DP3 score is on record the predikat is its band (91-100 Amat Baik, 76-90 Baik, "
     "61-75 Cukup, 51-60 Sedang, <= 50 Kurang)"},
    {RuleId::kWrongPromotionRoute, "wrong_promotion_route", "Wrong promotion route",
     "Jalur kenaikan pangkat tidak sesuai", Severity::kMedium,
     "a holder of a functional post is promoted through the functional route, not the "
     "regular one (PP 99/2000 Art. 7); needs the post held on the TMT"},
    {RuleId::kJptReplacedEarly, "jpt_replaced_early", "JPT replaced within two years",
     "Penggantian JPT sebelum dua tahun", Severity::kHigh,
     "a JPT holder is not replaced within 2 years of installation; needs who held the post "
     "since when"},
    {RuleId::kEntryRequirements, "entry_requirements", "Post's entry requirements not met",
     "Persyaratan jabatan tidak terpenuhi", Severity::kHigh,
     "the appointee meets the post's education, experience, age, rating, rank range and "
     "leadership training requirements"},
    {RuleId::kFunctionalPromotionEarly, "functional_promotion_early",
     "Functional promotion before two years in rank",
     "Kenaikan pangkat jabatan fungsional sebelum dua tahun", Severity::kHigh,
     "a functional-post promotion needs 2 years in rank (the credit points a step needs are "
     "not checked)"},
    {RuleId::kMissingUjianDinas, "missing_ujian_dinas", "Promotion without the ujian dinas",
     "Kenaikan pangkat tanpa ujian dinas", Severity::kHigh,
     "a regular promotion from II/d to III/a needs the ujian dinas tingkat I, from III/d to "
     "IV/a tingkat II (or a penyesuaian ijazah), on record by the TMT; needs the examPassed "
     "events (a migrated decision without them is insufficient evidence)"},
    {RuleId::kSkpScorePredikatMismatch, "skp_score_predikat_mismatch",
     "Predikat contradicts the SKP score", "Predikat tidak sesuai dengan nilai SKP",
     Severity::kMedium,
     "where a numeric SKP score is on record (2014-2021) the predikat is its band (91-100 "
     "Sangat Baik, 76-90 Baik, 61-75 Cukup, 51-60 Kurang, <= 50 Buruk)"},
}};

const RuleText& TextOf(RuleId r) { return kRules[static_cast<size_t>(r)]; }

constexpr bool InIdOrder() {
  for (size_t i = 0; i < kRules.size(); ++i) {
    if (static_cast<size_t>(kRules[i].id) != i) return false;
  }
  return true;
}
static_assert(InIdOrder(), "kRules is indexed by RuleId");

// Dates where the law changed (DOMAIN.md "Legal basis").
constexpr uint32_t kUu5_2014 = 20140115;     // UU 5/2014 on ASN
constexpr uint32_t kPp11_2017 = 20170330;    // PP 11/2017 on PNS management
constexpr uint32_t kUu20_2023 = 20231031;    // UU 20/2023 replaces UU 5/2014
constexpr uint32_t kPp53_2010 = 20100606;    // discipline: PP 53/2010
constexpr uint32_t kPp94_2021 = 20210831;    // discipline: PP 94/2021
constexpr uint32_t kPp17_2020 = 20200228;    // PP 17/2020 amends PP 11/2017
constexpr uint32_t kPermenPanRb1_2023 = 20230101;  // functional posts: PermenPANRB 1/2023
constexpr uint32_t kEnd = 21991231;

uint32_t DayBefore(uint32_t yyyymmdd) {
  return domain::FromDays(domain::ToDays(yyyymmdd) - 1);
}

std::vector<DatedText> Conflict() {
  return {
      {19000101, DayBefore(kUu5_2014), "UU 28/1999 (KKN); PP 100/2000 as amended by PP 13/2002"},
      {kUu5_2014, DayBefore(kPp11_2017), "UU 5/2014 Art. 108-120; UU 28/1999 (KKN)"},
      {kPp11_2017, DayBefore(kUu20_2023),
       "UU 5/2014; PP 11/2017 Art. 114(6)(d) as amended by PP 17/2020"},
      {kUu20_2023, kEnd, "UU 20/2023; PP 11/2017 Art. 114(6)(d) as amended by PP 17/2020"},
  };
}

}  // namespace

std::string_view RuleName(RuleId r) { return TextOf(r).name; }
std::string_view RuleTitle(RuleId r) { return TextOf(r).title; }
std::string_view RuleTitleId(RuleId r) { return TextOf(r).title_id; }
std::string_view RuleNeeds(RuleId r) { return TextOf(r).needs; }

std::optional<RuleId> ParseRuleName(std::string_view name) {
  for (const RuleText& t : kRules) {
    if (t.name == name) return t.id;
  }
  return std::nullopt;
}

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kLow: return "low";
    case Severity::kMedium: return "medium";
    case Severity::kHigh: return "high";
  }
  return "unknown";
}

std::vector<RuleId> AllRules() {
  std::vector<RuleId> out;
  for (const RuleText& t : kRules) out.push_back(t.id);
  return out;
}

Severity AuditRules::DefaultSeverity(RuleId rule) { return TextOf(rule).severity; }

const EntryRule* AuditRules::EntryRuleOn(schema::JabatanLevel level, uint32_t date) const {
  for (const EntryRule& r : entry) {
    if (r.level == level && r.from <= date && date <= r.to) return &r;
  }
  return nullptr;
}

const CommitteeRule* AuditRules::CommitteeRuleOn(uint32_t date) const {
  for (const CommitteeRule& r : committee) {
    if (r.from <= date && date <= r.to) return &r;
  }
  return nullptr;
}

std::string AuditRules::Citation(RuleId rule, uint32_t date) const {
  std::string out;
  auto add = [&](const char* text) {
    if (text == nullptr || *text == '\0') return;
    if (!out.empty()) out += "; ";
    out += text;
  };
  switch (rule) {
    case RuleId::kNonMeritPromotion:
    case RuleId::kSkippedRank:
    case RuleId::kPromotionDuringSanction:
    case RuleId::kOffCycleTmt:
    case RuleId::kAboveEducationCap:
    case RuleId::kRankRecordMismatch:
    case RuleId::kWrongPromotionRoute:
    case RuleId::kFunctionalPromotionEarly:
      if (const auto* r = promotion.RegularRuleOn(date)) add(r->regulation);
      break;
    case RuleId::kMissingUjianDinas:
      // The exam rules carry their own regulation (projection::ExamRule).
      for (const auto& e : promotion.exam_rules) {
        if (e.from <= date && date <= e.to) {
          add(e.regulation);
          break;
        }
      }
      break;
    default:
      break;
  }
  for (const DatedText& t : citations[static_cast<size_t>(rule)]) {
    if (t.from <= date && date <= t.to) add(t.text);
  }
  return out;
}

AuditRules AuditRules::Default() {
  AuditRules r;
  // UU 5/2014 Art. 108-120 (open selection for JPT), kept by UU 20/2023
  // until its implementing PP: 5-9 members, odd, at most 45% internal.
  r.committee = {{kUu5_2014, DayBefore(kUu20_2023), 5, 9, true, 0.45},
                 {kUu20_2023, kEnd, 5, 9, true, 0.45}};
  r.merit_ranks = 2;
  r.inflated_min_ratees = 5;
  // Entry requirements (DOMAIN.md "Positions"). Before PP 11/2017: PP
  // 100/2000 Art. 5 (as amended by PP 13/2002) asks of every structural
  // post a DP3 of at least Baik in the last 2 years (rank and education
  // from the post's definition); its leadership training (Diklatpim) could
  // follow the appointment (PP 101/2000), so none is checked. From PP
  // 11/2017 (Art. 54, 107 as amended by PP 17/2020): the table below.
  {
    using L = schema::JabatanLevel;
    using E = schema::EducationLevel;
    using T = schema::TrainingKind;
    const uint32_t before = DayBefore(kPp11_2017);
    for (L l : {L::JPT_UTAMA, L::JPT_MADYA, L::JPT_PRATAMA, L::ADMINISTRATOR, L::PENGAWAS}) {
      r.entry.push_back({19000101, before, l, E::UNSPECIFIED, 0, 0, false, 0, 2, T::UNSPECIFIED});
    }
    r.entry.push_back({kPp11_2017, kEnd, L::PENGAWAS, E::D3, 4, 1, false, 0, 2, T::PKP});
    r.entry.push_back({kPp11_2017, kEnd, L::ADMINISTRATOR, E::S1, 3, 2, false, 0, 2, T::PKA});
    r.entry.push_back({kPp11_2017, kEnd, L::JPT_PRATAMA, E::S1, 2, 3, false, 56, 0, T::PKN_I_I});
    r.entry.push_back({kPp11_2017, kEnd, L::JPT_MADYA, E::UNSPECIFIED, 2, 4, false, 58, 0, T::PKN_I});
    r.entry.push_back({kPp11_2017, kEnd, L::JPT_UTAMA, E::UNSPECIFIED, 2, 5, true, 58, 0,
                       T::UNSPECIFIED});
  }
  auto& c = r.citations;
  c[static_cast<size_t>(RuleId::kPromotionDuringSanction)] = {
      {19000101, DayBefore(kPp53_2010), "PP 30/1980 (discipline)"},
      {kPp53_2010, DayBefore(kPp94_2021), "PP 53/2010 (discipline)"},
      {kPp94_2021, kEnd, "PP 94/2021 Art. 8 (discipline)"},
  };
  c[static_cast<size_t>(RuleId::kAboveEducationCap)] = {{19000101, kEnd, "Kep BKN 12/2002"}};
  c[static_cast<size_t>(RuleId::kRelatedCommitteeMember)] = Conflict();
  c[static_cast<size_t>(RuleId::kPpkRelatedToAppointee)] = Conflict();
  c[static_cast<size_t>(RuleId::kSeniorityOverMerit)] = {
      {19000101, DayBefore(kUu5_2014), "PP 100/2000 as amended by PP 13/2002"},
      {kUu5_2014, DayBefore(kPp11_2017), "UU 5/2014 Art. 108-120 (merit system)"},
      {kPp11_2017, DayBefore(kUu20_2023), "UU 5/2014; PP 11/2017 as amended by PP 17/2020"},
      {kUu20_2023, kEnd, "UU 20/2023; PP 11/2017 as amended by PP 17/2020"},
  };
  c[static_cast<size_t>(RuleId::kCommitteeComposition)] = {
      {kUu5_2014, DayBefore(kUu20_2023), "UU 5/2014 Art. 108-120"},
      {kUu20_2023, kEnd, "UU 20/2023; UU 5/2014 Art. 108-120 as applied by PP 11/2017"},
  };
  c[static_cast<size_t>(RuleId::kCompetencyGap)] = {
      {19000101, DayBefore(kPp11_2017), "PP 100/2000 as amended by PP 13/2002"},
      {kPp11_2017, kEnd, "PP 11/2017 Art. 54, 206 as amended by PP 17/2020; PermenPANRB 38/2017"},
  };
  c[static_cast<size_t>(RuleId::kAppointeeNotShortlisted)] = c[static_cast<size_t>(
      RuleId::kSeniorityOverMerit)];
  c[static_cast<size_t>(RuleId::kSelectionSequence)] = c[static_cast<size_t>(
      RuleId::kSeniorityOverMerit)];
  c[static_cast<size_t>(RuleId::kCommitteeMemberLevel)] = c[static_cast<size_t>(
      RuleId::kCommitteeComposition)];
  c[static_cast<size_t>(RuleId::kJptReplacedEarly)] = {
      {kUu5_2014, DayBefore(kUu20_2023), "UU 5/2014 Art. 116"},
      {kUu20_2023, kEnd, "UU 20/2023; UU 5/2014 Art. 116 as applied by PP 11/2017"},
  };
  c[static_cast<size_t>(RuleId::kEntryRequirements)] = {
      {19000101, DayBefore(kPp11_2017), "PP 100/2000 as amended by PP 13/2002"},
      {kPp11_2017, DayBefore(kPp17_2020), "PP 11/2017"},
      {kPp17_2020, kEnd, "PP 11/2017 as amended by PP 17/2020"},
  };
  // Before PP 99/2000 (10 Nov 2000) the promotion table's "PP 3/1980" alone.
  c[static_cast<size_t>(RuleId::kWrongPromotionRoute)] = {
      {20001110, kEnd, "PP 99/2000 Art. 7 (functional posts: credit points)"}};
  c[static_cast<size_t>(RuleId::kFunctionalPromotionEarly)] = {
      {20001110, DayBefore(kPermenPanRb1_2023), "PP 99/2000 Art. 7"},
      {kPermenPanRb1_2023, kEnd, "PP 99/2000 Art. 7; PermenPANRB 1/2023"}};
  c[static_cast<size_t>(RuleId::kDp3PredikatMismatch)] = {
      {19000101, kEnd, "PP 10/1979 (DP3)"}};
  c[static_cast<size_t>(RuleId::kSkpScorePredikatMismatch)] = {
      {19000101, 20191231, "PP 46/2011 (SKP)"},
      {20200101, kEnd, "PP 46/2011 (SKP) as kept by PP 30/2019"}};
  // Backdated evidence cites the rule the decision needed the evidence for
  // (the auditor picks it); the table stays empty.
  c[static_cast<size_t>(RuleId::kInflatedEvaluator)] = {
      {19000101, 20131231, "PP 10/1979 (DP3)"},
      {20140101, 20191231, "PP 46/2011 (SKP)"},
      {20200101, 20211231, "PP 30/2019"},
      {20220101, kEnd, "PP 30/2019; PermenPANRB 6/2022"},
  };
  c[static_cast<size_t>(RuleId::kUniformEvaluator)] =
      c[static_cast<size_t>(RuleId::kInflatedEvaluator)];
  c[static_cast<size_t>(RuleId::kUnitRatingOutlier)] =
      c[static_cast<size_t>(RuleId::kInflatedEvaluator)];
  return r;
}

}  // namespace jejak::audit
