// Rule ids, titles, severities and the dated tables of DOMAIN.md.
#include "jejak/audit/rules.h"

#include <array>

#include "jejak/domain/date.h"

namespace jejak::audit {

namespace {

struct RuleText {
  RuleId id;
  std::string_view name;
  std::string_view title;
  Severity severity;
};

constexpr std::array<RuleText, kRuleCount> kRules = {{
    {RuleId::kNonMeritPromotion, "non_merit_promotion", "Promotion without merit",
     Severity::kHigh},
    {RuleId::kSkippedRank, "skipped_rank", "Rank skipped", Severity::kHigh},
    {RuleId::kPromotionDuringSanction, "promotion_during_sanction",
     "Promotion during a disciplinary sentence", Severity::kHigh},
    {RuleId::kOffCycleTmt, "off_cycle_tmt", "TMT not on an allowed date", Severity::kMedium},
    {RuleId::kAboveEducationCap, "above_education_cap", "Promotion above the education cap",
     Severity::kHigh},
    {RuleId::kRelatedCommitteeMember, "related_committee_member",
     "Committee member related to a candidate", Severity::kHigh},
    {RuleId::kPpkRelatedToAppointee, "ppk_related_to_appointee",
     "Deciding official related to the appointee", Severity::kHigh},
    {RuleId::kSeniorityOverMerit, "seniority_over_merit", "Seniority preferred over merit",
     Severity::kMedium},
    {RuleId::kCommitteeComposition, "committee_composition", "Committee make-up not allowed",
     Severity::kMedium},
    {RuleId::kCompetencyGap, "competency_gap_at_appointment",
     "Appointed below the competency standard", Severity::kMedium},
    {RuleId::kBackdatedEvidence, "backdated_evidence", "Evidence recorded after the decision",
     Severity::kMedium},
    {RuleId::kInflatedEvaluator, "inflated_evaluator", "Evaluator rating everyone Sangat Baik",
     Severity::kLow},
}};

const RuleText& TextOf(RuleId r) { return kRules[static_cast<size_t>(r)]; }

// Dates where the law changed (DOMAIN.md "Legal basis").
constexpr uint32_t kUu5_2014 = 20140115;     // UU 5/2014 on ASN
constexpr uint32_t kPp11_2017 = 20170330;    // PP 11/2017 on PNS management
constexpr uint32_t kUu20_2023 = 20231031;    // UU 20/2023 replaces UU 5/2014
constexpr uint32_t kPp53_2010 = 20100606;    // discipline: PP 53/2010
constexpr uint32_t kPp94_2021 = 20210831;    // discipline: PP 94/2021
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
      if (const auto* r = promotion.RegularRuleOn(date)) add(r->regulation);
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
  // Backdated evidence cites the rule the decision needed the evidence for
  // (the auditor picks it); the table stays empty.
  c[static_cast<size_t>(RuleId::kInflatedEvaluator)] = {
      {19000101, 20131231, "PP 10/1979 (DP3)"},
      {20140101, 20191231, "PP 46/2011 (SKP)"},
      {20200101, 20211231, "PP 30/2019"},
      {20220101, kEnd, "PP 30/2019; PermenPANRB 6/2022"},
  };
  return r;
}

}  // namespace jejak::audit
