// EventStore: the immutable, tamper-evident event log of jejak.
//
// On-disk format and recovery story: docs/format.md. In short, one RocksDB
// database with column families
//   log        position (u64 BE)            -> framed record (RecordedEvent)
//   streams    'v' stream 0x00 version (BE) -> position (u64 BE)
//              'm' stream                   -> stream metadata
//   event_ids  event id                     -> position + content digest
//   integrity  "head"                       -> head position + chain hash
//   proj.<name> one family per projection (owned by the projections)
// Every commit group is one WriteBatch, so the log, the indexes and the
// chain head always move together; a crash leaves a prefix of the groups.
//
// Thread safety: all methods are safe to call concurrently. Appends are
// queued to one writer thread which batches concurrent callers into one
// WriteBatch and one WAL write (group commit); reads never block on it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/status.h"
#include "jejak/store/new_event.h"
#include "jejak/store/options.h"
#include "jejak/store/recorded_event.h"
#include "jejak/store/types.h"

namespace jejak::integrity {
class NoteSigner;
struct Tile;
}

namespace jejak::store {

// Events for one stream inside an Append call. The events' own `stream`
// field must be empty or equal to `stream`; their `expectedVersion` field
// is ignored (the one here counts).
struct StreamAppend {
  std::string stream;
  ExpectedVersion expected = ExpectedVersion::Any();
  std::span<const NewEvent> events;
};

// The events in submission order as StreamAppends for one Append call:
// consecutive events of one stream (their own `stream` field) form one
// part; an event with an expectedVersion other than Any starts a new part
// carrying it. Positions are then assigned in the given order. The parts
// point into `events`, which must outlive them.
std::vector<StreamAppend> StreamRuns(std::span<const NewEvent> events);

// The 0-based submission index of the event an Append error names ("event
// <i>: ..."), or nullopt when it names none.
std::optional<size_t> EventIndexOfError(const Status& s);

// What a LogIterator does to each record before handing it out.
enum class LogDecoding {
  kParsed,  // RecordedEvent::Decode: event() is ready to read
  // RecordedEvent::Load only (frame checked, body copied): the reader
  // calls Parse on the event before reading it, on a thread of its own (a
  // read-ahead spreads the decoding over the reading and the folding
  // thread). A body that fails to parse is then the reader's to report.
  kLoaded,
};

// Forward iterator over the log in position order. Not thread-safe; use
// one per thread. Sees the log as of its creation (a snapshot).
class LogIterator {
 public:
  virtual ~LogIterator() = default;
  virtual bool Valid() const = 0;
  // REQUIRES: Valid().
  virtual void Next() = 0;
  // REQUIRES: Valid(). Valid until Next(), TakeEvents() or destruction.
  virtual const RecordedEvent& event() const = 0;
  // Moves the events from the current one on into `out`, in order, up to
  // out.size() of them and none past `last_position`; returns how many.
  // Each is decoded (as the iterator's LogDecoding says) straight into its
  // slot, reusing the slot's buffers, so a reader that keeps every event (a
  // read-ahead queue) takes them without a copy or a swap per event. The
  // iterator is left where that many Next() calls would leave it: on the
  // first event not taken, or not Valid() at the end of the log or after an
  // error (status() says which). Slots past the count are unspecified.
  virtual size_t TakeEvents(std::span<RecordedEvent> out, uint64_t last_position) = 0;
  // OK at the end of the range; otherwise why iteration stopped early
  // (IOError, Corruption naming the position).
  virtual Status status() const = 0;
};

// Outcome of Verify.
struct VerifyReport {
  uint64_t events_checked = 0;
  Head head;                  // recomputed head when the log is intact
  uint64_t first_bad_position = 0;  // 0 when intact
};

class EventStore {
 public:
  virtual ~EventStore() = default;

  // Opens (or, per options, creates) the ledger in directory `path`.
  // Errors: NotFound (missing and !create_if_missing), Corruption (not a
  // jejak ledger, or a format version this build cannot read), Conflict
  // "ledger busy" (another process or store holds the ledger open),
  // IOError.
  [[nodiscard]] static Result<std::unique_ptr<EventStore>> Open(
      const StoreOptions& options, const std::string& path);

  // Atomically appends the events of every StreamAppend: all are recorded,
  // or none is. Validates each event first (docs/events.md: malformed or
  // impossible input is InvalidArgument naming the event index, field and
  // reason). Returns once the options' durability promise holds.
  //
  // Idempotency: an event whose event id is already recorded with the same
  // content (stream, effective date, actor, source, payload) is not
  // recorded again; its original position is returned. If every event of a
  // StreamAppend is such a duplicate, that part succeeds whatever its
  // expected version. If only some are, the rest is appended when the
  // expectation is Any and is a Conflict otherwise. The same id with other
  // content is a Conflict.
  //
  // Errors: InvalidArgument, Conflict (expected version, event id),
  // IOError / Unavailable (the store has failed: reopen it). An error about
  // one event names it as "event <i>" (its 0-based index in submission
  // order across the call); an expected-version Conflict names the first
  // event of its StreamAppend.
  [[nodiscard]] virtual Result<AppendResult> Append(
      std::span<const StreamAppend> appends) = 0;

  // Convenience for one stream.
  [[nodiscard]] Result<AppendResult> Append(std::string_view stream,
                                            ExpectedVersion expected,
                                            std::span<const NewEvent> events);

  // Events of `stream` with version in [from_version, from_version +
  // max_count) and position <= max_position (a stream's positions grow
  // with its versions, so the read stops at the first one past it).
  // NotFound when the stream does not exist.
  [[nodiscard]] virtual Result<std::vector<RecordedEvent>> ReadStream(
      std::string_view stream, uint64_t from_version = 1, uint64_t max_count = UINT64_MAX,
      uint64_t max_position = UINT64_MAX) = 0;

  // The event at `position`. NotFound past the head.
  [[nodiscard]] virtual Result<RecordedEvent> ReadAt(uint64_t position) = 0;

  // Iterator over positions >= from_position (1 = the whole log). The
  // iterator must be destroyed before the store.
  virtual std::unique_ptr<LogIterator> ReadLog(uint64_t from_position = 1,
                                               LogDecoding decoding = LogDecoding::kParsed) = 0;

  // Metadata of `stream`; NotFound when it does not exist.
  [[nodiscard]] virtual Result<StreamInfo> GetStreamInfo(
      std::string_view stream) = 0;

  // Position of the event recorded with `event_id`; NotFound if none.
  [[nodiscard]] virtual Result<uint64_t> FindEventId(
      std::string_view event_id) = 0;

  // The committed head. Cheap. (Opened read_only: the head when opened.)
  virtual Head GetHead() = 0;

  // Opened with StoreOptions::read_only: a reader beside the writer, which
  // appends nothing (Append and SignCheckpoint are Unavailable).
  virtual bool read_only() const = 0;

  // Number of distinct streams (from the streams family). May scan.
  [[nodiscard]] virtual Result<uint64_t> CountStreams() = 0;

  // Recomputes every leaf hash from the stored body and the chain from
  // position 1, checks positions are gap-free, that every event is
  // reachable through its stream and event-id index, and that the stored
  // head matches. Corruption names the first bad position and what failed;
  // the report's first_bad_position is set as well. `progress`, if given,
  // is called now and then with the number of events checked.
  [[nodiscard]] virtual Status Verify(
      VerifyReport* report,
      const std::function<void(uint64_t)>& progress = nullptr) = 0;

  // ---- the verifiable log (docs/format.md "Merkle tree", "Checkpoints") ----
  // Position p is leaf p-1 of an RFC 6962 Merkle tree over SHA-256; the
  // tree always has as many leaves as the log has events (GetHead()'s
  // tree_root is its root).

  // The entry of `position`: the bytes its Merkle leaf hashes
  // (include/jejak/integrity/entry.h). NotFound past the head; Corruption
  // when the record or its salt is damaged.
  [[nodiscard]] virtual Result<std::string> ReadEntry(uint64_t position) = 0;
  // The bytes of C2SP tile `tile` (integrity/tile.h): its width hashes
  // of 32 bytes, as served at its TilePath. NotFound when the tree at the
  // head does not hold the tile at that width yet; Corruption when the
  // stored tile is damaged. A tile once available never changes.
  [[nodiscard]] virtual Result<std::string> ReadTile(const integrity::Tile& tile) = 0;
  // Root of the tree of the first `size` entries (0 <= size <= head).
  // InvalidArgument past the head; Corruption when a tile is damaged.
  [[nodiscard]] virtual Result<Hash> TreeRoot(uint64_t size) = 0;
  // The RFC 6962 inclusion proof of `position`'s entry in the tree of
  // `size` entries (1 <= position <= size <= head); InvalidArgument else.
  [[nodiscard]] virtual Result<std::vector<Hash>> ProveInclusion(uint64_t position,
                                                                 uint64_t size) = 0;
  // The RFC 6962 consistency proof from the tree of `old_size` entries to
  // the tree of `size` (old_size <= size <= head); InvalidArgument else.
  [[nodiscard]] virtual Result<std::vector<Hash>> ProveConsistency(uint64_t old_size,
                                                                   uint64_t size) = 0;
  // Signs the checkpoint of the current tree (C2SP tlog-checkpoint, origin
  // = the signer's key name), keeps it (in the integrity family and in the
  // checkpoint file beside the database, both synced) and returns the
  // signed note. When the last signed checkpoint already has this size and
  // root, returns it instead of signing again. Never signs a tree that does
  // not extend the last signed checkpoint: Corruption when the ledger is
  // shorter than it or its tree at that size has another root;
  // InvalidArgument when `signer` names another origin. Serialized: safe to
  // call concurrently with anything.
  [[nodiscard]] virtual Result<std::string> SignCheckpoint(
      const integrity::NoteSigner& signer) = 0;
  // The signed checkpoint of tree size `size`; NotFound when none was signed.
  [[nodiscard]] virtual Result<std::string> GetCheckpoint(uint64_t size) = 0;
  // The signed checkpoint of the largest size; NotFound when none was signed.
  [[nodiscard]] virtual Result<std::string> LatestCheckpoint() = 0;
  // The verifier key (C2SP vkey) of the key that signed the latest
  // checkpoint, as kept when it signed; NotFound when none was signed. An
  // auditor compares it with the key the agency publishes.
  [[nodiscard]] virtual Result<std::string> CheckpointVerifierKey() = 0;

  // Brings the v1 ledger in `path` (no Merkle tree) to the current format
  // in place: every record's entry is hashed into the tree (tiles, salts)
  // in synced batches, then the format key is set. Resumable: a run that
  // stops part-way (crash, kill) continues where its last batch ended. The
  // records, their BLAKE2b leaf and chain hashes and every index are left
  // as they are. `progress(done, total)` is called now and then. Returns
  // the number of entries added (0 when the ledger is already current).
  // Errors: NotFound (no ledger), Corruption (a record does not decode),
  // IOError. No store may have the ledger open.
  [[nodiscard]] static Result<uint64_t> Upgrade(
      const StoreOptions& options, const std::string& path,
      const std::function<void(uint64_t, uint64_t)>& progress = nullptr);

  // Blocks until the head reaches `position` or `timeout_ms` passes;
  // returns the head position then.
  virtual uint64_t WaitForPosition(uint64_t position, int64_t timeout_ms) = 0;
};

}  // namespace jejak::store
