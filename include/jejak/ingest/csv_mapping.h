// CsvMapping: how the columns of a legacy CSV export become events
// (docs/import.md describes the file and every key).
//
// The mapping is a JSON file: which column holds the NIP, the event type
// code and the envelope (TMT, decree number, signer, signing date); how
// type codes map to event kinds ("KP" -> rankPromoted); and, per kind,
// which column (or constant, or template of columns) feeds which payload
// field, with value maps for enumerations. Only employee events (emp/
// streams) are imported from CSV.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/status.h"

namespace jejak::ingest {

// Where one value comes from.
struct CsvSource {
  enum class Kind { kColumn, kConst, kTemplate };
  Kind kind = Kind::kColumn;
  std::string column;    // kColumn: the header name
  std::string text;      // kConst: the value; kTemplate: "31-12-{TAHUN}"
  std::optional<std::string> fallback;  // used when the cell is empty
  bool required = false;                // an empty value is an error
  // Cell text (compared trimmed and case-insensitively) -> value.
  std::map<std::string, std::string> values;

  // The columns this source reads.
  std::vector<std::string> Columns() const;
};

// One payload field: `path` inside the event kind's struct ("to",
// "levels[0].level") and its source.
struct CsvField {
  std::string path;
  CsvSource source;
};

// The fields of one event kind, and envelope values that differ from the
// mapping-wide columns for it.
struct CsvEventMapping {
  std::string kind;  // "rankPromoted"
  std::vector<CsvField> fields;
  std::optional<CsvSource> effective_date;
  std::optional<CsvSource> decree_number;
  std::optional<CsvSource> signer;
  std::optional<CsvSource> signing_date;
};

struct CsvMapping {
  char delimiter = ',';
  std::string agency;        // actor.agency and the default of `agency` fields
  std::string actor_user = "csv-import";
  std::string actor_role = "operator kepegawaian";
  // Accepted date forms, tried in order: tokens dd, mm, yyyy, month
  // (Indonesian or English month name) and separators. Default
  // dd-mm-yyyy, dd/mm/yyyy, yyyy-mm-dd.
  std::vector<std::string> date_formats;
  // How event ids are made (docs/import.md "Event ids"): from the row's
  // natural key (default), its row number, or a hash of all its cells.
  enum class Ids { kKey, kRow, kHash };
  Ids ids = Ids::kKey;
  // The columns of the natural key, for every kind. Empty (default): per
  // kind, the columns that feed the NIP, the type code, the TMT and the
  // decree number.
  std::vector<std::string> key;
  // The id of this migration, written as every event's source.migration
  // (docs/events.md): the audit knows events of one migration together
  // (docs/audit.md "migrated history"). Part of the events' content, so
  // keep it when re-running a file. "" (default) = none.
  std::string migration;
  // Prefix of event ids. Default: "csv" for key ids; the CSV file's name
  // for row and hash ids.
  std::string id_prefix;

  CsvSource nip;             // required
  CsvSource type;            // required
  std::optional<CsvSource> effective_date;
  std::optional<CsvSource> decree_number;
  std::optional<CsvSource> signer;
  std::optional<CsvSource> signing_date;

  // Type code (upper case) -> event kind.
  std::map<std::string, std::string> types;
  // Enum type name ("Gender") -> cell text (upper case) -> enumerant.
  std::map<std::string, std::map<std::string, std::string>> values;
  // Event kind -> its fields.
  std::map<std::string, CsvEventMapping> events;
};

// Parses and checks a mapping: JSON syntax, known keys, event kinds that
// exist and belong on employee streams, field paths that exist in the
// schema and end on a value a cell can hold. InvalidArgument naming the
// mapping key ("events.rankPromoted.too: RankPromoted has no field too").
[[nodiscard]] Result<CsvMapping> ParseCsvMapping(std::string_view json);

// Reads and parses a mapping file. NotFound when it cannot be opened.
[[nodiscard]] Result<CsvMapping> LoadCsvMapping(const std::string& path);

}  // namespace jejak::ingest
