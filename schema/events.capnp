# Event payloads: one struct per event kind, joined in the `Payload` union.
#
# FROZEN FORMAT (see common.capnp). A new event kind is a new union member
# with the next free number; a removed kind keeps its number forever. The
# union member's name is the event's type name ("recruited",
# "rankPromoted", ...), used in JSON and on the command line.
#
# Which stream an event may go to is enforced at append time:
#   emp/<NIP>      employee events (first event must be `recruited`)
#   sel/<id>       selection events (first event must be `selectionOpened`)
#   org/<agency>   agency reference data (agencyDefined, unitDefined,
#                  positionDefined)
#   any stream     `corrected`, `retracted`
# The effective date (TMT) lives in the envelope, not in the payloads.

@0xa660aa7dd33cde7f;

using Cxx = import "/capnp/c++.capnp";
using C = import "common.capnp";
$Cxx.namespace("jejak::schema");

# ---------------------------------------------------------------- employee

struct Recruited {
  # Appointment as CPNS (employmentType pns) or as PPPK. Effective date =
  # TMT CPNS / start of the PPPK contract.
  nip @0 :Text;                 # 18 digits (NIP for PNS, NI for PPPK)
  nik @1 :Text;                 # 16 digits; optional ("" = unknown)
  name @2 :Text;
  birthDate @3 :C.Date;
  gender @4 :C.Gender;
  education @5 :C.EducationLevel;
  educationMajor @6 :Text;      # e.g. "Akuntansi"; free text
  agency @7 :Text;              # agency code (the `org/<agency>` stream id part)
  unit @8 :Text;                # unit id within the agency
  employmentType @9 :C.EmploymentType;
  startingRank @10 :C.Rank;     # golongan for pns, pppkGrade for pppk
  selectionScore @11 :Float64;  # recruitment test score, 0 if not known
  positionId @12 :Text;         # first position, "" if assigned later
}

struct CivilServantConfirmed {
  # CPNS confirmed as PNS. Effective date = TMT PNS.
  latsarCertificate @0 :Text;   # certificate number of the basic training
}

struct PositionAssigned {
  # Placement in a position (not through a selection; see PositionPromoted).
  positionId @0 :Text;
  positionName @1 :Text;
  level @2 :C.JabatanLevel;
  agency @3 :Text;
  unit @4 :Text;
}

struct Transferred {
  # Move to another unit or agency (mutasi).
  fromAgency @0 :Text;
  fromUnit @1 :Text;
  toAgency @2 :Text;
  toUnit @3 :Text;
  positionId @4 :Text;          # position held after the move, "" if none yet
  positionName @5 :Text;
  level @6 :C.JabatanLevel;
  reason @7 :Text;
}

enum PromotionKind {
  unspecified @0;
  regular @1;                # reguler
  selectiveStructural @2;    # pilihan: holding a structural post
  selectiveFunctional @3;    # pilihan: functional post, credit points
  outstanding @4;            # pilihan: outstanding performance
  degreeAdjustment @5;       # pilihan: penyesuaian ijazah
  posthumous @6;             # anumerta
  service @7;                # pengabdian
}

struct RankPromoted {
  # Kenaikan pangkat. Effective date = TMT of the new rank.
  kind @0 :PromotionKind;
  from @1 :C.Rank;
  to @2 :C.Rank;
  creditPoints @3 :Float64;     # angka kredit held, for functional posts
}

struct PositionPromoted {
  # Appointment to a higher position decided by a selection.
  selectionId @0 :Text;         # the `sel/<id>` stream that decided it
  positionId @1 :Text;
  positionName @2 :Text;
  level @3 :C.JabatanLevel;
  agency @4 :Text;
  unit @5 :Text;
}

struct CompetencyAssessed {
  # Result of a competency assessment. Effective date = assessment date.
  levels @0 :List(C.CompetencyLevel);
  potentialScore @1 :Float64;   # 0..100 as reported by the assessor
  potential @2 :C.PotentialLevel;
  assessor @3 :Text;            # assessment centre or assessor name
  method @4 :Text;              # "assessment center", "uji kompetensi", ...
}

struct PerformanceRated {
  # Annual SKP result. Effective date = end of the rated period.
  year @0 :UInt16;
  periodStart @1 :C.Date;
  periodEnd @2 :C.Date;
  workResult @3 :C.Rating;
  behaviour @4 :C.Rating;
  predikat @5 :C.PredikatKinerja;
  evaluatorNip @6 :Text;        # the rating official (pejabat penilai)
  dp3Score @7 :UInt8;           # pre-2014 DP3 score 0..100, 0 = not DP3
  skpScore @8 :Float64;         # numeric SKP score of PP 46/2011 (rated years
                                # 2014-2021), (0, 100]; 0 = none
}

struct TrainingCompleted {
  # Effective date = completion date.
  kind @0 :C.TrainingKind;
  name @1 :Text;
  jp @2 :UInt16;                # lesson hours (jam pelajaran)
  provider @3 :Text;
  startDate @4 :C.Date;
  endDate @5 :C.Date;
}

struct MentoringRecorded {
  # A mentoring relation; recorded on the mentee's stream (and may be on the
  # mentor's too).
  mentorNip @0 :Text;
  menteeNip @1 :Text;
  periodStart @2 :C.Date;
  periodEnd @3 :C.Date;
  topic @4 :Text;
}

enum SanctionLevel {
  unspecified @0;
  light @1;
  medium @2;
  heavy @3;
}

enum SanctionKind {
  # The kinds of hukuman disiplin of PP 30/1980 (to 5 Jun 2010), PP 53/2010
  # Art. 7 (6 Jun 2010 - 30 Aug 2021) and PP 94/2021 Art. 8 (from 31 Aug
  # 2021). The level is implied by the kind under the regulation in force on
  # the sanction's start and must match (include/jejak/domain/discipline.h).
  # Which regulations have a kind, and its level under each:
  unspecified @0;
  oralWarning @1;              # all three, light: teguran lisan
  writtenWarning @2;           # all three, light: teguran tertulis
  writtenDissatisfaction @3;   # all three, light: pernyataan tidak puas
                               # secara tertulis
  allowanceCut6Months @4;      # PP 94, medium: tunjangan kinerja -25% for
                               # 6 months
  allowanceCut9Months @5;      # PP 94, medium
  allowanceCut12Months @6;     # PP 94, medium
  demotion12Months @7;         # PP 94, heavy: penurunan jabatan setingkat
                               # lebih rendah for 12 months
  pelaksana12Months @8;        # PP 94, heavy: moved to a pelaksana post
                               # for 12 months
  dismissal @9;                # all three, heavy: pemberhentian dengan
                               # hormat tidak atas permintaan sendiri
  temporarySuspension @10;     # all three, heavy (pemberhentian sementara,
                               # recorded with the sanctions)
  salaryIncrementDelay1Year @11;  # PP 30 and PP 53, medium: penundaan
                                  # kenaikan gaji berkala (PP 30: at most
                                  # 1 year; PP 53: 1 year)
  salaryReduction1Year @12;    # PP 30, medium: penurunan gaji sebesar satu
                               # kali kenaikan gaji berkala, at most 1 year
  promotionDelay1Year @13;     # PP 30 and PP 53, medium: penundaan kenaikan
                               # pangkat (PP 30: at most 1 year)
  rankDemotion1Year @14;       # PP 30 heavy (at most 1 year), PP 53 medium:
                               # penurunan pangkat setingkat lebih rendah
  rankDemotion3Years @15;      # PP 53, heavy: penurunan pangkat setingkat
                               # lebih rendah for 3 years
  positionDemotion @16;        # PP 53, heavy: pemindahan dalam rangka
                               # penurunan jabatan setingkat lebih rendah
  releaseFromPost @17;         # PP 30 and PP 53, heavy: pembebasan dari
                               # jabatan
  dishonourableDismissal @18;  # PP 30 and PP 53, heavy: pemberhentian
                               # tidak dengan hormat sebagai PNS
}

struct SanctionImposed {
  level @0 :SanctionLevel;
  kind @1 :SanctionKind;
  start @2 :C.Date;
  end @3 :C.Date;               # absent (0) for open-ended suspensions
  reason @4 :Text;
}

struct SanctionLifted {
  sanctionPosition @0 :UInt64;  # global position of the SanctionImposed
  reason @1 :Text;
  sanctionEventId @2 :Text;     # or its event id; the store fills in the
                                # position (docs/format.md "Append")
}

enum Relation {
  unspecified @0;
  spouse @1;
  parent @2;
  child @3;
  sibling @4;
  grandparent @5;
  grandchild @6;
  uncleAunt @7;
  nieceNephew @8;
  cousin @9;
  parentInLaw @10;
  childInLaw @11;
  siblingInLaw @12;
  other @13;
}

struct RelationshipDeclared {
  # A family relation the employee declared (blood or marriage).
  otherNip @0 :Text;            # "" when the relative is not an ASN
  otherName @1 :Text;
  relation @2 :Relation;        # what the other person is to this employee
}

enum SeparationReason {
  unspecified @0;
  retirement @1;
  resignation @2;
  dismissal @3;
  death @4;
  contractEnded @5;             # PPPK
}

struct Separated {
  reason @0 :SeparationReason;
  note @1 :Text;
}

enum ExamKind {
  unspecified @0;
  ujianDinasTingkatI @1;     # ujian dinas tingkat I: II/d -> III/a
  ujianDinasTingkatII @2;    # ujian dinas tingkat II: III/d -> IV/a
  penyesuaianIjazah @3;      # ujian penyesuaian ijazah (UPKP)
}

struct ExamPassed {
  # An ujian dinas or ujian penyesuaian ijazah passed. Effective date = the
  # day it was passed (the certificate's date).
  kind @0 :ExamKind;
  certificateNo @1 :Text;       # the certificate (STTPL / surat tanda lulus)
  organiser @2 :Text;           # e.g. "BKN Kantor Regional XII"
  education @3 :C.EducationLevel;  # penyesuaianIjazah: the degree the rank is
                                   # adjusted to; unspecified for ujian dinas
}

struct CreditPointsAwarded {
  # Angka kredit awarded to the holder of a functional post by a PAK
  # (penetapan angka kredit). Effective date = the PAK's TMT.
  points @0 :Float64;           # points ADDED for the period, > 0 (the
                                # cumulative total is the sum of the awards)
  periodStart @1 :C.Date;       # the period assessed
  periodEnd @2 :C.Date;
  positionId @3 :Text;          # the functional post the points were earned in
}

# --------------------------------------------------------------- selection

enum SelectionKind {
  unspecified @0;
  openJpt @1;          # seleksi terbuka for a JPT post
  promotionBoard @2;   # internal board for administrator/pengawas posts
  talentPool @3;       # appointment from the succession pool
}

struct SelectionOpened {
  positionId @0 :Text;
  positionName @1 :Text;
  level @2 :C.JabatanLevel;
  agency @3 :Text;
  kind @4 :SelectionKind;
  announcement @5 :Text;        # announcement number / reference
}

enum CommitteeRole {
  unspecified @0;
  chair @1;
  secretary @2;
  member @3;
}

struct CommitteeMember {
  memberId @0 :Text;            # the NIP of an ASN member; an id for externals
  name @1 :Text;
  internal @2 :Bool;            # from the agency itself
  role @3 :CommitteeRole;
  level @4 :C.JabatanLevel;     # post held by an internal member
}

struct CommitteeAppointed {
  members @0 :List(CommitteeMember);
  ppkNip @1 :Text;              # appointing official (PPK) of the selection
}

struct CandidateRegistered {
  nip @0 :Text;
  name @1 :Text;
}

struct MemberRecused {
  memberId @0 :Text;
  candidateNip @1 :Text;        # "" = recused from the whole selection
  reason @2 :Text;
}

struct CriterionScore {
  criterion @0 :Text;
  score @1 :Float64;            # 0..100
  weight @2 :Float64;           # 0..1, 0 = unweighted
}

struct CandidateScored {
  memberId @0 :Text;
  candidateNip @1 :Text;
  scores @2 :List(CriterionScore);
  total @3 :Float64;
}

struct ShortlistSubmitted {
  ranked @0 :List(Text);        # candidate NIPs, best first (normally 3)
}

struct SelectionDecided {
  appointeeNip @0 :Text;
  decidingOfficialNip @1 :Text;
  justification @2 :Text;
}

# ------------------------------------------------------------------ agency

struct AgencyDefined {
  # The agency itself (instansi): for a regional government, the government
  # of one kota or kabupaten. Effective date = the day the definition
  # applies from (not before `established`); a later one replaces it (a
  # renamed agency).
  name @0 :Text;                # "Pemerintah Kota Sawahlunto"
  established @1 :C.Date;       # the day the agency (its region) was
                                # created; absent (0) when not known
  legalBasis @2 :Text;          # the act creating it ("UU 5/2003"), or ""
  regionCode @3 :Text;          # Kemendagri region code ("13.73"), or ""
}

struct UnitDefined {
  unitId @0 :Text;
  name @1 :Text;
  parentUnitId @2 :Text;        # "" for a top-level unit
}

struct PositionDefined {
  # A position and its competency standard (Standar Kompetensi Jabatan).
  positionId @0 :Text;
  name @1 :Text;
  level @2 :C.JabatanLevel;
  unitId @3 :Text;
  minRank @4 :C.Golongan;
  maxRank @5 :C.Golongan;
  requiredCompetencies @6 :List(C.CompetencyLevel);
  requiredTraining @7 :C.TrainingKind;   # unspecified = none
  minEducation @8 :C.EducationLevel;     # unspecified = none
}

# -------------------------------------------------------------- any stream

struct Corrected {
  # Replaces the effect of an earlier event of the same stream. The original
  # stays in history. `replacement` must be of the same kind as the target.
  target @0 :UInt64;            # global position of the corrected event
  replacement @1 :Payload;
  reason @2 :Text;
  authority @3 :Text;           # who ordered the correction (decree, official)
  targetEventId @4 :Text;       # or the target's event id; the store fills in
                                # `target` (docs/format.md "Append")
}

struct Retracted {
  # Removes the effect of an earlier event of the same stream.
  target @0 :UInt64;
  reason @1 :Text;
  authority @2 :Text;
  targetEventId @3 :Text;       # as Corrected.targetEventId
}

struct Payload {
  # Exactly one member is set; its name is the event type.
  union {
    unspecified @0 :Void;
    recruited @1 :Recruited;
    civilServantConfirmed @2 :CivilServantConfirmed;
    positionAssigned @3 :PositionAssigned;
    transferred @4 :Transferred;
    rankPromoted @5 :RankPromoted;
    positionPromoted @6 :PositionPromoted;
    competencyAssessed @7 :CompetencyAssessed;
    performanceRated @8 :PerformanceRated;
    trainingCompleted @9 :TrainingCompleted;
    mentoringRecorded @10 :MentoringRecorded;
    sanctionImposed @11 :SanctionImposed;
    sanctionLifted @12 :SanctionLifted;
    relationshipDeclared @13 :RelationshipDeclared;
    separated @14 :Separated;
    selectionOpened @15 :SelectionOpened;
    committeeAppointed @16 :CommitteeAppointed;
    candidateRegistered @17 :CandidateRegistered;
    memberRecused @18 :MemberRecused;
    candidateScored @19 :CandidateScored;
    shortlistSubmitted @20 :ShortlistSubmitted;
    selectionDecided @21 :SelectionDecided;
    unitDefined @22 :UnitDefined;
    positionDefined @23 :PositionDefined;
    corrected @24 :Corrected;
    retracted @25 :Retracted;
    examPassed @26 :ExamPassed;
    creditPointsAwarded @27 :CreditPointsAwarded;
    agencyDefined @28 :AgencyDefined;
  }
}
