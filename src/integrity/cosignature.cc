#include "jejak/integrity/cosignature.h"

#include <algorithm>
#include <vector>

#include "jejak/integrity/base64.h"
#include "jejak/integrity/checkpoint.h"

namespace jejak::integrity {

namespace {

uint64_t ReadBigEndian64(std::span<const uint8_t> b) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = v << 8 | b[i];
  return v;
}

// The spec's timestamped_signature: timestamp (u64 big-endian) ‖ signature.
std::vector<uint8_t> TimestampedSignature(uint64_t timestamp, const Ed25519Signature& sig) {
  std::vector<uint8_t> bytes(8 + sig.size());
  for (size_t i = 0; i < 8; ++i) bytes[i] = static_cast<uint8_t>(timestamp >> (56 - 8 * i));
  std::copy(sig.begin(), sig.end(), bytes.begin() + 8);
  return bytes;
}

}  // namespace

Result<NoteKeyPair> GenerateCosignerKey(std::string_view name) {
  return GenerateKeyOfType(name, SignatureType::kCosignatureV1);
}

Result<NoteSigner> ParseCosignerKey(std::string_view signer_key) {
  return ParseSignerKeyOfType(signer_key, SignatureType::kCosignatureV1);
}

Result<NoteVerifier> ParseCosignerVerifierKey(std::string_view verifier_key) {
  return ParseVerifierKeyOfType(verifier_key, SignatureType::kCosignatureV1);
}

std::string CosignatureMessage(std::string_view checkpoint_body, uint64_t timestamp) {
  return "cosignature/v1\ntime " + std::to_string(timestamp) + "\n" + std::string(checkpoint_body);
}

Result<uint64_t> CosignatureTimestamp(std::span<const uint8_t> signature) {
  if (signature.size() != kCosignatureBytes) {
    return Status::InvalidArgument("cosignature: " + std::to_string(signature.size()) +
                                   " bytes after the key id, want " +
                                   std::to_string(kCosignatureBytes));
  }
  const uint64_t timestamp = ReadBigEndian64(signature);
  if (timestamp > kMaxCosignatureTimestamp) {
    return Status::InvalidArgument("cosignature: timestamp " + std::to_string(timestamp) +
                                   " exceeds 2^63-1");
  }
  return timestamp;
}

Result<std::string> CosignCheckpoint(std::string_view checkpoint_body, const NoteSigner& signer,
                                     uint64_t unix_seconds) {
  if (signer.type() != SignatureType::kCosignatureV1) {
    return Status::InvalidArgument("key " + KeyLabel(signer.name(), signer.key_id()) +
                                   " is not a cosigning key (type 0x04)");
  }
  if (unix_seconds > kMaxCosignatureTimestamp) {
    return Status::InvalidArgument("cosignature timestamp " + std::to_string(unix_seconds) +
                                   " exceeds 2^63-1");
  }
  // A cosigner states something about a checkpoint: sign nothing else.
  auto checkpoint = ParseCheckpoint(checkpoint_body);
  if (!checkpoint.ok()) return checkpoint.status();
  const Ed25519Signature sig =
      signer.SignMessage(CosignatureMessage(checkpoint_body, unix_seconds));
  return FormatSignatureLine(signer.name(), signer.key_id(),
                             TimestampedSignature(unix_seconds, sig));
}

Result<Cosignature> ParseCosignatureLine(std::string_view line) {
  // A signature line is parsed by the note parser, on a minimal note, so
  // that both read lines by the same rules.
  const std::string note = "x\n\n" + std::string(line) + (line.ends_with('\n') ? "" : "\n");
  NoteLimits one;
  one.max_signatures = 1;
  auto parsed = ParseNote(note, one);
  if (!parsed.ok()) {
    return Status::InvalidArgument("cosignature line: not one signature line (" +
                                   parsed.status().message() + ")");
  }
  const NoteSignature& sig = parsed->unverified.front();
  auto bytes = Base64Decode(sig.base64);  // decodes: ParseNote checked it
  auto timestamp = CosignatureTimestamp(std::span(*bytes).subspan(4));
  if (!timestamp.ok()) return timestamp.status().WithContext("line by " + sig.name);
  Cosignature c{sig.name, sig.key_id, *timestamp, {}};
  std::copy(bytes->begin() + 12, bytes->end(), c.signature.begin());
  return c;
}

Result<uint64_t> VerifyCosignatureLine(std::string_view line, std::string_view checkpoint_body,
                                       const NoteVerifier& witness) {
  if (witness.type() != SignatureType::kCosignatureV1) {
    return Status::InvalidArgument("key " + KeyLabel(witness.name(), witness.key_id()) +
                                   " is not a cosigner key (type 0x04)");
  }
  auto c = ParseCosignatureLine(line);
  if (!c.ok()) return c.status();
  if (c->name != witness.name() || c->key_id != witness.key_id()) {
    return Status::Corruption("cosignature by " + KeyLabel(c->name, c->key_id) + ", not by " +
                              KeyLabel(witness.name(), witness.key_id()));
  }
  if (!witness.Verify(checkpoint_body, TimestampedSignature(c->timestamp, c->signature))) {
    return Status::Corruption("invalid cosignature for key " +
                              KeyLabel(witness.name(), witness.key_id()) + " at time " +
                              std::to_string(c->timestamp));
  }
  return c->timestamp;
}

}  // namespace jejak::integrity
