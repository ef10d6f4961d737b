#include "gen/org.h"

#include <algorithm>
#include <cassert>
#include <span>

#include "gen/envelope.h"
#include "gen/sink.h"
#include "jejak/domain/date.h"

namespace jejak::gen {

namespace {

using schema::EducationLevel;
using schema::Golongan;
using schema::JabatanLevel;
using SV = std::string_view;

constexpr SV kGenericCodes[kTechnical] = {
    "integritas",          "kerjaSama",          "komunikasi",
    "orientasiPadaHasil",  "pelayananPublik",    "pengembanganDiriDanOrangLain",
    "mengelolaPerubahan",  "pengambilanKeputusan", "perekatBangsa"};

// ------------------------------------------------------------ templates

struct TopTemplate {
  SV code;
  SV name;
  SV head;        // title of the head ("Kepala Dinas Kesehatan")
  SV technical;   // technical competency code
  int major_family;
  uint32_t weight;
  std::array<SV, 3> divisions;  // first is the secretariat of the unit
  SV ahli;        // expertise functional family ("Dokter"), "" if none
  SV terampil;    // skills functional family ("Perawat"), "" if none
  SV analyst;     // topic of the S1 pelaksana post ("Analis Kepegawaian")
  // The majors (names.cc) whose graduates may hold the expertise and the
  // skills family: a doctor studied Kedokteran, a nurse Keperawatan.
  std::array<SV, 5> ahli_majors;
  std::array<SV, 3> terampil_majors;
};

constexpr TopTemplate kTops[] = {
    {"setda", "Sekretariat Daerah", "Sekretaris Daerah", "tek-pemerintahan", 0, 6,
     {"Bagian Umum", "Bagian Hukum", "Bagian Organisasi"},
     "Perancang Peraturan Perundang-undangan", "", "Analis Kebijakan",
     {"Hukum"}, {}},
    {"bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
     "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "tek-kepegawaian", 7, 3,
     {"Sekretariat", "Bidang Mutasi dan Promosi", "Bidang Pengembangan Kompetensi"},
     "Analis Sumber Daya Manusia Aparatur", "Pranata Sumber Daya Manusia Aparatur",
     "Analis Kepegawaian",
     {"Administrasi Negara", "Manajemen", "Psikologi", "Hukum", "Ilmu Pemerintahan"}, {"Administrasi Negara", "Manajemen"}},
    {"disdik", "Dinas Pendidikan", "Kepala Dinas Pendidikan", "tek-pendidikan", 1, 14,
     {"Sekretariat", "Bidang Pembinaan Sekolah Dasar", "Bidang Pembinaan Sekolah Menengah Pertama"},
     "Guru", "", "Analis Pendidikan",
     {"Pendidikan Matematika", "Pendidikan Bahasa Indonesia", "Pendidikan Guru Sekolah Dasar", "Bimbingan dan Konseling"}, {}},
    {"dinkes", "Dinas Kesehatan", "Kepala Dinas Kesehatan", "tek-kesehatan", 2, 11,
     {"Sekretariat", "Bidang Pelayanan Kesehatan", "Bidang Pencegahan dan Pengendalian Penyakit"},
     "Dokter", "Perawat", "Analis Kesehatan",
     {"Kedokteran"}, {"Keperawatan"}},
    {"dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
     "tek-konstruksi", 3, 5, {"Sekretariat", "Bidang Bina Marga", "Bidang Cipta Karya"},
     "Teknik Jalan dan Jembatan", "Teknik Pengairan", "Analis Infrastruktur",
     {"Teknik Sipil"}, {"Teknik Sipil"}},
    {"bappeda", "Badan Perencanaan Pembangunan Daerah", "Kepala Badan Perencanaan Pembangunan Daerah",
     "tek-perencanaan", 4, 3,
     {"Sekretariat", "Bidang Perencanaan Ekonomi", "Bidang Perencanaan Sosial Budaya"}, "Perencana",
     "", "Analis Perencanaan",
     {"Perencanaan Wilayah dan Kota", "Ekonomi Pembangunan", "Statistika", "Administrasi Negara"}, {}},
    {"inspektorat", "Inspektorat Daerah", "Inspektur", "tek-pengawasan", 4, 3,
     {"Sekretariat", "Inspektur Pembantu Wilayah I", "Inspektur Pembantu Wilayah II"}, "Auditor",
     "Auditor", "Analis Pengawasan",
     {"Akuntansi", "Manajemen", "Ekonomi Pembangunan", "Hukum"}, {"Akuntansi"}},
    {"disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil",
     "Kepala Dinas Kependudukan dan Pencatatan Sipil", "tek-kependudukan", 0, 4,
     {"Sekretariat", "Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pelayanan Pencatatan Sipil"},
     "Administrator Database Kependudukan", "Administrator Database Kependudukan",
     "Analis Kependudukan",
     {"Teknik Informatika", "Sistem Informasi"}, {"Teknik Informatika", "Sistem Informasi"}},
    {"dinsos", "Dinas Sosial", "Kepala Dinas Sosial", "tek-sosial", 7, 3,
     {"Sekretariat", "Bidang Rehabilitasi Sosial", "Bidang Perlindungan dan Jaminan Sosial"},
     "Pekerja Sosial", "Pekerja Sosial", "Analis Sosial",
     {"Kesejahteraan Sosial", "Psikologi", "Sosiologi"}, {}},
    {"dishub", "Dinas Perhubungan", "Kepala Dinas Perhubungan", "tek-perhubungan", 3, 4,
     {"Sekretariat", "Bidang Lalu Lintas", "Bidang Angkutan"}, "Penguji Kendaraan Bermotor",
     "Penguji Kendaraan Bermotor", "Analis Transportasi",
     {"Teknik Mesin", "Teknik Sipil"}, {"Teknik Mesin"}},
    {"diskominfo", "Dinas Komunikasi dan Informatika", "Kepala Dinas Komunikasi dan Informatika",
     "tek-informatika", 5, 3,
     {"Sekretariat", "Bidang Aplikasi Informatika", "Bidang Informasi dan Komunikasi Publik"},
     "Pranata Komputer", "Pranata Komputer", "Analis Sistem Informasi",
     {"Teknik Informatika", "Sistem Informasi"}, {"Teknik Informatika", "Sistem Informasi"}},
    {"bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah",
     "Kepala Badan Pengelolaan Keuangan dan Aset Daerah", "tek-keuangan", 4, 4,
     {"Sekretariat", "Bidang Anggaran", "Bidang Aset"}, "Analis Keuangan Pusat dan Daerah",
     "Penata Laksana Barang", "Analis Anggaran",
     {"Akuntansi", "Manajemen", "Ekonomi Pembangunan"}, {"Akuntansi", "Manajemen", "Administrasi Negara"}},
    {"distan", "Dinas Pertanian", "Kepala Dinas Pertanian", "tek-pertanian", 6, 5,
     {"Sekretariat", "Bidang Tanaman Pangan", "Bidang Peternakan"}, "Penyuluh Pertanian",
     "Penyuluh Pertanian", "Analis Pertanian",
     {"Agroteknologi", "Peternakan", "Kehutanan"}, {"Agroteknologi"}},
    {"dlh", "Dinas Lingkungan Hidup", "Kepala Dinas Lingkungan Hidup", "tek-lingkungan", 3, 4,
     {"Sekretariat", "Bidang Pengelolaan Sampah", "Bidang Pengendalian Pencemaran"},
     "Pengendali Dampak Lingkungan", "", "Analis Lingkungan Hidup",
     {"Teknik Lingkungan"}, {}},
    {"satpolpp", "Satuan Polisi Pamong Praja", "Kepala Satuan Polisi Pamong Praja",
     "tek-ketertiban", 0, 5, {"Sekretariat", "Bidang Penegakan Peraturan Daerah", "Bidang Ketertiban Umum"},
     "Polisi Pamong Praja", "Polisi Pamong Praja", "Analis Ketertiban",
     {"Hukum", "Ilmu Pemerintahan", "Administrasi Negara"}, {"Administrasi Negara", "Manajemen"}},
    {"dispar", "Dinas Pariwisata", "Kepala Dinas Pariwisata", "tek-pariwisata", 4, 2,
     {"Sekretariat", "Bidang Destinasi Pariwisata", "Bidang Pemasaran Pariwisata"},
     "Adyatama Kepariwisataan dan Ekonomi Kreatif", "", "Analis Pariwisata",
     {"Manajemen", "Ekonomi Pembangunan", "Administrasi Negara"}, {}},
    {"disdag", "Dinas Perdagangan", "Kepala Dinas Perdagangan", "tek-perdagangan", 4, 3,
     {"Sekretariat", "Bidang Perdagangan Dalam Negeri", "Bidang Pengelolaan Pasar"},
     "Pengawas Perdagangan", "Penera", "Analis Perdagangan",
     {"Ekonomi Pembangunan", "Manajemen", "Akuntansi"}, {"Teknik Mesin"}},
    {"dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
     "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "tek-perizinan", 0, 3,
     {"Sekretariat", "Bidang Penanaman Modal", "Bidang Pelayanan Perizinan"}, "Analis Kebijakan",
     "", "Analis Perizinan",
     {"Administrasi Negara", "Ilmu Pemerintahan", "Hukum", "Manajemen", "Ekonomi Pembangunan"}, {}},
};

struct Kecamatan {
  SV name;
  std::array<SV, 2> kelurahan;
};

struct AgencyTemplate {
  SV code;
  SV place;
  bool kota;  // kota (walikota) or kabupaten (bupati)
  uint32_t regency;
  uint32_t weight;
  std::array<uint32_t, 5> ethnic;  // Minang, Batak, Malay, Javanese, Chinese
  std::array<Kecamatan, 3> kecamatan;
};

constexpr AgencyTemplate kAgencies[] = {
    {"kota-sawahlunto", "Sawahlunto", true, 1373, 2, {80, 4, 4, 12, 0},
     {{{"Lembah Segar", {"Kubang Sirakuk Utara", "Pasar"}},
       {"Barangin", {"Durian I", "Saringan"}},
       {"Talawi", {"Talawi Hilir", "Bukik Gadang"}}}}},
    {"kota-medan", "Medan", true, 1275, 5, {8, 35, 25, 25, 7},
     {{{"Medan Baru", {"Petisah Hulu", "Titi Rantai"}},
       {"Medan Kota", {"Pasar Baru", "Sei Rengas I"}},
       {"Medan Petisah", {"Sei Putih Barat", "Petisah Tengah"}}}}},
    {"kab-bangka-barat", "Bangka Barat", false, 1905, 1, {3, 2, 67, 8, 20},
     {{{"Mentok", {"Sungai Daeng", "Tanjung"}},
       {"Kelapa", {"Kelapa", "Tugang"}},
       {"Jebus", {"Jebus", "Sinar Manik"}}}}},
    {"kota-pangkalpinang", "Pangkalpinang", true, 1971, 2, {5, 5, 60, 10, 20},
     {{{"Gerunggang", {"Kacang Pedang", "Tua Tunu"}},
       {"Taman Sari", {"Opas Indah", "Batin Tikal"}},
       {"Bukit Intan", {"Air Itam", "Sinar Bulan"}}}}},
    {"kab-tapanuli-utara", "Tapanuli Utara", false, 1202, 3, {0, 92, 4, 4, 0},
     {{{"Tarutung", {"Hutatoruan VII", "Hutapea Banuarea"}},
       {"Siborongborong", {"Pohan Tonga", "Siborongborong I"}},
       {"Sipoholon", {"Situmeang Habinsaran", "Hutaraja"}}}}},
    {"kota-padang", "Padang", true, 1371, 4, {85, 3, 2, 9, 1},
     {{{"Padang Barat", {"Olo", "Purus"}},
       {"Koto Tangah", {"Lubuk Buaya", "Dadok Tunggul Hitam"}},
       {"Kuranji", {"Kalumbuk", "Pasar Ambacang"}}}}},
    {"kab-deli-serdang", "Deli Serdang", false, 1207, 4, {4, 30, 25, 38, 3},
     {{{"Lubuk Pakam", {"Lubuk Pakam Pekan", "Cemara"}},
       {"Tanjung Morawa", {"Tanjung Morawa Pekan", "Dagang Kerawan"}},
       {"Percut Sei Tuan", {"Tegal Sari Mandala", "Kenangan"}}}}},
    {"kota-bukittinggi", "Bukittinggi", true, 1375, 2, {90, 2, 2, 6, 0},
     {{{"Guguk Panjang", {"Benteng Pasar Atas", "Aur Tajungkang"}},
       {"Mandiangin Koto Selayan", {"Campago Ipuh", "Puhun Tembok"}},
       {"Aur Birugo Tigo Baleh", {"Belakang Balok", "Sapiran"}}}}},
    {"kota-pematangsiantar", "Pematangsiantar", true, 1272, 2, {2, 55, 8, 30, 5},
     {{{"Siantar Barat", {"Dwikora", "Proklamasi"}},
       {"Siantar Timur", {"Kebun Sayur", "Merdeka"}},
       {"Siantar Marihat", {"Suka Makmur", "Baringin Pancur Nauli"}}}}},
    {"kab-bangka", "Bangka", false, 1901, 2, {4, 2, 62, 10, 22},
     {{{"Sungailiat", {"Sungailiat", "Parit Padang"}},
       {"Belinyu", {"Kuto Panji", "Bukit Ketok"}},
       {"Merawang", {"Batu Rusa", "Balun Ijuk"}}}}},
    {"kota-binjai", "Binjai", true, 1276, 2, {4, 25, 31, 38, 2},
     {{{"Binjai Kota", {"Kartini", "Tangsi"}},
       {"Binjai Utara", {"Jati Utomo", "Cengkeh Turi"}},
       {"Binjai Timur", {"Tanah Tinggi", "Mencirim"}}}}},
    {"kab-agam", "Agam", false, 1306, 3, {94, 1, 1, 4, 0},
     {{{"Lubuk Basung", {"Lubuk Basung", "Garagahan"}},
       {"Tanjung Raya", {"Maninjau", "Koto Malintang"}},
       {"Banuhampu", {"Padang Lua", "Ladang Laweh"}}}}},
    {"kab-belitung", "Belitung", false, 1902, 2, {3, 2, 65, 10, 20},
     {{{"Tanjung Pandan", {"Parit", "Pangkal Lalang"}},
       {"Badau", {"Badau", "Air Batu Buding"}},
       {"Sijuk", {"Sijuk", "Tanjung Tinggi"}}}}},
    {"kota-payakumbuh", "Payakumbuh", true, 1376, 2, {92, 1, 2, 5, 0},
     {{{"Payakumbuh Barat", {"Nunang Daya Bangun", "Balai Panjang"}},
       {"Payakumbuh Timur", {"Tanjung Gadang", "Padang Data"}},
       {"Lamposi Tigo Nagori", {"Sungai Durian", "Parambahan"}}}}},
    {"kab-tanah-datar", "Tanah Datar", false, 1304, 2, {94, 1, 1, 4, 0},
     {{{"Lima Kaum", {"Baringin", "Cubadak"}},
       {"Pariangan", {"Pariangan", "Sawah Tangah"}},
       {"Rambatan", {"Simawang", "Balimbiang"}}}}},
    {"kota-sibolga", "Sibolga", true, 1273, 1, {3, 60, 25, 10, 2},
     {{{"Sibolga Kota", {"Pasar Baru", "Pancuran Gerobak"}},
       {"Sibolga Utara", {"Sibolga Ilir", "Angin Nauli"}},
       {"Sibolga Selatan", {"Aek Habil", "Aek Manis"}}}}},
};

constexpr size_t kMaxAgencies = std::size(kAgencies);

// Agencies whose region was created after 1960 (the earliest start year):
// the day and the act creating it. The others existed before.
struct Founding {
  SV code;
  uint32_t established;
  SV legal_basis;
};
constexpr Founding kFoundings[] = {
    {"kab-bangka-barat", 20030225, "UU 5/2003"},
    {"kota-payakumbuh", 19701217, "PP 8/1970"},
};

// ------------------------------------------------------------ standards

Levels MakeStandard(Rng& rng, uint8_t base, int raised, int lowered) {
  Levels l;
  l.fill(base);
  for (int i = 0; i < raised; ++i) {
    auto& v = l[rng.Below(kCompetencies)];
    v = static_cast<uint8_t>(std::min(5, base + 1));
  }
  for (int i = 0; i < lowered; ++i) {
    auto& v = l[rng.Below(kCompetencies)];
    if (v == base) v = static_cast<uint8_t>(std::max(1, base - 1));
  }
  return l;
}

// A major the templates name; every name is one of names.cc's.
const Major* KnownMajor(SV name) {
  const Major* m = FindMajor(name);
  assert(m != nullptr && "a functional family names an unknown major");
  return m;
}

// --------------------------------------------------------------- builder

class AgencyBuilder {
 public:
  AgencyBuilder(Agency* a, Rng* rng) : a_(*a), rng_(*rng) {}

  int AddUnit(std::string id, std::string name, int parent, int top) {
    a_.units.push_back(Unit{std::move(id), std::move(name), parent, -1, top});
    return static_cast<int>(a_.units.size()) - 1;
  }

  int AddPost(int unit, std::string title, JabatanLevel level) {
    Post p;
    p.id = a_.code + "." + a_.units[static_cast<size_t>(unit)].id + ".head";
    p.name = std::move(title);
    p.level = level;
    p.unit = unit;
    switch (level) {
      case JabatanLevel::JPT_PRATAMA:
        p.min_rank = Golongan::IIID;
        p.max_rank = Golongan::IVD;
        p.standard = MakeStandard(rng_, 4, 2, 2);
        p.training = schema::TrainingKind::PKN_I_I;
        p.min_education = EducationLevel::S1;
        break;
      case JabatanLevel::ADMINISTRATOR:
        p.min_rank = Golongan::IIIC;
        p.max_rank = Golongan::IVB;
        p.standard = MakeStandard(rng_, 3, 2, 0);
        p.training = schema::TrainingKind::PKA;
        p.min_education = EducationLevel::S1;
        break;
      default:
        p.min_rank = Golongan::IIIA;
        p.max_rank = Golongan::IVA;
        p.standard = MakeStandard(rng_, 2, 2, 0);
        p.training = schema::TrainingKind::PKP;
        p.min_education = EducationLevel::D3;
        break;
    }
    a_.posts.push_back(std::move(p));
    const int index = static_cast<int>(a_.posts.size()) - 1;
    a_.units[static_cast<size_t>(unit)].head_post = index;
    return index;
  }

  int AddStaff(int top_unit, SV suffix, std::string name, JabatanLevel level, Golongan lo,
               Golongan hi, uint8_t base, EducationLevel min_education) {
    StaffPosition s;
    s.id = a_.code + "." + a_.units[static_cast<size_t>(top_unit)].id + "." + std::string(suffix);
    s.name = std::move(name);
    s.level = level;
    s.unit = top_unit;
    s.min_rank = lo;
    s.max_rank = hi;
    s.standard = MakeStandard(rng_, base, 2, 0);
    s.min_education = min_education;
    a_.staff.push_back(std::move(s));
    return static_cast<int>(a_.staff.size()) - 1;
  }

  // A functional family's three jenjang, linked by `next`.
  int AddFamily(int top_unit, SV family, bool expertise) {
    struct Step {
      SV suffix, title;
      JabatanLevel level;
      Golongan lo, hi;
      uint8_t base;
    };
    static constexpr Step kAhli[] = {
        {"jf-ahli-pertama", "Ahli Pertama", JabatanLevel::AHLI_PERTAMA, Golongan::IIIA, Golongan::IIIB, 2},
        {"jf-ahli-muda", "Ahli Muda", JabatanLevel::AHLI_MUDA, Golongan::IIIC, Golongan::IIID, 3},
        {"jf-ahli-madya", "Ahli Madya", JabatanLevel::AHLI_MADYA, Golongan::IVA, Golongan::IVC, 3},
    };
    static constexpr Step kTerampil[] = {
        {"jf-terampil", "Terampil", JabatanLevel::TERAMPIL, Golongan::IIB, Golongan::IID, 1},
        {"jf-mahir", "Mahir", JabatanLevel::MAHIR, Golongan::IIIA, Golongan::IIIB, 2},
        {"jf-penyelia", "Penyelia", JabatanLevel::PENYELIA, Golongan::IIIC, Golongan::IIID, 2},
    };
    int first = -1, prev = -1;
    for (const Step& s : expertise ? std::span<const Step>(kAhli) : std::span<const Step>(kTerampil)) {
      const int i = AddStaff(top_unit, s.suffix,
                             std::string(family) + " " + std::string(s.title), s.level, s.lo, s.hi,
                             s.base, expertise ? EducationLevel::S1 : EducationLevel::D3);
      if (prev >= 0) a_.staff[static_cast<size_t>(prev)].next = i;
      if (first < 0) first = i;
      prev = i;
    }
    return first;
  }

  void AddDinas(const TopTemplate& t, int divisions, int sections) {
    const int top = static_cast<int>(a_.tops.size());
    const int u = AddUnit(std::string(t.code), std::string(t.name), -1, top);
    TopUnit tu;
    tu.unit = u;
    tu.technical = std::string(t.technical);
    tu.major_family = t.major_family;
    tu.weight = t.weight;
    a_.tops.push_back(tu);
    AddPost(u, std::string(t.head), JabatanLevel::JPT_PRATAMA);
    const bool setda = t.code == "setda";
    const bool badan = t.name.substr(0, 5) == "Badan";
    for (int d = 0; d < divisions; ++d) {
      SV div = t.divisions[static_cast<size_t>(d)];
      const int du = AddUnit(std::string(t.code) + ".b" + std::to_string(d + 1),
                             std::string(div) + " " + std::string(t.name), u, top);
      std::string head;
      if (div == "Sekretariat") {
        head = badan ? "Sekretaris Badan" : "Sekretaris Dinas";
        head += " " + std::string(t.name.substr(t.name.find(' ') + 1));
      } else if (div.substr(0, 9) == "Inspektur") {
        head = std::string(div);
      } else {
        head = "Kepala " + std::string(div);
      }
      AddPost(du, head, JabatanLevel::ADMINISTRATOR);
      for (int s = 0; s < sections; ++s) {
        std::string name;
        if (div == "Sekretariat") {
          static constexpr SV kSub[] = {"Subbagian Umum dan Kepegawaian", "Subbagian Keuangan",
                                        "Subbagian Perencanaan"};
          name = std::string(kSub[s % 3]);
        } else if (setda) {
          static constexpr SV kSub[] = {"Subbagian Tata Usaha", "Subbagian Pembinaan",
                                        "Subbagian Evaluasi"};
          name = std::string(kSub[s % 3]) + " " + std::string(div);
        } else {
          static constexpr SV kSeksi[] = {"Perencanaan", "Pembinaan", "Pengendalian"};
          SV topic = div.substr(div.find(' ') + 1);
          name = "Seksi " + std::string(kSeksi[s % 3]) + " " + std::string(topic);
        }
        const int su = AddUnit(std::string(t.code) + ".b" + std::to_string(d + 1) + ".s" +
                                   std::to_string(s + 1),
                               name, du, top);
        AddPost(su, "Kepala " + name, JabatanLevel::PENGAWAS);
        a_.tops.back().leaves.push_back(su);
      }
    }
    AddStaffPositions(top, u, t.analyst);
    for (SV m : t.ahli_majors) {
      if (!m.empty()) a_.tops[static_cast<size_t>(top)].ahli_majors.push_back(KnownMajor(m));
    }
    for (SV m : t.terampil_majors) {
      if (!m.empty()) a_.tops[static_cast<size_t>(top)].terampil_majors.push_back(KnownMajor(m));
    }
    if (!t.ahli.empty()) a_.tops[static_cast<size_t>(top)].ahli_entry = AddFamily(u, t.ahli, true);
    if (!t.terampil.empty()) {
      a_.tops[static_cast<size_t>(top)].terampil_entry = AddFamily(u, t.terampil, false);
    }
  }

  void AddKecamatan(const Kecamatan& k, int index) {
    const int top = static_cast<int>(a_.tops.size());
    const std::string code = "kec" + std::to_string(index + 1);
    const int u = AddUnit(code, "Kecamatan " + std::string(k.name), -1, top);
    TopUnit tu;
    tu.unit = u;
    tu.technical = "tek-pemerintahan";
    tu.major_family = 0;
    tu.weight = 4;
    a_.tops.push_back(tu);
    AddPost(u, "Camat " + std::string(k.name), JabatanLevel::ADMINISTRATOR);
    const int sek = AddUnit(code + ".sekcam", "Sekretariat Kecamatan " + std::string(k.name), u, top);
    AddPost(sek, "Sekretaris Kecamatan " + std::string(k.name), JabatanLevel::PENGAWAS);
    a_.tops.back().leaves.push_back(sek);
    for (size_t i = 0; i < k.kelurahan.size(); ++i) {
      const int kel = AddUnit(code + ".kel" + std::to_string(i + 1),
                              "Kelurahan " + std::string(k.kelurahan[i]), u, top);
      AddPost(kel, "Lurah " + std::string(k.kelurahan[i]), JabatanLevel::PENGAWAS);
      a_.tops.back().leaves.push_back(kel);
    }
    AddStaffPositions(top, u, "Analis Pemerintahan");
  }

 private:
  // Pelaksana posts of a top unit, from the lowest minimum education up.
  void AddStaffPositions(int top, int u, SV analyst) {
    auto& list = a_.tops[static_cast<size_t>(top)].pelaksana;
    list.push_back(AddStaff(u, "operator", "Operator Layanan Operasional", JabatanLevel::PELAKSANA,
                            Golongan::IA, Golongan::IIID, 1, EducationLevel::SD));
    list.push_back(AddStaff(u, "pengadministrasi", "Pengadministrasi Perkantoran",
                            JabatanLevel::PELAKSANA, Golongan::IA, Golongan::IIID, 1,
                            EducationLevel::SLTA));
    list.push_back(AddStaff(u, "pengelola-keuangan", "Pengelola Keuangan", JabatanLevel::PELAKSANA,
                            Golongan::IA, Golongan::IIID, 1, EducationLevel::SLTA));
    list.push_back(AddStaff(u, "pengolah-data", "Pengolah Data dan Informasi",
                            JabatanLevel::PELAKSANA, Golongan::IA, Golongan::IIID, 1,
                            EducationLevel::D3));
    list.push_back(AddStaff(u, "analis", std::string(analyst), JabatanLevel::PELAKSANA,
                            Golongan::IA, Golongan::IIID, 2, EducationLevel::S1));
  }

  Agency& a_;
  Rng& rng_;
};

// Top units, divisions and sections for an agency of `careers` careers.
void Shape(uint64_t careers, int* tops, int* divisions, int* sections, int* kecamatan) {
  *sections = 2;
  if (careers < 400) {
    *tops = 3;
    *divisions = 1;
  } else if (careers < 1500) {
    *tops = std::max<int>(3, static_cast<int>(careers / 200));
    *divisions = 2;
  } else {
    *tops = std::clamp<int>(static_cast<int>(careers / 250), 6, 24);
    *divisions = 3;
  }
  *kecamatan = *tops >= 18 ? 3 : *tops >= 12 ? 2 : *tops >= 6 ? 1 : 0;
  // Each dinas template once: a second Sekretariat Daerah would repeat its
  // unit and position ids. A larger agency has larger units instead.
  *tops = std::min(*tops, static_cast<int>(std::size(kTops)) + *kecamatan);
}

}  // namespace

std::string_view GenericCompetencyCode(int i) { return kGenericCodes[i]; }

bool TopUnit::Fits(bool expertise, const Major* major) const {
  const auto& list = expertise ? ahli_majors : terampil_majors;
  return std::find(list.begin(), list.end(), major) != list.end();
}

uint32_t Agency::OrgDate() const {
  return std::max(static_cast<uint32_t>(start_year) * 10000 + 101, established);
}

const Official& Agency::PpkOn(uint32_t date) const {
  const int year = static_cast<int>(date / 10000);
  size_t term = year <= start_year ? 0 : static_cast<size_t>((year - start_year) / 5);
  return ppk_terms[std::min(term, ppk_terms.size() - 1)];
}

Ethnicity Agency::PickEthnicity(Rng& rng) const {
  return static_cast<Ethnicity>(rng.Weighted(ethnic_weights));
}

Region BuildRegion(uint64_t seed, uint64_t employees, int start_year, int end_year,
                   IdentityAllocator* ids) {
  Region region;
  const size_t count =
      std::clamp<size_t>(static_cast<size_t>((employees + 5999) / 6000), 3, kMaxAgencies);
  uint32_t total_weight = 0;
  for (size_t i = 0; i < count; ++i) total_weight += kAgencies[i].weight;
  for (size_t i = 0; i < count; ++i) {
    const AgencyTemplate& t = kAgencies[i];
    Rng rng = Rng::Stream(seed, 0x0a6e, i);
    Agency a;
    a.code = std::string(t.code);
    a.place = std::string(t.place);
    a.name = std::string(t.kota ? "Pemerintah Kota " : "Pemerintah Kabupaten ") + a.place;
    a.ppk_title = t.kota ? "Walikota" : "Bupati";
    a.regency = t.regency;
    a.weight = t.weight;
    a.ethnic_weights = t.ethnic;
    a.start_year = start_year;
    for (const Founding& f : kFoundings) {
      if (f.code != t.code) continue;
      a.established = f.established;
      a.legal_basis = std::string(f.legal_basis);
    }
    int tops, divisions, sections, kecamatan;
    Shape(employees * t.weight / total_weight, &tops, &divisions, &sections, &kecamatan);
    AgencyBuilder b(&a, &rng);
    const int dinas = tops - kecamatan;
    for (int d = 0; d < dinas; ++d) {
      b.AddDinas(kTops[static_cast<size_t>(d)], divisions, sections);
    }
    for (int k = 0; k < kecamatan; ++k) b.AddKecamatan(t.kecamatan[static_cast<size_t>(k)], k);
    a.secretariat = 0;
    for (int year = start_year; year <= end_year + 5; year += 5) {
      const auto g = rng.Chance(0.85) ? schema::Gender::MALE : schema::Gender::FEMALE;
      const int birth_year = year - rng.Range(45, 58);
      const uint32_t birth = static_cast<uint32_t>(birth_year) * 10000 +
                             static_cast<uint32_t>(rng.Range(1, 12)) * 100 +
                             static_cast<uint32_t>(rng.Range(1, 28));
      const uint32_t tmt = static_cast<uint32_t>(birth_year + rng.Range(24, 30)) * 10000 +
                           static_cast<uint32_t>(rng.Range(1, 12)) * 100 + 1;
      const Major& major = PickMajor(rng, 0, schema::EducationLevel::S2);
      Official o;
      o.name = PersonName(rng, a.PickEthnicity(rng), g, schema::EducationLevel::S2, major,
                          birth_year + 23);
      o.nip = ids->Nip(birth, tmt, g);
      a.ppk_terms.push_back(std::move(o));
    }
    region.agencies.push_back(std::move(a));
  }
  return region;
}

void FillCompetencies(capnp::List<schema::CompetencyLevel>::Builder list, const Levels& levels,
                      std::string_view technical) {
  for (int i = 0; i < kCompetencies; ++i) {
    auto c = list[static_cast<unsigned>(i)];
    if (i == kTechnical) {
      c.setCode(capnp::Text::Reader(technical.data(), technical.size()));
      c.setKind(schema::CompetencyKind::TECHNICAL);
    } else {
      SV code = kGenericCodes[i];
      c.setCode(capnp::Text::Reader(code.data(), code.size()));
      c.setKind(i == kTechnical - 1 ? schema::CompetencyKind::SOCIO_CULTURAL
                                    : schema::CompetencyKind::MANAGERIAL);
    }
    c.setLevel(levels[static_cast<size_t>(i)]);
  }
}

void EmitOrg(const Agency& a, uint32_t date, EventSink* sink) {
  const std::string stream = "org/" + a.code;
  const Official& ppk = a.PpkOn(date);
  const std::string decree = std::string(a.ppk_title == "Walikota" ? "Perwako" : "Perbup") +
                             " " + a.place + " Nomor 12 Tahun " + std::to_string(date / 10000);
  auto envelope = [&](schema::EventInput::Builder in) {
    SetActor(in, a.code + ".admin", "admin kepegawaian", a.code);
    SetSource(in, decree, ppk.name, date);
  };
  {
    auto in = sink->Begin(stream, date, date);
    envelope(in);
    auto p = in.initPayload().initAgencyDefined();
    p.setName(a.name);
    if (a.established != 0) p.initEstablished().setYyyymmdd(a.established);
    if (!a.legal_basis.empty()) p.setLegalBasis(a.legal_basis);
    const std::string region = std::to_string(a.regency / 100) + (a.regency % 100 < 10 ? ".0" : ".") +
                               std::to_string(a.regency % 100);
    p.setRegionCode(region);
    sink->Commit();
  }
  for (const Unit& u : a.units) {
    auto in = sink->Begin(stream, date, date);
    envelope(in);
    auto p = in.initPayload().initUnitDefined();
    p.setUnitId(u.id);
    p.setName(u.name);
    if (u.parent >= 0) p.setParentUnitId(a.units[static_cast<size_t>(u.parent)].id);
    sink->Commit();
  }
  auto define = [&](const std::string& id, const std::string& name, JabatanLevel level, int unit,
                    Golongan lo, Golongan hi, const Levels& standard,
                    schema::TrainingKind training, EducationLevel min_education) {
    auto in = sink->Begin(stream, date, date);
    envelope(in);
    auto p = in.initPayload().initPositionDefined();
    p.setPositionId(id);
    p.setName(name);
    p.setLevel(level);
    p.setUnitId(a.units[static_cast<size_t>(unit)].id);
    p.setMinRank(lo);
    p.setMaxRank(hi);
    const TopUnit& top = a.tops[static_cast<size_t>(a.units[static_cast<size_t>(unit)].top)];
    FillCompetencies(p.initRequiredCompetencies(kCompetencies), standard, top.technical);
    p.setRequiredTraining(training);
    p.setMinEducation(min_education);
    sink->Commit();
  };
  for (const Post& post : a.posts) {
    define(post.id, post.name, post.level, post.unit, post.min_rank, post.max_rank, post.standard,
           post.training, post.min_education);
  }
  for (const StaffPosition& s : a.staff) {
    define(s.id, s.name, s.level, s.unit, s.min_rank, s.max_rank, s.standard,
           schema::TrainingKind::UNSPECIFIED, s.min_education);
  }
}

}  // namespace jejak::gen
