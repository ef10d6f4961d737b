// JudgeAppointment: the rules of one positionPromoted. DOMAIN.md
// "Competency": appointment to an administrator or pengawas post requires
// meeting the post's competency standard (the projection's GapAgainst, on
// the employee's assessments as known when the appointment was recorded).
// "Positions": the post's entry requirements (entry_requirements.h). "Open
// selection for JPT": no replacement of a JPT within 2 years of its
// installation (UU 5/2014 Art. 116), from the post's holders (post_holders.h).
#include <algorithm>
#include <string>

#include "audit/entry_requirements.h"
#include "audit/judge.h"
#include "jejak/domain/date.h"
#include "jejak/projection/names.h"
#include "jejak/projection/profile_view.h"

namespace jejak::audit {

namespace {

bool NeedsStandard(schema::JabatanLevel l) {
  return l == schema::JabatanLevel::ADMINISTRATOR || l == schema::JabatanLevel::PENGAWAS;
}

bool IsJpt(schema::JabatanLevel l) {
  return l == schema::JabatanLevel::JPT_UTAMA || l == schema::JabatanLevel::JPT_MADYA ||
         l == schema::JabatanLevel::JPT_PRATAMA;
}

// A level the entry or JPT rules may concern (or one not known).
bool MayBeStructural(schema::JabatanLevel l) {
  return l == schema::JabatanLevel::UNSPECIFIED || IsJpt(l) || NeedsStandard(l);
}

void AddEvidence(DecisionVerdict* v, const Evidence& e) {
  if (e.position == 0) return;
  for (const auto& x : v->evidence) {
    if (x.position == e.position && x.role == e.role) return;
  }
  v->evidence.push_back(e);
}

// UU 5/2014 Art. 116: the appointing official may not replace a JPT within
// 2 years of installation unless the holder broke the law or no longer
// meets the post's requirements. A holder who left on their own or by a
// lawful end (promoted elsewhere; separated by death, retirement,
// resignation, dismissal, end of contract) by the new TMT was not
// replaced; one still in the post, or moved away (assigned, transferred),
// was.
void JudgeJptReplacement(const JudgeContext& ctx, const projection::PositionVersion* post,
                         const AppointmentFacts& facts, const std::string& position_id,
                         schema::JabatanLevel payload_level, uint32_t tmt, DecisionVerdict* v) {
  if (!ctx.On(RuleId::kJptReplacedEarly)) return;
  if (ctx.rules.Citation(RuleId::kJptReplacedEarly, tmt).empty()) {  // before UU 5/2014
    ctx.Checked(v, RuleId::kJptReplacedEarly, CheckOutcome::kNotApplicable,
                "before UU 5/2014 (2014-01-15)");
    return;
  }
  if (post == nullptr) {
    if (payload_level == schema::JabatanLevel::UNSPECIFIED || IsJpt(payload_level)) {
      v->missing.push_back("the definition of post " + position_id + " in force on " +
                           domain::FormatDate(tmt) + " (whether it is a JPT post)");
    }
    return;
  }
  if (!IsJpt(post->level)) {
    ctx.Checked(v, RuleId::kJptReplacedEarly, CheckOutcome::kNotApplicable, "not a JPT post");
    return;
  }
  const PostHolders::Holding* h = facts.previous_holder;
  if (h == nullptr) {  // no holder on record: nobody replaced
    ctx.Checked(v, RuleId::kJptReplacedEarly, CheckOutcome::kPass,
                "no previous holder of the post on record");
    return;
  }
  using End = PostHolders::End;
  const bool ended_by_then = h->end != End::kHolding && h->until <= tmt;
  const std::string holder = "previous holder " + h->nip + " (installed " +
                             domain::FormatDate(h->since) + ", position " +
                             std::to_string(h->position) + ")";
  if (ended_by_then && h->end == End::kPromotedElsewhere) {
    ctx.Checked(v, RuleId::kJptReplacedEarly, CheckOutcome::kPass,
                "the " + holder + " was promoted elsewhere");
    return;
  }
  if (ended_by_then && h->end == End::kSeparated) {
    if (h->reason == schema::SeparationReason::UNSPECIFIED) {
      v->missing.push_back("why the " + holder + " separated on " + domain::FormatDate(h->until));
    }
    ctx.Checked(v, RuleId::kJptReplacedEarly, CheckOutcome::kPass,
                "the " + holder + " separated on " + domain::FormatDate(h->until));
    return;
  }
  const uint32_t allowed = domain::AddYears(h->since, ctx.rules.jpt_min_years);
  if (tmt >= allowed) {
    ctx.Checked(v, RuleId::kJptReplacedEarly, CheckOutcome::kPass,
                "the " + holder + " had held it " + std::to_string(ctx.rules.jpt_min_years) +
                    " years or more");
    return;
  }
  Finding f = ctx.Make(RuleId::kJptReplacedEarly, tmt);
  const std::string how =
      h->end == End::kMoved && h->until <= tmt
          ? "was moved out of it on " + domain::FormatDate(h->until) + " (position " +
                std::to_string(h->end_position) + ")"
          : "still held it";
  f.explanation = "Appointed to " + projection::EnumName(post->level) + " post " + position_id +
                  " with TMT " + domain::FormatDate(tmt) + ", replacing the " + holder +
                  ", who " + how + ": a JPT may not be replaced within " +
                  std::to_string(ctx.rules.jpt_min_years) + " years of installation (not before " +
                  domain::FormatDate(allowed) + ").";
  f.evidence.push_back({h->position, "the previous holder's installation in the post, " +
                                         domain::FormatDate(h->since)});
  if (h->end == End::kMoved && h->until <= tmt) {
    f.evidence.push_back({h->end_position, "the previous holder moved out of the post, " +
                                               domain::FormatDate(h->until)});
  }
  for (const auto& e : f.evidence) AddEvidence(v, e);
  v->findings.push_back(std::move(f));
}

void JudgeEntry(const JudgeContext& ctx, const projection::ProfileState& known,
                const projection::PositionVersion* post, AppointmentFacts& facts,
                const std::string& position_id, schema::JabatanLevel payload_level, uint32_t tmt,
                DecisionVerdict* v) {
  if (!ctx.On(RuleId::kEntryRequirements)) return;
  if (post == nullptr && !MayBeStructural(payload_level)) {
    ctx.Checked(v, RuleId::kEntryRequirements, CheckOutcome::kNotApplicable,
                "not a structural post");
    return;
  }
  const EntryCheck c = CheckEntryRequirements(ctx.rules, known, post, tmt, facts);
  if (!c.applies) {
    ctx.Checked(v, RuleId::kEntryRequirements, CheckOutcome::kNotApplicable,
                "no entry requirements apply to this post on this date");
    return;
  }
  for (const auto& m : c.missing) v->missing.push_back("entry requirements: " + m);
  for (const auto& e : c.evidence) AddEvidence(v, e);
  ctx.Checked(v, RuleId::kEntryRequirements,
              c.missing.empty() ? CheckOutcome::kPass : CheckOutcome::kNotJudged,
              c.missing.empty() ? "every entry requirement on record is met"
                                : "some requirements are not on record (see missing)");
  if (c.unmet.empty()) return;
  Finding f = ctx.Make(RuleId::kEntryRequirements, tmt);
  f.explanation = "Appointed to " + projection::EnumName(post->level) + " post " + position_id +
                  " on " + domain::FormatDate(tmt) + " without meeting its entry requirements: ";
  for (size_t i = 0; i < c.unmet.size(); ++i) f.explanation += (i > 0 ? "; " : "") + c.unmet[i];
  f.explanation += ".";
  f.evidence = c.evidence;
  const bool only_training = c.unmet.size() == 1 && c.training_due != schema::TrainingKind::UNSPECIFIED;
  v->findings.push_back(std::move(f));
  if (!only_training) return;
  if (c.training_late != 0) {
    LowerForLateTraining(v, c.training_late_position, c.training_late, c.training_due);
  } else {
    // A training recorded later may still lower it (replay.cc).
    facts.awaited = c.training_due;
    facts.awaited_until =
        domain::FromDays(domain::ToDays(tmt) + std::max(0, ctx.rules.training_grace_days));
  }
}

}  // namespace

void JudgeAppointment(const JudgeContext& ctx, const projection::ProfileState& known,
                      const projection::PositionVersion* standard, AppointmentFacts& facts,
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
  const std::string position_id = p.getPositionId().cStr();
  JudgeJptReplacement(ctx, standard, facts, position_id, p.getLevel(), tmt, v);
  JudgeEntry(ctx, known, standard, facts, position_id, p.getLevel(), tmt, v);
  if (!NeedsStandard(level)) {
    ctx.Checked(v, RuleId::kCompetencyGap, CheckOutcome::kNotApplicable,
                "only administrator and pengawas posts have a competency standard to meet");
    return;
  }
  if (standard == nullptr) {
    ctx.Checked(v, RuleId::kCompetencyGap, CheckOutcome::kNotJudged,
                "no competency standard of the post on record");
    v->note = "no competency standard of " + std::string(p.getPositionId().cStr()) +
              " in force on " + domain::FormatDate(tmt) + " is on record: the standard could "
              "not be checked";
    return;
  }
  std::vector<Evidence> used;
  used.push_back({standard->key.position, "competency standard of the post, in force from " +
                                              domain::FormatDate(standard->key.effective)});
  // The assessments the levels come from (the latest per competency).
  std::vector<uint64_t> assessments;
  for (const auto& req : standard->required) {
    for (const auto& c : known.competencies) {
      if (c.code == req.code && std::find(assessments.begin(), assessments.end(),
                                          c.key.position) == assessments.end()) {
        assessments.push_back(c.key.position);
        used.push_back({c.key.position, "competency assessment effective " +
                                            domain::FormatDate(c.key.effective)});
      }
    }
  }
  for (const auto& e : used) AddEvidence(v, e);
  const auto gaps = projection::GapAgainst(known, *standard);
  ctx.Checked(v, RuleId::kCompetencyGap, CheckOutcome::kPass,
              "every competency assessed at or above the post's standard");
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
  f.evidence = std::move(used);
  v->findings.push_back(std::move(f));
}

}  // namespace jejak::audit
