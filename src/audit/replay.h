// Replay: the audit's one pass over the log (auditor.h has the contract).
// Each event is first judged (if it is a decision) or checked against the
// decisions before it (if it is evidence), then folded into its stream's
// state, so that a judgement only ever sees earlier positions.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "audit/employee_book.h"
#include "audit/entry_requirements.h"
#include "audit/evaluator_groups.h"
#include "audit/judge.h"
#include "audit/ledger_check.h"
#include "audit/post_holders.h"
#include "audit/selection_state.h"
#include "jejak/audit/auditor.h"
#include "jejak/projection/profile_state.h"

namespace jejak::audit {

class Replay {
 public:
  Replay(store::EventStore& store, const AuditOptions& options);

  // Reads the log up to `head` and judges; then the verdicts are in
  // decisions() (position order) and the ratings in groups().
  [[nodiscard]] Status Run(uint64_t head);

  std::vector<DecisionVerdict>& decisions() { return verdicts_; }
  const EvaluatorGroups& groups() const { return groups_; }
  const EmployeeBook& book() const { return book_; }
  uint64_t events_read() const { return events_read_; }
  uint64_t selections() const { return sels_.size(); }
  const JudgeContext& context() const { return ctx_; }
  // The hashes of every event read (ledger_check.h); Finish it with the head.
  LedgerCheck& check() { return check_; }

 private:
  Status OnEvent(const store::RecordedEvent& rec);
  Status OnEmployee(const store::RecordedEvent& rec, const std::string& nip);
  Status OnSelection(const store::RecordedEvent& rec, const std::string& id);
  Status OnAgency(const store::RecordedEvent& rec, const std::string& agency);

  // Judges an employee decision (rankPromoted, positionPromoted) at
  // `position` with payload `in` (as corrected); `rec` is the decision's
  // record. Appends or, for a re-judgement, replaces the verdict.
  Status JudgeEmployeeDecision(const store::RecordedEvent& rec, const std::string& nip,
                               const projection::FoldInput& in);
  Status JudgeSelectionDecision(const store::RecordedEvent& rec, const SelectionState& sel,
                                const projection::FoldInput& in);
  // Flags the employee's decisions recorded before `in` and effective
  // after it (backdated evidence), except those recorded by the same
  // migration (`migration`, the evidence's source.migration; "" = live):
  // a migration's events are known together.
  void CheckBackdated(const StateSketch& s, const projection::FoldInput& in,
                      const std::string& kind, const std::string& migration);
  // A rating (AddRating, CheckBackdated) or an assessment (CheckBackdated)
  // `rec`, as `in`, against the sketch of its employee's state before it.
  void CheckEvidence(const store::RecordedEvent& rec, const projection::FoldInput& in,
                     const StateSketch& s);
  // The migration that recorded the decision at `position` ("" = live).
  const std::string& MigrationOf(uint64_t position) const;
  // A rating of `ratee` (its state when the rating is replayed).
  void AddRating(const projection::FoldInput& in, const StateSketch& ratee);
  // What follows folding `in` into the employee's state `s`: the post
  // holders, the late trainings awaited by entry findings.
  void AfterEmployeeFold(const std::string& nip, const projection::ProfileState& s,
                         const projection::FoldInput& in);
  // A trainingCompleted of `nip` folded (or waiting to be): lowers the
  // entry findings that awaited it.
  void OnTrainingCompleted(const std::string& nip, const projection::FoldInput& in);
  // The level of a post held, from its definition as known now.
  schema::JabatanLevel LevelOf(const projection::Placement& p) const;
  // A placement in a post that may be JPT (its level, or its definition's,
  // is JPT or unknown): tracked by holders_.
  bool MayBeJpt(const projection::Placement& p) const;
  void RemoveRating(const projection::FoldInput& in);

  // Amendments: diff the stream's effective events before and after the
  // correction or retraction at rec's position, update what depended on
  // them, and refold the stream's state.
  Status OnEmployeeAmendment(const store::RecordedEvent& rec, const std::string& nip,
                             EmployeeBook::Entry* entry);
  // The amendment at rec's position applied in place when it is the first
  // of its target, an earlier training that counts for hours only, and
  // leaves one (EmployeeBook::AmendTrainingInPlace): no decision or rating
  // changes, so the stream need not be read again. False: it was not.
  Result<bool> AmendTrainingInPlace(const store::RecordedEvent& rec, const std::string& nip,
                                    EmployeeBook::Entry* entry);
  Status OnSelectionAmendment(const store::RecordedEvent& rec, const std::string& id);
  // Judges a decision again: its original record, its payload as amended.
  using Rejudge =
      std::function<Status(const store::RecordedEvent&, const projection::FoldInput&)>;
  // Compares the decisions of `kinds` in a stream's effective events before
  // and after `amendment`, and withdraws or re-judges each one changed.
  Status AmendDecisions(const store::RecordedEvent& amendment,
                        const std::vector<projection::FoldInput>& before,
                        const std::vector<projection::FoldInput>& after,
                        std::initializer_list<schema::Payload::Which> kinds,
                        const Rejudge& rejudge);
  // What happened to one decision whose effective payload changed (`now`
  // is null when it was retracted).
  Status Amended(const store::RecordedEvent& amendment, uint64_t decision_position,
                 const projection::FoldInput* now, const Rejudge& rejudge);

  // The post's definition in force on `date`, as known before `position`.
  Result<std::optional<projection::PositionVersion>> StandardAt(const std::string& agency,
                                                                const std::string& position_id,
                                                                uint32_t date, uint64_t position);
  PersonLookup PeopleBefore(uint64_t position);

  bool InScope(uint32_t date) const { return options_.since <= date && date <= options_.until; }
  DecisionVerdict* FindVerdict(uint64_t position);
  // Puts `v` in position order, replacing a verdict at the same position.
  void Store(DecisionVerdict v);

  store::EventStore& store_;
  const AuditOptions& options_;
  JudgeContext ctx_;
  EmployeeBook book_;
  std::map<std::string, SelectionState> sels_;
  std::map<std::string, projection::OrgState> orgs_;
  // For kinship (kinship.h): by NIP, who named them in a relationshipDeclared
  // (or a correction to one) on their own stream, and at which position.
  std::map<std::string, std::vector<std::pair<std::string, uint64_t>>> named_by_;
  // By NIP, the targets of the amendments of the employee's stream so far.
  std::unordered_map<std::string, std::vector<uint64_t>> amended_targets_;
  EvaluatorGroups groups_;
  PostHolders holders_;        // who held each post since when (JPT rule)
  AwaitedTrainings awaited_;   // entry findings awaiting a late training
  // Decisions recorded by a migration: (position, index in migrations_),
  // sorted by position; live decisions are not listed.
  std::vector<std::pair<uint64_t, uint32_t>> migrated_decisions_;
  std::vector<std::string> migrations_;
  std::map<std::string, uint32_t> migration_index_;
  std::vector<DecisionVerdict> verdicts_;
  StateSketch sketch_;  // SketchOf's output for a state held folded
  uint64_t position_ = 0;  // the event being replayed
  uint64_t events_read_ = 0;
  LedgerCheck check_{store_};
};

}  // namespace jejak::audit
