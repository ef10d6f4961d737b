// jejak import: bulk-load NDJSON, idempotent and resumable by event id.
#include <sys/stat.h>

#include <algorithm>
#include <future>
#include <iostream>

#include "commands.h"
#include "jejak/ingest/csv_import.h"
#include "jejak/ingest/csv_migration.h"
#include "jejak/ingest/event_batch.h"
#include "jejak/ingest/input_file.h"
#include "jejak/ingest/ndjson_reader.h"
#include "jejak/projection/profile_record.h"
#include "interrupt.h"
#include "fold_progress.h"
#include "progress.h"

namespace jejak::cli {

namespace {

struct ImportOptions {
  std::string file;
  size_t chunk = 2000;
  bool keep_going = false;
  std::string csv;      // --csv: a legacy CSV export (docs/import.md)
  std::string mapping;  // --mapping: its column mapping
  bool dry_run = false;           // --csv only: report, write nothing
  bool allow_duplicates = false;  // --csv only: append probable duplicates
};

// One chunk of NDJSON lines as the reader read it, and the input offset
// after it (for the progress bar).
struct Chunk {
  ingest::EventBatch batch;
  std::vector<ingest::LineError> refused;  // lines the reader refused
  Status read;                             // the IOError that ended the input
  bool at_end = false;
  uint64_t lines = 0;  // lines read up to the end of this chunk
  uint64_t offset = 0;
};

struct ImportTally {
  uint64_t appended = 0;
  uint64_t duplicates = 0;
  uint64_t rejected = 0;
};

// A refused line or event, by its line (or row).
struct Report {
  uint64_t origin = 0;
  Status status;  // names the origin already
};

// Appends `batch` (ingest::EventBatch::AppendSkippingRejected) and adds
// what the store refused to `reports`. Returns the failure that is about
// no one event (OK when none).
Status AppendAndReport(store::EventStore& store, const ingest::EventBatch& batch,
                       const std::string& unit, bool keep_going, ImportTally* tally,
                       std::vector<Report>* reports) {
  auto outcome = batch.AppendSkippingRejected(ingest::AppendTo(store), keep_going);
  tally->appended += outcome.appended;
  tally->duplicates += outcome.duplicates;
  tally->rejected += outcome.rejected.size();
  for (auto& r : outcome.rejected) {
    reports->push_back({r.origin, r.status.WithContext(unit + " " + std::to_string(r.origin))});
  }
  return outcome.failure;
}

// Prints `reports` in input order; the first becomes `*first_error` if
// that is still OK.
void PrintReports(const std::string& file, std::vector<Report>* reports, Status* first_error) {
  std::stable_sort(reports->begin(), reports->end(),
                   [](const Report& a, const Report& b) { return a.origin < b.origin; });
  for (const Report& r : *reports) {
    std::cerr << "jejak: import " << file << ": " << r.status.ToString() << "\n";
    if (first_error->ok()) *first_error = r.status;
  }
  reports->clear();
}

// Whatever was recorded, projections follow it (a stopped import too).
void CatchUp(CliContext& ctx, Status* first_error) {
  auto ledger = ctx.Ledger();
  auto behind = ledger.ok() ? (*ledger)->ProjectionLag() : Result<uint64_t>(uint64_t{0});
  FoldProgress catch_up("projections", behind.ok() ? *behind : 0);
  Status caught_up = ledger.ok() ? (*ledger)->CatchUp(catch_up.Events(), catch_up.Employees())
                                 : ledger.status();
  catch_up.Finish();
  if (caught_up.ok() && catch_up.employees_from_copies() > 0) {
    std::cerr << "projections: " << catch_up.employees_from_copies()
              << " employees folded from the copies of their events\n";
  }
  if (!caught_up.ok()) {
    std::cerr << "jejak: import: events recorded, but the projections did not catch up ("
              << caught_up.ToString() << "); run `jejak rebuild`\n";
    if (first_error->ok()) *first_error = caught_up;
  } else {
    std::cerr << "projections caught up to position " << (*ledger)->Head().position << " in "
              << catch_up.Elapsed() << " s\n";
  }
}

// jejak import --csv FILE --mapping FILE: every good row is appended, every
// bad one reported with its row, column and reason, nothing recorded twice
// (docs/import.md).
int RunCsvImport(CliContext& ctx, const ImportOptions& opt) {
  auto mapping = ingest::LoadCsvMapping(opt.mapping);
  if (!mapping.ok()) return ctx.Fail("import", mapping.status());
  auto in = ingest::OpenInputFile(opt.csv);
  if (!in.ok()) return ctx.Fail("import", in.status());
  auto store_or = ctx.Store();
  if (!store_or.ok()) return ctx.Fail("import", store_or.status());
  store::EventStore& store = **store_or;
  auto importer = ingest::CsvImporter::Open(std::move(*mapping), in->get(), opt.csv, &ctx.Json());
  if (!importer.ok()) return ctx.Fail("import " + opt.csv, importer.status());

  ingest::CsvMigrationOptions options;
  options.chunk = opt.chunk;
  options.dry_run = opt.dry_run;
  options.allow_duplicates = opt.allow_duplicates;
  Progress progress("import", 0, "rows");
  ingest::CsvMigrationListener listener;
  listener.report = [&opt](const std::string& line) {
    std::cerr << "jejak: import " << opt.csv << ": " << line << "\n";
  };
  // A dry run writes the events it would append, as NDJSON, to stdout.
  listener.would_append = [&ctx](const store::NewEvent& event, uint64_t) {
    std::cout << ctx.Json().InputToJson(event.reader()) << "\n";
  };
  listener.progress = [&progress](uint64_t rows) { progress.Update(rows); };
  // The migration runs in the library, which has no stop point: Ctrl-C ends
  // the process between or within atomic appends, and says how to resume.
  ingest::CsvMigrationSummary s = [&] {
    InterruptScope interrupt(
        "\njejak: import interrupted (Ctrl-C). Every event appended before it is recorded; run the "
        "same import again to resume: rows already recorded are skipped.\n",
        /*cooperative=*/false);
    return ingest::RunCsvMigration(**importer, store, ctx.Json(), options, listener);
  }();
  progress.Finish();
  if (!s.already_imported_warning.empty()) {
    std::cerr << "jejak: import " << opt.csv << ": warning: " << s.already_imported_warning
              << "\n";
  }
  const std::string counts = std::to_string(s.already_recorded) + " already recorded, " +
                             std::to_string(s.rejected) + " rejected, " +
                             std::to_string(s.probable_duplicates) + " probable duplicates, " +
                             std::to_string(s.repeated_rows) + " repeated rows, " +
                             std::to_string(s.rows) + " rows";
  Status first_error = s.first_error;
  if (opt.dry_run) {
    std::cerr << "dry run of " << opt.csv << ": " << s.appended << " would be appended, " << counts
              << "; nothing written\n";
  } else {
    std::cerr << "import " << opt.csv << ": " << s.appended << " appended, " << counts
              << ", head " << store.GetHead().position << "\n";
    CatchUp(ctx, &first_error);
  }
  if (!first_error.ok()) {
    if (!opt.dry_run) {
      std::cerr << "jejak: fix the reported rows and run the same import again: rows already "
                   "recorded are skipped.\n";
    }
    return ExitCodeFor(first_error);
  }
  return kExitOk;
}

int RunImport(CliContext& ctx, const ImportOptions& opt) {
  if (!opt.csv.empty() || !opt.mapping.empty()) {
    if (opt.csv.empty() || opt.mapping.empty() || !opt.file.empty()) {
      return ctx.Fail("import", Status::InvalidArgument(
                                    "give either an NDJSON file, or --csv FILE with --mapping FILE"));
    }
    return RunCsvImport(ctx, opt);
  }
  if (opt.dry_run || opt.allow_duplicates) {
    return ctx.Fail("import", Status::InvalidArgument(
                                  "--dry-run and --allow-duplicates are for --csv imports"));
  }
  if (opt.file.empty()) {
    return ctx.Fail("import", Status::InvalidArgument("no NDJSON file (or --csv) given"));
  }
  auto in = ingest::OpenInputFile(opt.file);
  if (!in.ok()) return ctx.Fail("import", in.status());
  struct stat st {};
  uint64_t total_bytes = ::stat(opt.file.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;

  auto store_or = ctx.Store();
  if (!store_or.ok()) return ctx.Fail("import", store_or.status());
  store::EventStore& store = **store_or;

  Progress progress("import", total_bytes, "bytes");
  ImportTally tally;
  // With --keep-going each line is also checked as the store would, so a
  // line refused for its content alone never costs a store call.
  ingest::NdjsonReaderOptions reader_options;
  reader_options.validate = opt.keep_going;
  ingest::NdjsonReader reader(in->get(), &ctx.Json(), reader_options);
  // The next chunk is read and decoded on a thread of its own while the
  // current one is appended (decoding JSON is most of an import's CPU
  // time). Only that thread touches the reader, one chunk at a time; what
  // it read is handled here in order, as if read here.
  std::istream& stream = **in;
  auto read_chunk = [&reader, &stream, &opt, total_bytes] {
    Chunk chunk;
    chunk.read = reader.ReadChunk(opt.chunk, opt.keep_going, &chunk.batch, &chunk.refused,
                                  &chunk.at_end);
    chunk.lines = reader.lines();
    const auto offset = stream.tellg();
    chunk.offset = offset < 0 ? total_bytes : static_cast<uint64_t>(offset);
    return chunk;
  };
  constexpr auto kLaunch = std::launch::async | std::launch::deferred;
  std::future<Chunk> next = std::async(kLaunch, read_chunk);
  uint64_t lines = 0;
  bool stop = false, interrupted = false;
  Status first_error;
  std::vector<Report> reports;
  // Ctrl-C stops after the chunk being appended (a second one at once).
  InterruptScope interrupt(
      "\njejak: import interrupted again: stopped at once. Every event appended before it is "
      "recorded; run the same import again to resume.\n",
      /*cooperative=*/true);
  while (!stop) {
    Chunk chunk = next.get();
    lines = chunk.lines;
    // Reading goes on past a refused line only with --keep-going.
    const bool read_on = !chunk.at_end && (chunk.refused.empty() || opt.keep_going);
    if (read_on) next = std::async(kLaunch, read_chunk);
    tally.rejected += chunk.refused.size();
    for (auto& r : chunk.refused) reports.push_back({r.line, std::move(r.status)});
    // The lines before a refused one are kept.
    Status failure =
        AppendAndReport(store, chunk.batch, "line", opt.keep_going, &tally, &reports);
    if (!opt.keep_going && !reports.empty()) stop = true;
    PrintReports(opt.file, &reports, &first_error);
    for (const Status& s : {failure, chunk.read}) {
      if (s.ok()) continue;
      std::cerr << "jejak: import " << opt.file << ": " << s.ToString() << "\n";
      if (first_error.ok()) first_error = s;
      stop = true;
    }
    progress.Update(chunk.offset);
    if (!read_on) break;
    if (InterruptScope::StopRequested()) {
      interrupted = stop = true;
      break;
    }
  }
  // A chunk read ahead of a stop is dropped (its lines are not recorded):
  // `next`'s destructor waits for a read still running; a deferred one
  // (no thread could be started) never runs.
  progress.Finish();
  double secs = progress.Elapsed();
  double rate = secs > 0 ? static_cast<double>(tally.appended + tally.duplicates) / secs : 0;
  std::cerr << "import " << opt.file << ": " << tally.appended << " appended, "
            << tally.duplicates << " already recorded, " << tally.rejected << " rejected, "
            << lines << " lines in " << secs << " s (" << HumanCount(rate)
            << " events/s), head " << store.GetHead().position << "\n";
  if (interrupted) {
    std::cerr << "jejak: import interrupted (Ctrl-C) after line " << lines << " of " << opt.file
              << ": every line up to it is recorded. Run the same import again to resume: events "
                 "already recorded are skipped.\n";
    return kExitInterrupted;
  }
  CatchUp(ctx, &first_error);
  if (!first_error.ok()) {
    if (stop && !opt.keep_going) {
      std::cerr << "jejak: import stopped; everything before the reported line is "
                   "recorded. Fix the line and run the same import again to resume.\n";
    }
    return ExitCodeFor(first_error);
  }
  return kExitOk;
}

}  // namespace

void AddImportCommand(CLI::App& app, CliContext& ctx, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "import",
      "Bulk-load an NDJSON file in chunks. Idempotent and resumable: events whose id "
      "is already recorded are skipped, so re-running after an interruption or a fix "
      "continues where it stopped.");
  auto opt = std::make_shared<ImportOptions>();
  cmd->add_option("file", opt->file, "NDJSON file, one event per line");
  cmd->add_option("--csv", opt->csv,
                  "a legacy CSV export instead (one row per career event); needs --mapping. "
                  "Good rows are appended, bad ones reported by row and column. See "
                  "docs/import.md");
  cmd->add_option("--mapping", opt->mapping, "the CSV's column mapping (JSON, docs/import.md)");
  cmd->add_option("--chunk", opt->chunk, "events per atomic append (default 2000)")
      ->check(CLI::Range(1, 100000));
  cmd->add_flag("--keep-going", opt->keep_going,
                "skip (and report) bad lines instead of stopping at the first");
  cmd->add_flag("--dry-run", opt->dry_run,
                "with --csv: check every row against the ledger and report everything (errors, "
                "probable duplicates, rows already recorded), print the events that would be "
                "appended as NDJSON, and write nothing");
  cmd->add_flag("--allow-duplicates", opt->allow_duplicates,
                "with --csv: append rows that look like an event already recorded under another "
                "id (same employee, kind, TMT and content), which are otherwise reported and "
                "skipped");
  cmd->add_flag("!--no-sync", ctx.sync, "do not fsync each chunk before acknowledging");
  cmd->callback([&ctx, exit_code, opt] { *exit_code = RunImport(ctx, *opt); });
}

}  // namespace jejak::cli
