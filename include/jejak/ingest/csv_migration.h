// RunCsvMigration: a legacy CSV export into the ledger, row by row
// (`jejak import --csv`, docs/import.md): every row converted (CsvImporter),
// checked against the ledger and the rows before it (ImportCheck), and the
// events to append appended in chunks in row order (EventBatch), a refused
// one left out. With dry_run nothing is appended: the same report, and the
// events that would be appended handed to the listener.
//
// Every problem is reported as one line naming its row, in row order
// within a chunk. Nothing aborts on bad input; the run stops early only
// when reading or the store fails.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "jejak/codec/event_json.h"
#include "jejak/ingest/csv_import.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"

namespace jejak::ingest {

struct CsvMigrationOptions {
  // Events per append call, and rows at most between two rounds of
  // reports. Default 2000.
  size_t chunk = 2000;
  // Decide and report everything, append nothing. Default false.
  bool dry_run = false;
  // Append probable duplicates all the same (ImportCheckOptions). Default
  // false.
  bool allow_duplicates = false;
};

struct CsvMigrationListener {
  // One problem or warning: "row 7 (line 8), column TGL_SK: ...",
  // "row 9: probably a duplicate of ...". Required.
  std::function<void(const std::string& line)> report;
  // Dry run: an event that would be appended, in row order. Optional.
  std::function<void(const store::NewEvent& event, uint64_t row)> would_append;
  // Rows read so far, now and then. Optional.
  std::function<void(uint64_t rows)> progress;
};

struct CsvMigrationSummary {
  uint64_t rows = 0;                 // rows read (blank ones included)
  uint64_t appended = 0;             // recorded now (dry run: would be)
  uint64_t already_recorded = 0;     // the same event is recorded under its id
  uint64_t rejected = 0;             // bad rows, refused by the check or the store
  uint64_t probable_duplicates = 0;  // of recorded events or earlier rows
  uint64_t repeated_rows = 0;        // the same event as an earlier row
  // "N of M rows are in the ledger already ...: was this file imported
  // before?" when most rows are; "" otherwise.
  std::string already_imported_warning;
  // The first problem reported (OK when none): its code is the outcome's.
  Status first_error;
  // Why the run stopped early (reading or the store failed), or OK.
  Status failure;
};

// Runs the migration of `importer`'s rows into `store`. `store` is read for
// the checks and, unless dry_run, appended to.
CsvMigrationSummary RunCsvMigration(CsvImporter& importer, store::EventStore& store,
                                    const codec::EventJson& json,
                                    const CsvMigrationOptions& options,
                                    const CsvMigrationListener& listener);

}  // namespace jejak::ingest
