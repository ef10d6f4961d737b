// Indonesian personal names, titles and education majors for generated
// people.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gen/prng.h"
#include "jejak/schema/common.capnp.h"

namespace jejak::gen {

// The naming traditions the generator draws from.
enum class Ethnicity : uint8_t { kMinang, kBatak, kMalay, kJavanese, kChinese, kCount };

// A field of study with its degree titles (gelar).
struct Major {
  std::string_view name;    // "Akuntansi"
  std::string_view s1;      // "S.E."
  std::string_view s2;      // "M.Ak."
  std::string_view old_s1;  // prefix title of S1 graduates before ~2000 ("Drs.", "Ir."), or ""
  std::string_view d3;      // "A.Md." style title, or "" when no diploma is offered
};

// Majors by family: 0 general administration, then one per kind of unit
// (see org.cc). Never empty.
// A major of `family` that offers a degree of `education` (a D3 needs a
// diploma programme), or of the administration family when none does.
const Major& PickMajor(Rng& rng, int family, schema::EducationLevel education);
int MajorFamilies();
// Whether `major` offers a degree of `education` (D3: a diploma title).
bool OffersDegree(const Major& major, schema::EducationLevel education);
// The major of that name, null if none.
const Major* FindMajor(std::string_view name);

// Which lists a word of a name is on: given names (first or second) of
// men, of women, family names of either (none for a title or an unknown
// word).
struct NameWordGender {
  bool male = false;
  bool female = false;
  bool family = false;
};
NameWordGender GenderOfNameWord(std::string_view word);

// A full name as written on a decree, with the titles `education` in
// `major` earns (S1 from before 2000 gets the old prefix), and for some
// Muslim names the Hajj title. `birth_year` tilts names to their era.
std::string PersonName(Rng& rng, Ethnicity e, schema::Gender g, schema::EducationLevel education,
                       const Major& major, int graduation_year);

// A name without titles (a relative who is not an ASN, an external
// committee member before their titles).
std::string PlainName(Rng& rng, Ethnicity e, schema::Gender g);

}  // namespace jejak::gen
