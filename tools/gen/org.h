// The organisation of the generated region: agencies, their units, posts
// and staff positions with competency standards, and the officials who
// sign for them. Built once from the seed; posts also carry who holds them
// while the simulation runs.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gen/identity.h"
#include "gen/names.h"
#include "gen/prng.h"
#include "jejak/schema/common.capnp.h"

namespace jejak::gen {

class EventSink;

// A competency profile: the 8 managerial competencies, perekatBangsa, and
// one technical competency (whose code belongs to the unit), levels 1..5.
inline constexpr int kCompetencies = 10;
inline constexpr int kTechnical = 9;  // index of the technical competency
using Levels = std::array<uint8_t, kCompetencies>;
// Code of competency `i` < kTechnical ("integritas", ..., "perekatBangsa").
std::string_view GenericCompetencyCode(int i);

struct Unit {
  std::string id;
  std::string name;
  int parent = -1;     // -1 for a top-level unit
  int head_post = -1;  // the structural post heading it, -1 if none
  int top = 0;         // index into Agency::tops of its top-level unit
};

// A structural post: JPT pratama, administrator or pengawas, one holder.
struct Post {
  std::string id;
  std::string name;
  schema::JabatanLevel level = schema::JabatanLevel::UNSPECIFIED;
  int unit = 0;  // the unit it heads
  schema::Golongan min_rank = schema::Golongan::UNSPECIFIED;
  schema::Golongan max_rank = schema::Golongan::UNSPECIFIED;
  Levels standard{};
  schema::TrainingKind training = schema::TrainingKind::UNSPECIFIED;
  schema::EducationLevel min_education = schema::EducationLevel::UNSPECIFIED;
  // Simulation state.
  int32_t holder = -1;         // employee index
  uint32_t holder_since = 0;   // TMT of the holder's appointment
  bool selection_running = false;
};

// A pelaksana or functional position held by many.
struct StaffPosition {
  std::string id;
  std::string name;
  schema::JabatanLevel level = schema::JabatanLevel::UNSPECIFIED;
  int unit = 0;  // the top-level unit that defines it
  schema::Golongan min_rank = schema::Golongan::UNSPECIFIED;
  schema::Golongan max_rank = schema::Golongan::UNSPECIFIED;
  Levels standard{};
  schema::EducationLevel min_education = schema::EducationLevel::UNSPECIFIED;
  int next = -1;  // the next jenjang of a functional family, -1 if none
};

// A top-level unit (dinas, badan, kecamatan, the secretariat).
struct TopUnit {
  int unit = 0;                 // index into Agency::units
  std::string technical;        // code of its technical competency
  int major_family = 0;         // names.h major family of its staff
  uint32_t weight = 1;          // share of the agency's staff
  std::vector<int> leaves;      // units where staff sit
  std::vector<int> pelaksana;   // staff positions, by minimum education
  int ahli_entry = -1;          // first jenjang of its expertise family
  int terampil_entry = -1;      // first jenjang of its skills family
  // Majors whose graduates may hold the expertise / skills family (a
  // doctor studied Kedokteran); a family without any is never filled.
  std::vector<const Major*> ahli_majors;
  std::vector<const Major*> terampil_majors;

  // Whether a graduate of `major` may hold the expertise (or skills) family.
  bool Fits(bool expertise, const Major* major) const;
};

// The appointing official (PPK: walikota / bupati) for a five-year term.
struct Official {
  std::string name;
  std::string nip;
};

struct Agency {
  std::string code;         // "kota-sawahlunto": the org/ stream id
  std::string name;         // "Pemerintah Kota Sawahlunto"
  std::string place;        // "Sawahlunto"
  std::string ppk_title;    // "Walikota" / "Bupati"
  uint32_t regency = 0;     // NIK province+regency code
  uint32_t weight = 1;      // share of the region's careers
  std::array<uint32_t, static_cast<int>(Ethnicity::kCount)> ethnic_weights{};
  std::vector<Unit> units;
  std::vector<Post> posts;
  std::vector<StaffPosition> staff;
  std::vector<TopUnit> tops;
  int secretariat = 0;      // index into tops of the Sekretariat Daerah
  std::vector<Official> ppk_terms;  // term k covers start_year + 5k ..
  int start_year = 0;
  // The day the agency's region was created and the act creating it; 0
  // and "" for one that existed before any year the generator simulates.
  uint32_t established = 0;
  std::string legal_basis;
  uint32_t decree_counter = 0;  // running number of decrees (simulation state)

  // The day its reference data is defined (agencyDefined, units,
  // positions): 1 January of the start year, or its creation when later.
  // Nothing of the agency is effective before it.
  uint32_t OrgDate() const;
  const Official& PpkOn(uint32_t date) const;
  Ethnicity PickEthnicity(Rng& rng) const;
};

struct Region {
  std::vector<Agency> agencies;
};

// Builds the region for `employees` careers: 3..16 agencies sized to it.
// PPK identities come from `ids` so they never collide with employees'.
Region BuildRegion(uint64_t seed, uint64_t employees, int start_year, int end_year,
                   IdentityAllocator* ids);

// Writes the agency's reference data (agencyDefined, units, then positions
// with their standards) on its org/ stream, effective and recorded on
// `date`.
void EmitOrg(const Agency& agency, uint32_t date, EventSink* sink);

// Fills a list of kCompetencies CompetencyLevels from `levels`, the
// technical one under the code `technical`.
void FillCompetencies(capnp::List<schema::CompetencyLevel>::Builder list, const Levels& levels,
                      std::string_view technical);

}  // namespace jejak::gen
