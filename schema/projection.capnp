# Projected state: what the projections store in their column families.
#
# FROZEN FORMAT (see common.capnp): field numbers, enumerant numbers and type
# ids are never reused, renumbered or retyped; new fields are only appended.
# A projection can always be rebuilt from the log (`jejak rebuild`), but a
# newer build must still read what an older one wrote until it rebuilds.
#
# Encoding: every value is one Cap'n Proto message in the standard
# (unpacked) flat-array framing, capnp::messageToFlatArray, built by one
# builder in a fixed order, so the same state always gives the same bytes
# (tests compare the bytes of an incremental projection with a rebuild).
# Keys and the family layout are documented in docs/projections.md.
#
# The stored state is the *facts* of a stream, each with the key that makes
# folding order-independent: `effective` (valid time, YYYYMMDD) and
# `position` (global log position of the event that stated it). Lists are
# kept sorted by (effective, position) unless said otherwise; "current"
# values (rank, position, unit, talent box...) are derived from the facts at
# read time, see include/jejak/projection/profile_view.h.

@0xfe2a4e9f599f66e3;

using Cxx = import "/capnp/c++.capnp";
using C = import "common.capnp";
using E = import "events.capnp";
$Cxx.namespace("jejak::schema");

struct FactKey {
  effective @0 :UInt32;   # YYYYMMDD, the event's TMT
  position @1 :UInt64;    # global position of the stating event
}

struct Placement {
  # From recruited, positionAssigned, transferred, positionPromoted.
  key @0 :FactKey;
  agency @1 :Text;
  unit @2 :Text;
  positionId @3 :Text;     # "" = no position held
  positionName @4 :Text;
  level @5 :C.JabatanLevel;
  kind @6 :UInt8;          # 1 recruited, 2 assigned, 3 transferred, 4 promoted
  selectionId @7 :Text;    # positionPromoted only
}

struct RankFact {
  # The starting rank (kind unspecified) and every rankPromoted.
  key @0 :FactKey;
  rank @1 :C.Rank;
  kind @2 :E.PromotionKind;
  creditPoints @3 :Float64;
}

struct CompetencyFact {
  # Latest assessed level per competency code (by FactKey).
  key @0 :FactKey;
  code @1 :Text;
  kind @2 :C.CompetencyKind;
  level @3 :UInt8;
}

struct AssessmentFact {
  # The latest competency assessment's potential (by FactKey).
  key @0 :FactKey;
  potential @1 :C.PotentialLevel;
  potentialScore @2 :Float64;
  assessor @3 :Text;
}

struct RatingFact {
  # One per year: the rating with the greatest FactKey. Sorted by year.
  key @0 :FactKey;
  year @1 :UInt16;
  predikat @2 :C.PredikatKinerja;
  workResult @3 :C.Rating;
  behaviour @4 :C.Rating;
  dp3Score @5 :UInt8;
  skpScore @6 :Float64;    # PP 46/2011 score, 0 = none
}

struct ExamFact {
  # Every examPassed, sorted by FactKey.
  key @0 :FactKey;
  kind @1 :E.ExamKind;
  certificateNo @2 :Text;
  education @3 :C.EducationLevel;
}

struct CreditPointsFact {
  # Every creditPointsAwarded, sorted by FactKey.
  key @0 :FactKey;
  points @1 :Float64;
  periodStart @2 :UInt32;
  periodEnd @3 :UInt32;
  positionId @4 :Text;
}

struct TrainingJp {
  # Sum of JP per (year of completion, kind). Sorted by (year, kind).
  year @0 :UInt16;
  kind @1 :C.TrainingKind;
  jp @2 :UInt32;
  count @3 :UInt32;
}

struct LeadershipTraining {
  # pkp, pka, pknII, pknI completions.
  key @0 :FactKey;
  kind @1 :C.TrainingKind;
  name @2 :Text;
  provider @3 :Text;
}

struct SanctionFact {
  key @0 :FactKey;         # key.position identifies the sanction
  level @1 :E.SanctionLevel;
  kind @2 :E.SanctionKind;
  start @3 :UInt32;        # YYYYMMDD
  end @4 :UInt32;          # 0 = open-ended
  reason @5 :Text;
}

struct SanctionLift {
  key @0 :FactKey;         # effective = the day the sanction was lifted
  sanctionPosition @1 :UInt64;
  reason @2 :Text;
}

struct MentoringFact {
  key @0 :FactKey;
  mentorNip @1 :Text;
  menteeNip @2 :Text;
  periodStart @3 :UInt32;
  periodEnd @4 :UInt32;
  topic @5 :Text;
}

struct RelationFact {
  key @0 :FactKey;
  otherNip @1 :Text;
  otherName @2 :Text;
  relation @3 :E.Relation;
}

struct SeparationFact {
  key @0 :FactKey;         # position 0 = not separated
  reason @1 :E.SeparationReason;
  note @2 :Text;
}

struct Profile {
  # Value of key "p" NIP in family proj.profile: the facts of stream
  # emp/<NIP>, corrections and retractions applied.
  nip @0 :Text;
  nik @1 :Text;
  name @2 :Text;
  birthDate @3 :UInt32;
  gender @4 :C.Gender;
  education @5 :C.EducationLevel;
  educationMajor @6 :Text;
  employmentType @7 :C.EmploymentType;
  recruited @8 :FactKey;       # TMT CPNS / PPPK contract start; 0 = none yet
  confirmed @9 :FactKey;       # TMT PNS; position 0 = not confirmed
  placements @10 :List(Placement);
  ranks @11 :List(RankFact);
  competencies @12 :List(CompetencyFact);   # sorted by code
  assessment @13 :AssessmentFact;           # key.position 0 = none
  ratings @14 :List(RatingFact);
  trainingJp @15 :List(TrainingJp);
  leadership @16 :List(LeadershipTraining);
  sanctions @17 :List(SanctionFact);
  lifts @18 :List(SanctionLift);
  mentoring @19 :List(MentoringFact);
  relations @20 :List(RelationFact);
  separation @21 :SeparationFact;
  lastPosition @22 :UInt64;    # greatest position folded into this state
  eventCount @23 :UInt32;      # effective events folded
  selectionScore @24 :Float64;
  exams @25 :List(ExamFact);
  creditPoints @26 :List(CreditPointsFact);
}

struct CompetencyRequirement {
  code @0 :Text;
  kind @1 :C.CompetencyKind;
  level @2 :UInt8;
}

struct PositionVersion {
  # One positionDefined of a position: its definition from `key.effective`.
  key @0 :FactKey;
  name @1 :Text;
  level @2 :C.JabatanLevel;
  unitId @3 :Text;
  minRank @4 :C.Golongan;
  maxRank @5 :C.Golongan;
  required @6 :List(CompetencyRequirement);
  requiredTraining @7 :C.TrainingKind;
  minEducation @8 :C.EducationLevel;
}

struct PositionDef {
  # Value of key "o" agency 0x00 "p" positionId: every version of one
  # position of the agency, sorted by FactKey. The standard in force on a
  # date is the last version whose effective date is on or before it.
  agency @0 :Text;
  positionId @1 :Text;
  versions @2 :List(PositionVersion);
}

struct UnitDef {
  # Value of key "o" agency 0x00 "u" unitId: the latest unitDefined.
  key @0 :FactKey;
  agency @1 :Text;
  unitId @2 :Text;
  name @3 :Text;
  parentUnitId @4 :Text;
}
