#include "jejak/projection/table_labels.h"

#include <map>

namespace jejak::projection {

namespace {

struct Words {
  const char* id;
  const char* en;
};

using Dictionary = std::map<std::string_view, Words, std::less<>>;

const Dictionary& ColumnLabels() {
  static const Dictionary kLabels = {
      {"NIP", {"NIP", "NIP"}},
      {"NAME", {"Nama", "Name"}},
      {"AGENCY", {"Kode Instansi", "Agency code"}},
      {"AGENCY_NAME", {"Instansi", "Agency"}},
      {"UNIT", {"Kode Unit", "Unit code"}},
      {"UNIT_NAME", {"Unit Kerja", "Unit"}},
      {"RANK", {"Gol.", "Rank"}},
      {"POSITION", {"Jabatan", "Position"}},
      {"STATUS", {"Status", "Status"}},
      {"LEVEL", {"Jenjang Jabatan", "Position level"}},
      {"NEXT", {"Gol. Berikut", "Next rank"}},
      {"TMT", {"TMT", "TMT"}},
      {"ELIGIBLE", {"Memenuhi Syarat", "Eligible"}},
      {"REASONS", {"Keterangan", "Reasons"}},
      {"YEAR", {"Tahun", "Year"}},
      {"JP", {"JP", "JP"}},
      {"MISSING", {"Kurang JP", "JP missing"}},
      {"MEETS", {"Memenuhi Standar", "Meets standard"}},
      {"GAP", {"Kesenjangan", "Gap"}},
      {"BOX", {"Kotak Talenta", "Talent box"}},
      {"PREDIKAT", {"Predikat Kinerja", "Performance rating"}},
      {"POTENTIAL", {"Potensi", "Potential"}},
      {"BAIK_2Y", {"Baik 2 Tahun", "Baik 2 years"}},
      {"JP_LAST_YEAR", {"JP Tahun Lalu", "JP last year"}},
      {"BIRTH", {"Tanggal Lahir", "Birth date"}},
      {"RETIRES", {"TMT Pensiun", "Retires"}},
      {"UNITS", {"Jumlah Unit", "Units"}},
      {"POSITIONS", {"Jumlah Jabatan", "Positions"}},
      {"EMPLOYEES", {"Jumlah Pegawai", "Employees"}},
      {"PARENT", {"Unit Induk", "Parent unit"}},
      {"POSITION_NAME", {"Nama Jabatan", "Position name"}},
      {"MIN_RANK", {"Gol. Terendah", "Lowest rank"}},
      {"MAX_RANK", {"Gol. Tertinggi", "Highest rank"}},
  };
  return kLabels;
}

const Dictionary& StatusWords() {
  static const Dictionary kWords = {
      {"active", {"aktif", "active"}},
      {"separated", {"berhenti", "separated"}},
      {"retirement", {"pensiun", "retired"}},
      {"resignation", {"berhenti atas permintaan sendiri", "resigned"}},
      {"dismissal", {"diberhentikan", "dismissed"}},
      {"death", {"meninggal dunia", "deceased"}},
      {"contractEnded", {"kontrak berakhir", "contract ended"}},
  };
  return kWords;
}

const Dictionary& YesNoWords() {
  static const Dictionary kWords = {{"yes", {"ya", "yes"}}, {"no", {"tidak", "no"}}};
  return kWords;
}

const Dictionary& LevelWords() {
  static const Dictionary kWords = {
      {"unspecified", {"", ""}},
      {"jptUtama", {"JPT Utama", "JPT Utama"}},
      {"jptMadya", {"JPT Madya", "JPT Madya"}},
      {"jptPratama", {"JPT Pratama", "JPT Pratama"}},
      {"administrator", {"Administrator", "Administrator"}},
      {"pengawas", {"Pengawas", "Pengawas"}},
      {"pelaksana", {"Pelaksana", "Pelaksana"}},
      {"ahliPertama", {"Ahli Pertama", "Ahli Pertama"}},
      {"ahliMuda", {"Ahli Muda", "Ahli Muda"}},
      {"ahliMadya", {"Ahli Madya", "Ahli Madya"}},
      {"ahliUtama", {"Ahli Utama", "Ahli Utama"}},
      {"pemula", {"Pemula", "Pemula"}},
      {"terampil", {"Terampil", "Terampil"}},
      {"mahir", {"Mahir", "Mahir"}},
      {"penyelia", {"Penyelia", "Penyelia"}},
  };
  return kWords;
}

const Dictionary& PredikatWords() {
  static const Dictionary kWords = {
      {"unspecified", {"", ""}},
      {"sangatBaik", {"Sangat Baik", "Sangat Baik"}},
      {"baik", {"Baik", "Baik"}},
      {"butuhPerbaikan", {"Butuh Perbaikan", "Butuh Perbaikan"}},
      {"kurang", {"Kurang", "Kurang"}},
      {"sangatKurang", {"Sangat Kurang", "Sangat Kurang"}},
  };
  return kWords;
}

const Dictionary& PotentialWords() {
  static const Dictionary kWords = {{"unspecified", {"", ""}},
                                    {"low", {"rendah", "low"}},
                                    {"medium", {"menengah", "medium"}},
                                    {"high", {"tinggi", "high"}}};
  return kWords;
}

// The dictionary of the values of column `key`; nullptr when its values
// are not codes.
const Dictionary* ValuesOf(std::string_view key) {
  if (key == "STATUS") return &StatusWords();
  if (key == "ELIGIBLE" || key == "MEETS" || key == "BAIK_2Y") return &YesNoWords();
  if (key == "LEVEL") return &LevelWords();
  if (key == "PREDIKAT") return &PredikatWords();
  if (key == "POTENTIAL") return &PotentialWords();
  return nullptr;
}

const char* In(const Words& w, Lang lang) { return lang == Lang::kId ? w.id : w.en; }

}  // namespace

Result<Lang> ParseLang(std::string_view text) {
  if (text == "id") return Lang::kId;
  if (text == "en") return Lang::kEn;
  return Status::InvalidArgument("language \"" + std::string(text) + "\": want id or en");
}

ColumnKind KindOfColumn(std::string_view key) {
  if (key == "NIP") return ColumnKind::kNip;
  if (key == "TMT" || key == "BIRTH" || key == "RETIRES") return ColumnKind::kDate;
  if (key == "YEAR" || key == "JP" || key == "MISSING" || key == "BOX" || key == "JP_LAST_YEAR" ||
      key == "UNITS" || key == "POSITIONS" || key == "EMPLOYEES") {
    return ColumnKind::kNumber;
  }
  return ColumnKind::kText;
}

std::vector<ColumnKind> ColumnKinds(const Table& t) {
  std::vector<ColumnKind> kinds;
  for (const auto& c : t.columns) kinds.push_back(KindOfColumn(c));
  return kinds;
}

std::string ValueWord(std::string_view key, std::string_view code, Lang lang) {
  if (const Dictionary* values = ValuesOf(key)) {
    auto it = values->find(code);
    if (it != values->end()) return In(it->second, lang);
  }
  return std::string(code);
}

Table Localized(Table t, Lang lang) {
  for (size_t c = 0; c < t.columns.size(); ++c) {
    if (const Dictionary* values = ValuesOf(t.columns[c])) {
      for (auto& row : t.rows) {
        if (c >= row.size()) continue;
        auto it = values->find(row[c]);
        if (it != values->end()) row[c] = In(it->second, lang);
      }
    }
    auto label = ColumnLabels().find(t.columns[c]);
    if (label != ColumnLabels().end()) t.columns[c] = In(label->second, lang);
  }
  return t;
}

}  // namespace jejak::projection
