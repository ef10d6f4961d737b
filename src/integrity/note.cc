#include "jejak/integrity/note.h"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <utility>

#include "jejak/integrity/base64.h"
#include "jejak/integrity/cosignature.h"
#include "jejak/integrity/sha256.h"

namespace jejak::integrity {

namespace {

constexpr std::string_view kSignaturePrefix = "\xE2\x80\x94 ";  // U+2014 EM DASH, space
constexpr std::string_view kPrivateKeyPrefix = "PRIVATE+KEY+";
constexpr uint32_t kRuneError = 0xFFFD;

// The rune at the start of `s` and its length, decoded exactly as Go's
// utf8.DecodeRune: an invalid or truncated sequence (overlong, surrogate,
// above U+10FFFF) is {kRuneError, 1}. REQUIRES: !s.empty().
std::pair<uint32_t, size_t> DecodeRune(std::string_view s) {
  const auto b = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  const uint8_t b0 = b(0);
  if (b0 < 0x80) return {b0, 1};
  size_t size;
  uint8_t lo = 0x80, hi = 0xBF;  // the second byte's range
  uint32_t rune;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    size = 2, rune = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    size = 3, rune = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    size = 4, rune = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return {kRuneError, 1};
  }
  if (s.size() < size || b(1) < lo || b(1) > hi) return {kRuneError, 1};
  for (size_t i = 1; i < size; ++i) {
    if (i > 1 && (b(i) < 0x80 || b(i) > 0xBF)) return {kRuneError, 1};
    rune = rune << 6 | (b(i) & 0x3F);
  }
  return {rune, size};
}

// Go's unicode.IsSpace: Latin-1's spaces and Unicode's White_Space.
bool IsSpace(uint32_t r) {
  return (r >= '\t' && r <= '\r') || r == ' ' || r == 0x85 || r == 0xA0 || r == 0x1680 ||
         (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 || r == 0x202F ||
         r == 0x205F || r == 0x3000;
}

// The offset of the first byte of `s` that is invalid UTF-8 or an ASCII
// control character other than "\n" (Go's note.Open rule), if any.
std::optional<size_t> FirstBadByte(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto [r, size] = DecodeRune(s.substr(i));
    if ((r < 0x20 && r != '\n') || (r == kRuneError && size == 1)) return i;
    i += size;
  }
  return std::nullopt;
}

// 1-based line number of byte `offset` of `s`.
size_t LineOf(std::string_view s, size_t offset) {
  return 1 + static_cast<size_t>(std::count(s.begin(), s.begin() + offset, '\n'));
}

// Go's chop: the text before the first `sep` and after it ("" if none).
std::pair<std::string_view, std::string_view> Chop(std::string_view s, char sep) {
  const size_t i = s.find(sep);
  if (i == std::string_view::npos) return {s, {}};
  return {s.substr(0, i), s.substr(i + 1)};
}

std::string Hex8(uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

// Exactly 8 hex digits of either case, as Go's len == 8 and
// strconv.ParseUint(s, 16, 32) accept.
std::optional<uint32_t> ParseHex8(std::string_view s) {
  if (s.size() != 8) return std::nullopt;
  uint32_t v = 0;
  for (char c : s) {
    const char lower = static_cast<char>(c | 0x20);  // 'A'-'F' to 'a'-'f'
    if (c >= '0' && c <= '9') {
      v = v << 4 | static_cast<uint32_t>(c - '0');
    } else if (lower >= 'a' && lower <= 'f') {
      v = v << 4 | static_cast<uint32_t>(lower - 'a' + 10);
    } else {
      return std::nullopt;
    }
  }
  return v;
}

uint32_t ReadBigEndian32(std::span<const uint8_t> b) {
  return uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 | b[3];
}

std::string TypeName(SignatureType type) {
  return "type 0x" + Hex8(static_cast<uint8_t>(type)).substr(6);
}

bool SodiumReady() { return sodium_init() >= 0; }  // idempotent, thread-safe

// One parsed signature line.
struct SignatureLine {
  std::string_view line;  // without "\n"
  std::string_view name;
  std::string_view base64;
  uint32_t key_id;
  std::vector<uint8_t> signature;  // after the key id
  size_t line_number;
};

// The lines of `block` (non-empty, every line ending in "\n"), numbered
// from `first_line`. Rejects what Go's note.Open calls malformed.
Result<std::vector<SignatureLine>> ParseSignatureLines(std::string_view block, size_t first_line,
                                                       const NoteLimits& limits) {
  std::vector<SignatureLine> out;
  size_t number = first_line;
  while (!block.empty()) {
    const std::string where = "signed note line " + std::to_string(number) + ": ";
    if (out.size() >= limits.max_signatures) {
      return Status::InvalidArgument(where + "more than " + std::to_string(limits.max_signatures) +
                                     " signatures");
    }
    const size_t end = block.find('\n');  // found: the caller checked the last byte
    std::string_view line = block.substr(0, end);
    block.remove_prefix(end + 1);
    if (!line.starts_with(kSignaturePrefix)) {
      return Status::InvalidArgument(where + "a signature line starts with \"— \"");
    }
    const auto [name, b64] = Chop(line.substr(kSignaturePrefix.size()), ' ');
    if (!IsValidKeyName(name)) return Status::InvalidArgument(where + "invalid key name");
    auto bytes = Base64Decode(b64);
    if (!bytes.ok() || b64.empty()) {
      return Status::InvalidArgument(where + "signature is not base64");
    }
    if (bytes->size() < 5) return Status::InvalidArgument(where + "signature too short");
    SignatureLine sig{line, name, b64, ReadBigEndian32(*bytes), {}, number};
    sig.signature.assign(bytes->begin() + 4, bytes->end());
    out.push_back(std::move(sig));
    ++number;
  }
  return out;
}

// A signed note split into its text and signature lines.
struct SplitNote {
  std::string_view text;
  std::vector<SignatureLine> lines;
};

Result<SplitNote> SplitSignedNote(std::string_view msg, const NoteLimits& limits) {
  if (msg.size() > limits.max_bytes) {
    return Status::InvalidArgument("signed note: " + std::to_string(msg.size()) +
                                   " bytes, more than the limit of " +
                                   std::to_string(limits.max_bytes));
  }
  if (auto bad = FirstBadByte(msg)) {
    return Status::InvalidArgument("signed note line " + std::to_string(LineOf(msg, *bad)) +
                                   ": invalid UTF-8 or a control character at byte " +
                                   std::to_string(*bad));
  }
  // The text ends before the LAST blank line: signature lines contain no
  // blank line, while the text may.
  const size_t split = msg.rfind("\n\n");
  if (split == std::string_view::npos) {
    return Status::InvalidArgument("signed note: no blank line before the signatures");
  }
  const std::string_view sigs = msg.substr(split + 2);
  if (sigs.empty()) return Status::InvalidArgument("signed note: no signature lines");
  if (sigs.back() != '\n') {
    return Status::InvalidArgument("signed note line " +
                                   std::to_string(LineOf(msg, msg.size() - 1)) +
                                   ": last line does not end in a newline");
  }
  auto lines = ParseSignatureLines(sigs, LineOf(msg, split + 2), limits);
  if (!lines.ok()) return lines.status();
  return SplitNote{msg.substr(0, split + 1), std::move(*lines)};
}

NoteSignature ToSignature(const SignatureLine& line) {
  return {std::string(line.name), line.key_id, std::string(line.base64)};
}

// Appends `line` to `unverified` unless an identical line is there.
void AddUnverified(const SignatureLine& line, std::vector<NoteSignature>* unverified) {
  NoteSignature sig = ToSignature(line);
  if (std::find(unverified->begin(), unverified->end(), sig) == unverified->end()) {
    unverified->push_back(std::move(sig));
  }
}

}  // namespace

std::string KeyLabel(std::string_view name, uint32_t key_id) {
  return std::string(name) + "+" + Hex8(key_id);
}

bool IsValidKeyName(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size();) {
    const auto [r, size] = DecodeRune(name.substr(i));
    if ((r == kRuneError && size == 1) || r < 0x20 || r == '+' || IsSpace(r)) return false;
    i += size;
  }
  return true;
}

uint32_t KeyId(std::string_view name, SignatureType type, std::span<const uint8_t> public_key) {
  const char sep_and_type[2] = {'\n', static_cast<char>(type)};
  const Hash digest = Sha256Hasher()
                          .Update(name)
                          .Update(std::string_view(sep_and_type, sizeof sep_and_type))
                          .Update(std::string_view(reinterpret_cast<const char*>(public_key.data()),
                                                   public_key.size()))
                          .Final();
  return ReadBigEndian32(digest);
}

Status ValidateNoteText(std::string_view text) {
  if (text.empty()) return Status::InvalidArgument("note text is empty");
  if (text.back() != '\n') return Status::InvalidArgument("note text does not end in a newline");
  if (auto bad = FirstBadByte(text)) {
    return Status::InvalidArgument("note text line " + std::to_string(LineOf(text, *bad)) +
                                   ": invalid UTF-8 or a control character at byte " +
                                   std::to_string(*bad));
  }
  return Status::Ok();
}

// --- Keys ---

NoteVerifier::NoteVerifier(std::string name, SignatureType type, const Ed25519PublicKey& public_key)
    : name_(std::move(name)),
      key_id_(KeyId(name_, type, public_key)),
      type_(type),
      public_key_(public_key) {}

std::string NoteVerifier::VerifierKey() const {
  std::vector<uint8_t> typed{static_cast<uint8_t>(type_)};
  typed.insert(typed.end(), public_key_.begin(), public_key_.end());
  return name_ + "+" + Hex8(key_id_) + "+" + Base64Encode(typed);
}

bool NoteVerifier::Verify(std::string_view text, std::span<const uint8_t> signature) const {
  std::string cosigned;  // the message of a cosignature
  std::string_view message = text;
  if (type_ == SignatureType::kCosignatureV1) {
    auto timestamp = CosignatureTimestamp(signature);
    if (!timestamp.ok()) return false;
    cosigned = CosignatureMessage(text, *timestamp);
    message = cosigned;
    signature = signature.subspan(8);
  }
  if (signature.size() != kEd25519SignatureBytes) return false;
  return crypto_sign_verify_detached(signature.data(),
                                     reinterpret_cast<const uint8_t*>(message.data()),
                                     message.size(), public_key_.data()) == 0;
}

NoteSigner::NoteSigner(NoteVerifier verifier, const std::array<uint8_t, 64>& secret_key)
    : verifier_(std::move(verifier)), secret_key_(secret_key) {}

NoteSigner::~NoteSigner() { sodium_memzero(secret_key_.data(), secret_key_.size()); }

Ed25519Signature NoteSigner::SignMessage(std::string_view message) const {
  Ed25519Signature sig;
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const uint8_t*>(message.data()),
                       message.size(), secret_key_.data());
  return sig;
}

Result<NoteKeyPair> GenerateKeyOfType(std::string_view name, SignatureType type) {
  if (!IsValidKeyName(name)) {
    return Status::InvalidArgument("key name \"" + std::string(name) +
                                   "\": empty, or has a space, '+' or control character");
  }
  if (!SodiumReady()) return Status::Unavailable("libsodium failed to initialise");
  std::array<uint8_t, 1 + crypto_sign_SEEDBYTES> typed_seed;
  std::array<uint8_t, 1 + crypto_sign_PUBLICKEYBYTES> typed_public;
  std::array<uint8_t, crypto_sign_SECRETKEYBYTES> secret;
  typed_seed[0] = typed_public[0] = static_cast<uint8_t>(type);
  randombytes_buf(typed_seed.data() + 1, crypto_sign_SEEDBYTES);
  crypto_sign_seed_keypair(typed_public.data() + 1, secret.data(), typed_seed.data() + 1);
  const std::string id = Hex8(KeyId(name, type, std::span(typed_public).subspan(1)));
  NoteKeyPair pair{std::string(kPrivateKeyPrefix) + std::string(name) + "+" + id + "+" +
                       Base64Encode(typed_seed),
                   std::string(name) + "+" + id + "+" + Base64Encode(typed_public)};
  sodium_memzero(typed_seed.data(), typed_seed.size());
  sodium_memzero(secret.data(), secret.size());
  return pair;
}

Result<NoteSigner> ParseSignerKeyOfType(std::string_view signer_key, SignatureType type) {
  // Messages never quote the key: it is a secret.
  if (!signer_key.starts_with(kPrivateKeyPrefix)) {
    return Status::InvalidArgument("signer key: does not start with PRIVATE+KEY+");
  }
  const auto [name, rest] = Chop(signer_key.substr(kPrivateKeyPrefix.size()), '+');
  const auto [hex, key64] = Chop(rest, '+');
  const auto id = ParseHex8(hex);
  auto key = Base64Decode(key64);
  if (!IsValidKeyName(name) || !id || !key.ok() || key->empty()) {
    return Status::InvalidArgument(
        "signer key: malformed (want PRIVATE+KEY+<name>+<hex8>+<base64>)");
  }
  if ((*key)[0] != static_cast<uint8_t>(type)) {
    return Status::InvalidArgument("signer key " + std::string(name) + ": not of " +
                                   TypeName(type));
  }
  if (key->size() != 1 + crypto_sign_SEEDBYTES) {
    return Status::InvalidArgument("signer key " + std::string(name) + ": seed is not 32 bytes");
  }
  if (!SodiumReady()) return Status::Unavailable("libsodium failed to initialise");
  Ed25519PublicKey public_key;
  std::array<uint8_t, crypto_sign_SECRETKEYBYTES> secret;
  crypto_sign_seed_keypair(public_key.data(), secret.data(), key->data() + 1);
  sodium_memzero(key->data(), key->size());
  NoteSigner signer(NoteVerifier(std::string(name), type, public_key), secret);
  sodium_memzero(secret.data(), secret.size());
  // Go checks the key id against the public key derived from the seed.
  if (signer.key_id() != *id) {
    return Status::InvalidArgument("signer key " + std::string(name) + ": key id " +
                                   std::string(hex) + " does not match the key");
  }
  return signer;
}

Result<NoteVerifier> ParseVerifierKeyOfType(std::string_view verifier_key, SignatureType type) {
  const auto [name, rest] = Chop(verifier_key, '+');
  const auto [hex, key64] = Chop(rest, '+');
  const auto id = ParseHex8(hex);
  auto key = Base64Decode(key64);
  if (!IsValidKeyName(name) || !id || !key.ok() || key->empty()) {
    return Status::InvalidArgument("verifier key \"" + std::string(verifier_key) +
                                   "\": malformed (want <name>+<hex8>+<base64>)");
  }
  // Go compares the key id before looking at the type byte.
  if (KeyId(name, static_cast<SignatureType>((*key)[0]), std::span(*key).subspan(1)) != *id) {
    return Status::InvalidArgument("verifier key " + std::string(name) + ": key id " +
                                   std::string(hex) + " does not match the key");
  }
  if ((*key)[0] != static_cast<uint8_t>(type)) {
    return Status::InvalidArgument("verifier key " + std::string(name) + ": not of " +
                                   TypeName(type));
  }
  if (key->size() != 1 + kEd25519PublicKeyBytes) {
    return Status::InvalidArgument("verifier key " + std::string(name) +
                                   ": public key is not 32 bytes");
  }
  if (!SodiumReady()) return Status::Unavailable("libsodium failed to initialise");
  Ed25519PublicKey public_key;
  std::copy(key->begin() + 1, key->end(), public_key.begin());
  return NoteVerifier(std::string(name), type, public_key);
}

Result<NoteKeyPair> GenerateNoteKey(std::string_view name) {
  return GenerateKeyOfType(name, SignatureType::kEd25519);
}

Result<NoteSigner> ParseSignerKey(std::string_view signer_key) {
  return ParseSignerKeyOfType(signer_key, SignatureType::kEd25519);
}

Result<NoteVerifier> ParseVerifierKey(std::string_view verifier_key) {
  return ParseVerifierKeyOfType(verifier_key, SignatureType::kEd25519);
}

// --- Notes ---

std::string FormatSignatureLine(std::string_view name, uint32_t key_id,
                                std::span<const uint8_t> signature) {
  std::vector<uint8_t> bytes{static_cast<uint8_t>(key_id >> 24), static_cast<uint8_t>(key_id >> 16),
                             static_cast<uint8_t>(key_id >> 8), static_cast<uint8_t>(key_id)};
  bytes.insert(bytes.end(), signature.begin(), signature.end());
  return std::string(kSignaturePrefix) + std::string(name) + " " + Base64Encode(bytes) + "\n";
}

Result<std::string> SignNote(std::string_view text, const NoteSigner& signer) {
  if (signer.type() != SignatureType::kEd25519) {
    return Status::InvalidArgument("key " + KeyLabel(signer.name(), signer.key_id()) +
                                   " is not a note signing key (" + TypeName(signer.type()) + ")");
  }
  JEJAK_RETURN_IF_ERROR(ValidateNoteText(text));
  const Ed25519Signature sig = signer.SignMessage(text);
  return std::string(text) + "\n" + FormatSignatureLine(signer.name(), signer.key_id(), sig);
}

Result<Note> ParseNote(std::string_view msg, const NoteLimits& limits) {
  auto split = SplitSignedNote(msg, limits);
  if (!split.ok()) return split.status();
  Note note{std::string(split->text), {}, {}};
  for (const SignatureLine& line : split->lines) AddUnverified(line, &note.unverified);
  return note;
}

Result<Note> OpenNote(std::string_view msg, std::span<const NoteVerifier> known,
                      const NoteLimits& limits) {
  auto split = SplitSignedNote(msg, limits);
  if (!split.ok()) return split.status();
  Note note{std::string(split->text), {}, {}};
  std::vector<std::pair<std::string_view, uint32_t>> seen;  // keys already verified
  for (const SignatureLine& line : split->lines) {
    const NoteVerifier* match = nullptr;
    for (const NoteVerifier& v : known) {
      if (v.name() != line.name || v.key_id() != line.key_id) continue;
      if (match != nullptr) {
        return Status::InvalidArgument("ambiguous key " + KeyLabel(line.name, line.key_id) +
                                       ": given twice");
      }
      match = &v;
    }
    if (match == nullptr) {
      AddUnverified(line, &note.unverified);
      continue;
    }
    // As Go, a key's later lines are skipped unchecked once one verified.
    const std::pair<std::string_view, uint32_t> key{line.name, line.key_id};
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    if (!match->Verify(split->text, line.signature)) {
      return Status::Corruption("signed note line " + std::to_string(line.line_number) +
                                ": invalid signature for key " + KeyLabel(line.name, line.key_id));
    }
    note.verified.push_back(ToSignature(line));
  }
  if (note.verified.empty()) {
    std::string keys;
    for (const NoteVerifier& v : known) {
      keys += (keys.empty() ? "" : ", ") + KeyLabel(v.name(), v.key_id());
    }
    return Status::Corruption("signed note has no signature by a known key (" +
                              (keys.empty() ? std::string("none given") : keys) + ")");
  }
  return note;
}

Result<std::string> AddSignatureLines(std::string_view signed_note, std::string_view lines,
                                      const NoteLimits& limits) {
  auto split = SplitSignedNote(signed_note, limits);
  if (!split.ok()) return split.status();
  if (lines.empty() || lines.back() != '\n') {
    return Status::InvalidArgument("new signature lines: empty or not ending in a newline");
  }
  if (auto bad = FirstBadByte(lines)) {
    return Status::InvalidArgument("new signature line " + std::to_string(LineOf(lines, *bad)) +
                                   ": invalid UTF-8 or a control character");
  }
  auto added = ParseSignatureLines(lines, 1, limits);
  if (!added.ok()) return added.status().WithContext("new signature lines");
  std::vector<NoteSignature> kept;
  for (const SignatureLine& line : split->lines) {
    const bool replaced = std::any_of(added->begin(), added->end(), [&](const SignatureLine& a) {
      return a.name == line.name && a.key_id == line.key_id;
    });
    if (!replaced) AddUnverified(line, &kept);
  }
  std::string out = std::string(split->text) + "\n";
  for (const NoteSignature& sig : kept) {
    out += std::string(kSignaturePrefix) + sig.name + " " + sig.base64 + "\n";
  }
  out += lines;
  // The result must itself be a note within the limits.
  auto check = SplitSignedNote(out, limits);
  if (!check.ok()) return check.status().WithContext("note with the new signatures");
  return out;
}

}  // namespace jejak::integrity
