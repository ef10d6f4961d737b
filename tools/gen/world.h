// The simulated world of the generator: the region, everyone in it, and
// the shared services (random streams, ids, rules, the event sink, the
// violation plan). Internal to jejak_gen.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gen/generator.h"
#include "gen/identity.h"
#include "gen/names.h"
#include "gen/org.h"
#include "gen/prng.h"
#include "gen/sink.h"
#include "gen/violations.h"
#include "jejak/projection/rules.h"
#include "jejak/schema/common.capnp.h"

namespace jejak::gen {

// Something dated that will happen to an employee, queued by the planners
// and carried out by the career simulation in the year of `date`.
struct Action {
  enum class Kind : uint8_t {
    kDeclareRelation,   // a: other employee (-1: not an ASN), b: schema::Relation
    kAppointment,       // a: selection index
    kTraining,          // b: schema::TrainingKind (leadership training of a new post)
    kRelieve,           // a: selection index (moved out of the post it fills)
  };
  uint32_t date = 0;
  Kind kind = Kind::kDeclareRelation;
  int32_t a = -1;
  int32_t b = 0;
};

struct Kin {
  int32_t other;             // employee index
  schema::Relation relation;  // what `other` is to this employee
};

struct Employee {
  // Identity (fixed at recruitment).
  std::string nip;
  std::string nik;
  std::string name;
  uint32_t birth = 0;
  uint32_t tmt = 0;        // TMT CPNS, or start of the PPPK contract
  schema::Gender gender = schema::Gender::MALE;
  schema::EducationLevel education = schema::EducationLevel::SLTA;
  const Major* major = nullptr;
  Ethnicity ethnicity = Ethnicity::kMinang;
  bool pppk = false;
  float talent = 0.5f;     // 0..1: drives ratings, assessments, scores
  uint32_t leave = 0;      // death / resignation / contract end drawn in advance, 0 none
  schema::SeparationReason leave_reason = schema::SeparationReason::UNSPECIFIED;
  uint32_t latsar = 0;     // CPNS basic training completion date
  uint32_t confirm = 0;    // TMT PNS

  // Career state.
  bool active = false;     // recruited and not separated
  bool separated = false;
  uint32_t first_record = 0;  // recording day of `recruited`
  uint8_t agency = 0;
  int32_t unit = 0;        // unit index (a leaf for staff, the post's unit for heads)
  int32_t post = -1;       // structural post index in the agency
  int32_t staff = -1;      // staff position index in the agency
  uint32_t position_since = 0;
  int rank = 0;            // golongan step 1..17, or PPPK grade 1..17
  uint32_t rank_tmt = 0;
  std::array<uint8_t, 4> predikat{};  // PredikatScore by year % 4 (0: none)
  std::array<int16_t, 4> predikat_year{};
  // Years whose DP3 (to 2013) or numeric SKP (2014-2021) rating records a
  // predikat off its score's band.
  std::vector<int16_t> score_mismatch;
  // Golongan steps (8 = II/d, 12 = III/d) whose ujian dinas is on record,
  // as a bit set; `exam_skipped` those left out on purpose
  // (missing_ujian_dinas).
  uint32_t exams = 0;
  uint32_t exam_skipped = 0;
  // Credit points awarded (creditPointsAwarded) since the last rank
  // promotion: what the next functional step is judged on.
  double credit = 0;
  uint32_t sanction_start = 0;        // the latest sanction
  uint32_t sanction_end = 0;
  Levels assessed{};                  // the latest assessment
  uint32_t assessed_on = 0;
  // The highest leadership training completed (PKP < PKA < PKN II < PKN I,
  // the order of their schema values), UNSPECIFIED if none.
  schema::TrainingKind leadership = schema::TrainingKind::UNSPECIFIED;
  int busy_year = 0;                  // candidate in a selection this year
  std::vector<std::pair<uint32_t, uint32_t>> evidence_windows;  // this year: no decision TMT inside
  std::vector<Action> actions;
  std::vector<Kin> kin;
  std::vector<std::string> official_kin;  // NIPs of officials (no stream) declared relatives
};

// One selection process (sel/ stream) and its outcome.
struct Selection {
  std::string id;  // without "sel/"
  uint8_t agency = 0;
  int32_t post = -1;
  int32_t winner = -1;
  uint32_t decided = 0;     // decision date
  uint32_t decided_rec = 0;  // its recording day
  uint32_t tmt = 0;          // installation (positionPromoted TMT)
  uint32_t promoted_rec = 0; // recording day of the positionPromoted
  uint64_t decision_event = 0;
  std::string violation;     // rule keyed on the appointment, "" if none
  std::string violation_detail;
  uint32_t late_assessment = 0;  // backdated_evidence: effective date of the late assessment
  uint32_t late_rec = 0;         // ... and its recording day
  int32_t replaced = -1;         // jpt_replaced_early: the holder moved out on the TMT
  uint32_t late_training = 0;    // entry_requirements: the post's leadership training
                                 // completed on this day, after the TMT (0: before it)
};

struct World {
  GenOptions options;
  Region region;
  std::vector<Employee> employees;
  std::vector<Selection> selections;
  IdentityAllocator ids;
  projection::Rules rules = projection::Rules::Default();
  EventSink* sink = nullptr;
  ViolationPlan violations;
  int first_year = 0;
  int last_year = 0;

  Agency& AgencyOf(const Employee& e) { return region.agencies[e.agency]; }
  std::string Stream(const Employee& e) const { return "emp/" + e.nip; }

  // The employee whose rating / supervision `e` is under on the current
  // state: the holder of the nearest post above; -1 means the PPK.
  int32_t Superior(int32_t employee) const;
  // NIP and name of a superior index (-1: the agency's PPK on `date`).
  const std::string& SuperiorNip(const Employee& e, int32_t superior, uint32_t date) const;
  const std::string& SuperiorName(const Employee& e, int32_t superior, uint32_t date) const;

  // Level of the employee's current position.
  schema::JabatanLevel Level(const Employee& e) const;
  // The name of the post or staff position held ("" for none).
  std::string_view PostName(const Employee& e) const;
  // Highest rank regular promotion can reach: the education cap, and the
  // top of the position (or of its functional family).
  int NaturalCap(const Employee& e) const;
  int EducationCap(const Employee& e) const;
  // Retirement date by the level held.
  uint32_t RetirementOn(const Employee& e) const;
  // Earliest known date the employee leaves (retirement at 58, or drawn).
  uint32_t EarliestLeave(const Employee& e) const;
  // Predikat score of `year` (0: not rated).
  static int Predikat(const Employee& e, int year);
  // Both of the two years before `year` rated at least Baik.
  static bool RatingsOk(const Employee& e, int year);
  // A sanction overlaps [from, to].
  static bool SanctionOverlaps(const Employee& e, uint32_t from, uint32_t to);
  static bool InEvidenceWindow(const Employee& e, uint32_t date);
};

// Calendar helpers on YYYYMMDD numbers (domain/date.h underneath).
uint32_t AddDays(uint32_t date, int days);
uint32_t RandomDate(Rng& rng, uint32_t from, uint32_t to);  // uniform in [from, to]
inline uint32_t Ymd(int y, int m, int d) {
  return static_cast<uint32_t>(y) * 10000 + static_cast<uint32_t>(m) * 100 +
         static_cast<uint32_t>(d);
}
inline int YearOf(uint32_t date) { return static_cast<int>(date / 10000); }

schema::Golongan GolonganOfStep(int step);

// The parts of the simulation (one file each).
void BuildRoster(World& w);                 // roster.cc
void SimulateYear(World& w, int32_t e, int year);  // career.cc
void RateYear(World& w, int year);          // ratings.cc
void PlanSelections(World& w, int year);    // selection.cc

}  // namespace jejak::gen
