// CsvImporter: a legacy CSV export (one row per career event, as agencies
// keep them in spreadsheets) turned into events, row by row, through a
// CsvMapping (docs/import.md).
//
// Each data row becomes one employee event (stream emp/<NIP>) or one row
// error naming the row, the column and the reason; a bad row never stops
// the rows after it. The caller appends the good events in file order and
// reports the bad rows (`jejak import --csv FILE --mapping FILE` does).
//
// Event ids are deterministic: "<prefix>-<row>" (the mapping's idPrefix,
// by default the file's name, and the spreadsheet row number, the header
// being row 1), or "<prefix>-h<hash of the row's cells>" with eventIds
// "hash". Importing the same file again therefore appends nothing new, and
// an import stopped half way (or a file whose bad rows were fixed in
// place) resumes where it left off: rows already recorded are idempotent
// duplicates for the store.
//
// Each event is built as its NDJSON line and parsed with the codec, then
// checked by domain::ValidateEventInput, so a row is held to exactly the
// rules of `jejak append`; their errors are mapped back to the column that
// fed the failing field.
//
// Not thread-safe. `in` and `json` are not owned and must outlive the
// importer.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/codec/event_json.h"
#include "jejak/ingest/csv_mapping.h"
#include "jejak/ingest/csv_reader.h"
#include "jejak/status.h"
#include "jejak/store/new_event.h"

namespace jejak::ingest {

// Why one row was not imported.
struct CsvRowError {
  uint64_t row = 0;     // spreadsheet row (header = 1)
  uint64_t line = 0;    // line of the file where the row starts
  std::string column;   // the column at fault, "" when not one column
  std::string message;
  // "row 7 (line 8), column TGL_SK: \"31-02-2019\" is not a real date ..."
  std::string ToString() const;
};

// One data row's outcome: an event or an error (exactly one is set;
// neither for a blank row).
struct CsvRow {
  uint64_t row = 0;
  uint64_t line = 0;
  std::optional<store::NewEvent> event;
  std::optional<CsvRowError> error;
};

class CsvImporter {
 public:
  // Reads the header row and checks that every column the mapping names is
  // in it. `source_name` is the file's name (its base name is the default
  // id prefix). InvalidArgument for a missing column or a bad header.
  [[nodiscard]] static Result<std::unique_ptr<CsvImporter>> Open(CsvMapping mapping,
                                                                 std::istream* in,
                                                                 std::string_view source_name,
                                                                 const codec::EventJson* json);

  // The next data row. Returns false at the end of the file; an error
  // Status only when reading cannot go on (IOError).
  [[nodiscard]] Result<bool> Next(CsvRow* row);

  const std::vector<std::string>& header() const { return header_; }

  ~CsvImporter();

 private:
  struct Tables;  // the mapping resolved against the header and the schema
  CsvImporter(CsvMapping mapping, std::istream* in, std::string prefix,
              const codec::EventJson* json);
  // The event of the current row, or the error.
  void Convert(const std::vector<std::string>& cells, CsvRow* row);

  CsvMapping mapping_;
  CsvReader reader_;
  std::string prefix_;
  const codec::EventJson* json_;
  std::vector<std::string> header_;
  std::unique_ptr<Tables> tables_;
};

}  // namespace jejak::ingest
