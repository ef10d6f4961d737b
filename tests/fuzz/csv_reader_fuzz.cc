// Fuzz target: a legacy CSV export through CsvReader and CsvImporter. The
// first byte picks the delimiter (bits 0-1: , ; tab |) and the mode (bit 2:
// the reader alone with small limits, else the importer with a fixed
// mapping); the rest is the file. Whatever the input, nothing crashes and:
//   - every Next() consumes input or ends it: the number of calls is
//     bounded by the input's size;
//   - record numbers count every call that read a record, refused or not;
//     line numbers never go back;
//   - the importer's events pass domain::ValidateEventInput, and their
//     JSON parses again.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "jejak/codec/event_json.h"
#include "jejak/domain/validate.h"
#include "jejak/ingest/csv_import.h"
#include "jejak/ingest/csv_reader.h"

namespace {

using namespace jejak::ingest;

[[noreturn]] void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "csv_reader_fuzz: %s\n%s\n", what, detail.c_str());
  std::abort();
}

// Columns of every conversion: dates, golongan, enums, numbers, text.
constexpr const char* kMapping = R"({
  "agency": "kota-fuzz", "dateFormats": ["dd-mm-yyyy", "yyyy-mm-dd", "dd month yyyy"],
  "columns": {"nip": "NIP", "type": "JENIS", "effectiveDate": "TMT", "decreeNumber": "NO_SK",
              "signingDate": "TGL_SK"},
  "types": {"CPNS": "recruited", "KP": "rankPromoted", "SKP": "performanceRated",
            "DIKLAT": "trainingCompleted", "KELUARGA": "relationshipDeclared"},
  "events": {
    "recruited": {"name": "NAMA", "nik": "NIK", "birthDate": "TGL_LAHIR", "gender": "JK",
                  "education": "PENDIDIKAN", "startingRank": "GOL",
                  "employmentType": {"const": "pns"}},
    "rankPromoted": {"kind": {"const": "regular"}, "to": {"column": "GOL", "required": true}},
    "performanceRated": {"effectiveDate": {"template": "31-12-{TAHUN}"}, "year": "TAHUN",
                         "dp3Score": "NILAI", "predikat": "PREDIKAT"},
    "trainingCompleted": {"kind": "JENIS_DIKLAT", "name": "NAMA", "jp": "JP"},
    "relationshipDeclared": {"otherName": "NAMA", "relation": "HUBUNGAN"}
  }})";

void RunReader(const std::string& text, char delimiter) {
  std::istringstream in(text);
  CsvReaderOptions options;
  options.delimiter = delimiter;
  options.max_record_bytes = 4096;
  options.max_fields = 64;
  CsvReader reader(&in, options);
  std::vector<std::string> fields;
  uint64_t records = 0, line = 0;
  for (size_t calls = 0;; ++calls) {
    if (calls > text.size() + 2) Fail("Next() does not end", text);
    auto next = reader.Next(&fields);
    if (next.ok() && !*next) break;
    if (!next.ok() && !next.status().IsInvalidArgument()) Fail("not InvalidArgument", text);
    if (reader.record() != ++records) Fail("record numbers skip", text);
    if (reader.line() < line) Fail("line numbers go back", text);
    line = reader.line();
    if (fields.size() > options.max_fields) Fail("more fields than the limit", text);
  }
}

void RunImporter(const std::string& text, char delimiter) {
  static const jejak::codec::EventJson* json = new jejak::codec::EventJson();
  static const CsvMapping* fixed = [] {
    auto m = ParseCsvMapping(kMapping);
    if (!m.ok()) Fail("the fixed mapping does not parse", m.status().ToString());
    return new CsvMapping(std::move(*m));
  }();
  CsvMapping mapping = *fixed;
  mapping.delimiter = delimiter;
  std::istringstream in(text);
  auto importer = CsvImporter::Open(std::move(mapping), &in, "fuzz.csv", json);
  if (!importer.ok()) return;
  for (size_t calls = 0;; ++calls) {
    if (calls > text.size() + 2) Fail("Next() does not end", text);
    CsvRow row;
    auto next = (*importer)->Next(&row);
    if (!next.ok() || !*next) break;
    if (!row.event) continue;
    const auto in_event = row.event->reader();
    auto valid = jejak::domain::ValidateEventInput(in_event);
    if (!valid.ok()) Fail("an imported event fails validation", valid.ToString());
    const std::string encoded = json->InputToJson(in_event);
    if (!json->ParseInput(encoded).ok()) Fail("an imported event's JSON does not parse", encoded);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static constexpr char kDelimiters[] = {',', ';', '\t', '|'};
  const char delimiter = kDelimiters[data[0] & 3];
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 4) {
    RunReader(text, delimiter);
  } else {
    RunImporter(text, delimiter);
  }
  return 0;
}
