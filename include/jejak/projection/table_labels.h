// Query tables for people: column labels and cell values in Indonesian
// (the default of the command line's lists) or English, and what kind of
// value each column holds (so that a spreadsheet keeps a NIP as text and a
// date as a date). A table's own column names (queries.h: "NIP",
// "UNIT_NAME", "ELIGIBLE", ...) are its stable keys: JSON output and the
// server use them unchanged.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "jejak/projection/lang.h"
#include "jejak/projection/queries.h"
#include "jejak/status.h"

namespace jejak::projection {

enum class ColumnKind {
  kText,
  kNip,     // 18 digits: text, never a number (a spreadsheet would round it)
  kDate,    // YYYY-MM-DD or empty
  kNumber,  // a whole number or empty
};

// The kind of the column named `key`.
ColumnKind KindOfColumn(std::string_view key);
std::vector<ColumnKind> ColumnKinds(const Table& t);

// `t` with its column keys replaced by labels in `lang` and the coded
// values of the columns that hold codes (status, yes/no, position level,
// predikat, potential) by words in `lang`. Other cells (names, codes,
// reasons) are unchanged. A key or value without a label keeps its text.
Table Localized(Table t, Lang lang);

// The word in `lang` for `code`, a value of the coded column `key` (e.g.
// "STATUS", "retirement" -> "pensiun"); `code` itself when it has none.
std::string ValueWord(std::string_view key, std::string_view code, Lang lang);

}  // namespace jejak::projection
