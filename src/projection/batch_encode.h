// Encoding a batch's commit: the touched employees' profile values and index
// changes, the agencies' changed definitions and the checkpoint, as runs of
// key-sorted mutations for batch_writer.h. Shared by a rebuild
// (rebuild_batch.h) and a catch-up (catch_up_batch.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "batch_states.h"
#include "batch_writer.h"
#include "jejak/projection/rules.h"
#include "jejak/status.h"

namespace jejak::projection {

// The mutations of one commit: runs each sorted by key, no key in two runs;
// the bytes of runs[r] live in arenas[r].
struct CommitRuns {
  std::vector<std::vector<Mutation>> runs;
  std::vector<ByteArena> arenas;
};

// How many shards encode `employees` states with `threads` threads
// (tuning::kMinStatesPerEncodeShard, kMaxEncodeShards): at least 1.
size_t EncodeShardCount(size_t employees, size_t threads);

// Encodes `touched` in `shards` contiguous shards, one thread each, and
// appends one run per shard to `out`: each employee's profile value and the
// changes between its stored index entries (old_index) and its new ones.
// `keep_index`: old_index becomes the new entries (the state stays held
// for the next batch). Clears every `touched` flag. The first shard's
// error, if any.
[[nodiscard]] Status EncodeEmployees(const std::vector<EmployeeRef>& touched, const Rules& rules,
                                     size_t shards, bool keep_index, CommitRuns* out);

// As EncodeEmployees with one shard per file of `profile_files`, for a
// family being rebuilt: each shard adds its profile values to its file as
// it encodes them (never held in memory) and finishes it; its run holds
// the index changes only. REQUIRES: `touched` in NIP order ("p" keys sort
// after every index, agency and checkpoint key, so the files' ranges do
// not overlap the runs').
// The profile files EncodeEmployeesToFiles fills for `employees` states
// encoded with `threads` threads: one per shard (EncodeShardCount), at
// `ingest_path` + "-p<shard>.sst.tmp".
std::vector<SortedFile> ProfileFiles(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                                     const std::string& ingest_path, size_t employees,
                                     size_t threads);

[[nodiscard]] Status EncodeEmployeesToFiles(const std::vector<EmployeeRef>& touched,
                                            const Rules& rules,
                                            std::vector<SortedFile>& profile_files,
                                            CommitRuns* out);

// Appends one run: the changes of `agencies`' stored values (positions,
// units, the positions' amendment lists).
void EncodeAgencies(const AgencyMap& agencies, CommitRuns* out);

// Appends one run: EncodeAgencies's and the checkpoint `checkpoint`.
void EncodeAgenciesAndCheckpoint(const AgencyMap& agencies, uint64_t checkpoint, CommitRuns* out);

}  // namespace jejak::projection
