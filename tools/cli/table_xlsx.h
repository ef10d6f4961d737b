// A query table as an Excel workbook (libxlsxwriter): one sheet, a bold
// header row frozen with a filter, columns as wide as their text. NIP
// cells are strings (never numbers: 18 digits would be rounded), dates
// real dates shown dd-mm-yyyy, counts numbers, the rest strings.
#pragma once

#include <string>
#include <vector>

#include "jejak/projection/queries.h"
#include "jejak/projection/table_labels.h"
#include "jejak/status.h"

namespace jejak::cli {

// Writes `t` (already Localized, if wanted) to `path`, replacing it, on a
// sheet named `sheet` (cut to Excel's 31 characters). `kinds` holds the
// kind of each column (ColumnKinds of the table before it was localized).
// IOError naming the file when it cannot be written; InvalidArgument for a
// cell that claims a kind it does not have (a bug in a query).
[[nodiscard]] Status WriteXlsx(const projection::Table& t, const std::vector<projection::ColumnKind>& kinds,
                               const std::string& path, const std::string& sheet);

}  // namespace jejak::cli
