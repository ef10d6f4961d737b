#include "peer_report.h"

#include <functional>

#include "bench_util.h"

namespace jejak::bench {

namespace {

const LegFigures* Find(const std::map<std::string, LegFigures>& legs, const std::string& key) {
  auto it = legs.find(key);
  return it == legs.end() ? nullptr : &it->second;
}

// How many profiles of `a` `b` holds identically.
size_t Agreeing(const Rows& a, const Rows& b) {
  size_t n = 0;
  for (const auto& [nip, row] : a) {
    auto it = b.find(nip);
    if (it != b.end() && it->second == row) ++n;
  }
  return n;
}

// The first field where two rows differ, for the report.
std::string FirstDifference(const ProfileRow& a, const ProfileRow& b) {
  if (a.name != b.name) return "name";
  if (a.agency != b.agency || a.unit != b.unit) return "agency/unit";
  if (a.position_id != b.position_id || a.position_name != b.position_name) return "position";
  if (a.position_tmt != b.position_tmt) return "position TMT";
  if (a.golongan != b.golongan || a.golongan_tmt != b.golongan_tmt) return "golongan";
  if (a.predikat != b.predikat || a.predikat_year != b.predikat_year) return "predikat";
  if (a.jp_year != b.jp_year) return "JP";
  if (a.separated != b.separated) return "separated";
  return "last position";
}

// "12 golongan, 3 JP" over the profiles where `a` and `b` differ.
std::string Differences(const Rows& a, const Rows& b) {
  std::map<std::string, size_t> count;
  for (const auto& [nip, row] : a) {
    auto it = b.find(nip);
    if (it == b.end()) {
      ++count["missing"];
    } else if (!(it->second == row)) {
      ++count[FirstDifference(row, it->second)];
    }
  }
  std::string s;
  for (const auto& [what, n] : count) {
    s += (s.empty() ? "" : ", ") + std::to_string(n) + " " + what;
  }
  return s.empty() ? "none" : s;
}

struct Metric {
  std::string label;
  std::function<double(const LegFigures&)> get;
  bool higher_is_better;  // rates; latencies are lower-is-better
  int digits;
};

std::string Cell(const LegFigures* f, const Metric& m) {
  if (f == nullptr) return "-";
  const double v = m.get(*f);
  if (v < 0) return "-";
  return m.digits == 0 ? FormatCount(v) : FormatFixed(v, m.digits);
}

// jejak's advantage: rate ratio, or latency ratio inverted.
double Advantage(const LegFigures* jejak, const LegFigures* peer, const Metric& m) {
  if (jejak == nullptr || peer == nullptr) return -1;
  const double j = m.get(*jejak), p = m.get(*peer);
  if (j <= 0 || p <= 0) return -1;
  return m.higher_is_better ? j / p : p / j;
}

std::string RatioCell(double r) { return r < 0 ? "-" : FormatFixed(r, 2) + "x"; }

}  // namespace

int PrintReport(const std::map<std::string, LegFigures>& legs, const ReportContext& ctx,
                std::ostream& out) {
  const LegFigures* jejak = Find(legs, "jejak");
  const LegFigures* pg = Find(legs, "postgresql");
  const LegFigures* lite = Find(legs, "sqlite");
  // The goals' metrics, then the table's rows in order.
  const Metric ingest{"ingest, events/s (durable + profiles current)",
                      [](auto& f) { return f.ingest_rate; }, true, 0};
  const Metric rebuild{"full projection rebuild, events/s", [](auto& f) { return f.rebuild_rate; },
                       true, 0};
  const Metric read{"profile read p50, us", [](auto& f) { return f.read_p50; }, false, 1};
  const std::vector<Metric> metrics = {
      ingest,
      {"ingest, CPU us per event (all processes)", [](auto& f) { return f.ingest_cpu_us; },
       false, 1},
      {"ingest, ms per batch p50", [](auto& f) { return f.batch_p50; }, false, 1},
      {"ingest, ms per batch p99", [](auto& f) { return f.batch_p99; }, false, 1},
      rebuild,
      {"full projection rebuild, s", [](auto& f) { return f.rebuild_seconds; }, false, 2},
      {"full projection rebuild, CPU us per event", [](auto& f) { return f.rebuild_cpu_us; },
       false, 2},
      read,
      {"profile read p99, us", [](auto& f) { return f.read_p99; }, false, 1},
      {"profile read, CPU us per read", [](auto& f) { return f.read_cpu_us; }, false, 1},
      {"as-of one career p50, us", [](auto& f) { return f.as_of_p50; }, false, 1},
      {"as-of one career p99, us", [](auto& f) { return f.as_of_p99; }, false, 1},
      {"as-of one career, CPU us per career", [](auto& f) { return f.as_of_cpu_us; }, false, 1},
      {"disk after the run, MB",
       [](auto& f) { return f.disk_bytes == 0 ? -1.0 : static_cast<double>(f.disk_bytes) / 1e6; },
       false, 1},
  };
  MarkdownTable table({"metric", "jejak", "PostgreSQL", "SQLite", "jejak/PG", "jejak/SQLite"});
  for (const Metric& m : metrics) {
    table.AddRow({m.label, Cell(jejak, m), Cell(pg, m), Cell(lite, m),
                  RatioCell(Advantage(jejak, pg, m)), RatioCell(Advantage(jejak, lite, m))});
  }

  out << "peer_bench: " << FormatCount(static_cast<double>(ctx.events)) << " events, "
      << FormatCount(static_cast<double>(ctx.employees)) << " employees; batches of "
      << ctx.batch << " events; " << ctx.reads << " profile reads and " << ctx.as_of
      << " as-of per leg; " << ctx.load_before << " at start, " << MachineLoad() << " at end\n";
  for (const LegFigures* f : {jejak, pg, lite}) {
    if (f != nullptr) out << "- " << f->describe << "\n";
  }
  out << "\n" << table.ToString() << "\n";
  out << "Ratios: jejak's advantage (rates jejak/peer, latencies peer/jejak; > 1 = jejak "
         "faster).\n\n";

  auto goal = [&](const std::string& what, const Metric& m, double need) {
    const double r = Advantage(jejak, pg, m);
    out << "- goal: " << what << " >= " << FormatFixed(need, 0) << "x PostgreSQL: "
        << (r < 0 ? "not measured" : RatioCell(r) + (r >= need ? " PASS" : " FAIL")) << "\n";
  };
  goal("ingest", ingest, 3);
  goal("rebuild", rebuild, 3);
  goal("profile reads (p50 latency, inverted)", read, 10);

  int exit_code = ctx.checks_ok ? 0 : 1;
  out << "- check: rebuilt profiles equal ingested ones in every leg: "
      << (ctx.checks_ok ? "yes" : "NO") << "\n";
  if (pg != nullptr && lite != nullptr) {
    const bool same = pg->rows == lite->rows;
    out << "- check: PostgreSQL and SQLite hold identical profiles: "
        << (same ? "yes" : "NO (" + Differences(pg->rows, lite->rows) + ")") << "\n";
    if (!same) exit_code = 1;
  }
  for (const LegFigures* peer : {pg, lite}) {
    if (jejak == nullptr || peer == nullptr) continue;
    out << "- info: jejak's profiles equal the peers' simple fold for "
        << Agreeing(jejak->rows, peer->rows) << " of " << jejak->rows.size()
        << " employees; first differing field elsewhere: "
        << Differences(jejak->rows, peer->rows) << "\n";
    break;
  }
  if (jejak != nullptr && !jejak->breakdown.empty()) {
    out << "- info: jejak ingest " << FormatFixed(jejak->ingest_seconds, 2)
        << " s = " << jejak->breakdown << "\n";
  }
  out << "\ncommand: " << ctx.command << "\n";
  return exit_code;
}

}  // namespace jejak::bench
