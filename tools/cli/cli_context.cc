#include "cli_context.h"

#include <fcntl.h>
#include <unistd.h>

#include <iostream>

namespace jejak::cli {

int ExitCodeFor(const Status& s) {
  switch (s.code()) {
    case Status::Code::kOk: return kExitOk;
    case Status::Code::kInvalidArgument: return kExitUsage;
    case Status::Code::kCorruption: return kExitIntegrity;
    case Status::Code::kConflict: return kExitConflict;
    case Status::Code::kNotFound: return kExitNotFound;
    case Status::Code::kIOError:
    case Status::Code::kUnavailable: return kExitFailure;
  }
  return kExitFailure;
}

namespace {

// Whether another process holds the lock of the ledger's RocksDB (its
// writer): fcntl F_GETLK on <dir>/LOCK tests for the write lock RocksDB
// takes, and takes nothing.
bool HeldByAnotherProcess(const std::string& dir) {
  const int fd = ::open((dir + "/LOCK").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct flock probe {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  const bool held = ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
  ::close(fd);
  return held;
}

void SayReadingBesideAWriter(jejak::Ledger& ledger, const std::string& dir) {
  auto lag = ledger.ProjectionLag();
  std::cerr << "jejak: another process is writing to " << dir << "; reading the ledger as it stood at position "
            << ledger.Head().position;
  if (lag.ok() && *lag > 0) {
    std::cerr << " (profiles are folded from the log; lists come from the projection as the writer last saved it, "
              << *lag << " events behind)";
  }
  std::cerr << "\n";
}

}  // namespace

Result<std::unique_ptr<jejak::Ledger>> CliContext::OpenAsReader() {
  LedgerOptions options;
  options.read_only = true;
  options.block_cache_bytes = block_cache_bytes;
  const bool writer_running = HeldByAnotherProcess(data_dir);
  auto opened = jejak::Ledger::Open(data_dir, options);
  if (!opened.ok()) return opened.status();
  if (writer_running) {
    SayReadingBesideAWriter(**opened, data_dir);
    return opened;
  }
  // Alone, a reader whose projection lags (a writer stopped before folding)
  // opens the ledger for writing instead, to fold it.
  auto lag = (*opened)->ProjectionLag();
  if (lag.ok() && *lag > 0) return std::unique_ptr<jejak::Ledger>();
  return opened;
}

Result<jejak::Ledger*> CliContext::Ledger(bool create) {
  if (ledger_) return ledger_.get();
  if (reader && !create) {
    // Readers take no lock, so that they never keep a writer out.
    auto opened = OpenAsReader();
    if (opened.ok() && *opened) {
      ledger_ = std::move(opened).value();
      return ledger_.get();
    }
  }
  LedgerOptions options;
  options.block_cache_bytes = block_cache_bytes;
  options.max_fold_states = max_fold_states;
  options.create_if_missing = create;
  options.sync = sync;
  auto opened = jejak::Ledger::Open(data_dir, options);
  if (!opened.ok() && opened.status().IsConflict() && reader) {
    options.read_only = true;
    opened = jejak::Ledger::Open(data_dir, options);
    if (opened.ok()) SayReadingBesideAWriter(**opened, data_dir);
  }
  if (!opened.ok()) {
    Status s = opened.status();
    if (s.IsNotFound()) {
      return Status::NotFound("no ledger in " + data_dir +
                              " (create one with `jejak init`, or pass --data)");
    }
    return s.WithContext("opening " + data_dir);
  }
  ledger_ = std::move(opened).value();
  return ledger_.get();
}

Result<store::EventStore*> CliContext::Store(bool create) {
  auto ledger = Ledger(create);
  if (!ledger.ok()) return ledger.status();
  return &(*ledger)->store();
}

void CliContext::CloseStore() { ledger_.reset(); }

const codec::EventJson& CliContext::Json() {
  if (!json_) json_ = std::make_unique<codec::EventJson>();
  return *json_;
}

int CliContext::Fail(const std::string& context, const Status& s) const {
  std::cerr << "jejak: " << context << ": " << s.ToString() << "\n";
  return ExitCodeFor(s);
}

}  // namespace jejak::cli
