// WriteSite: the HTML report as a directory of pages (an index with the
// summary and charts, one or more pages per agency), so that a region's
// report opens quickly in a browser whatever its size. Same CSS and
// escaping as the single page (report_html.cc).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "audit/report_html_parts.h"
#include "audit/svg_chart.h"
#include "jejak/audit/report_format.h"
#include "jejak/domain/date.h"

namespace jejak::audit {

namespace {

using html::E;

constexpr const char* kSiteStyle =
    "nav{margin:.5em 0}nav a{margin-right:1em}svg.chart{display:block;margin:.4em 0 1em}"
    "svg.chart text{fill:#1d2733}svg.chart a text{fill:#1a56b0;text-decoration:underline}";

const std::vector<ChartSeries>& VerdictSeries() {
  static const std::vector<ChartSeries> kSeries = {{"with findings", "#b3261e"},
                                                   {"insufficient evidence", "#a16207"},
                                                   {"compliant", "#2f7d32"}};
  return kSeries;
}

// "kota-a" -> "kota-a"; other characters become '_'.
std::string Slug(const std::string& agency) {
  std::string s;
  for (char c : agency) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    s += keep ? c : (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : '_';
  }
  return s.empty() || s[0] == '.' ? "_" + s : s;
}

uint16_t Year(uint32_t date) { return static_cast<uint16_t>(date / 10000); }

// Verdict order of the pages: findings, insufficient evidence, compliant,
// retracted (as the single page).
int Rank(Verdict v) {
  switch (v) {
    case Verdict::kFindings: return 0;
    case Verdict::kInsufficientEvidence: return 1;
    case Verdict::kCompliant: return 2;
    case Verdict::kRetracted: return 3;
  }
  return 4;
}

struct AgencyPages {
  std::string agency;
  std::string slug;
  std::vector<const DecisionVerdict*> decisions;  // in page order
  std::vector<const RecordFinding*> record_findings;
  size_t pages = 1;
  std::string Page(size_t i) const {  // 0-based
    return "agency-" + slug + (i == 0 ? "" : "-" + std::to_string(i + 1)) + ".html";
  }
};

void PageStart(std::ostream& o, const std::string& title) {
  o << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>"
    << E(title) << "</title><style>" << html::Style() << kSiteStyle
    << "</style></head><body>\n";
}

void HeadLine(std::ostream& o, const AuditReport& r) {
  o << "<p class=meta>Ledger head at audit time: position <b>" << r.head.position
    << "</b>, chain head <code>" << E(store::ToHex(r.head.chain)) << "</code>, Merkle tree root <code>"
    << E(store::ToHex(r.head.tree_root)) << "</code>. Audited "
    << E(domain::FormatTimestamp(r.audited_at_us)) << "; " << r.stats.events_read
    << " events read, each checked against its stored hashes.";
  if (r.since != 0 || r.until != UINT32_MAX) {
    o << " Decisions effective " << (r.since != 0 ? "from " + html::Date(r.since) + " " : "")
      << (r.until != UINT32_MAX ? "to " + html::Date(r.until) : "") << ".";
  }
  if (!r.agency.empty()) o << " Agency " << E(r.agency) << " only.";
  o << "</p>\n";
}

// Findings by rule, decisions by verdict per year, of `decisions` and
// `records`.
void Charts(std::ostream& o, const AuditReport& r, const std::vector<const DecisionVerdict*>& ds,
            const std::vector<const RecordFinding*>& records) {
  std::map<RuleId, uint64_t> by_rule;
  std::map<uint16_t, std::vector<uint64_t>> by_year;  // with findings, insufficient, compliant
  for (const DecisionVerdict* v : ds) {
    for (const auto& f : v->findings) ++by_rule[f.rule];
    const Verdict verdict = v->verdict();
    if (verdict == Verdict::kRetracted) continue;
    auto& y = by_year[Year(v->decision.effective)];
    y.resize(3);
    ++y[static_cast<size_t>(Rank(verdict))];
  }
  for (const RecordFinding* f : records) ++by_rule[f->finding.rule];
  std::vector<ChartRow> rules;
  for (RuleId id : r.rules) {
    auto it = by_rule.find(id);
    if (it != by_rule.end()) rules.push_back({std::string(RuleName(id)), "", {it->second}});
  }
  o << "<h2>Charts</h2>\n<h3>Findings by rule</h3>\n"
    << BarChart("Findings by rule", {{"findings", "#b3261e"}}, rules);
  std::vector<ChartRow> years;
  for (const auto& [year, counts] : by_year) years.push_back({std::to_string(year), "", counts});
  o << "<h3>Decisions by year, by verdict</h3>\n"
    << BarChart("Decisions by year of their effective date, by verdict", VerdictSeries(), years);
}

// The predikat distribution of the effective ratings of `agency` ("" =
// all), by rated year.
void RatingsChart(std::ostream& o, const AuditReport& r, const std::string& agency) {
  std::map<uint16_t, std::vector<uint64_t>> years;
  for (const auto& [key, counts] : r.ratings) {
    if (!agency.empty() && key.first != agency) continue;
    auto& y = years[key.second];
    y.resize(5);
    for (size_t p = 1; p < counts.size() && p <= 5; ++p) y[p - 1] += counts[p];
  }
  std::vector<ChartRow> rows;
  for (const auto& [year, counts] : years) rows.push_back({std::to_string(year), "", counts});
  o << "<h3>Predikat of the ratings on record, by year</h3>\n<p class=meta>The share of each predikat among "
       "the ratings on record (as corrected), by rated year: a year that is nearly all Sangat "
       "Baik does not tell ratees apart. Evaluators flagged for it are under evaluation "
       "findings.</p>\n"
    << BarChart("Predikat of the ratings on record, by year",
                {{"Sangat Baik", "#1d4ed8"},
                 {"Baik", "#2f7d32"},
                 {"Butuh Perbaikan", "#a16207"},
                 {"Kurang", "#c2410c"},
                 {"Sangat Kurang", "#b3261e"}},
                rows, /*shares=*/true);
}

Status WritePage(const std::filesystem::path& path, const std::string& text,
                 SiteStats* stats) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError("cannot create " + path.string());
  out << text;
  out.close();
  if (!out) return Status::IOError("writing " + path.string() + " failed");
  ++stats->pages;
  stats->bytes += text.size();
  stats->largest_page_bytes = std::max<uint64_t>(stats->largest_page_bytes, text.size());
  return Status::Ok();
}

std::string IndexPage(const AuditReport& r, const std::vector<AgencyPages>& agencies) {
  std::ostringstream o;
  PageStart(o, "jejak merit audit");
  o << "<h1>Merit audit</h1>\n";
  HeadLine(o, r);
  o << "<p>Every decision is judged with the facts the ledger held when it was recorded, "
       "against the rules in force on its effective date. Each agency's page lists its "
       "decisions with their evidence (position, event id, leaf hash): <code>jejak verify</code> "
       "recomputes every hash, <code>jejak history --json &lt;stream&gt;</code> prints them.</p>\n";
  html::Summary(o, r);
  std::vector<const DecisionVerdict*> all;
  for (const auto& v : r.decisions) all.push_back(&v);
  std::vector<const RecordFinding*> records;
  for (const auto& f : r.record_findings) records.push_back(&f);
  Charts(o, r, all, records);
  std::vector<ChartRow> rows;
  for (const auto& a : agencies) {
    ChartRow row{a.agency.empty() ? "(none)" : a.agency, a.Page(0), {0, 0, 0}};
    for (const DecisionVerdict* v : a.decisions) {
      const int k = Rank(v->verdict());
      if (k < 3) ++row.values[static_cast<size_t>(k)];
    }
    rows.push_back(std::move(row));
  }
  o << "<h3>Decisions by agency, by verdict</h3>\n"
    << BarChart("Decisions by agency, by verdict", VerdictSeries(), rows, false, 200);
  RatingsChart(o, r, "");
  o << "<h2>Agency pages</h2>\n<table><tr><th>agency</th><th>decisions</th>"
       "<th>evaluation findings</th><th>pages</th></tr>\n";
  for (const auto& a : agencies) {
    o << "<tr><td><a href=\"" << E(a.Page(0)) << "\">"
      << E(a.agency.empty() ? "(none)" : a.agency) << "</a></td><td class=n>"
      << a.decisions.size() << "</td><td class=n>" << a.record_findings.size()
      << "</td><td class=n>" << a.pages << "</td></tr>\n";
  }
  o << "</table>\n</body></html>\n";
  return o.str();
}

std::string AgencyPage(const AuditReport& r, const AgencyPages& a, size_t page,
                       size_t per_page) {
  std::ostringstream o;
  const std::string name = a.agency.empty() ? "(none)" : a.agency;
  PageStart(o, "jejak merit audit: " + name);
  auto nav = [&] {
    o << "<nav><a href=\"index.html\">&larr; all agencies</a>";
    if (a.pages > 1) {
      o << "pages:";
      for (size_t i = 0; i < a.pages; ++i) {
        if (i == page) {
          o << " <b>" << i + 1 << "</b>";
        } else {
          o << " <a href=\"" << E(a.Page(i)) << "\">" << i + 1 << "</a>";
        }
      }
    }
    o << "</nav>\n";
  };
  nav();
  o << "<h1>Merit audit: " << E(name) << "</h1>\n";
  HeadLine(o, r);
  if (page == 0) {
    uint64_t counts[4] = {0, 0, 0, 0};
    for (const DecisionVerdict* v : a.decisions) ++counts[Rank(v->verdict())];
    o << "<table><tr><th>decisions</th><td class=n>" << a.decisions.size()
      << "</td></tr><tr><th>with findings</th><td class=n>" << counts[0]
      << "</td></tr><tr><th>insufficient evidence</th><td class=n>" << counts[1]
      << "</td></tr><tr><th>transparent and compliant</th><td class=n>" << counts[2]
      << "</td></tr><tr><th>retracted (not judged)</th><td class=n>" << counts[3]
      << "</td></tr><tr><th>evaluation findings</th><td class=n>" << a.record_findings.size()
      << "</td></tr></table>\n";
    Charts(o, r, a.decisions, a.record_findings);
    RatingsChart(o, r, a.agency);
    o << "<h2>Evaluation findings (" << a.record_findings.size() << ")</h2>\n";
    for (const RecordFinding* f : a.record_findings) {
      o << "<details><summary><span class=\"badge findings\">findings</span>#"
        << f->subject.position << " &middot; " << E(f->about) << " &middot; "
        << E(RuleName(f->finding.rule)) << "</summary>\n";
      html::FindingBlock(o, r, f->finding);
      o << "</details>\n";
    }
  }
  const size_t first = page * per_page;
  const size_t last = std::min(a.decisions.size(), first + per_page);
  o << "<h2>Decisions " << (a.decisions.empty() ? 0 : first + 1) << "&ndash;" << last << " of "
    << a.decisions.size() << "</h2>\n<p>With findings first, then insufficient evidence, "
    << "compliant and retracted; open one to see the decision event, the findings and the "
    << "evidence it was judged on.</p>\n";
  int shown = -1;
  static constexpr const char* kTitles[] = {"With findings", "Insufficient evidence to judge",
                                            "Transparent and compliant",
                                            "Retracted (not judged)"};
  for (size_t i = first; i < last; ++i) {
    const int k = Rank(a.decisions[i]->verdict());
    if (k != shown) {
      o << "<h3>" << kTitles[k] << "</h3>\n";
      shown = k;
    }
    html::DecisionBlock(o, r, *a.decisions[i]);
  }
  nav();
  o << "</body></html>\n";
  return o.str();
}

}  // namespace

Result<SiteStats> WriteSite(const AuditReport& r, const std::string& dir,
                            const SiteOptions& options) {
  if (options.decisions_per_page == 0) {
    return Status::InvalidArgument("site: decisions per page must be at least 1");
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IOError("cannot create directory " + dir + ": " + ec.message());

  std::map<std::string, AgencyPages> by_agency;
  for (const auto& v : r.decisions) by_agency[v.agency].decisions.push_back(&v);
  for (const auto& f : r.record_findings) by_agency[f.agency].record_findings.push_back(&f);
  std::vector<AgencyPages> agencies;
  std::set<std::string> slugs;
  for (auto& [name, a] : by_agency) {
    a.agency = name;
    a.slug = Slug(name);
    for (int n = 2; !slugs.insert(a.slug).second; ++n) a.slug = Slug(name) + "_" + std::to_string(n);
    std::stable_sort(a.decisions.begin(), a.decisions.end(),
                     [](const DecisionVerdict* x, const DecisionVerdict* y) {
                       return Rank(x->verdict()) < Rank(y->verdict());
                     });
    a.pages = std::max<size_t>(
        1, (a.decisions.size() + options.decisions_per_page - 1) / options.decisions_per_page);
    agencies.push_back(std::move(a));
  }

  SiteStats stats;
  const std::filesystem::path root(dir);
  JEJAK_RETURN_IF_ERROR(WritePage(root / "index.html", IndexPage(r, agencies), &stats));
  for (const auto& a : agencies) {
    for (size_t p = 0; p < a.pages; ++p) {
      JEJAK_RETURN_IF_ERROR(WritePage(root / a.Page(p),
                                      AgencyPage(r, a, p, options.decisions_per_page), &stats));
    }
  }
  return stats;
}

}  // namespace jejak::audit
