// Inline SVG bar charts for the HTML report: no scripts, no external
// assets, every label escaped. Horizontal bars, one row per label, each
// bar stacked from the series' values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace jejak::audit {

struct ChartSeries {
  std::string name;   // in the legend
  std::string color;  // a CSS color, e.g. "#b3261e" (not from the ledger)
};
struct ChartRow {
  std::string label;  // left of the bar
  std::string href;   // "" or a link the label and bar open (relative URL)
  std::vector<uint64_t> values;  // one per series
};

// An <svg> element (with a <title> for screen readers) of `rows`, bars
// scaled to the largest row total, or each to 100% when `shares` (a
// distribution; the row's total is printed after the bar either way).
// Rows past `max_rows` are summed into one "(N more)" row. An empty chart
// ("no data") when rows is empty.
std::string BarChart(const std::string& title, const std::vector<ChartSeries>& series,
                     const std::vector<ChartRow>& rows, bool shares = false,
                     size_t max_rows = 60);

}  // namespace jejak::audit
