// The entry of a log position: the bytes the Merkle tree commits to.
//
// FROZEN FORMAT (docs/format.md "Entries"). For the event at position p
// (leaf p-1), whose stored body is the canonical Cap'n Proto encoding of
// schema::Event:
//
//   entry      = public body ‖ commitment                (commitment: 32 bytes)
//   public body = the body, with the personal fields of its payload cleared
//                 (null pointers) and canonicalized again; the body itself
//                 when the payload has no personal fields
//   commitment = 32 zero bytes when the payload has no personal fields, else
//                SHA-256("jejak.personal.v1" ‖ salt ‖ body), salt 32 random
//                bytes kept by the ledger beside the tree
//   leaf hash  = SHA-256(0x00 ‖ entry)                   (RFC 6962)
//
// Personal fields (PersonalFieldsOf): recruited.name, .nik, .birthDate;
// relationshipDeclared.otherName; candidateRegistered.name; and the same
// fields of a `corrected` event's replacement payload. The salt makes the
// commitment hiding (a name, a NIK or a birth date cannot be found by
// trying candidates), so a later redaction can delete the personal fields
// and the salt while the entry, and every proof over it, stays valid.
//
// Thread safety: every function is safe to call from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "jejak/integrity/sha256.h"
#include "jejak/schema/envelope.capnp.h"
#include "jejak/status.h"

namespace jejak::integrity {

inline constexpr size_t kCommitmentBytes = 32;
inline constexpr size_t kSaltBytes = 32;
using Salt = std::array<uint8_t, kSaltBytes>;

// Whether an event whose payload is of `kind` can have personal fields:
// false means its public body is its body (no need to decode it).
bool MayHavePersonalFields(schema::Payload::Which kind);

// Clears the personal fields of `payload` (of an Event or an EventInput:
// the same struct); returns whether its kind has any (then the event's
// entry commits to them; a `recruited` always does, even with the fields
// already null). The one home of the list of personal fields.
bool ClearPersonalFields(schema::Payload::Builder payload);

// The public body of the event whose canonical body is `body`: set
// *public_body and return true when its payload has personal fields (they
// are cleared there), return false when it has none (the public body is
// `body` itself, *public_body is left alone). Corruption when `body` is not
// a readable canonical Event (the message names what failed).
[[nodiscard]] Result<bool> RedactPersonalFields(std::string_view body,
                                                std::string* public_body);

// Calls `read` with the event of the canonical Event body `body` (any
// alignment; read with the store's limits: traversal 64 words per body
// word, nesting 64). Corruption with Cap'n Proto's description when the
// body is not whole words or reading it (in `read`) fails; never throws.
[[nodiscard]] Status ReadEventBody(std::string_view body,
                                   const std::function<void(schema::Event::Reader)>& read);

// SHA-256("jejak.personal.v1" ‖ salt ‖ body).
Hash PersonalCommitment(const Salt& salt, std::string_view body);

// The 32 zero bytes of an event without personal fields.
inline constexpr Hash kNoCommitment{};

// SHA-256(0x00 ‖ public_body ‖ commitment), without concatenating.
Hash EntryLeafHash(std::string_view public_body, const Hash& commitment);

// public_body ‖ commitment.
std::string ComposeEntry(std::string_view public_body, const Hash& commitment);

// An entry split into its parts (views into the entry).
struct EntryParts {
  std::string_view public_body;
  Hash commitment{};
};
// InvalidArgument when `entry` is shorter than a commitment plus one
// Cap'n Proto word, or its public body is not a whole number of words.
[[nodiscard]] Result<EntryParts> SplitEntry(std::string_view entry);

}  // namespace jejak::integrity
