// Every tuning constant of the projection's fold and write paths, each with
// the reason for its value in one line. Changing one changes speed or
// memory, never the projection's bytes (tests/projection/projector_test.cc
// compares projections folded with different batch sizes). The
// measurements behind them are in docs/benchmarks.md ("Projection:
// rebuild and catch-up").
#pragma once

#include <cstddef>
#include <cstdint>

namespace jejak::projection::tuning {

// --- Batches (defaults of ProjectorOptions, projector.h) ---

// A catch-up batch: large enough that an employee touched several times is
// written once, small enough that a live append waits little for it.
inline constexpr size_t kCatchUpBatchEvents = 50'000;
// A rebuild batch: each batch rewrites every profile it touches and the
// next one reads them back, so a rebuild is bounded by kMaxBatchStates
// (the memory bound) rather than by a count of events.
inline constexpr size_t kRebuildBatchEvents = 64'000'000;
// Copies of employee events a rebuild holds before it sorts and ingests
// them (career_events.h): bounds their memory whatever the batch's size.
inline constexpr size_t kRebuildCopyBytes = size_t{256} << 20;
// States held by one batch before it is committed (a rebuild into a
// generation that keeps copies folds its employees from the copies
// instead, in chunks of this many): bounds its memory (a 10-event
// career's state takes ~2-3 KB).
inline constexpr size_t kMaxBatchStates = 200'000;
// Threads encoding a commit: the machines this runs on have 2 cores or more.
inline constexpr size_t kEncodeThreads = 2;
// States a catch-up keeps decoded between its batches (~40 MB): an employee
// touched again is then neither read nor decoded.
inline constexpr size_t kCachedStates = 20'000;
// ... and at most this fraction of a batch's state bound, so that the kept
// states leave room for the batch's own.
inline constexpr size_t kCachedStatesDivisor = 4;
// A catch-up of at least this many events, and at least 1/kCopyFoldLogDivisor
// of the log, folds its employees from their copies (copy_fold.h) instead
// of reading and rewriting a stored profile per event: that reads every
// copy of the log once, which costs less than a random read and write per
// event of a range this long (a bulk import into a ledger with a
// projection).
inline constexpr uint64_t kCopyFoldCatchUpEvents = 1'000'000;
inline constexpr uint64_t kCopyFoldLogDivisor = 8;

// Events between two progress reports of a long fold (a rebuild batch can
// take a minute): often enough for a progress line, rarely enough to cost
// nothing.
inline constexpr uint64_t kProgressEvents = 100'000;

// --- Reading the log ---

// From this many events to fold the log is read on a helper thread: below
// it, starting the thread costs more than it saves.
inline constexpr uint64_t kReadAheadEvents = 8192;
// The helper's unit of hand-over: amortizes the lock per chunk.
inline constexpr size_t kReadAheadChunkEvents = 1024;
// Chunks the helper may be ahead: deeper queues were slower (more cache
// misses), shallower ones no faster.
inline constexpr size_t kReadAheadChunks = 4;

// Read-ahead of the one sequential read of the copies when a rebuild folds
// its employees from them (copy_fold.h): a few blocks per disk request.
inline constexpr size_t kCopyFoldReadAheadBytes = size_t{4} << 20;

// --- Prefetching while folding (BatchStates::Prefetch) ---

// How many events ahead each stage starts loading: the event's bytes
// (written on the reader's core), its employee's table slot, its state.
// Each stage runs after the one before, far enough ahead for its load to
// land before the next stage or the fold reads it.
inline constexpr size_t kPrefetchAhead[3] = {24, 12, 6};
// Entries remembering what stage 1 read of an event (its NIP and hash) for
// stage 2 and the fold: more than stage 1's distance, so an entry outlives
// the events between its stage 1 and its fold.
inline constexpr size_t kPrefetchMemo = 64;
static_assert(kPrefetchMemo > kPrefetchAhead[1]);
// Bytes of an employee's state loaded by stage 2: its strings and the
// vectors' pointers, what the fold of any event reads first.
inline constexpr size_t kPrefetchStateBytes = 512;

// --- Refolding amended employees (employee_refold.h) ---

// Events of amended streams one forward pass over the log may hold at once
// (~0.7 KB each): bounds a refold's memory.
inline constexpr uint64_t kRefoldPassEvents = 300'000;
// A forward pass is chosen while it reads at most this many log events per
// stream event needed: a sequential read costs a fraction of a random one.
inline constexpr uint64_t kScanAdvantage = 16;
// Bytes of amendments a rebuild may hold to refold in one pass that holds no
// events; past it, it refolds as a catch-up does.
inline constexpr size_t kRebuildAmendmentBytes = size_t{256} << 20;

// --- Encoding and writing a commit (batch_encode.h, batch_writer.h) ---

// Fewest states per encode thread: a shard of fewer does not repay a thread.
inline constexpr size_t kMinStatesPerEncodeShard = 64;
// Most encode shards, whatever the threads asked for.
inline constexpr size_t kMaxEncodeShards = 16;
// From this many states a commit frees them on a helper thread while it
// writes: below it, starting the thread costs more than freeing them.
inline constexpr size_t kFreeAsideStates = 4096;
// Size of a ByteArena chunk: few allocations per commit, and ordinary pages
// (huge pages, which the kernel must compact memory for, were slower).
inline constexpr size_t kArenaChunkBytes = size_t{2} << 20;
// Mutations ahead whose bytes a file writer loads: the arena holds them in
// encoding order, so each read in key order is a cache miss otherwise.
inline constexpr size_t kMutationLoadAhead = 8;
// Fewest mutations per ingested file: a smaller file does not repay a thread.
inline constexpr size_t kMinMutationsPerFile = 1024;
// Most files one ingestion writes at once.
inline constexpr size_t kMaxIngestFiles = 16;

}  // namespace jejak::projection::tuning
