// Folding employees from the projection's copies of their events
// (career_events.h), one employee at a time in NIP order: how a rebuild
// whose employees outnumber its state bound (ProjectorOptions::
// max_batch_states), and a catch-up of a long range, fold them. Folding
// the log in recording order holds every active employee's state at once,
// or, batch after batch, reads back and rewrites each profile once per
// batch; here each employee is folded from one short range of the family
// (its copies, in order) and its profile is written once, and memory holds
// one chunk of states.
//
// Each chunk is written in one ingestion (batch_writer.h): its profiles,
// summaries and index entries, and the fold's progress ("m", keys.h: the
// position it folds to and the last NIP written). The checkpoint stays
// where it was until the last chunk writes the new one and removes the
// progress. Meanwhile the employees up to the progress's NIP are folded
// further than the checkpoint says, so the progress takes precedence: the
// projector reads it before anything else it folds (ReadCopyFoldProgress)
// and goes on from it, never from the checkpoint.
//
// Not thread-safe: one thread calls; encoding a chunk uses helper threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "batch_states.h"
#include "jejak/projection/rules.h"
#include "jejak/status.h"
#include "nip_set.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace jejak::projection {

struct CopyFoldProgress {
  uint64_t checkpoint = 0;  // the log position the fold folds to
  std::string after_nip;    // every employee up to this NIP is written ("": none)
};

// The progress an interrupted fold from copies left in `family`, if any.
// Corruption for a value that is not one, or whose position is 0.
[[nodiscard]] Result<std::optional<CopyFoldProgress>> ReadCopyFoldProgress(
    rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family);

struct CopyFoldOptions {
  size_t chunk_states = 1;    // employees per chunk. REQUIRES: >= 1
  size_t encode_threads = 1;  // encode (and file-writing) threads
  // The chunk's files are written at ingest_path + "-p<n>.sst.tmp" and
  // "-<n>.sst.tmp" before they are ingested.
  std::string ingest_path;
  // Called after each chunk is written with the employees written so far
  // by this call (none: not called).
  std::function<void(uint64_t employees)> on_chunk;
};

// Folds every employee after from.after_nip whose copies `family` holds,
// from its copies at positions up to from.checkpoint (as a fold of the log
// up to there leaves it: FoldStream), and writes its profile, summary and
// index entries, chunk by chunk, then the checkpoint from.checkpoint.
// REQUIRES: the family holds the copy of every employee event up to
// from.checkpoint, and nothing else writes it meanwhile.
// `stored`: the NIPs that may have a stored profile, whose index entries
// the new ones replace (nullptr: any NIP may, as after a crash).
// `agencies`: written with the first chunk (nullptr: none).
// Corruption names a damaged copy or the employee whose copies fail to
// fold; a failed chunk leaves the family as the chunks before it left it.
[[nodiscard]] Status FoldEmployeesFromCopies(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                                             const Rules& rules, const CopyFoldOptions& options,
                                             const CopyFoldProgress& from, const NipSet* stored,
                                             const AgencyMap* agencies);

}  // namespace jejak::projection
