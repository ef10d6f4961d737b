// Signed notes (c2sp.org/signed-note@v1.0.0), compatible byte for byte with
// Go's golang.org/x/mod/sumdb/note: the same key strings, key ids,
// signature lines, and the same notes accepted and rejected by Open.
//
// FORMAT. A signed note is
//
//   text        one or more lines, each ending in "\n" (empty lines allowed)
//   "\n"        a blank line: the text ends before the note's LAST "\n\n"
//   signatures  one or more lines "— <key name> <base64(key id ‖ sig)>\n"
//               (U+2014 EM DASH, a space, the name, a space, base64)
//
// The whole note is valid UTF-8 with no ASCII control character but "\n".
// Key id = first 4 bytes, big-endian, of SHA-256(name ‖ "\n" ‖ type ‖ key),
// where type is the signature type byte. Keys are written as
//
//   verifier key (vkey): <name>+<hex8 key id>+<base64(type ‖ public key)>
//   signer key:          PRIVATE+KEY+<name>+<hex8 key id>+<base64(type ‖ seed)>
//
// (Go's format; the signer key is a secret.) Type 0x01 is Ed25519 over the
// note text; type 0x04 is the timestamped checkpoint cosignature of
// cosignature.h, which uses the same key formats and the same classes.
//
// Differences from Go, all stricter: base64 must be canonical and may not
// contain "\r" or "\n" (Go skips them); key names may not contain ASCII
// control characters (no note signed by such a name could be opened).
//
// Errors: malformed input (keys, note syntax, limits) is InvalidArgument; a
// signature by a known key that fails to verify, or a note with no verified
// signature by a known key, is Corruption (a forged or mismatched note).
//
// Thread safety: NoteSigner and NoteVerifier are immutable values, safe to
// use from several threads at once; every function is safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/status.h"

namespace jejak::integrity {

// Signature type bytes (c2sp.org/signed-note "Signature types") of the keys
// handled here. Values are fixed by the spec.
enum class SignatureType : uint8_t {
  kEd25519 = 0x01,        // Ed25519 over the note text
  kCosignatureV1 = 0x04,  // timestamped Ed25519 cosignature (cosignature.h)
};

inline constexpr size_t kEd25519PublicKeyBytes = 32;
inline constexpr size_t kEd25519SignatureBytes = 64;
using Ed25519PublicKey = std::array<uint8_t, kEd25519PublicKeyBytes>;
using Ed25519Signature = std::array<uint8_t, kEd25519SignatureBytes>;

// Whether `name` may name a key: non-empty valid UTF-8 with no Unicode
// space (Go's unicode.IsSpace), no '+' and no ASCII control character.
bool IsValidKeyName(std::string_view name);

// SHA-256(name ‖ "\n" ‖ type ‖ public_key)[:4] read big-endian.
uint32_t KeyId(std::string_view name, SignatureType type, std::span<const uint8_t> public_key);

// "<name>+<hex8 key id>": how messages name a key (as Go's errors do).
std::string KeyLabel(std::string_view name, uint32_t key_id);

// OK when `text` may be signed as a note text: non-empty, ends in "\n",
// valid UTF-8, no ASCII control character but "\n". InvalidArgument
// naming the first offending byte offset otherwise.
[[nodiscard]] Status ValidateNoteText(std::string_view text);

// A public key that checks signatures of one type by one named key.
class NoteSigner;

class NoteVerifier {
 public:
  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }
  SignatureType type() const { return type_; }
  const Ed25519PublicKey& public_key() const { return public_key_; }

  // The vkey "<name>+<hex8 key id>+<base64(type ‖ public key)>".
  std::string VerifierKey() const;

  // Whether `signature` (a signature line's bytes after the 4-byte key id)
  // is this key's signature of the note text `text`. For kEd25519: 64 bytes
  // of Ed25519 over `text`. For kCosignatureV1: an 8-byte big-endian
  // timestamp (at most 2^63-1) and 64 bytes of Ed25519 over
  // CosignatureMessage(text, timestamp) (cosignature.h).
  bool Verify(std::string_view text, std::span<const uint8_t> signature) const;

 private:
  friend Result<NoteVerifier> ParseVerifierKeyOfType(std::string_view, SignatureType);
  friend Result<NoteSigner> ParseSignerKeyOfType(std::string_view, SignatureType);
  NoteVerifier(std::string name, SignatureType type, const Ed25519PublicKey& public_key);

  std::string name_;
  uint32_t key_id_;
  SignatureType type_;
  Ed25519PublicKey public_key_;
};

// A private key. Holds the secret in memory (wiped on destruction); never
// log it. Copyable, so that a caller may keep it by value.
class NoteSigner {
 public:
  NoteSigner(const NoteSigner&) = default;
  NoteSigner& operator=(const NoteSigner&) = default;
  ~NoteSigner();

  const std::string& name() const { return verifier_.name(); }
  uint32_t key_id() const { return verifier_.key_id(); }
  SignatureType type() const { return verifier_.type(); }
  // The matching public key, and its vkey.
  const NoteVerifier& verifier() const { return verifier_; }
  std::string VerifierKey() const { return verifier_.VerifierKey(); }

  // The raw Ed25519 signature of `message`. Callers want SignNote or
  // CosignCheckpoint, which build the message each type signs.
  Ed25519Signature SignMessage(std::string_view message) const;

 private:
  friend Result<NoteSigner> ParseSignerKeyOfType(std::string_view, SignatureType);
  NoteSigner(NoteVerifier verifier, const std::array<uint8_t, 64>& secret_key);

  NoteVerifier verifier_;
  std::array<uint8_t, 64> secret_key_;  // libsodium's form: seed ‖ public key
};

// A new key: the signer key (secret) and its verifier key.
struct NoteKeyPair {
  std::string signer_key;
  std::string verifier_key;
};

// A fresh random Ed25519 note key (type 0x01) named `name`.
// InvalidArgument when !IsValidKeyName(name); Unavailable when libsodium
// cannot initialise.
[[nodiscard]] Result<NoteKeyPair> GenerateNoteKey(std::string_view name);

// The signer of a type-0x01 signer key, checking its key id against the
// public key derived from the seed. InvalidArgument (never quoting the key)
// when malformed, of another type, or with a wrong key id. (This and the
// other key functions return Unavailable if libsodium cannot initialise.)
[[nodiscard]] Result<NoteSigner> ParseSignerKey(std::string_view signer_key);

// The verifier of a type-0x01 vkey, checking its key id. InvalidArgument
// when malformed, of another type, or with a wrong key id.
[[nodiscard]] Result<NoteVerifier> ParseVerifierKey(std::string_view verifier_key);

// The three above for any type of SignatureType (all are Ed25519 keys);
// cosignature.h uses them with kCosignatureV1.
[[nodiscard]] Result<NoteKeyPair> GenerateKeyOfType(std::string_view name, SignatureType type);
[[nodiscard]] Result<NoteSigner> ParseSignerKeyOfType(std::string_view signer_key,
                                                      SignatureType type);
[[nodiscard]] Result<NoteVerifier> ParseVerifierKeyOfType(std::string_view verifier_key,
                                                          SignatureType type);

// Limits on notes read from outside (Open, Parse, AddSignatureLines).
struct NoteLimits {
  // The whole signed note, in bytes. Default 1 MiB: a checkpoint with 100
  // Ed25519 signatures is under 16 KiB.
  size_t max_bytes = 1 << 20;
  // Signature lines, counting duplicates. Default 100, Go's note.Open
  // limit (the spec requires at least 16).
  size_t max_signatures = 100;
};

// One signature line of a note.
struct NoteSignature {
  std::string name;
  uint32_t key_id = 0;
  std::string base64;  // base64(key id ‖ signature), as on the line

  bool operator==(const NoteSignature&) const = default;
};

// A parsed signed note.
struct Note {
  std::string text;  // the signed text, ending in "\n"
  // Signatures by known keys that verified, in line order; a key's repeated
  // lines after its first are dropped (as Go does).
  std::vector<NoteSignature> verified;
  // Signatures by unknown keys, in line order; identical lines dropped.
  std::vector<NoteSignature> unverified;
};

// "— <name> <base64(key id ‖ signature)>\n".
// REQUIRES: IsValidKeyName(name).
std::string FormatSignatureLine(std::string_view name, uint32_t key_id,
                                std::span<const uint8_t> signature);

// The signed note `text` ‖ "\n" ‖ the signer's signature line. Output is
// identical to Go's note.Sign(&Note{Text: text}, signer).
// InvalidArgument when ValidateNoteText(text) fails or the signer is not
// of type kEd25519.
[[nodiscard]] Result<std::string> SignNote(std::string_view text, const NoteSigner& signer);

// The note `msg` split into text and signatures, none verified (all in
// `unverified`). InvalidArgument naming the line when malformed (what Go's
// note.Open calls a malformed note) or over `limits`.
[[nodiscard]] Result<Note> ParseNote(std::string_view msg, const NoteLimits& limits = {});

// ParseNote, then checks every signature whose (name, key id) is that of a
// key in `known`; other signatures are kept unverified. Errors:
// InvalidArgument when malformed, or when two keys of `known` share the
// name and key id of a signature (ambiguous); Corruption "invalid
// signature for key <name>+<id>" when a known key's signature fails to
// verify, and Corruption naming the known keys when none of them signed.
[[nodiscard]] Result<Note> OpenNote(std::string_view msg, std::span<const NoteVerifier> known,
                                    const NoteLimits& limits = {});

// `signed_note` with the signature lines `lines` (one or more complete
// lines, each "— <name> <base64>\n") appended after its own. An existing
// line by the same (name, key id) as a new line is dropped, as Go's
// note.Sign replaces a key's signature. No signature is verified.
// InvalidArgument when either is malformed or the result exceeds `limits`.
[[nodiscard]] Result<std::string> AddSignatureLines(std::string_view signed_note,
                                                    std::string_view lines,
                                                    const NoteLimits& limits = {});

}  // namespace jejak::integrity
