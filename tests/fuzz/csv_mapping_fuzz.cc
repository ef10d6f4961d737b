// Fuzz target: a CSV mapping file through ParseCsvMapping. Whatever the
// input, it returns a mapping or InvalidArgument and never crashes. A
// mapping it accepts is then used: a CSV with every column it names and one
// row per type code (cells from a small palette of dates, golongan,
// numbers and words) goes through CsvImporter, whose events must pass
// domain::ValidateEventInput.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include "jejak/codec/event_json.h"
#include "jejak/domain/validate.h"
#include "jejak/ingest/csv_import.h"
#include "jejak/ingest/csv_mapping.h"

namespace {

using namespace jejak::ingest;

[[noreturn]] void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "csv_mapping_fuzz: %s\n%s\n", what, detail.c_str());
  std::abort();
}

// A CSV cell: no delimiter, quote or line break of its own.
std::string Cell(const std::string& text, char delimiter) {
  std::string out;
  for (char c : text) {
    if (c != delimiter && c != '"' && c != '\n' && c != '\r') out.push_back(c);
  }
  return out;
}

std::string CsvFor(const CsvMapping& m) {
  std::vector<std::string> columns;
  std::set<std::string> seen;
  auto add = [&](const CsvSource& s) {
    for (const std::string& c : s.Columns()) {
      if (seen.insert(c).second) columns.push_back(c);
    }
  };
  add(m.nip);
  add(m.type);
  for (const auto* o : {&m.effective_date, &m.decree_number, &m.signer, &m.signing_date}) {
    if (*o) add(**o);
  }
  for (const auto& [kind, ev] : m.events) {
    for (const auto* o : {&ev.effective_date, &ev.decree_number, &ev.signer, &ev.signing_date}) {
      if (*o) add(**o);
    }
    for (const CsvField& f : ev.fields) add(f.source);
  }
  static constexpr const char* kPalette[] = {"01-04-2019", "III/a", "2019", "Baik", "ya",
                                             "87,5", "L", "Penata Muda", "x", ""};
  const char d = m.delimiter;
  std::string csv;
  for (size_t i = 0; i < columns.size(); ++i) csv += (i ? std::string(1, d) : "") + Cell(columns[i], d);
  csv += "\n";
  for (const auto& [code, kind] : m.types) {
    for (size_t i = 0; i < columns.size(); ++i) {
      std::string cell = kPalette[i % (sizeof kPalette / sizeof kPalette[0])];
      if (m.nip.kind == CsvSource::Kind::kColumn && columns[i] == m.nip.column) {
        cell = "197811042003031002";
      }
      if (m.type.kind == CsvSource::Kind::kColumn && columns[i] == m.type.column) cell = code;
      csv += (i ? std::string(1, d) : "") + Cell(cell, d);
    }
    csv += "\n";
  }
  return csv;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const jejak::codec::EventJson* json = new jejak::codec::EventJson();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto mapping = ParseCsvMapping(text);
  if (!mapping.ok()) {
    if (!mapping.status().IsInvalidArgument()) Fail("not InvalidArgument", mapping.status().ToString());
    return 0;
  }
  std::istringstream in(CsvFor(*mapping));
  auto importer = CsvImporter::Open(*mapping, &in, "fuzz.csv", json);
  if (!importer.ok()) return 0;
  while (true) {
    CsvRow row;
    auto next = (*importer)->Next(&row);
    if (!next.ok() || !*next) break;
    if (!row.event) continue;
    auto valid = jejak::domain::ValidateEventInput(row.event->reader());
    if (!valid.ok()) Fail("an imported event fails validation", valid.ToString());
  }
  return 0;
}
