// A witness (C2SP tlog-witness, tlog-cosignature): it cosigns a log's
// checkpoint only when the log proves it consistent with the largest
// checkpoint of that log the witness cosigned before, so a log cannot show
// two different histories to two people without one witness seeing both.
// An inspectorate or BKN runs it beside the agency that keeps the ledger.
//
// State: per log origin, the size and root of the last cosigned tree, in a
// directory (WitnessState), replaced atomically (write, fsync, rename,
// fsync the directory) while a lock file serializes witnesses sharing it.
//
// Thread safety: AddCheckpoint may run concurrently, in threads or
// processes, over one state directory (the per-log lock serializes them).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "jejak/integrity/note.h"
#include "jejak/integrity/sha256.h"
#include "jejak/status.h"

namespace jejak::witness {

// What a witness remembers of one log.
struct WitnessedTree {
  uint64_t size = 0;
  integrity::Hash root{};
};

// The state directory of a witness.
class WitnessState {
 public:
  explicit WitnessState(std::string dir) : dir_(std::move(dir)) {}
  const std::string& dir() const { return dir_; }
  // The tree last cosigned for `origin`; nullopt for a log never seen.
  // Corruption when the state file is damaged; IOError.
  [[nodiscard]] Result<std::optional<WitnessedTree>> Load(std::string_view origin) const;
  // Replaces the state of `origin` atomically, keeping `checkpoint` (the
  // signed note) beside it for people to read. IOError.
  [[nodiscard]] Status Store(std::string_view origin, const WitnessedTree& tree,
                             std::string_view checkpoint) const;
  // The file name of `origin`'s state inside dir() (origins contain '/').
  static std::string FileName(std::string_view origin);

 private:
  std::string dir_;
};

// Why an add-checkpoint request was refused, as c2sp.org/tlog-witness
// tells them apart (HttpStatus gives the spec's status for each).
enum class RefusalKind {
  kNone,               // not refused
  kMalformed,          // the body is not an add-checkpoint request: 400
  kUnknownLog,         // the checkpoint's origin is none of the witness's logs: 404
  kNotSigned,          // no valid signature by the log's key: 403
  kOldAboveSize,       // the old size is above the checkpoint's size: 400
  kStaleOldSize,       // the old size is not the witness's size: 409
  kForkedRoot,         // the witness's size with another root: 409
  kInconsistentProof,  // the proof does not verify: 422
};

// The outcome of a refused add-checkpoint: why, and the witness's current
// size for the log (the spec's 409 body; 0 for a log it never saw).
struct Refusal {
  RefusalKind kind = RefusalKind::kNone;
  uint64_t witness_size = 0;
};

// The HTTP status c2sp.org/tlog-witness prescribes for `kind` (200 for
// kNone).
int HttpStatus(RefusalKind kind);

// Handles one tlog-witness add-checkpoint request `body` (an "old N" line,
// the consistency proof, a blank line, the log's signed checkpoint) for
// one of the logs `logs` (chosen by the checkpoint's origin): verifies the
// checkpoint's signature by that log's key (other signatures are ignored),
// that N is at most the checkpoint's size and is the size the witness has
// for the log (0 for a log it never saw), and that the proof shows the new
// tree extends that one; then persists the new size and root and returns
// the cosignature line of `witness` made at `now_unix`. The check and the
// update are atomic per log, across threads and processes.
// Errors, with refusal->kind set: InvalidArgument (kMalformed,
// kUnknownLog, kOldAboveSize); Corruption (kNotSigned: the log's
// signature is missing or forged); Conflict (kStaleOldSize, kForkedRoot,
// kInconsistentProof: refusal->witness_size then holds the witness's
// current size); IOError (state, kind kNone).
[[nodiscard]] Result<std::string> AddCheckpoint(std::string_view body,
                                                std::span<const integrity::NoteVerifier> logs,
                                                const integrity::NoteSigner& witness,
                                                const WitnessState& state, uint64_t now_unix,
                                                Refusal* refusal);

}  // namespace jejak::witness
