// CsvImporter: a legacy CSV export (one row per career event, as agencies
// keep them in spreadsheets) turned into events, row by row, through a
// CsvMapping (docs/import.md).
//
// Each data row becomes one employee event (stream emp/<NIP>) or one row
// error naming the row, the column and the reason; a bad row never stops
// the rows after it. The caller appends the good events in file order and
// reports the bad rows (`jejak import --csv FILE --mapping FILE` does).
//
// Event ids are deterministic. By default (eventIds "key") they follow the
// row's natural key: "<prefix>-k<digest>", the digest of the event kind and
// the normalised cells of the mapping's key columns (by default those of
// the NIP, the type code, the TMT and the decree number; a NIP is taken
// without spaces, dots or apostrophes, a type code as its kind, a date as
// the date it reads as, other text without case or runs of spaces), the
// prefix the mapping's idPrefix or "csv". Neither the file's name nor the
// row's place in it counts, so a renamed file, deleted or inserted rows or
// a renumbered NO column keep every id. Legacy forms: "<prefix>-<row>"
// (eventIds "row") and "<prefix>-h<hash of the row's cells>" ("hash"),
// whose prefix defaults to the file's name. Importing the same file again
// appends nothing new, and an import stopped half way resumes where it
// left off: rows already recorded are idempotent duplicates for the store.
// (ImportCheck, import_check.h, catches the duplicates ids cannot.)
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
#include <functional>
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
  // The natural key as the row has it, for messages ("NIP 1978..., JENIS
  // KP, TMT 01-04-2007, NO_SK 823/112"); key ids only.
  std::string key;
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
  // Resolves the key columns of every kind and how each is normalised;
  // `need` checks that a column is in the header.
  Status PrepareKeys(const std::function<Status(const CsvSource&, const std::string&)>& need);
  struct NaturalKey {
    std::string digest;  // hex, the id's suffix
    std::string text;    // for messages
  };
  NaturalKey KeyOf(const std::vector<std::string>& cells, const std::string& kind) const;
  // The trimmed cell of `column` ("" when the row is short of it).
  std::string CellOf(const std::vector<std::string>& cells, const std::string& column) const;

  CsvMapping mapping_;
  CsvReader reader_;
  std::string prefix_;
  const codec::EventJson* json_;
  std::vector<std::string> header_;
  std::unique_ptr<Tables> tables_;
};

}  // namespace jejak::ingest
