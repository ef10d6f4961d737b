// CareerEvents: builds the events of one employee's stream (and keeps the
// employee's state in step with what they say). Used by the career
// simulation and, for candidates, by the selection planner.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gen/world.h"

namespace jejak::gen {

class CareerEvents {
 public:
  CareerEvents(World& w, int32_t index);

  void Recruit(Rng& rng);
  void Latsar(Rng& rng);
  void Confirm(Rng& rng);
  void DeclareRelation(Rng& rng, const Action& a);
  // Declares `other_nip` (an employee, or the PPK) as `relation`, effective
  // and recorded on the given days. Returns the event's number.
  uint64_t Declare(uint32_t date, uint32_t recorded, const std::string& other_nip,
                   const std::string& other_name, schema::Relation relation);
  void Appoint(Rng& rng, const Selection& s);
  // Moves the holder of the post `s` fills out of it on its TMT, to the
  // S1 pelaksana post of a unit under it (relieved of the post, not
  // promoted); nothing if the employee no longer holds it.
  void Relieve(Rng& rng, const Selection& s);
  // A leadership training completed on `date`, recorded `recorded` (0: 7-30
  // days later).
  void LeadershipTraining(Rng& rng, uint32_t date, schema::TrainingKind kind,
                          uint32_t recorded = 0);
  // A sentence from `start` to `end` (0: open-ended; a suspension is then
  // lifted some months later).
  void Sanction(Rng& rng, uint32_t start, schema::SanctionKind kind, uint32_t end);
  // A promotion to step `to` (not applied to the state: ApplyRank):
  // regular, or selective (functional post) for a functional-post holder.
  // `functional`: the employee holds a functional post on the TMT.
  // `from`: the step the decree states (0: the rank held).
  uint64_t RankPromoted(Rng& rng, uint32_t tmt, int to, bool functional, int from = 0);
  // Staff position `staff` of the employee's agency is a functional post
  // (above pelaksana); false for -1 (none).
  bool FunctionalStaff(int32_t staff) const;
  // Applies a promotion to the state; the credit points earned start anew.
  void ApplyRank(uint32_t tmt, int to);
  // The credit points earned since the last promotion (Employee::credit)
  // meet the step out of the rank held in functional post `staff`
  // (domain::CreditPointsForStep); false for a post that is not functional.
  bool CreditsMet(int32_t staff) const;
  // Moves a functional employee up a jenjang when the rank outgrew it.
  void FunctionalStep(Rng& rng, uint32_t tmt);
  void Training(Rng& rng, uint32_t done, int jp);
  // An exam (ujian dinas) passed on `date`, recorded 5-20 days later.
  void ExamPassed(Rng& rng, uint32_t date, schema::ExamKind kind);
  // The credit points of `year` in the functional post held, for its
  // PredikatScore `predikat` (domain/credit_points.h: the jenjang's annual
  // coefficient times the predikat's share), by a PAK on `date`; added to
  // Employee::credit.
  void CreditPoints(Rng& rng, uint32_t date, int year, int predikat);
  // A competency assessment effective `date`, recorded on `recorded` (0: a
  // few days later), with the given levels; updates the latest assessment.
  uint64_t Assessment(Rng& rng, uint32_t date, uint32_t recorded, const Levels& levels,
                      std::string_view technical);
  // A periodic assessment against the current position's standard.
  void Assess(Rng& rng, uint32_t date);
  void Mentored(Rng& rng, uint32_t start, int32_t mentor);
  void Transfer(Rng& rng, uint32_t date, bool other_agency);
  void Separate(Rng& rng, uint32_t date, schema::SeparationReason reason);

  // The standard of the current position.
  const Levels& PositionStandard() const;
  const std::string& Technical() const;

 private:
  schema::EventInput::Builder Begin(uint32_t effective, uint32_t recorded);
  void Operator(Rng& rng, schema::EventInput::Builder in);
  std::string RecordName(Rng& rng) const;

  World& w_;
  int32_t i_;
  Employee& e_;
  std::string stream_;
};

// Assessed levels of someone of `talent` against `standard`: around the
// standard, better with talent.
Levels DrawLevels(Rng& rng, const Levels& standard, float talent);
// As DrawLevels, but meeting every required level.
Levels MeetingLevels(Rng& rng, const Levels& standard, float talent);
// Meeting every level but one, which is one below its requirement.
Levels GapLevels(Rng& rng, const Levels& standard, float talent, int* gap_index);
bool Meets(const Levels& assessed, const Levels& standard);

}  // namespace jejak::gen
