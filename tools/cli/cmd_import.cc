// jejak import: bulk-load NDJSON, idempotent and resumable by event id.
#include <sys/stat.h>

#include <fstream>
#include <future>
#include <iostream>

#include "commands.h"
#include "jejak/ingest/csv_import.h"
#include "jejak/projection/profile_record.h"
#include "ndjson_batch.h"
#include "progress.h"

namespace jejak::cli {

namespace {

struct ImportOptions {
  std::string file;
  size_t chunk = 2000;
  bool keep_going = false;
  std::string csv;      // --csv: a legacy CSV export (docs/import.md)
  std::string mapping;  // --mapping: its column mapping
};

// One chunk of NDJSON lines as ReadBatch read it, and the input offset
// after it (for the progress bar).
struct Chunk {
  NdjsonBatch batch;
  Status read;
  bool at_end = false;
  size_t line_no = 0;  // lines read up to the end of this chunk
  uint64_t offset = 0;
};

struct ImportTally {
  uint64_t appended = 0;
  uint64_t duplicates = 0;
  uint64_t rejected = 0;
};

// Appends `batch`. A rejected event (named by the store) is reported with
// its line; without keep_going the events before it are still appended and
// the import stops there, with keep_going it is skipped and the rest goes on.
// Returns the first rejection (OK when none) and whether to stop.
Status AppendChunk(store::EventStore& store, NdjsonBatch& batch, bool keep_going,
                   ImportTally* tally, bool* stop) {
  Status first_rejection;
  while (!batch.empty()) {
    auto result = batch.AppendTo(store);
    if (result.ok()) {
      tally->duplicates += result->duplicates;
      tally->appended += result->positions.size() - result->duplicates;
      break;
    }
    const Status& s = result.status();
    size_t line = batch.LineOfError(s);
    bool input_error = s.IsInvalidArgument() || s.IsConflict();
    if (!input_error || line == 0) {
      *stop = true;
      return s;
    }
    std::cerr << "jejak: import: " << s.ToString() << "\n";
    ++tally->rejected;
    if (first_rejection.ok()) first_rejection = s;
    size_t index = 0;
    while (batch.line_no(index) != line) ++index;
    if (keep_going) {
      batch.Erase(index);
    } else {
      batch.Truncate(index);
      *stop = true;
    }
  }
  batch.Clear();
  return first_rejection;
}

// Whatever was recorded, projections follow it (a stopped import too).
void CatchUp(CliContext& ctx, Status* first_error) {
  Progress catch_up("projections", 0, "");
  auto ledger = ctx.Ledger();
  Status caught_up = ledger.ok() ? (*ledger)->CatchUp() : ledger.status();
  if (!caught_up.ok()) {
    std::cerr << "jejak: import: events recorded, but the projections did not catch up ("
              << caught_up.ToString() << "); run `jejak rebuild`\n";
    if (first_error->ok()) *first_error = caught_up;
  } else {
    std::cerr << "projections caught up to position " << (*ledger)->Head().position << " in "
              << catch_up.Elapsed() << " s\n";
  }
}

// Appends the events of good CSV rows in one call. If the store refuses
// the call for its input, appends them one by one so that every refused
// row is reported and the others are kept.
Status AppendRows(store::EventStore& store, const std::string& file,
                  std::vector<store::NewEvent>* events, std::vector<uint64_t>* rows,
                  ImportTally* tally) {
  auto append = [&](size_t from, size_t n) {
    std::vector<std::string> streams;
    std::vector<store::StreamAppend> appends;
    for (size_t i = from; i < from + n; ++i) streams.push_back((*events)[i].reader().getStream());
    for (size_t i = 0; i < n; ++i) {
      appends.push_back({streams[i], store::ExpectedVersion::Any(),
                         std::span<const store::NewEvent>(events->data() + from + i, 1)});
    }
    return store.Append(appends);
  };
  Status first;
  auto count = [&](const store::AppendResult& r) {
    tally->duplicates += r.duplicates;
    tally->appended += r.positions.size() - r.duplicates;
  };
  auto all = append(0, events->size());
  if (all.ok()) {
    count(*all);
  } else if (!all.status().IsInvalidArgument() && !all.status().IsConflict()) {
    first = all.status();
  } else {
    for (size_t i = 0; i < events->size(); ++i) {
      auto one = append(i, 1);
      if (one.ok()) {
        count(*one);
        continue;
      }
      if (!one.status().IsInvalidArgument() && !one.status().IsConflict()) return one.status();
      std::cerr << "jejak: import " << file << ": row " << (*rows)[i] << ": "
                << one.status().ToString() << "\n";
      ++tally->rejected;
      if (first.ok()) first = one.status();
    }
  }
  events->clear();
  rows->clear();
  return first;
}

// jejak import --csv FILE --mapping FILE: every good row is appended, every
// bad one reported with its row, column and reason (docs/import.md).
int RunCsvImport(CliContext& ctx, const ImportOptions& opt) {
  auto mapping = ingest::LoadCsvMapping(opt.mapping);
  if (!mapping.ok()) return ctx.Fail("import", mapping.status());
  std::ifstream in(opt.csv, std::ios::binary);
  if (!in) return ctx.Fail("import", Status::NotFound("cannot open " + opt.csv));
  auto store_or = ctx.Store();
  if (!store_or.ok()) return ctx.Fail("import", store_or.status());
  store::EventStore& store = **store_or;
  auto importer = ingest::CsvImporter::Open(std::move(*mapping), &in, opt.csv, &ctx.Json());
  if (!importer.ok()) return ctx.Fail("import " + opt.csv, importer.status());

  ImportTally tally;
  Status first_error;
  std::vector<store::NewEvent> events;
  std::vector<uint64_t> rows;
  uint64_t read = 0;
  Progress progress("import", 0, "rows");
  while (true) {
    ingest::CsvRow row;
    auto next = (*importer)->Next(&row);
    if (!next.ok()) {
      first_error = next.status();
      break;
    }
    if (!*next) break;
    progress.Update(++read);
    if (row.error) {
      std::cerr << "jejak: import " << opt.csv << ": " << row.error->ToString() << "\n";
      ++tally.rejected;
      if (first_error.ok()) first_error = Status::InvalidArgument(row.error->ToString());
      continue;
    }
    if (!row.event) continue;  // a blank row
    events.push_back(std::move(*row.event));
    rows.push_back(row.row);
    if (events.size() >= opt.chunk) {
      Status s = AppendRows(store, opt.csv, &events, &rows, &tally);
      if (!s.ok() && first_error.ok()) first_error = s;
      if (!s.ok() && !s.IsInvalidArgument() && !s.IsConflict()) break;
    }
  }
  if (!events.empty()) {
    Status s = AppendRows(store, opt.csv, &events, &rows, &tally);
    if (!s.ok() && first_error.ok()) first_error = s;
  }
  progress.Finish();
  std::cerr << "import " << opt.csv << ": " << tally.appended << " appended, " << tally.duplicates
            << " already recorded, " << tally.rejected << " rejected, " << read
            << " rows, head " << store.GetHead().position << "\n";
  CatchUp(ctx, &first_error);
  if (!first_error.ok()) {
    std::cerr << "jejak: fix the reported rows and run the same import again: rows already "
                 "recorded are skipped.\n";
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
  if (opt.file.empty()) {
    return ctx.Fail("import", Status::InvalidArgument("no NDJSON file (or --csv) given"));
  }
  std::ifstream in(opt.file, std::ios::binary);
  if (!in) return ctx.Fail("import", Status::NotFound("cannot open " + opt.file));
  struct stat st {};
  uint64_t total_bytes = ::stat(opt.file.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;

  auto store_or = ctx.Store();
  if (!store_or.ok()) return ctx.Fail("import", store_or.status());
  store::EventStore& store = **store_or;

  Progress progress("import", total_bytes, "bytes");
  ImportTally tally;
  // The next chunk is read and decoded on a thread of its own while the
  // current one is appended (decoding JSON is most of an import's CPU
  // time). Only that thread touches `in` and the codec, one chunk at a
  // time; what it read is handled here in order, as if read here.
  const codec::EventJson& json = ctx.Json();
  auto read_chunk = [&in, &json, &opt, total_bytes](size_t lines_before) {
    Chunk chunk;
    chunk.line_no = lines_before;
    chunk.read = ReadBatch(in, json, opt.chunk, &chunk.batch, &chunk.line_no, &chunk.at_end);
    const auto offset = in.tellg();
    chunk.offset = offset < 0 ? total_bytes : static_cast<uint64_t>(offset);
    return chunk;
  };
  constexpr auto kLaunch = std::launch::async | std::launch::deferred;
  std::future<Chunk> next = std::async(kLaunch, read_chunk, size_t{0});
  size_t line_no = 0;
  bool stop = false;
  Status first_error;
  while (!stop) {
    Chunk chunk = next.get();
    line_no = chunk.line_no;
    const Status& read = chunk.read;
    // Reading goes on past a malformed line only with --keep-going.
    const bool read_on =
        !chunk.at_end && (read.ok() || (read.IsInvalidArgument() && opt.keep_going));
    if (read_on) next = std::async(kLaunch, read_chunk, line_no);
    if (!read.ok()) {
      // A malformed line: keep what came before it in this chunk.
      std::cerr << "jejak: import " << opt.file << ": " << read.ToString() << "\n";
      ++tally.rejected;
      if (first_error.ok()) first_error = read;
      if (!read.IsInvalidArgument() || !opt.keep_going) stop = true;
    }
    Status s = AppendChunk(store, chunk.batch, opt.keep_going, &tally, &stop);
    if (!s.ok() && first_error.ok()) first_error = s;
    progress.Update(chunk.offset);
    if (!read_on) break;
  }
  // A chunk read ahead of a stop is dropped (its lines are not recorded):
  // `next`'s destructor waits for a read still running; a deferred one
  // (no thread could be started) never runs.
  progress.Finish();
  double secs = progress.Elapsed();
  double rate = secs > 0 ? static_cast<double>(tally.appended + tally.duplicates) / secs : 0;
  std::cerr << "import " << opt.file << ": " << tally.appended << " appended, "
            << tally.duplicates << " already recorded, " << tally.rejected << " rejected, "
            << line_no << " lines in " << secs << " s (" << HumanCount(rate)
            << " events/s), head " << store.GetHead().position << "\n";
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
  cmd->add_flag("!--no-sync", ctx.sync, "do not fsync each chunk before acknowledging");
  cmd->callback([&ctx, exit_code, opt] { *exit_code = RunImport(ctx, *opt); });
}

}  // namespace jejak::cli
