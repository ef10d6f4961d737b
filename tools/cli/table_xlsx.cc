#include "table_xlsx.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <memory>

#include "jejak/domain/date.h"

namespace jejak::cli {

namespace {

using projection::ColumnKind;

// Display width of a UTF-8 cell: its lead bytes.
size_t Width(const std::string& s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

Status Check(lxw_error e, const std::string& path) {
  if (e == LXW_NO_ERROR) return Status::Ok();
  return Status::IOError("writing " + path + ": " + lxw_strerror(e));
}

struct WorkbookCloser {
  void operator()(lxw_workbook* wb) const { workbook_close(wb); }
};

}  // namespace

Status WriteXlsx(const projection::Table& t, const std::vector<ColumnKind>& kinds, const std::string& path,
                 const std::string& sheet) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  lxw_workbook* raw = workbook_new_opt(path.c_str(), &options);
  if (raw == nullptr) return Status::IOError("cannot create " + path);
  std::unique_ptr<lxw_workbook, WorkbookCloser> wb(raw);
  lxw_worksheet* ws = workbook_add_worksheet(wb.get(), sheet.substr(0, 31).c_str());
  if (ws == nullptr) return Status::InvalidArgument("sheet name \"" + sheet + "\" refused by libxlsxwriter");
  lxw_format* header = workbook_add_format(wb.get());
  format_set_bold(header);
  lxw_format* date = workbook_add_format(wb.get());
  format_set_num_format(date, "dd-mm-yyyy");
  lxw_format* text = workbook_add_format(wb.get());
  format_set_num_format(text, "@");

  std::vector<size_t> width(t.columns.size(), 0);
  for (size_t c = 0; c < t.columns.size(); ++c) {
    width[c] = Width(t.columns[c]);
    JEJAK_RETURN_IF_ERROR(Check(
        worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.columns[c].c_str(), header), path));
  }
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1);
    for (size_t c = 0; c < t.rows[r].size() && c < t.columns.size(); ++c) {
      const std::string& cell = t.rows[r][c];
      const auto col = static_cast<lxw_col_t>(c);
      width[c] = std::max(width[c], Width(cell));
      if (cell.empty()) continue;
      const ColumnKind kind = c < kinds.size() ? kinds[c] : ColumnKind::kText;
      lxw_error e = LXW_NO_ERROR;
      if (kind == ColumnKind::kDate) {
        auto d = domain::ParseDate(cell);
        if (!d.ok()) return Status::InvalidArgument("column " + t.columns[c] + ": \"" + cell + "\" is not a date");
        lxw_datetime dt{static_cast<int>(*d / 10000), static_cast<int>(*d / 100 % 100), static_cast<int>(*d % 100),
                        0, 0, 0};
        e = worksheet_write_datetime(ws, row, col, &dt, date);
      } else if (kind == ColumnKind::kNumber) {
        int64_t n = 0;
        auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), n);
        if (ec != std::errc() || end != cell.data() + cell.size()) {
          return Status::InvalidArgument("column " + t.columns[c] + ": \"" + cell + "\" is not a number");
        }
        e = worksheet_write_number(ws, row, col, static_cast<double>(n), nullptr);
      } else {
        e = worksheet_write_string(ws, row, col, cell.c_str(), kind == ColumnKind::kNip ? text : nullptr);
      }
      JEJAK_RETURN_IF_ERROR(Check(e, path));
    }
  }
  for (size_t c = 0; c < width.size(); ++c) {
    const double w = static_cast<double>(std::min<size_t>(width[c] + 2, 60));
    JEJAK_RETURN_IF_ERROR(
        Check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr), path));
  }
  worksheet_freeze_panes(ws, 1, 0);
  if (!t.columns.empty()) {
    JEJAK_RETURN_IF_ERROR(Check(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(t.rows.size()),
                                                     static_cast<lxw_col_t>(t.columns.size() - 1)),
                                path));
  }
  return Check(workbook_close(wb.release()), path);
}

}  // namespace jejak::cli
