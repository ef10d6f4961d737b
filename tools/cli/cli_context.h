// Shared state of one `jejak` invocation: where the data lives, the opened
// ledger, the JSON codec, and how a Status maps to the documented exit code.
#pragma once

#include <memory>
#include <string>

#include "jejak/codec/event_json.h"
#include "jejak/ledger.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"

namespace jejak::cli {

// Exit codes of every command (documented in README.md and `jejak --help`).
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,    // I/O or other failure of this machine
  kExitUsage = 2,      // bad usage or bad input
  kExitIntegrity = 3,  // stored data failed verification
  kExitConflict = 4,   // concurrency / idempotency conflict
  kExitNotFound = 5,   // the employee / stream / position does not exist
};

// The exit code a failed Status stands for.
int ExitCodeFor(const Status& s);

class CliContext {
 public:
  // Data directory: --data, else $JEJAK_DATA, else ./jejak-data.
  std::string data_dir;
  // --sync / --no-sync for appending commands (default: sync).
  bool sync = true;
  // Set by commands that only read (profile, history, query, stats,
  // verify, audit, entry, prove): Ledger() opens the ledger read-only (a
  // RocksDB secondary instance, no lock), so that a reader never keeps a
  // writer out; when another process writes, it says so on stderr. Alone
  // with a projection that lags the log (a writer stopped before folding),
  // it opens the ledger for writing as other commands do, to fold it.
  bool reader = false;
  // The ledger's block cache (LedgerOptions::block_cache_bytes).
  size_t block_cache_bytes = LedgerOptions().block_cache_bytes;
  // LedgerOptions::max_fold_states of a ledger opened for writing.
  size_t max_fold_states = 0;

  // Opens the ledger in data_dir once; later calls return the same one.
  // With create == false a missing ledger is NotFound ("run jejak init").
  // A second writer gets Conflict "ledger busy" (exit 4).
  Result<jejak::Ledger*> Ledger(bool create = false);
  // The opened ledger's store (for the commands that use it directly).
  Result<store::EventStore*> Store(bool create = false);

  // Closes the ledger (joins the writer); safe to call when not open.
  void CloseStore();

  const codec::EventJson& Json();

  // Prints "jejak: <context>: <status>" to stderr and returns its exit code.
  int Fail(const std::string& context, const Status& s) const;

 private:
  // The ledger opened read-only; null when it should be opened for writing
  // instead (alone, and the projection lags).
  Result<std::unique_ptr<jejak::Ledger>> OpenAsReader();

  std::unique_ptr<jejak::Ledger> ledger_;
  std::unique_ptr<codec::EventJson> json_;
};

}  // namespace jejak::cli
