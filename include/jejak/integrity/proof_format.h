// The text formats that carry Merkle proofs with a signed checkpoint:
// c2sp.org/tlog-proof@v1 (an offline inclusion proof, a "spicy
// signature") and the body of a c2sp.org/tlog-witness add-checkpoint
// request (a consistency proof for a witness).
//
// FORMAT. Every line ends in "\n"; hashes are base64 of 32 bytes.
//
//   tlog-proof                           add-checkpoint request body
//   c2sp.org/tlog-proof@v1               old <old size>
//   [extra <base64(opaque data)>]        <consistency proof hash>*  (at most 63)
//   index <leaf index>                   <empty line>
//   <inclusion proof hash>*              <signed checkpoint note>
//   <empty line>
//   <signed checkpoint note>
//
// Numbers are canonical ASCII decimal (ParseCanonicalDecimal). Inclusion
// hashes go from the leaf's sibling up (RFC 6962 2.1.1); consistency hashes
// as RFC 6962 2.1.2. The checkpoint is the log's signed note verbatim,
// cosignatures included (checkpoint.h, note.h, cosignature.h).
//
// Parsing is strict and verifies nothing: InvalidArgument naming the line
// for any deviation, including a checkpoint that is not a well-formed
// signed checkpoint note. Verification (signatures, proofs) is
// VerifyTlogProof's or the caller's.
//
// Thread safety: every function is safe to call from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/integrity/checkpoint.h"
#include "jejak/integrity/note.h"
#include "jejak/integrity/sha256.h"
#include "jejak/status.h"

namespace jejak::integrity {

inline constexpr std::string_view kTlogProofHeader = "c2sp.org/tlog-proof@v1";
// An audit path in a tree of fewer than 2^64 leaves has at most 64 hashes.
inline constexpr size_t kMaxInclusionProofHashes = 64;
// tlog-witness: "The client MUST NOT send more than 63 consistency proof lines."
inline constexpr size_t kMaxConsistencyProofHashes = 63;

// A c2sp.org/tlog-proof@v1 proof.
struct TlogProof {
  std::optional<std::string> extra;  // opaque bytes, unauthenticated
  uint64_t index = 0;                // the leaf's zero-based index
  std::vector<Hash> inclusion_proof;
  std::string checkpoint;  // the signed checkpoint note, verbatim

  bool operator==(const TlogProof&) const = default;
};

// The text of `proof`.
// REQUIRES: inclusion_proof.size() <= kMaxInclusionProofHashes and
// checkpoint is a signed checkpoint note (so that ParseTlogProof reads the
// text back).
std::string FormatTlogProof(const TlogProof& proof);

// The proof written as `text`. InvalidArgument naming the line when the
// text deviates from the format, has more than kMaxInclusionProofHashes
// hashes, or is longer than limits.max_bytes; the checkpoint must pass
// ParseNote(limits) and ParseCheckpoint.
[[nodiscard]] Result<TlogProof> ParseTlogProof(std::string_view text,
                                               const NoteLimits& limits = {});

// The checkpoint of `proof` once its note is verified by `known` (the log's
// key, and any witness keys: OpenCheckpoint's rules) and its inclusion
// proof shows `leaf_hash` (merkle.h RecordHash of the entry) at
// proof.index. Corruption when a signature or the proof does not verify;
// InvalidArgument when the proof cannot apply (index outside the tree,
// wrong number of hashes) or the note is malformed.
[[nodiscard]] Result<Checkpoint> VerifyTlogProof(const TlogProof& proof, const Hash& leaf_hash,
                                                 std::span<const NoteVerifier> known,
                                                 const NoteLimits& limits = {});

// A c2sp.org/tlog-witness add-checkpoint request body.
struct AddCheckpointRequest {
  uint64_t old_size = 0;
  std::vector<Hash> consistency_proof;
  std::string checkpoint;  // the signed checkpoint note, verbatim

  bool operator==(const AddCheckpointRequest&) const = default;
};

// The body of `request`.
// REQUIRES: consistency_proof.size() <= kMaxConsistencyProofHashes and
// checkpoint is a signed checkpoint note.
std::string FormatAddCheckpointRequest(const AddCheckpointRequest& request);

// The request whose body is `body`. InvalidArgument naming the line when
// the body deviates from the format, has more than
// kMaxConsistencyProofHashes hashes, is longer than limits.max_bytes, or
// its old size exceeds the checkpoint's size (the spec's 400 Bad Request);
// the checkpoint must pass ParseNote(limits) and ParseCheckpoint.
[[nodiscard]] Result<AddCheckpointRequest> ParseAddCheckpointRequest(std::string_view body,
                                                                     const NoteLimits& limits = {});

}  // namespace jejak::integrity
