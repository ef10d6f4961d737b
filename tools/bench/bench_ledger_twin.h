// Raw twins of a jejak ledger for the store benchmark: the key-value pairs
// a ledger stored, read back through RocksDB, and batch writers that put
// the same bytes into plain databases — no validation, encoding or hashing.
//
// The mapping of index entries to log positions follows the key formats of
// include/jejak/store/event_store.h:
//   streams    'v' stream 0x00 version -> position (u64 BE)
//              'm' stream -> version, first position, last position (u64 BE)
//   event_ids  event id -> position (u64 BE) ‖ content digest
//   integrity  "head" -> head record
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "bench_rocks.h"
#include "bench_runner.h"

namespace jejak::bench {

using KeyValue = std::pair<std::string, std::string>;

struct LedgerRecords {
  std::vector<KeyValue> log;        // (position u64 BE, stored record), in order
  std::vector<KeyValue> streams;    // the streams family as stored
  std::vector<KeyValue> event_ids;  // the event_ids family as stored
  std::string head;                 // value of the integrity "head" key
  // index[i]: the (family, pair) entries written with log[i]: its stream
  // version key, its event id, and the stream metadata when it is the
  // stream's last event.
  std::vector<std::vector<std::pair<const char*, const KeyValue*>>> index;

  // Reads the ledger (closed) in `path`. Error message or "".
  std::string Load(const std::string& path);
  double average_record_bytes() const;
};

// Writes a batch of n events as one WriteBatch of n Puts into the default
// family: key = the next 8-byte big-endian counter k (from 1), value = the
// record stored at log position k (cycling). Thread-safe for threads
// 0..kMaxThreads-1 (each reuses its own WriteBatch).
//
// With `hash`, the writing thread also computes, before its Write, the
// hashes docs/format.md requires of every record it writes: the leaf
// BLAKE2b("jejak.leaf.v1" ‖ body) and the chain BLAKE2b("jejak.chain.v1" ‖
// previous chain ‖ leaf), with libsodium directly (not jejak's code), and
// checks them against the ledger's stored header (an error if they differ:
// the baseline hashes exactly what the format hashes). One thread only.
class RawLogWriter {
 public:
  static constexpr int kMaxThreads = 64;
  RawLogWriter(rocksdb::DB* db, bool sync, const LedgerRecords* records, bool hash = false)
      : db_(db), sync_(sync), hash_(hash), records_(records), batches_(kMaxThreads) {}
  std::string operator()(int thread, const Batch& batch);

 private:
  // Hashes records first .. first + n - 1 (cycling) into chain_.
  std::string HashRecords(uint64_t first, size_t n);

  rocksdb::DB* db_;
  bool sync_;
  bool hash_;
  const LedgerRecords* records_;
  std::atomic<uint64_t> next_{0};
  std::vector<rocksdb::WriteBatch> batches_;  // one per thread, reused
  unsigned char chain_[32] = {};              // with hash_: the running chain
};

// Which of a ledger's index entries RawLedgerWriter writes besides the log
// record, the stream metadata and the head (always written).
enum class TwinPairs {
  kAll,             // every pair the ledger stored
  kWithoutStreams,  // no stream version keys ('v' stream 0x00 version)
  kWithoutIds,      // no event_ids entries
};

// Writes a batch of ledger events (item i = log position i + 1) as one
// WriteBatch holding the pairs the ledger stored for them — the log record
// and the index entries `pairs` selects, into the same families — plus the
// head record: the ledger's own data model, without its CPU work.
class RawLedgerWriter {
 public:
  RawLedgerWriter(const RawFamilies* db, bool sync, const LedgerRecords* records,
                  TwinPairs pairs = TwinPairs::kAll)
      : db_(db), sync_(sync), records_(records), pairs_(pairs) {}
  // One thread only (the batch is reused).
  std::string operator()(int thread, const Batch& batch);

 private:
  const RawFamilies* db_;
  bool sync_;
  const LedgerRecords* records_;
  TwinPairs pairs_;
  rocksdb::WriteBatch batch_;
};

}  // namespace jejak::bench
