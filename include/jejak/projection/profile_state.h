// The state the projections fold: plain C++ mirrors of schema/projection.capnp.
//
// A state holds *facts*, each keyed by (effective date, log position), so
// that folding is order-independent where the domain needs it: the current
// rank is the rank fact with the greatest key whatever order the decrees
// were recorded in. "Current" values are derived at read time
// (profile_view.h). Lists are kept in a canonical order (documented per
// field) so that equal states encode to equal bytes (profile_codec.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "jejak/schema/common.capnp.h"
#include "jejak/schema/events.capnp.h"

namespace jejak::projection {

// Orders facts: by effective date (TMT), then by log position.
struct FactKey {
  uint32_t effective = 0;  // YYYYMMDD
  uint64_t position = 0;   // 0 = no fact
  friend bool operator==(const FactKey&, const FactKey&) = default;
  friend auto operator<=>(const FactKey&, const FactKey&) = default;
};

// A rank on either scale. PNS golongan and PPPK grade are never compared.
struct RankValue {
  schema::Golongan golongan = schema::Golongan::UNSPECIFIED;
  uint8_t pppk_grade = 0;  // 1..17, 0 = not a PPPK grade
  friend bool operator==(const RankValue&, const RankValue&) = default;
};

enum class PlacementKind : uint8_t {
  kRecruited = 1,
  kAssigned = 2,
  kTransferred = 3,
  kPromoted = 4,
};

struct Placement {
  FactKey key;
  std::string agency;
  std::string unit;
  std::string position_id;  // "" = no position held
  std::string position_name;
  schema::JabatanLevel level = schema::JabatanLevel::UNSPECIFIED;
  PlacementKind kind = PlacementKind::kAssigned;
  std::string selection_id;
  friend bool operator==(const Placement&, const Placement&) = default;
};

struct RankFact {
  FactKey key;
  RankValue rank;
  schema::PromotionKind kind = schema::PromotionKind::UNSPECIFIED;  // starting
  double credit_points = 0;
  friend bool operator==(const RankFact&, const RankFact&) = default;
};

struct CompetencyFact {
  FactKey key;
  std::string code;
  schema::CompetencyKind kind = schema::CompetencyKind::UNSPECIFIED;
  uint8_t level = 0;
  friend bool operator==(const CompetencyFact&, const CompetencyFact&) = default;
};

struct AssessmentFact {
  FactKey key;  // position 0 = never assessed
  schema::PotentialLevel potential = schema::PotentialLevel::UNSPECIFIED;
  double potential_score = 0;
  std::string assessor;
  friend bool operator==(const AssessmentFact&, const AssessmentFact&) = default;
};

struct RatingFact {
  FactKey key;
  uint16_t year = 0;
  schema::PredikatKinerja predikat = schema::PredikatKinerja::UNSPECIFIED;
  schema::Rating work_result = schema::Rating::UNSPECIFIED;
  schema::Rating behaviour = schema::Rating::UNSPECIFIED;
  uint8_t dp3_score = 0;
  double skp_score = 0;  // PP 46/2011 numeric SKP score, 0 = none
  friend bool operator==(const RatingFact&, const RatingFact&) = default;
};

// An examPassed: ujian dinas or ujian penyesuaian ijazah.
struct ExamFact {
  FactKey key;
  schema::ExamKind kind = schema::ExamKind::UNSPECIFIED;
  std::string certificate_no;
  schema::EducationLevel education = schema::EducationLevel::UNSPECIFIED;
  friend bool operator==(const ExamFact&, const ExamFact&) = default;
};

// A creditPointsAwarded: angka kredit added for a period.
struct CreditPointsFact {
  FactKey key;
  double points = 0;
  uint32_t period_start = 0;
  uint32_t period_end = 0;
  std::string position_id;
  friend bool operator==(const CreditPointsFact&, const CreditPointsFact&) = default;
};

struct TrainingJp {
  uint16_t year = 0;
  schema::TrainingKind kind = schema::TrainingKind::UNSPECIFIED;
  uint32_t jp = 0;
  uint32_t count = 0;
  friend bool operator==(const TrainingJp&, const TrainingJp&) = default;
};

struct LeadershipTraining {
  FactKey key;
  schema::TrainingKind kind = schema::TrainingKind::UNSPECIFIED;
  std::string name;
  std::string provider;
  friend bool operator==(const LeadershipTraining&, const LeadershipTraining&) = default;
};

struct SanctionFact {
  FactKey key;  // key.position identifies the sanction (SanctionLifted names it)
  schema::SanctionLevel level = schema::SanctionLevel::UNSPECIFIED;
  schema::SanctionKind kind = schema::SanctionKind::UNSPECIFIED;
  uint32_t start = 0;
  uint32_t end = 0;  // 0 = open-ended
  std::string reason;
  friend bool operator==(const SanctionFact&, const SanctionFact&) = default;
};

struct SanctionLift {
  FactKey key;
  uint64_t sanction_position = 0;
  std::string reason;
  friend bool operator==(const SanctionLift&, const SanctionLift&) = default;
};

struct MentoringFact {
  FactKey key;
  std::string mentor_nip;
  std::string mentee_nip;
  uint32_t period_start = 0;
  uint32_t period_end = 0;
  std::string topic;
  friend bool operator==(const MentoringFact&, const MentoringFact&) = default;
};

struct RelationFact {
  FactKey key;
  std::string other_nip;
  std::string other_name;
  schema::Relation relation = schema::Relation::UNSPECIFIED;
  friend bool operator==(const RelationFact&, const RelationFact&) = default;
};

struct SeparationFact {
  FactKey key;  // position 0 = not separated
  schema::SeparationReason reason = schema::SeparationReason::UNSPECIFIED;
  std::string note;
  friend bool operator==(const SeparationFact&, const SeparationFact&) = default;
};

// The facts of one employee stream (emp/<NIP>), corrections applied.
// Canonical order: every list of keyed facts sorted by key, except
// `competencies` (by code), `ratings` (by year) and `training_jp` (by year,
// kind).
struct ProfileState {
  std::string nip;
  std::string nik;
  std::string name;
  uint32_t birth_date = 0;
  schema::Gender gender = schema::Gender::UNSPECIFIED;
  schema::EducationLevel education = schema::EducationLevel::UNSPECIFIED;
  std::string education_major;
  schema::EmploymentType employment_type = schema::EmploymentType::UNSPECIFIED;
  double selection_score = 0;
  FactKey recruited;  // TMT CPNS / PPPK contract start
  FactKey confirmed;  // TMT PNS; position 0 = not confirmed
  std::vector<Placement> placements;
  std::vector<RankFact> ranks;
  std::vector<CompetencyFact> competencies;
  AssessmentFact assessment;
  std::vector<RatingFact> ratings;
  std::vector<TrainingJp> training_jp;
  std::vector<LeadershipTraining> leadership;
  std::vector<SanctionFact> sanctions;
  std::vector<SanctionLift> lifts;
  std::vector<MentoringFact> mentoring;
  std::vector<RelationFact> relations;
  SeparationFact separation;
  std::vector<ExamFact> exams;                 // sorted by key
  std::vector<CreditPointsFact> credit_points;  // sorted by key
  uint64_t last_position = 0;  // greatest position folded
  uint32_t event_count = 0;    // effective events folded

  bool empty() const { return event_count == 0; }
  friend bool operator==(const ProfileState&, const ProfileState&) = default;
};

// ---------------------------------------------------------------- agency

struct CompetencyRequirement {
  std::string code;
  schema::CompetencyKind kind = schema::CompetencyKind::UNSPECIFIED;
  uint8_t level = 0;
  friend bool operator==(const CompetencyRequirement&,
                         const CompetencyRequirement&) = default;
};

// One positionDefined: the definition in force from key.effective.
struct PositionVersion {
  FactKey key;
  std::string name;
  schema::JabatanLevel level = schema::JabatanLevel::UNSPECIFIED;
  std::string unit_id;
  schema::Golongan min_rank = schema::Golongan::UNSPECIFIED;
  schema::Golongan max_rank = schema::Golongan::UNSPECIFIED;
  std::vector<CompetencyRequirement> required;
  schema::TrainingKind required_training = schema::TrainingKind::UNSPECIFIED;
  schema::EducationLevel min_education = schema::EducationLevel::UNSPECIFIED;
  friend bool operator==(const PositionVersion&, const PositionVersion&) = default;
};

// Every version of one position of an agency, sorted by key.
struct PositionDef {
  std::string agency;
  std::string position_id;
  std::vector<PositionVersion> versions;

  // The version in force on `date` (the last with effective <= date), or
  // nullptr when none is. With date UINT32_MAX: the latest version.
  const PositionVersion* InForce(uint32_t date) const;
  friend bool operator==(const PositionDef&, const PositionDef&) = default;
};

struct UnitDef {
  FactKey key;
  std::string agency;
  std::string unit_id;
  std::string name;
  std::string parent_unit_id;
  friend bool operator==(const UnitDef&, const UnitDef&) = default;
};

// The facts of one agency stream (org/<agency>): positions sorted by id,
// units sorted by id (the latest unitDefined per unit wins). The agency
// itself (agencyDefined, the latest wins) is the unit of id "", first: the
// root that a top-level unit's empty parent_unit_id names; its name is the
// agency's and its key.effective the day the definition applies from.
struct OrgState {
  std::string agency;
  std::vector<PositionDef> positions;
  std::vector<UnitDef> units;
  uint64_t last_position = 0;

  const PositionDef* FindPosition(std::string_view position_id) const;
  friend bool operator==(const OrgState&, const OrgState&) = default;
};

}  // namespace jejak::projection
