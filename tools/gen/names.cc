#include "gen/names.h"

#include <array>
#include <span>
#include <vector>

namespace jejak::gen {

namespace {

using schema::EducationLevel;
using schema::Gender;
using SV = std::string_view;

// ---------------------------------------------------------------- names

// Given names are of one gender; a second name is a family name (marga,
// suku, surname) of either gender's, or a second given name of the
// person's gender.
struct NameLists {
  std::span<const SV> male;
  std::span<const SV> female;
  std::span<const SV> family;         // marga, suku, surname: either gender
  std::span<const SV> male_second;    // second given names of men
  std::span<const SV> female_second;  // second given names of women
  double family_share;                // how often a second name is added
  bool muslim;                        // Hajj titles (H., Hj.) occur
};

constexpr SV kMinangMale[] = {
    "Afrizal", "Yusrizal", "Zulkifli", "Syafrizal", "Fadli",   "Rizki",   "Hendri",
    "Nofriadi", "Edwar",   "Masrizal", "Amril",     "Yuliardi", "Erizal", "Fauzan",
    "Irwan",   "Jasman",   "Syahrial", "Ridwan",    "Mulyadi", "Deddy",   "Andri",
    "Rahmat",  "Ikhsan",   "Arman",    "Yoserizal", "Indra",   "Firdaus", "Hamdani",
    "Zulhendri", "Alfian", "Nasrul",   "Efrizon"};
constexpr SV kMinangFemale[] = {
    "Desmawati", "Yelfi",   "Elfiza",   "Nurhasanah", "Yusnita", "Fitri",   "Rahmi",
    "Silvia",    "Yenni",   "Netti",    "Mardiana",   "Elvira",  "Yulia",   "Gusnawati",
    "Roslaini",  "Delfi",   "Suryani",  "Rosnida",    "Fadhilah", "Nelmi",  "Yessi",
    "Rina",      "Novia",   "Afnidar",  "Syafnimar"};
constexpr SV kMinangFamily[] = {"Chaniago", "Piliang", "Koto",   "Sikumbang",
                                "Tanjung",  "Jambak",  "Guci"};
constexpr SV kMinangMaleSecond[] = {"Putra",   "Saputra", "Hendra",  "Pratama",
                                    "Rahman",  "Fauzi",   "Novriadi"};
constexpr SV kMinangFemaleSecond[] = {"Yulianti", "Syafitri", "Putri", "Maharani"};

constexpr SV kBatakMale[] = {
    "Togar",  "Maruli", "Hotman",  "Rudolf",    "Parulian", "Bonar",  "Sahat",
    "Tumpal", "Martua", "Janter",  "Hasudungan", "Darwin",  "Benny",  "Roy",
    "Jonner", "Ganda",  "Manahan", "Poltak",    "Robert",   "Binsar", "Marihot",
    "Ahmad",  "Syahrul", "Irfan"};
constexpr SV kBatakFemale[] = {
    "Tiur",     "Sondang", "Rosmauli", "Dewi",    "Lisbet",  "Hotnida", "Masniari",
    "Tiurma",   "Rosdiana", "Nurmala", "Rumondang", "Sarma", "Juliana", "Friska",
    "Romauli",  "Debora",  "Mariani",  "Nurhalimah", "Rahmadani"};
constexpr SV kBatakFamily[] = {
    "Simanjuntak", "Siregar",   "Nasution",   "Hutapea",  "Sitompul",  "Pardede",
    "Sinaga",      "Simatupang", "Lubis",     "Harahap",  "Tampubolon", "Situmorang",
    "Panjaitan",   "Hutagalung", "Manurung",  "Pasaribu", "Sihombing", "Silalahi",
    "Napitupulu",  "Hasibuan",  "Siahaan",    "Sitorus",  "Purba",     "Damanik",
    "Daulay",      "Rangkuti"};

constexpr SV kMalayMale[] = {
    "Syahrul", "Zainal", "Rusdi",  "Azhar",   "Hasan",    "Zulkarnain", "Ismail",
    "Rahman",  "Jamaluddin", "Mahmud", "Saiful", "Effendi", "Hamzah",   "Kamaruddin",
    "Amran",   "Hendra", "Rizal",  "Fikri",   "Yusuf",    "Arief",      "Rosman",
    "Sahirman", "Bahtiar"};
constexpr SV kMalayFemale[] = {
    "Nurhayati", "Rohani",   "Zubaidah", "Salmah",   "Aisyah", "Faridah", "Halimah",
    "Mariam",    "Rosmawar", "Zaleha",   "Siti Aminah", "Nurlela", "Maimunah", "Rabiah",
    "Suryati",   "Hasnah",   "Sarinah",  "Nurjanah"};
constexpr SV kMalayMaleSecond[] = {"Effendi", "Syahputra", "Saputra", "Hidayat",
                                   "Rahman",  "Hamid",     "Yusuf",   "Ramadhan",
                                   "Wahyudi", "Azhari",    "Sulaiman", "Anwar"};
constexpr SV kMalayFemaleSecond[] = {"Fitriani", "Lestari",  "Ningsih", "Kurniasih",
                                     "Rahmawati", "Safitri", "Puspita"};

constexpr SV kJavaneseMale[] = {
    "Sugeng", "Bambang", "Joko",  "Agus",   "Budi",    "Slamet",   "Heru",
    "Teguh",  "Wahyu",   "Eko",   "Dimas",  "Aris",    "Supriyadi", "Sutrisno",
    "Hadi",   "Yudi",    "Bayu",  "Rudi",   "Gunawan", "Prasetyo", "Anang",
    "Suyanto", "Wawan"};
constexpr SV kJavaneseFemale[] = {
    "Sri",     "Endang",  "Sumarni", "Wahyuni", "Rahayu", "Lestari", "Sulastri",
    "Handayani", "Kartini", "Retno", "Ningsih", "Yuliana", "Siti",   "Puji",
    "Indah",   "Ratna",   "Widyawati", "Tutik", "Suwarni"};
constexpr SV kJavaneseMaleSecond[] = {
    "Santoso", "Setiawan", "Wibowo",  "Susanto", "Prasetyo", "Hartono", "Nugroho",
    "Wijaya",  "Kurniawan", "Purnomo", "Saputro", "Utomo",   "Handoko", "Sulistyo"};
constexpr SV kJavaneseFemaleSecond[] = {"Wahyuni", "Rahayu",   "Astuti",  "Pertiwi",
                                        "Wulandari", "Susanti", "Hidayati"};

constexpr SV kChineseMale[] = {"Hendra", "Susanto", "Rudy",   "Johan", "Willy",
                               "Frans",  "Steven",  "Kevin",  "Hengky", "Edi",
                               "Sutrisno", "Anton"};
constexpr SV kChineseFemale[] = {"Lily",  "Meliana", "Susi",  "Lina", "Yanti",
                                 "Fransiska", "Mei Lan", "Vera", "Veronika", "Liana"};
constexpr SV kChineseFamily[] = {"Tjhin", "Lim",   "Bong",   "Lie",    "Tan",
                                 "Phang", "Chandra", "Halim", "Gunawan", "Wijaya",
                                 "Tanoto", "Liong"};

const NameLists& ListsFor(Ethnicity e) {
  static const NameLists kLists[] = {
      {kMinangMale, kMinangFemale, kMinangFamily, kMinangMaleSecond, kMinangFemaleSecond, 0.55,
       true},
      {kBatakMale, kBatakFemale, kBatakFamily, {}, {}, 1.0, false},
      {kMalayMale, kMalayFemale, {}, kMalayMaleSecond, kMalayFemaleSecond, 0.6, true},
      {kJavaneseMale, kJavaneseFemale, {}, kJavaneseMaleSecond, kJavaneseFemaleSecond, 0.75,
       true},
      {kChineseMale, kChineseFemale, kChineseFamily, {}, {}, 1.0, false},
  };
  return kLists[static_cast<int>(e) % static_cast<int>(Ethnicity::kCount)];
}

// --------------------------------------------------------------- majors

constexpr Major kAdministration[] = {
    {"Administrasi Negara", "S.AP.", "M.AP.", "Drs.", "A.Md."},
    {"Ilmu Pemerintahan", "S.IP.", "M.Si.", "Drs.", ""},
    {"Manajemen", "S.E.", "M.M.", "Drs.", "A.Md."},
    {"Hukum", "S.H.", "M.H.", "", ""},
    {"Akuntansi", "S.E.", "M.Ak.", "Drs.", "A.Md."},
    {"Sosiologi", "S.Sos.", "M.Si.", "Drs.", ""},
};
constexpr Major kEducation[] = {
    {"Pendidikan Matematika", "S.Pd.", "M.Pd.", "Drs.", ""},
    {"Pendidikan Bahasa Indonesia", "S.Pd.", "M.Pd.", "Drs.", ""},
    {"Pendidikan Guru Sekolah Dasar", "S.Pd.", "M.Pd.", "", "A.Ma.Pd."},
    {"Bimbingan dan Konseling", "S.Pd.", "M.Pd.", "Drs.", ""},
};
constexpr Major kHealth[] = {
    {"Keperawatan", "S.Kep.", "M.Kep.", "", "A.Md.Kep."},
    {"Kesehatan Masyarakat", "S.K.M.", "M.Kes.", "", ""},
    {"Kebidanan", "S.Tr.Keb.", "M.Keb.", "", "A.Md.Keb."},
    {"Kedokteran", "S.Ked.", "M.Kes.", "", ""},
    {"Farmasi", "S.Farm.", "M.Farm.", "", "A.Md.Farm."},
};
constexpr Major kEngineering[] = {
    {"Teknik Sipil", "S.T.", "M.T.", "Ir.", "A.Md.T."},
    {"Arsitektur", "S.T.", "M.T.", "Ir.", ""},
    {"Perencanaan Wilayah dan Kota", "S.T.", "M.T.", "Ir.", ""},
    {"Teknik Lingkungan", "S.T.", "M.T.", "Ir.", ""},
    {"Teknik Mesin", "S.T.", "M.T.", "Ir.", "A.Md.T."},
};
constexpr Major kEconomics[] = {
    {"Ekonomi Pembangunan", "S.E.", "M.E.", "Drs.", ""},
    {"Akuntansi", "S.E.", "M.Ak.", "Drs.", "A.Md."},
    {"Statistika", "S.Stat.", "M.Si.", "Drs.", ""},
};
constexpr Major kInformatics[] = {
    {"Teknik Informatika", "S.Kom.", "M.Kom.", "Ir.", "A.Md.Kom."},
    {"Sistem Informasi", "S.Kom.", "M.Kom.", "", "A.Md.Kom."},
    {"Ilmu Komunikasi", "S.I.Kom.", "M.I.Kom.", "Drs.", ""},
};
constexpr Major kAgriculture[] = {
    {"Agroteknologi", "S.P.", "M.P.", "Ir.", "A.Md.P."},
    {"Peternakan", "S.Pt.", "M.Si.", "Ir.", ""},
    {"Kehutanan", "S.Hut.", "M.Si.", "Ir.", ""},
};
constexpr Major kSocial[] = {
    {"Kesejahteraan Sosial", "S.Sos.", "M.Si.", "Drs.", ""},
    {"Psikologi", "S.Psi.", "M.Psi.", "Drs.", ""},
    {"Ilmu Pemerintahan", "S.IP.", "M.Si.", "Drs.", ""},
};

constexpr std::array<std::span<const Major>, 8> kMajorFamilies = {
    kAdministration, kEducation,  kHealth,      kEngineering,
    kEconomics,      kInformatics, kAgriculture, kSocial,
};

std::string_view WithFeminineOldTitle(std::string_view old_title, Gender g) {
  if (old_title == "Drs." && g == Gender::FEMALE) return "Dra.";
  return old_title;
}

}  // namespace

int MajorFamilies() { return static_cast<int>(kMajorFamilies.size()); }

bool OffersDegree(const Major& major, EducationLevel education) {
  if (education == EducationLevel::D3) return !major.d3.empty();
  return true;
}

const Major& PickMajor(Rng& rng, int family, EducationLevel education) {
  auto list = kMajorFamilies[static_cast<size_t>(family) % kMajorFamilies.size()];
  std::vector<const Major*> fitting;
  for (const Major& m : list) {
    if (OffersDegree(m, education)) fitting.push_back(&m);
  }
  // Every level is offered by some administration major.
  if (fitting.empty()) return PickMajor(rng, 0, education);
  return *fitting[rng.Below(static_cast<uint32_t>(fitting.size()))];
}

const Major* FindMajor(std::string_view name) {
  for (auto family : kMajorFamilies) {
    for (const Major& m : family) {
      if (m.name == name) return &m;
    }
  }
  return nullptr;
}

NameWordGender GenderOfNameWord(std::string_view word) {
  NameWordGender g;
  for (int e = 0; e < static_cast<int>(Ethnicity::kCount); ++e) {
    const NameLists& lists = ListsFor(static_cast<Ethnicity>(e));
    for (auto list : {lists.male, lists.male_second}) {
      for (SV w : list) g.male |= w == word;
    }
    for (auto list : {lists.female, lists.female_second}) {
      for (SV w : list) g.female |= w == word;
    }
    for (SV w : lists.family) g.family |= w == word;
  }
  return g;
}

std::string PlainName(Rng& rng, Ethnicity e, Gender g) {
  const NameLists& lists = ListsFor(e);
  const bool female = g == Gender::FEMALE;
  std::string name(rng.Pick(female ? lists.female : lists.male));
  if (rng.Chance(lists.family_share)) {
    // One draw over the family names and this gender's second names.
    const std::span<const SV> second = female ? lists.female_second : lists.male_second;
    const size_t k = rng.Below(static_cast<uint32_t>(lists.family.size() + second.size()));
    SV family = k < lists.family.size() ? lists.family[k] : second[k - lists.family.size()];
    if (family != name) {
      name += ' ';
      name += family;
    }
  }
  return name;
}

std::string PersonName(Rng& rng, Ethnicity e, Gender g, EducationLevel education,
                       const Major& major, int graduation_year) {
  const NameLists& lists = ListsFor(e);
  std::string prefix;
  std::string suffix;
  const bool female = g == Gender::FEMALE;
  if (lists.muslim && rng.Chance(0.06)) prefix = female ? "Hj. " : "H. ";
  const bool medical = major.name == "Kedokteran";
  switch (education) {
    case EducationLevel::S3:
      prefix = "Dr. " + prefix;
      [[fallthrough]];
    case EducationLevel::S2:
    case EducationLevel::S1:
    case EducationLevel::D4:
      if (medical) {
        prefix += "dr. ";
      } else if (graduation_year < 2000 && !major.old_s1.empty() && education != EducationLevel::D4) {
        prefix += std::string(WithFeminineOldTitle(major.old_s1, g)) + " ";
      } else {
        suffix = ", " + std::string(education == EducationLevel::D4 ? "S.Tr." : major.s1);
      }
      if (education == EducationLevel::S2 || education == EducationLevel::S3) {
        suffix += (suffix.empty() ? ", " : ", ") + std::string(major.s2);
      }
      break;
    case EducationLevel::D3:
      if (!major.d3.empty()) suffix = ", " + std::string(major.d3);
      break;
    default:
      break;
  }
  return prefix + PlainName(rng, e, g) + suffix;
}

}  // namespace jejak::gen
