#include "audit/svg_chart.h"

#include <algorithm>

#include "jejak/audit/report_format.h"

namespace jejak::audit {

namespace {

constexpr int kLabelWidth = 230;
constexpr int kBarWidth = 460;
constexpr int kRowHeight = 18;
constexpr int kLegendHeight = 22;

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

uint64_t Total(const ChartRow& r) {
  uint64_t t = 0;
  for (uint64_t v : r.values) t += v;
  return t;
}

// A label cut to fit its column (about 6.5 px a character at 12 px).
std::string Fit(const std::string& s) {
  constexpr size_t kMax = 34;
  if (s.size() <= kMax) return s;
  size_t n = kMax - 1;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // UTF-8 boundary
  return s.substr(0, n) + "\u2026";
}

}  // namespace

std::string BarChart(const std::string& title, const std::vector<ChartSeries>& series,
                     const std::vector<ChartRow>& all_rows, bool shares, size_t max_rows) {
  std::vector<ChartRow> rows(all_rows.begin(),
                             all_rows.begin() + std::min(all_rows.size(), max_rows));
  if (all_rows.size() > max_rows) {
    ChartRow rest{"(" + std::to_string(all_rows.size() - max_rows) + " more)", "",
                  std::vector<uint64_t>(series.size(), 0)};
    for (size_t i = max_rows; i < all_rows.size(); ++i) {
      for (size_t s = 0; s < series.size() && s < all_rows[i].values.size(); ++s) {
        rest.values[s] += all_rows[i].values[s];
      }
    }
    rows.push_back(std::move(rest));
  }
  uint64_t max_total = 1;
  for (const auto& r : rows) max_total = std::max(max_total, Total(r));
  const int height = kLegendHeight + static_cast<int>(std::max<size_t>(rows.size(), 1)) * kRowHeight + 6;
  const int width = kLabelWidth + kBarWidth + 90;
  std::string o = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=chart width=\"" +
                  std::to_string(width) + "\" height=\"" + std::to_string(height) +
                  "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
                  "\" role=\"img\" font-size=\"12\"><title>" + HtmlEscape(title) + "</title>\n";
  // Legend.
  int x = kLabelWidth;
  for (const auto& s : series) {
    o += "<rect x=\"" + std::to_string(x) + "\" y=\"4\" width=\"10\" height=\"10\" fill=\"" +
         s.color + "\"/><text x=\"" + std::to_string(x + 14) + "\" y=\"13\">" +
         HtmlEscape(s.name) + "</text>\n";
    x += 24 + static_cast<int>(s.name.size()) * 7;
  }
  if (rows.empty()) {
    o += "<text x=\"" + std::to_string(kLabelWidth) + "\" y=\"" +
         std::to_string(kLegendHeight + 13) + "\">no data</text>\n";
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    const ChartRow& r = rows[i];
    const int y = kLegendHeight + static_cast<int>(i) * kRowHeight;
    const uint64_t total = Total(r);
    const double scale =
        shares ? (total > 0 ? static_cast<double>(kBarWidth) / static_cast<double>(total) : 0)
               : static_cast<double>(kBarWidth) / static_cast<double>(max_total);
    if (!r.href.empty()) o += "<a href=\"" + HtmlEscape(r.href) + "\">";
    o += "<text x=\"" + std::to_string(kLabelWidth - 6) + "\" y=\"" + std::to_string(y + 13) +
         "\" text-anchor=\"end\">" + HtmlEscape(Fit(r.label)) + "</text>";
    double bx = kLabelWidth;
    for (size_t s = 0; s < series.size() && s < r.values.size(); ++s) {
      if (r.values[s] == 0) continue;
      const double w = static_cast<double>(r.values[s]) * scale;
      o += "<rect x=\"" + Num(bx) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" + Num(w) +
           "\" height=\"" + std::to_string(kRowHeight - 5) + "\" fill=\"" + series[s].color +
           "\"><title>" + HtmlEscape(r.label + ": " + series[s].name + " " +
                                     std::to_string(r.values[s])) +
           "</title></rect>";
      bx += w;
    }
    o += "<text x=\"" + Num(bx + 5) + "\" y=\"" + std::to_string(y + 13) + "\">" +
         std::to_string(total) + "</text>";
    if (!r.href.empty()) o += "</a>";
    o += "\n";
  }
  o += "</svg>\n";
  return o;
}

}  // namespace jejak::audit
