// Text forms of query tables and profiles, shared by the command line and
// (later) the server.
#pragma once

#include <string>
#include <string_view>

#include "jejak/projection/profile_view.h"
#include "jejak/projection/profile_record.h"
#include "jejak/projection/profile_summary.h"
#include "jejak/projection/queries.h"
#include "jejak/projection/table_labels.h"
#include "jejak/json_string.h"

namespace jejak::projection {

// A JSON string literal of `s` (quotes included): jejak/json_string.h.
using ::jejak::JsonString;

// How FormatCsv writes. The default is RFC 4180 (comma, CRLF, no BOM).
struct CsvOptions {
  char separator = ',';          // ';' for a spreadsheet in Indonesian locale
  bool byte_order_mark = false;  // a UTF-8 BOM first, so that Excel reads UTF-8
  // The kind of each column (ColumnKinds, computed from the column keys
  // before Localized); with text_formulas, a kNip cell is written as the
  // formula ="<NIP>", which Excel shows as the 18 digits as text (read as
  // a number it would round to 1.97508E+17). Empty: every column is text.
  std::vector<ColumnKind> kinds;
  bool text_formulas = false;
};

// Aligned columns with a header line; CSV (RFC 4180, or as `options` say)
// with a header line; JSON: an array of objects keyed by the column names.
std::string FormatAligned(const Table& t);
std::string FormatCsv(const Table& t, const CsvOptions& options = {});
std::string FormatJson(const Table& t);

// A profile as the command line shows it (sections of "label  value"
// lines), and as one JSON object. `view` must be Derive(s, def, ...).
std::string ProfileToText(const ProfileState& s, const ProfileView& view);
std::string ProfileToJson(const ProfileState& s, const ProfileView& view);

// A summary (profile_summary.h) as `jejak profile --summary` shows it:
// "label  value" lines, with the JP of `jp_year`; and as one JSON object.
std::string SummaryToText(const ProfileSummary& s, uint16_t jp_year);
std::string SummaryToJson(const ProfileSummary& s);

// The view of a profile read from the projection (`reconstructed` false)
// or reconstructed as of a cut, on `reference` (today, or the cut's valid
// date): the current position's definition in force on `reference`
// (for the live profile, else its latest version). Points into `rec`.
ProfileView ViewOfRecord(const ProfileRecord& rec, uint32_t reference, bool reconstructed,
                         const Rules& rules);

}  // namespace jejak::projection
