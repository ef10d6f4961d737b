#include <algorithm>
#include <cstdio>

#include "jejak/projection/format.h"

namespace jejak::projection {

namespace {

// Display width: count UTF-8 lead bytes only.
size_t Width(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

std::string CsvCell(const std::string& s, char separator) {
  const char special[] = {separator, '"', '\n', '\r', '\0'};
  if (s.find_first_of(special) == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string FormatAligned(const Table& t) {
  std::vector<size_t> width(t.columns.size(), 0);
  for (size_t c = 0; c < t.columns.size(); ++c) width[c] = Width(t.columns[c]);
  for (const auto& row : t.rows) {
    for (size_t c = 0; c < row.size() && c < width.size(); ++c) width[c] = std::max(width[c], Width(row[c]));
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (size_t c = 0; c < cells.size() && c < width.size(); ++c) {
      l += cells[c];
      if (c + 1 < cells.size()) l += std::string(width[c] - Width(cells[c]) + 2, ' ');
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  };
  line(t.columns);
  for (const auto& row : t.rows) line(row);
  return out;
}

std::string FormatCsv(const Table& t, const CsvOptions& options) {
  std::string out = options.byte_order_mark ? "\xEF\xBB\xBF" : "";
  auto line = [&](const std::vector<std::string>& cells, bool header) {
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) out += options.separator;
      const bool nip = !header && options.text_formulas && c < options.kinds.size() &&
                       options.kinds[c] == ColumnKind::kNip && !cells[c].empty();
      out += CsvCell(nip ? "=\"" + cells[c] + "\"" : cells[c], options.separator);
    }
    out += "\r\n";
  };
  line(t.columns, true);
  for (const auto& row : t.rows) line(row, false);
  return out;
}

std::string FormatJson(const Table& t) {
  std::string out = "[";
  for (size_t r = 0; r < t.rows.size(); ++r) {
    out += r == 0 ? "\n  {" : ",\n  {";
    for (size_t c = 0; c < t.columns.size() && c < t.rows[r].size(); ++c) {
      if (c > 0) out += ", ";
      std::string key = t.columns[c];
      std::transform(key.begin(), key.end(), key.begin(),
                     [](char ch) { return static_cast<char>(std::tolower(static_cast<unsigned char>(ch))); });
      out += JsonString(key) + ": " + JsonString(t.rows[r][c]);
    }
    out += "}";
  }
  return out + (t.rows.empty() ? "]\n" : "\n]\n");
}

}  // namespace jejak::projection
