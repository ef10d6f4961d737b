#include "ingest/csv_values.h"

#include <array>
#include <cstdio>

#include "ingest/schema_paths.h"
#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"
#include "jejak/schema/events.capnp.h"

namespace jejak::ingest::internal {

namespace {

constexpr uint64_t kJsonNameAnnotation = 0xfa5b1fd61c2e7c3dull;  // $Json.name

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Upper case, keeping letters and digits only: "D-III" -> "DIII".
std::string Squeeze(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (IsAlpha(c) || IsDigit(c)) out.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c));
  }
  return out;
}

// Indonesian and English month names and abbreviations -> month.
int MonthNamed(std::string_view word) {
  static constexpr std::array<std::pair<std::string_view, int>, 32> kMonths = {{
      {"JANUARI", 1}, {"JANUARY", 1}, {"JAN", 1},      {"FEBRUARI", 2}, {"FEBRUARY", 2},
      {"FEB", 2},     {"PEB", 2},     {"MARET", 3},    {"MARCH", 3},    {"MAR", 3},
      {"APRIL", 4},   {"APR", 4},     {"MEI", 5},      {"MAY", 5},      {"JUNI", 6},
      {"JUNE", 6},    {"JUN", 6},     {"JULI", 7},     {"JULY", 7},     {"JUL", 7},
      {"AGUSTUS", 8}, {"AUGUST", 8},  {"AGU", 8},      {"AGT", 8},      {"AUG", 8},
      {"SEPTEMBER", 9}, {"SEP", 9},   {"OKTOBER", 10}, {"OCTOBER", 10}, {"OKT", 10},
      {"NOVEMBER", 11}, {"DESEMBER", 12},
  }};
  const std::string w = Squeeze(word);
  for (const auto& [name, m] : kMonths) {
    if (name == w) return m;
  }
  if (w == "NOV") return 11;
  if (w == "DES" || w == "DEC" || w == "DECEMBER") return 12;
  if (w == "OCT") return 10;
  if (w == "SEPT") return 9;
  return 0;
}

// Reads `text` with one format; 0 when it does not fit.
uint32_t DateWith(std::string_view text, std::string_view format) {
  size_t t = 0, f = 0;
  int day = -1, month = -1, year = -1;
  auto digits = [&](size_t min, size_t max) {
    size_t n = 0;
    int v = 0;
    while (n < max && t < text.size() && IsDigit(text[t])) {
      v = v * 10 + (text[t++] - '0');
      ++n;
    }
    return n >= min ? v : -2;
  };
  while (f < format.size()) {
    if (format.substr(f, 4) == "yyyy") {
      year = digits(4, 4);
      f += 4;
    } else if (format.substr(f, 5) == "month") {
      const size_t start = t;
      while (t < text.size() && (IsAlpha(text[t]) || text[t] == '.')) ++t;
      month = MonthNamed(text.substr(start, t - start));
      f += 5;
    } else if (format.substr(f, 2) == "dd") {
      day = digits(1, 2);
      f += 2;
    } else if (format.substr(f, 2) == "mm") {
      month = digits(1, 2);
      f += 2;
    } else if (format[f] == ' ') {
      if (t >= text.size() || text[t] != ' ') return 0;
      while (t < text.size() && text[t] == ' ') ++t;
      ++f;
    } else {
      if (t >= text.size() || text[t] != format[f]) return 0;
      ++t;
      ++f;
    }
    if (day == -2 || month == -2 || year == -2 || month == 0) return 0;
  }
  if (t != text.size() || day <= 0 || month <= 0 || year <= 0) return 0;
  const uint32_t d = static_cast<uint32_t>(year) * 10000 + static_cast<uint32_t>(month) * 100 +
                     static_cast<uint32_t>(day);
  return domain::IsValidDate(d) ? d : 0;
}

// Synonyms used in Indonesian HR spreadsheets, by enum type.
std::string_view Synonym(std::string_view type, const std::string& squeezed) {
  struct Entry {
    std::string_view type, cell, value;
  };
  static constexpr Entry kSynonyms[] = {
      {"Gender", "L", "male"},          {"Gender", "LAKILAKI", "male"},
      {"Gender", "PRIA", "male"},       {"Gender", "1", "male"},
      {"Gender", "P", "female"},        {"Gender", "PEREMPUAN", "female"},
      {"Gender", "WANITA", "female"},   {"Gender", "2", "female"},
      {"EducationLevel", "SMP", "sltp"}, {"EducationLevel", "MTS", "sltp"},
      {"EducationLevel", "SMA", "slta"}, {"EducationLevel", "SMK", "slta"},
      {"EducationLevel", "MA", "slta"}, {"EducationLevel", "STM", "slta"},
      {"EducationLevel", "SMEA", "slta"}, {"EducationLevel", "DI", "d1"},
      {"EducationLevel", "DII", "d2"},  {"EducationLevel", "DIII", "d3"},
      {"EducationLevel", "DIV", "d4"},  {"EducationLevel", "SARJANA", "s1"},
      {"EducationLevel", "MAGISTER", "s2"}, {"EducationLevel", "DOKTOR", "s3"},
      {"PredikatKinerja", "AMATBAIK", "sangatBaik"}, {"PredikatKinerja", "CUKUP", "butuhPerbaikan"},
      {"PredikatKinerja", "SEDANG", "kurang"}, {"PredikatKinerja", "BURUK", "sangatKurang"},
      {"EmploymentType", "CPNS", "pns"},
      {"PromotionKind", "REGULER", "regular"}, {"PromotionKind", "ANUMERTA", "posthumous"},
      {"PromotionKind", "PENGABDIAN", "service"},
      {"PromotionKind", "PENYESUAIANIJAZAH", "degreeAdjustment"},
      {"Relation", "SUAMI", "spouse"},  {"Relation", "ISTRI", "spouse"},
      {"Relation", "ANAK", "child"},    {"Relation", "AYAH", "parent"},
      {"Relation", "IBU", "parent"},    {"Relation", "ORANGTUA", "parent"},
      {"Relation", "SAUDARA", "sibling"}, {"Relation", "KAKAK", "sibling"},
      {"Relation", "ADIK", "sibling"},  {"Relation", "SEPUPU", "cousin"},
      {"Relation", "PAMAN", "uncleAunt"}, {"Relation", "BIBI", "uncleAunt"},
      {"Relation", "KEPONAKAN", "nieceNephew"}, {"Relation", "MERTUA", "parentInLaw"},
      {"Relation", "MENANTU", "childInLaw"}, {"Relation", "IPAR", "siblingInLaw"},
      {"SeparationReason", "PENSIUN", "retirement"}, {"SeparationReason", "BUP", "retirement"},
      {"SeparationReason", "MENINGGAL", "death"}, {"SeparationReason", "MENINGGALDUNIA", "death"},
      {"SeparationReason", "WAFAT", "death"}, {"SeparationReason", "APS", "resignation"},
      {"SeparationReason", "MENGUNDURKANDIRI", "resignation"},
      {"SeparationReason", "PTDH", "dismissal"},
      {"TrainingKind", "DIKLATPIMIV", "pkp"}, {"TrainingKind", "PIMIV", "pkp"},
      {"TrainingKind", "DIKLATPIMIII", "pka"}, {"TrainingKind", "PIMIII", "pka"},
      {"TrainingKind", "DIKLATPIMII", "pknII"}, {"TrainingKind", "PIMII", "pknII"},
      {"TrainingKind", "PRAJABATAN", "latsar"}, {"TrainingKind", "TEKNIS", "technical"},
      {"TrainingKind", "FUNGSIONAL", "functional"}, {"TrainingKind", "WORKSHOP", "seminar"},
      {"JabatanLevel", "ESELONII", "jptPratama"}, {"JabatanLevel", "ESELONIII", "administrator"},
      {"JabatanLevel", "ESELONIV", "pengawas"}, {"JabatanLevel", "STAF", "pelaksana"},
      {"JabatanLevel", "STRUKTURAL", "pengawas"},
      {"ExamKind", "UDI", "ujianDinasTingkatI"}, {"ExamKind", "UJIANDINASI", "ujianDinasTingkatI"},
      {"ExamKind", "UJIANDINASTKI", "ujianDinasTingkatI"},
      {"ExamKind", "UDII", "ujianDinasTingkatII"},
      {"ExamKind", "UJIANDINASII", "ujianDinasTingkatII"},
      {"ExamKind", "UJIANDINASTKII", "ujianDinasTingkatII"},
      {"ExamKind", "UPKP", "penyesuaianIjazah"}, {"ExamKind", "UPI", "penyesuaianIjazah"},
      {"ExamKind", "UJIANPENYESUAIANIJAZAH", "penyesuaianIjazah"},
      {"SanctionLevel", "RINGAN", "light"}, {"SanctionLevel", "SEDANG", "medium"},
      {"SanctionLevel", "BERAT", "heavy"},
      {"SanctionKind", "TEGURANLISAN", "oralWarning"},
      {"SanctionKind", "TEGURANTERTULIS", "writtenWarning"},
      {"SanctionKind", "PERNYATAANTIDAKPUASSECARATERTULIS", "writtenDissatisfaction"},
      {"SanctionKind", "PENUNDAANKGB", "salaryIncrementDelay1Year"},
      {"SanctionKind", "PENUNDAANKENAIKANGAJIBERKALA", "salaryIncrementDelay1Year"},
      {"SanctionKind", "PENUNDAANKP", "promotionDelay1Year"},
      {"SanctionKind", "PENUNDAANKENAIKANPANGKAT", "promotionDelay1Year"},
      {"SanctionKind", "PEMBEBASANDARIJABATAN", "releaseFromPost"},
      {"SanctionKind", "PEMBERHENTIANSEMENTARA", "temporarySuspension"},
      {"SanctionKind", "PTDH", "dishonourableDismissal"},
      {"SanctionKind", "PEMBERHENTIANTIDAKDENGANHORMAT", "dishonourableDismissal"},
      {"SanctionKind", "PDHTAPS", "dismissal"},
  };
  for (const Entry& e : kSynonyms) {
    if (e.type == type && e.cell == squeezed) return e.value;
  }
  return {};
}

// "\"text\"" for messages (built by appending: GCC 12 warns falsely on
// a literal + std::string temporary at -O3).
std::string Quote(std::string_view text) {
  std::string q;
  q.reserve(text.size() + 2);
  q.push_back('"');
  q.append(text);
  q.push_back('"');
  return q;
}

Result<std::string> Integer(std::string_view text, bool is_signed, bool quoted) {
  std::string t(text);
  // Spreadsheets write whole numbers as "2019.0" or "2019,0" at times.
  for (const char* tail : {".0", ",0", ".00", ",00"}) {
    const std::string_view tl(tail);
    if (t.size() > tl.size() && t.compare(t.size() - tl.size(), tl.size(), tl) == 0) {
      t.resize(t.size() - tl.size());
      break;
    }
  }
  size_t i = 0;
  if (is_signed && !t.empty() && (t[0] == '-' || t[0] == '+')) i = 1;
  if (i == t.size()) return Status::InvalidArgument(Quote(text) + " is not a whole number");
  for (size_t k = i; k < t.size(); ++k) {
    if (!IsDigit(t[k])) {
      return Status::InvalidArgument(Quote(text) + " is not a whole number");
    }
  }
  if (t.size() - i > 18) return Status::InvalidArgument(Quote(text) + " is too large");
  if (t[0] == '+') t.erase(0, 1);
  return quoted ? Quote(t) : t;
}

Result<std::string> Decimal(std::string_view text) {
  std::string t(text);
  if (t.find('.') == std::string::npos) {
    const size_t comma = t.find(',');
    if (comma != std::string::npos) t[comma] = '.';  // decimal comma
  }
  size_t i = (!t.empty() && (t[0] == '-' || t[0] == '+')) ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < t.size(); ++i) {
    if (IsDigit(t[i])) {
      digits = true;
    } else if (t[i] == '.' && !dot) {
      dot = true;
    } else {
      digits = false;
      break;
    }
  }
  if (!digits) return Status::InvalidArgument(Quote(text) + " is not a number");
  if (t[0] == '+') t.erase(0, 1);
  if (t[0] == '.') t = std::string("0").append(t);
  if (t.back() == '.') t.pop_back();
  return t;
}

}  // namespace

std::string Trim(std::string_view s) {
  size_t a = 0, b = s.size();
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (a < b && space(s[a])) ++a;
  while (b > a && space(s[b - 1])) --b;
  // A non-breaking space (U+00A0) at either end, as spreadsheets leave it.
  std::string out(s.substr(a, b - a));
  while (out.size() >= 2 && out.compare(0, 2, "\xC2\xA0") == 0) out.erase(0, 2);
  while (out.size() >= 2 && out.compare(out.size() - 2, 2, "\xC2\xA0") == 0) out.resize(out.size() - 2);
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  return out;
}

Status CheckDateFormat(std::string_view format) {
  auto count = [&](std::string_view token) {
    size_t n = 0, pos = 0;
    while ((pos = format.find(token, pos)) != std::string_view::npos) {
      ++n;
      pos += token.size();
    }
    return n;
  };
  const size_t months = count("month");
  if (count("yyyy") != 1 || count("dd") != 1 || count("mm") + months != 1) {
    return Status::InvalidArgument("date format \"" + std::string(format) +
                                   "\" needs dd, yyyy and mm (or month) once each");
  }
  return Status::Ok();
}

Result<uint32_t> ParseDateIn(std::string_view text, const std::vector<std::string>& formats) {
  for (const std::string& f : formats) {
    const uint32_t d = DateWith(text, f);
    if (d != 0) return d;
  }
  std::string tried;
  for (const std::string& f : formats) tried += (tried.empty() ? "" : ", ") + f;
  bool serial = text.size() == 5;
  for (char c : text) serial = serial && IsDigit(c);
  if (serial) {
    return Status::InvalidArgument(Quote(text) +
                                   " looks like a spreadsheet serial date: export the column "
                                   "as text in one of " + tried);
  }
  return Status::InvalidArgument(Quote(text) + " is not a real date in any of " + tried);
}

std::optional<schema::Golongan> ParseGolonganNotation(std::string_view text) {
  const std::string t = Trim(text);
  // "Penata Muda (III/a)": the part in brackets decides.
  const size_t open = t.find('('), close = t.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open) {
    if (auto g = ParseGolonganNotation(std::string_view(t).substr(open + 1, close - open - 1))) return g;
  }
  const std::string s = Squeeze(t);
  if (s.size() >= 2 && s.back() >= 'A' && s.back() <= 'E') {
    const std::string group = s.substr(0, s.size() - 1);
    int g = 0;
    if (group == "I" || group == "1") g = 1;
    if (group == "II" || group == "2") g = 2;
    if (group == "III" || group == "3") g = 3;
    if (group == "IV" || group == "4") g = 4;
    const int letter = s.back() - 'A';
    if (g != 0 && (letter < 4 || g == 4)) {
      return static_cast<schema::Golongan>((g - 1) * 4 + letter + 1);
    }
  }
  // Pangkat titles; "Tk. I" and "Tingkat I" alike.
  auto title = [](std::string_view p) {
    std::string q = Squeeze(p);
    const size_t tk = q.find("TINGKAT");
    if (tk != std::string::npos) q.replace(tk, 7, "TK");
    return q;
  };
  const std::string wanted = title(t);
  for (int step = 1; step <= 17; ++step) {
    const auto g = static_cast<schema::Golongan>(step);
    if (title(domain::PangkatName(g)) == wanted) return g;
  }
  return std::nullopt;
}

Result<capnp::Type> EnumNamed(std::string_view name) {
  static const std::array<capnp::EnumSchema, 15> kEnums = {
      capnp::Schema::from<schema::Golongan>(),        capnp::Schema::from<schema::EmploymentType>(),
      capnp::Schema::from<schema::Gender>(),          capnp::Schema::from<schema::EducationLevel>(),
      capnp::Schema::from<schema::JabatanLevel>(),    capnp::Schema::from<schema::CompetencyKind>(),
      capnp::Schema::from<schema::PredikatKinerja>(), capnp::Schema::from<schema::Rating>(),
      capnp::Schema::from<schema::TrainingKind>(),    capnp::Schema::from<schema::PotentialLevel>(),
      capnp::Schema::from<schema::PromotionKind>(),   capnp::Schema::from<schema::SanctionLevel>(),
      capnp::Schema::from<schema::SanctionKind>(),    capnp::Schema::from<schema::Relation>(),
      capnp::Schema::from<schema::SeparationReason>(),
  };
  for (const auto& e : kEnums) {
    if (name == e.getUnqualifiedName().cStr()) return capnp::Type(e);
  }
  return Status::InvalidArgument("no enumeration named " + std::string(name));
}

int EnumByName(capnp::EnumSchema e, std::string_view name) {
  const std::string wanted = Squeeze(name);
  if (wanted.empty()) return -1;
  for (auto en : e.getEnumerants()) {
    if (Squeeze(en.getProto().getName().cStr()) == wanted) return en.getOrdinal();
    for (auto a : en.getProto().getAnnotations()) {
      if (a.getId() == kJsonNameAnnotation && Squeeze(a.getValue().getText().cStr()) == wanted) {
        return en.getOrdinal();
      }
    }
  }
  return -1;
}

Result<std::string> CellToJson(capnp::Type type, std::string_view text, const ValueContext& ctx) {
  if (type.isText()) return JsonString(text);
  if (type.isBool()) {
    const std::string s = Squeeze(text);
    if (s == "YA" || s == "Y" || s == "TRUE" || s == "1") return std::string("true");
    if (s == "TIDAK" || s == "T" || s == "N" || s == "FALSE" || s == "0") return std::string("false");
    return Status::InvalidArgument(Quote(text) + " is not ya/tidak");
  }
  if (type.isInt8() || type.isInt16() || type.isInt32()) return Integer(text, true, false);
  if (type.isUInt8() || type.isUInt16() || type.isUInt32()) return Integer(text, false, false);
  if (type.isInt64()) return Integer(text, true, true);
  if (type.isUInt64()) return Integer(text, false, true);
  if (type.isFloat32() || type.isFloat64()) return Decimal(text);
  if (type.isEnum()) {
    const capnp::EnumSchema e = type.asEnum();
    const std::string name = e.getUnqualifiedName().cStr();
    if (e == capnp::Schema::from<schema::Golongan>()) {
      auto g = ParseGolonganNotation(text);
      if (!g) return Status::InvalidArgument(Quote(text) + " is not a golongan");
      return JsonString(domain::GolonganName(*g));
    }
    std::string cell(text);
    if (ctx.values != nullptr) {
      auto map = ctx.values->find(name);
      if (map != ctx.values->end()) {
        auto hit = map->second.find(Upper(Trim(text)));
        if (hit != map->second.end()) cell = hit->second;
      }
    }
    int ordinal = EnumByName(e, cell);
    if (ordinal < 0) {
      const std::string_view syn = Synonym(name, Squeeze(cell));
      if (!syn.empty()) ordinal = EnumByName(e, syn);
    }
    if (ordinal < 0) {
      return Status::InvalidArgument(Quote(text) + " is not a " + name +
                                     " (add it to the mapping's values." + name + ")");
    }
    // The JSON name of the enumerant: its $Json.name or schema name.
    auto en = e.getEnumerants()[static_cast<unsigned>(ordinal)];
    for (auto a : en.getProto().getAnnotations()) {
      if (a.getId() == kJsonNameAnnotation) return JsonString(a.getValue().getText().cStr());
    }
    return JsonString(en.getProto().getName().cStr());
  }
  if (type.isStruct() && type.asStruct() == capnp::Schema::from<schema::Date>()) {
    static const std::vector<std::string> kDefault = {"dd-mm-yyyy", "dd/mm/yyyy", "yyyy-mm-dd"};
    auto d = ParseDateIn(text, ctx.date_formats != nullptr ? *ctx.date_formats : kDefault);
    if (!d.ok()) return d.status();
    return JsonString(domain::FormatDate(*d));
  }
  if (type.isStruct() && type.asStruct() == capnp::Schema::from<schema::Rank>()) {
    if (auto g = ParseGolonganNotation(text)) {
      return "{\"golongan\":" + JsonString(domain::GolonganName(*g)) + "}";
    }
    // A PPPK grade: 1..17, arabic or roman.
    static constexpr std::string_view kRoman[] = {"I",   "II",  "III",  "IV",  "V",  "VI",
                                                  "VII", "VIII", "IX",  "X",   "XI", "XII",
                                                  "XIII", "XIV", "XV",  "XVI", "XVII"};
    const std::string s = Squeeze(text);
    for (int i = 0; i < 17; ++i) {
      if (s == kRoman[i] || s == std::to_string(i + 1)) {
        return "{\"pppkGrade\":" + std::to_string(i + 1) + "}";
      }
    }
    return Status::InvalidArgument(Quote(text) +
                                   " is neither a golongan (III/a, 3a, Penata Muda) nor a PPPK "
                                   "grade (1..17, I..XVII)");
  }
  return Status::InvalidArgument("a " + TypeName(type) + " cannot come from one cell");
}

}  // namespace jejak::ingest::internal
