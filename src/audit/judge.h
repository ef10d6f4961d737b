// The judges: one function per kind of promotion decision. Each gets the
// facts as known when the decision was recorded (the replay builds them)
// and fills the verdict's summary, evidence and findings. Pure: no I/O
// (people are looked up through a callback).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "audit/selection_state.h"
#include "jejak/audit/report.h"
#include "jejak/audit/rules.h"
#include "jejak/projection/fold.h"
#include "jejak/projection/profile_state.h"
#include "jejak/status.h"

namespace jejak::audit {

struct JudgeContext {
  const AuditRules& rules;
  std::array<bool, kRuleCount> enabled{};

  // Position of the decision whose rule checks are recorded (Checked);
  // kExplainAll (auditor.h) for every decision, 0 for none.
  uint64_t explain = 0;

  bool On(RuleId r) const { return enabled[static_cast<size_t>(r)]; }
  // Records how rule `r` fared on the decision `v` (when it is being
  // explained and `r` is checked): one line at each rule of a judge. A
  // finding of `r` makes it a failure whatever is recorded here.
  void Checked(DecisionVerdict* v, RuleId r, CheckOutcome outcome, std::string reason) const;
  // A finding of `r` for a decision effective on `date`: severity and the
  // regulation in force then; the caller adds explanation and evidence.
  Finding Make(RuleId r, uint32_t date) const;
};

// "Sangat Baik", ...; "SLTA", "S1", ...
std::string PredikatText(schema::PredikatKinerja p);
std::string EducationText(schema::EducationLevel e);

// A rankPromoted event (`decision`, payload as corrected) of the employee
// whose state is `known`: every event of the stream before the decision,
// in effect on its TMT. Judged against the rank on record in `known`, not
// the decree's `from`. `post` is the definition of the post the employee
// holds on the TMT, as known then (nullptr when none is on record): its
// level tells a functional post. `migrated`: the decision was recorded by
// a migration (source.migration), so evidence a legacy export may not have
// carried (the ujian dinas) is missing, not a violation. A rule that lacks
// its data adds to v->missing.
void JudgeRankPromotion(const JudgeContext& ctx, const projection::ProfileState& known,
                        const projection::PositionVersion* post,
                        const projection::FoldInput& decision, bool migrated,
                        DecisionVerdict* v);

// A positionPromoted event. `standard` is the appointed post's definition
// in force on the TMT as known then (nullptr when none is on record);
// `facts` what else the entry and JPT rules need (entry_requirements.h),
// and where the judge says which late training it awaits.
struct AppointmentFacts;
void JudgeAppointment(const JudgeContext& ctx, const projection::ProfileState& known,
                      const projection::PositionVersion* standard, AppointmentFacts& facts,
                      const projection::FoldInput& decision, DecisionVerdict* v);

// What a selection judgement needs to know about a person (member,
// candidate, deciding official) as known before the decision.
struct Person {
  bool exists = false;  // has an employee stream then
  std::string name;
  uint32_t recruited = 0;  // TMT CPNS
  uint64_t recruited_position = 0;
  std::vector<projection::RelationFact> relations;
  // Who declared a relation naming this person on their own stream before
  // the decision (kinship.h reads their relations back to confirm).
  std::vector<std::string> declared_by;
  projection::RankValue rank;  // the rank on record, none if no rank fact
  uint64_t rank_position = 0;
};
using PersonLookup = std::function<Result<Person>(const std::string& nip)>;

// A selectionDecided event of the selection whose state is `sel` (every
// event of its stream before the decision).
[[nodiscard]] Status JudgeSelection(const JudgeContext& ctx, const SelectionState& sel,
                                    const projection::FoldInput& decision,
                                    const PersonLookup& people, DecisionVerdict* v);

// The backdated-evidence finding of a decision (created on first use):
// evidence of `kind` ("rating 2010", "assessment") effective on
// `evidence_date`, recorded at `evidence_position`, after the decision.
void AddBackdatedEvidence(const JudgeContext& ctx, DecisionVerdict* v, uint64_t evidence_position,
                          uint32_t evidence_date, const std::string& kind);

}  // namespace jejak::audit
