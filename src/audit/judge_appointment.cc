// JudgeAppointment: DOMAIN.md "Competency" for one positionPromoted:
// appointment to an administrator or pengawas post requires meeting the
// post's competency standard (the projection's GapAgainst, on the
// employee's assessments as known when the appointment was recorded).
#include <algorithm>
#include <string>

#include "audit/judge.h"
#include "jejak/domain/date.h"
#include "jejak/projection/names.h"
#include "jejak/projection/profile_view.h"

namespace jejak::audit {

namespace {

bool NeedsStandard(schema::JabatanLevel l) {
  return l == schema::JabatanLevel::ADMINISTRATOR || l == schema::JabatanLevel::PENGAWAS;
}

}  // namespace

void JudgeAppointment(const JudgeContext& ctx, const projection::ProfileState& known,
                      const projection::PositionVersion* standard,
                      const projection::FoldInput& decision, DecisionVerdict* v) {
  const auto p = decision.payload.getPositionPromoted();
  const uint32_t tmt = decision.effective;
  const schema::JabatanLevel level = standard != nullptr ? standard->level : p.getLevel();
  v->subject = known.nip;
  v->agency = p.getAgency();
  std::string post = p.getPositionName();
  if (post.empty() && standard != nullptr) post = standard->name;
  v->summary = "appointed " + projection::EnumName(level) + " " + post + " (" +
               std::string(p.getPositionId().cStr()) + "), selection " +
               std::string(p.getSelectionId().cStr()) + ", TMT " + domain::FormatDate(tmt);
  if (!NeedsStandard(level)) return;
  if (standard == nullptr) {
    v->note = "no competency standard of " + std::string(p.getPositionId().cStr()) +
              " in force on " + domain::FormatDate(tmt) + " is on record: the standard could "
              "not be checked";
    return;
  }
  v->evidence.push_back({standard->key.position,
                         "competency standard of the post, in force from " +
                             domain::FormatDate(standard->key.effective)});
  // The assessments the levels come from (the latest per competency).
  std::vector<uint64_t> assessments;
  for (const auto& req : standard->required) {
    for (const auto& c : known.competencies) {
      if (c.code == req.code && std::find(assessments.begin(), assessments.end(),
                                          c.key.position) == assessments.end()) {
        assessments.push_back(c.key.position);
        v->evidence.push_back({c.key.position, "competency assessment effective " +
                                                   domain::FormatDate(c.key.effective)});
      }
    }
  }
  const auto gaps = projection::GapAgainst(known, *standard);
  if (gaps.empty() || !ctx.On(RuleId::kCompetencyGap)) return;
  Finding f = ctx.Make(RuleId::kCompetencyGap, tmt);
  f.explanation = "Appointed to " + projection::EnumName(level) + " post " +
                  std::string(p.getPositionId().cStr()) +
                  " below its competency standard, which an appointment to this level must "
                  "meet: ";
  for (size_t i = 0; i < gaps.size(); ++i) {
    const auto& g = gaps[i];
    f.explanation += (i > 0 ? "; " : "") + g.code + " " +
                     (g.actual == 0 ? std::string("never assessed")
                                    : "assessed " + std::to_string(g.actual)) +
                     ", required " + std::to_string(g.required);
  }
  f.explanation += ".";
  f.evidence = v->evidence;
  v->findings.push_back(std::move(f));
}

}  // namespace jejak::audit
