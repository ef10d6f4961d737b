#include "jejak/ingest/csv_migration.h"

#include <algorithm>
#include <vector>

#include "jejak/ingest/event_batch.h"
#include "jejak/ingest/import_check.h"

namespace jejak::ingest {

namespace {

using Kind = ImportVerdict::Kind;

// The run's state between rows.
class Migration {
 public:
  Migration(store::EventStore& store, const codec::EventJson& json,
            const CsvMigrationOptions& options, const CsvMigrationListener& listener)
      : store_(store),
        options_(options),
        listener_(listener),
        check_(&store, &json, ImportCheckOptions{options.allow_duplicates}) {}

  void Run(CsvImporter& importer) {
    while (summary_.failure.ok()) {
      CsvRow row;
      auto next = importer.Next(&row);
      if (!next.ok()) {
        Fail(next.status());
        break;
      }
      if (!*next) break;
      ++summary_.rows;
      if (listener_.progress) listener_.progress(summary_.rows);
      if (row.error) {
        ++summary_.rejected;
        Report(row.row, row.error->ToString(), Status::InvalidArgument(row.error->ToString()));
      } else if (row.event) {
        Decide(std::move(row));
      }
      // A chunk ends after `chunk` events to append or `chunk` rows, so
      // that reports come out as the run goes, and memory stays bounded,
      // even when nothing is appended (a dry run, a file imported before).
      if (batch_.size() >= options_.chunk || ++rows_in_chunk_ >= options_.chunk) Flush(true);
    }
    Flush(summary_.failure.ok());
    summary_.already_imported_warning = check_.AlreadyImportedWarning();
  }

  CsvMigrationSummary& summary() { return summary_; }

 private:
  void Decide(CsvRow row) {
    auto verdict = check_.Check(*row.event, row.row, row.key);
    if (!verdict.ok()) {
      Fail(verdict.status());
      return;
    }
    switch (verdict->kind) {
      case Kind::kAppend: break;
      case Kind::kRecorded: ++summary_.already_recorded; break;
      case Kind::kRepeatsRow: ++summary_.repeated_rows; break;
      case Kind::kProbableDuplicate:
      case Kind::kDuplicateOfRow: ++summary_.probable_duplicates; break;
      case Kind::kRecordedOtherwise:
      case Kind::kKeyClash:
      case Kind::kNoRecruitment: ++summary_.rejected; break;
    }
    if (!verdict->message.empty()) Report(row.row, verdict->message, verdict->error);
    if (!verdict->append) return;
    if (options_.dry_run) {
      ++summary_.appended;
      if (listener_.would_append) listener_.would_append(*row.event, row.row);
      return;
    }
    batch_.Add(std::move(*row.event), row.row);
  }

  // Appends the batch (unless `append` is false: the run failed), then
  // reports the chunk's problems in row order.
  void Flush(bool append) {
    rows_in_chunk_ = 0;
    if (append && !batch_.empty()) {
      auto outcome = batch_.AppendSkippingRejected(AppendTo(store_), true);
      summary_.appended += outcome.appended;
      summary_.already_recorded += outcome.duplicates;
      summary_.rejected += outcome.rejected.size();
      for (const auto& r : outcome.rejected) {
        check_.Refused(batch_.event(r.index), r.origin);
        const Status s = r.status.WithContext("row " + std::to_string(r.origin));
        Report(r.origin, s.ToString(), s);
      }
      batch_.Clear();
      if (!outcome.failure.ok()) Fail(outcome.failure);
    }
    std::stable_sort(pending_.begin(), pending_.end(),
                     [](const Pending& a, const Pending& b) { return a.row < b.row; });
    for (const Pending& p : pending_) {
      listener_.report(p.line);
      if (!p.error.ok() && summary_.first_error.ok()) summary_.first_error = p.error;
    }
    pending_.clear();
  }

  void Report(uint64_t row, std::string line, Status error) {
    pending_.push_back({row, std::move(line), std::move(error)});
  }

  void Fail(const Status& s) {
    summary_.failure = s;
    Report(UINT64_MAX, s.ToString(), s);
  }

  store::EventStore& store_;
  const CsvMigrationOptions& options_;
  const CsvMigrationListener& listener_;
  ImportCheck check_;
  EventBatch batch_{"row"};
  // Reports of the current chunk, told in row order when it is appended.
  struct Pending {
    uint64_t row;
    std::string line;
    Status error;  // OK for a warning
  };
  std::vector<Pending> pending_;
  size_t rows_in_chunk_ = 0;
  CsvMigrationSummary summary_;
};

}  // namespace

CsvMigrationSummary RunCsvMigration(CsvImporter& importer, store::EventStore& store,
                                    const codec::EventJson& json,
                                    const CsvMigrationOptions& options,
                                    const CsvMigrationListener& listener) {
  Migration migration(store, json, options, listener);
  migration.Run(importer);
  return std::move(migration.summary());
}

}  // namespace jejak::ingest
