// Timestamped Ed25519 checkpoint cosignatures (c2sp.org/tlog-cosignature,
// "cosignature/v1", signature type 0x04): a witness's statement that, at a
// time, the checkpoint was the largest consistent tree it had seen.
//
// FORMAT. A cosignature is a signed-note signature line (note.h) on the
// checkpoint:
//
//   — <witness name> base64(key id ‖ timestamp ‖ signature)
//
//   key id     4 bytes big-endian: SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key)[:4]
//   timestamp  8 bytes big-endian: POSIX seconds, at most 2^63-1
//   signature  64 bytes: Ed25519 over CosignatureMessage(body, timestamp) =
//                "cosignature/v1\n" ‖ "time " ‖ decimal(timestamp) ‖ "\n" ‖ body
//              where body is the checkpoint's whole note text (extension
//              lines included, signature lines not), ending in "\n".
//
// Keys. The verifier key is the spec's vkey with type 0x04:
//   <name>+<hex8 key id>+base64(0x04 ‖ 32-byte public key)
// The spec defines no signer key format; ours mirrors Go's note signer key
// with the type byte 0x04:
//   PRIVATE+KEY+<name>+<hex8 key id>+base64(0x04 ‖ 32-byte Ed25519 seed)
// A witness's NoteVerifier (type kCosignatureV1) may be given to OpenNote or
// OpenCheckpoint beside the log's key: it verifies the witness's lines.
//
// Errors: malformed lines, keys or arguments are InvalidArgument; a line by
// another key, or whose signature fails, is Corruption.
//
// Thread safety: every function is safe to call from any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "jejak/integrity/note.h"
#include "jejak/status.h"

namespace jejak::integrity {

inline constexpr uint64_t kMaxCosignatureTimestamp = (uint64_t{1} << 63) - 1;
// A cosignature's signature bytes after the key id: timestamp ‖ signature.
inline constexpr size_t kCosignatureBytes = 8 + kEd25519SignatureBytes;

// A fresh random witness key named `name` (type 0x04). InvalidArgument
// when !IsValidKeyName(name).
[[nodiscard]] Result<NoteKeyPair> GenerateCosignerKey(std::string_view name);

// A witness signer / verifier from its key string. InvalidArgument when
// malformed, of another type than 0x04, or with a wrong key id.
[[nodiscard]] Result<NoteSigner> ParseCosignerKey(std::string_view signer_key);
[[nodiscard]] Result<NoteVerifier> ParseCosignerVerifierKey(std::string_view verifier_key);

// "cosignature/v1\ntime <timestamp>\n" ‖ checkpoint_body.
std::string CosignatureMessage(std::string_view checkpoint_body, uint64_t timestamp);

// The timestamp of a cosignature's bytes after the key id. InvalidArgument
// unless they are kCosignatureBytes long with a timestamp of at most
// kMaxCosignatureTimestamp.
[[nodiscard]] Result<uint64_t> CosignatureTimestamp(std::span<const uint8_t> signature);

// The cosignature line (ending in "\n") of `signer` on the checkpoint whose
// note text is `checkpoint_body`, made at `unix_seconds`. InvalidArgument
// when the signer is not of type kCosignatureV1, the body is not a valid
// checkpoint (ParseCheckpoint), or unix_seconds > kMaxCosignatureTimestamp.
[[nodiscard]] Result<std::string> CosignCheckpoint(std::string_view checkpoint_body,
                                                   const NoteSigner& signer, uint64_t unix_seconds);

// One cosignature line, parsed but not verified.
struct Cosignature {
  std::string name;
  uint32_t key_id = 0;
  uint64_t timestamp = 0;
  Ed25519Signature signature{};
};

// `line` ("— <name> <base64>", with or without its final "\n") as a
// cosignature. InvalidArgument when it is not a signature line of a
// cosignature's length and timestamp range.
[[nodiscard]] Result<Cosignature> ParseCosignatureLine(std::string_view line);

// The timestamp of `line` once verified as `witness`'s cosignature of the
// checkpoint note text `checkpoint_body`. InvalidArgument when the line is
// malformed or `witness` is not of type kCosignatureV1; Corruption when the
// line names another key (name or key id) or its signature fails.
[[nodiscard]] Result<uint64_t> VerifyCosignatureLine(std::string_view line,
                                                     std::string_view checkpoint_body,
                                                     const NoteVerifier& witness);

}  // namespace jejak::integrity
