// The checkpoint file: every checkpoint a ledger signed, appended and
// fsync'ed to a plain file beside the database, "<ledger>/jejak-checkpoints"
// (docs/format.md "Checkpoints"). It survives what RocksDB's recovery does
// not notice (a deleted or truncated WAL, a restored older copy of the
// database files): Open refuses a ledger whose head is below the last
// checkpoint filed here.
//
// Format: records, each the line "jejak-checkpoint <N>\n" followed by the
// N bytes of a signed checkpoint note (C2SP signed-note, ending in "\n").
// A record cut short at the end (a crash while filing it; it was never
// acknowledged) is ignored, and cut off before the next record is filed.
//
// Thread safety: the functions are safe to call concurrently for reading;
// filing is serialized by the caller (one signer per ledger).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/integrity/sha256.h"
#include "jejak/status.h"

namespace jejak::store {

// "jejak-checkpoints".
const char* CheckpointFileName();

struct FiledCheckpoint {
  std::string origin;
  uint64_t size = 0;
  integrity::Hash root{};
  std::string note;  // the signed note as filed
};

// Every complete record of the file in `dir`, in filing order; empty when
// the file does not exist. Corruption naming the byte offset when a
// complete record is malformed; IOError.
[[nodiscard]] Result<std::vector<FiledCheckpoint>> ReadCheckpointFile(const std::string& dir);
// The last complete record, nullopt when none.
[[nodiscard]] Result<std::optional<FiledCheckpoint>> LastFiledCheckpoint(const std::string& dir);
// Appends `note` (a signed checkpoint) and fsyncs the file (and, when it
// is created, the directory). InvalidArgument when `note` is not a
// checkpoint; IOError.
[[nodiscard]] Status FileCheckpoint(const std::string& dir, std::string_view note);

// The checkpoint of a signed note (integrity::ParseSignedCheckpoint: its
// signature lines are well formed, not verified), with the note kept.
[[nodiscard]] Result<FiledCheckpoint> ParseFiledCheckpoint(std::string_view note);

}  // namespace jejak::store
