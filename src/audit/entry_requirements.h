// The entry requirements of a post (DOMAIN.md "Positions": PP 11/2017 as
// amended by PP 17/2020; before 30 Mar 2017 PP 100/2000 as amended by PP
// 13/2002), checked for one appointment on the facts known when it was
// recorded; and the facts of an appointment the replay gathers for the
// judge (the post's previous holder, the levels of the posts held, the
// leadership trainings known). Pure functions and plain values, no I/O.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "audit/post_holders.h"
#include "jejak/audit/report.h"
#include "jejak/audit/rules.h"
#include "jejak/projection/profile_state.h"

namespace jejak::audit {

// What a judgement of a positionPromoted needs beyond the appointee's
// state as known then (replay.cc fills it in).
struct AppointmentFacts {
  // The post's holding that started last before the TMT, by someone else
  // (PostHolders::PreviousHolder); nullptr when none is on record.
  const PostHolders::Holding* previous_holder = nullptr;
  // The level of a post the appointee held, from its definition, for a
  // placement that carries none (a recruitment); UNSPECIFIED if unknown.
  std::function<schema::JabatanLevel(const projection::Placement&)> level_of;
  // The appointee's leadership trainings as known when the decision was
  // recorded, whatever their dates (those after the TMT can lower the
  // entry finding).
  std::vector<projection::LeadershipTraining> trainings;

  // Out: the leadership training still awaited (the only unmet entry
  // requirement): one of `awaited` (or higher) completed after the TMT and
  // on or before `awaited_until` lowers the finding to medium.
  schema::TrainingKind awaited = schema::TrainingKind::UNSPECIFIED;
  uint32_t awaited_until = 0;
};

// The leadership training `done` counts for `required`: the same or a
// higher one (PKN I > PKN II > PKA > PKP). False for non-leadership kinds.
bool LeadershipCovers(schema::TrainingKind done, schema::TrainingKind required);

// The result of the check of one appointment.
struct EntryCheck {
  bool applies = false;            // a level with entry requirements on the TMT
  std::string regulation;          // the rule applied, for the note
  std::vector<std::string> unmet;  // plain sentences, one per requirement
  std::vector<std::string> missing;  // data a requirement needed, not on record
  std::vector<Evidence> evidence;  // what the check rested on
  // The required leadership training not completed by the TMT (also in
  // `unmet`); UNSPECIFIED when none is required or it was completed.
  schema::TrainingKind training_due = schema::TrainingKind::UNSPECIFIED;
  // A training covering it completed after the TMT within the grace period
  // (rules.training_grace_days): its date and event; 0 = none known.
  uint32_t training_late = 0;
  uint64_t training_late_position = 0;
};

// Checks the appointee `known` (as known before the decision, in effect on
// `tmt`) against post `post` (its definition in force on the TMT; nullptr
// when none is on record: then everything is missing evidence).
EntryCheck CheckEntryRequirements(const AuditRules& rules, const projection::ProfileState& known,
                                  const projection::PositionVersion* post, uint32_t tmt,
                                  const AppointmentFacts& facts);

// Entry findings whose only unmet requirement is a leadership training,
// waiting for that training to be recorded late (after the decision):
// completed within the grace period, it lowers the finding to medium.
class AwaitedTrainings {
 public:
  // The decision at `decision` (of `nip`, TMT `tmt`) awaits `kind` until
  // `until`. Replaces an earlier wait of the same decision.
  void Await(const std::string& nip, uint64_t decision, schema::TrainingKind kind, uint32_t tmt,
             uint32_t until);
  // Forgets the wait of `decision` (re-judged or retracted).
  void Drop(const std::string& nip, uint64_t decision);
  // A leadership training of `kind` of `nip` effective `date`: the
  // decisions it satisfies (no longer awaited).
  std::vector<uint64_t> Completed(const std::string& nip, schema::TrainingKind kind,
                                  uint32_t date);

 private:
  struct Wait {
    uint64_t decision;
    schema::TrainingKind kind;
    uint32_t tmt;
    uint32_t until;
  };
  std::unordered_map<std::string, std::vector<Wait>> waits_;
};

// Lowers the entry_requirements finding of `v` to medium: `training` (at
// `position`, effective `date`) was completed within the grace period.
void LowerForLateTraining(DecisionVerdict* v, uint64_t position, uint32_t date,
                          schema::TrainingKind training);

}  // namespace jejak::audit
