// The Merkle leaf of a log record: its entry (public body ‖ commitment,
// include/jejak/integrity/entry.h) hashed per RFC 6962.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "jejak/integrity/entry.h"
#include "jejak/status.h"

namespace jejak::store {

struct TreeLeaf {
  integrity::Hash hash{};
  std::optional<integrity::Salt> salt;  // set for a payload with personal fields
};

// A fresh salt for an entry's commitment (libsodium's CSPRNG).
integrity::Salt NewSalt();

// The leaf of a record about to be written, whose payload is of `kind`:
// draws a fresh salt (libsodium) when the payload has personal fields.
// Corruption (naming `position`) when the body does not decode.
[[nodiscard]] Result<TreeLeaf> NewTreeLeaf(uint64_t position, std::string_view body,
                                           schema::Payload::Which kind);

// The same, for a record whose entry is already known to have no personal
// fields (its public body is `body`).
TreeLeaf PublicTreeLeaf(std::string_view body);

// The same, for a record whose payload has personal fields: `public_body`
// is the body with them cleared (canonical), committed to with `salt`.
TreeLeaf PersonalTreeLeaf(std::string_view body, std::string_view public_body,
                          const integrity::Salt& salt);

// The entry of the stored record at `position` with the salt stored for it
// (nullopt when none is). Corruption when the body does not decode, when a
// payload with personal fields has no salt, or one without has one.
[[nodiscard]] Result<std::string> StoredEntry(uint64_t position, std::string_view body,
                                              const std::optional<integrity::Salt>& salt);

// The leaf hash of the same, whose payload is of `kind` (a kind without
// personal fields is hashed without decoding the body).
[[nodiscard]] Result<integrity::Hash> StoredLeafHash(
    uint64_t position, std::string_view body, schema::Payload::Which kind,
    const std::optional<integrity::Salt>& salt);

}  // namespace jejak::store
