// Ledger: one jejak ledger, opened once: the event store, the profile
// projection, the rules it is computed with and the JSON codec. Every CLI
// command and the server use one.
//
// Thread safety: every method may be called from any number of threads at
// once. Appends are group-committed by the store's one writer thread;
// reads (events, profiles, queries, proofs) never wait for appends;
// CatchUp calls are serialized; Rebuild folds a new projection beside the
// current one, so readers see the old projection until the new one is
// complete, then the new one.
//
// Errors: every method returns a Status and none throws, whatever bytes
// the ledger holds: an event whose stored body no longer matches its leaf
// hash is Corruption naming its position, and so is a body that fails to
// decode. The one exception-free promise a caller must keep itself: an
// event handed out (RecordedEvent) is read through its Cap'n Proto
// accessors, which may throw kj::Exception on a body damaged together with
// its hash; read it inside Ledger::Guard (or catch at the caller's
// boundary, as the CLI and the server do).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/codec/event_json.h"
#include "jejak/projection/fold.h"
#include "jejak/projection/profile_record.h"
#include "jejak/projection/profile_summary.h"
#include "jejak/projection/rules.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"

namespace jejak {

struct LedgerOptions {
  // Creates an empty ledger when the directory holds none (else NotFound).
  bool create_if_missing = false;
  // Appends return once durable (fsync'd group commit); false = they
  // survive a process crash but not a machine crash.
  bool sync = true;
  // Open as a reader beside a process that writes (StoreOptions::read_only):
  // no lock taken, the ledger as it stood when opened; Append, Rebuild and
  // signing are Unavailable, CatchUp does nothing, the projection is as the
  // writer last flushed it (ProjectionLag), and Profile reconstructs an
  // employee from the log when the projection is behind.
  bool read_only = false;
  // The block cache every column family shares (StoreOptions). A cache
  // takes memory only as blocks are read into it.
  size_t block_cache_bytes = store::StoreOptions().block_cache_bytes;
  // The states a batch of the projection's fold holds (a bound on its
  // memory; ProjectorOptions::max_batch_states): a rebuild, or a first
  // catch-up, past it folds the employees from the copies of their events
  // (docs/projections.md); a catch-up batch is committed at it. 0: the
  // projection's default (200,000).
  size_t max_fold_states = 0;
};

// The block cache a long-running reader of a ledger (`jejak serve`) takes
// by default: a quarter of the machine's physical memory (or of the
// memory limit of its cgroup, when lower), at least the store's default. Its reads of random employees then stay in memory at a
// region's scale, where the store's 64 MiB holds the blocks of a few
// thousand (docs/benchmarks.md "Scale curve").
size_t ServerBlockCacheBytes();

class Ledger {
 public:
  // Opens the ledger in `dir`, with its projection. Errors as
  // EventStore::Open: NotFound (no ledger, and not asked to create one),
  // Corruption (not a jejak ledger, or damaged), Conflict "ledger busy"
  // (another process has it open), IOError.
  [[nodiscard]] static Result<std::unique_ptr<Ledger>> Open(const std::string& dir,
                                                            const LedgerOptions& options = {});
  ~Ledger();
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  const std::string& dir() const { return dir_; }

  // ---- the log ----
  // EventStore::Append (atomic, idempotent by event id).
  [[nodiscard]] Result<store::AppendResult> Append(std::span<const store::StreamAppend> appends);
  store::Head Head();
  // The events of `stream` from `from_version`, each checked against its
  // leaf hash. NotFound for an unknown stream.
  [[nodiscard]] Result<std::vector<store::RecordedEvent>> ReadStream(
      std::string_view stream, uint64_t from_version = 1, uint64_t max_count = UINT64_MAX);
  // The event at `position`, checked against its leaf hash. NotFound past
  // the head.
  [[nodiscard]] Result<store::RecordedEvent> ReadAt(uint64_t position);
  // Calls `visit` for every event from `from_position` on, in order, each
  // checked against its leaf hash and read inside Guard; stops at the
  // first error `visit` returns (and returns it).
  [[nodiscard]] Status ForEachEvent(
      uint64_t from_position, const std::function<Status(const store::RecordedEvent&)>& visit);
  // The event as JSON (docs/events.md), with its hashes when asked.
  [[nodiscard]] Result<std::string> EventJson(const store::RecordedEvent& event,
                                              bool with_hashes = false) const;

  // ---- the profile projection ----
  // `employee_progress` as Rebuild's (a first or long catch-up folds its
  // employees from their copies past max_fold_states).
  [[nodiscard]] Status CatchUp(const projection::ProgressFn& progress = nullptr,
                               const projection::ProgressFn& employee_progress = nullptr);
  // How many events of the log the projection has not folded (0 once
  // caught up; a reader's projection may lag the writer's).
  [[nodiscard]] Result<uint64_t> ProjectionLag();
  bool read_only() const { return store_->read_only(); }
  // `employee_progress`: called while employees are folded from the
  // copies of their events (a region past LedgerOptions::max_fold_states),
  // with (employees written so far, 0).
  [[nodiscard]] Status Rebuild(const projection::ProgressFn& progress = nullptr,
                               const projection::ProgressFn& employee_progress = nullptr);
  // The projections Rebuild rebuilds (the names `jejak rebuild NAME` takes).
  static std::vector<std::string> ProjectionNames();
  // The current profile of `nip`, reflecting at least every event recorded
  // before the call. NotFound for an unknown NIP.
  [[nodiscard]] Result<projection::ProfileRecord> Profile(std::string_view nip);
  // The current summary of `nip` (profile_summary.h): what Profile shows of
  // who, where and which rank, read without decoding the whole profile.
  // Reflects at least every event recorded before the call, as Profile.
  // NotFound for an unknown NIP.
  [[nodiscard]] Result<projection::ProfileSummary> Summary(std::string_view nip);
  // The summary of ProfileAsOf(nip, cut).
  [[nodiscard]] Result<projection::ProfileSummary> SummaryAsOf(std::string_view nip,
                                                               const projection::Cut& cut);
  // The profile as it stood on cut.valid_date, as known at
  // cut.known_position (projection.h ProfileAsOf).
  [[nodiscard]] Result<projection::ProfileRecord> ProfileAsOf(std::string_view nip,
                                                              const projection::Cut& cut);
  // The last position recorded at or before `unix_micros` (0 if none).
  [[nodiscard]] Result<uint64_t> PositionKnownAt(int64_t unix_micros);

  const projection::Rules& rules() const;
  const codec::EventJson& json() const { return json_; }

  // The parts, for what the methods above do not cover (queries, audit,
  // proofs, checkpoints): the same thread-safety rules hold.
  store::EventStore& store() { return *store_; }
  projection::Projector& projector() { return *projector_; }

  // Runs `fn` (returning Status or Result<T>), turning a kj::Exception
  // thrown by a damaged body into Corruption with `context`.
  template <typename Fn>
  static auto Guard(const std::string& context, Fn&& fn) -> decltype(fn());

 private:
  Ledger(std::string dir, std::unique_ptr<store::EventStore> store);
  static Status CorruptionOf(const std::string& context, const char* what);
  static bool IsCapnpException(const std::exception_ptr& e, std::string* what);

  const std::string dir_;
  std::unique_ptr<store::EventStore> store_;
  std::unique_ptr<projection::Projector> projector_;
  const codec::EventJson json_;
};

template <typename Fn>
auto Ledger::Guard(const std::string& context, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (...) {
    std::string what;
    if (!IsCapnpException(std::current_exception(), &what)) throw;
    return CorruptionOf(context, what.c_str());
  }
}

}  // namespace jejak
