// Checkpoints (c2sp.org/tlog-checkpoint@v1.0.0): the signed-note text that
// commits a log to its Merkle tree at one size.
//
// FORMAT. The note text is at least three non-empty lines, each ending in
// "\n":
//
//   <origin>             the log's identity, e.g. "example.com/log42"
//   <size>               leaves in the tree, ASCII decimal, no leading zero
//                        (the empty tree is "0")
//   <base64(root)>       the RFC 6962 root hash at that size, 32 bytes
//   [<extension line>]*  opaque, optional, non-empty
//
// e.g. "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n".
// The log signs this text as a note (note.h); witnesses add cosignatures
// (cosignature.h).
//
// Thread safety: every function is safe to call from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/integrity/note.h"
#include "jejak/integrity/sha256.h"
#include "jejak/status.h"

namespace jejak::integrity {

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Hash root{};
  std::vector<std::string> extensions;  // lines without their "\n"

  bool operator==(const Checkpoint&) const = default;
};

// The value of `s` written as the C2SP tlog formats write sizes, indexes
// and timestamps: ASCII decimal digits only, no sign, no leading zero
// unless the value is 0, at most 2^64-1. nullopt for anything else.
std::optional<uint64_t> ParseCanonicalDecimal(std::string_view s);

// OK when `checkpoint` formats to text that ParseCheckpoint accepts: the
// origin and every extension line non-empty, valid UTF-8, without control
// characters (so without "\n"). InvalidArgument naming the field otherwise.
[[nodiscard]] Status ValidateCheckpoint(const Checkpoint& checkpoint);

// The note text of `checkpoint` (ends in "\n").
// REQUIRES: ValidateCheckpoint(checkpoint).ok().
std::string FormatCheckpoint(const Checkpoint& checkpoint);

// The checkpoint whose note text is `text` (without signatures). Strict:
// InvalidArgument naming the line for text that is not valid note text
// (ValidateNoteText), an empty origin, a size that is not canonical
// decimal or exceeds 2^64-1, a root that is not base64 of 32 bytes, or an
// empty extension line.
[[nodiscard]] Result<Checkpoint> ParseCheckpoint(std::string_view text);

// The checkpoint of a signed note whose signatures are not verified here
// (the note's signer checked it when storing it, or a later step does):
// ParseNote(signed_note, limits), then ParseCheckpoint of its text.
[[nodiscard]] Result<Checkpoint> ParseSignedCheckpoint(std::string_view signed_note,
                                                       const NoteLimits& limits = {});

// A signed checkpoint opened: OpenNote(signed_note, known, limits) then
// ParseCheckpoint of its text. Errors as those two (a missing or forged
// signature by the known keys is Corruption).
[[nodiscard]] Result<Checkpoint> OpenCheckpoint(std::string_view signed_note,
                                                std::span<const NoteVerifier> known,
                                                const NoteLimits& limits = {});

}  // namespace jejak::integrity
