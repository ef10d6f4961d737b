// The hashes of the log records themselves (docs/format.md "Hashes"), all
// BLAKE2b-256 without a key (libsodium crypto_generichash), each with its
// own domain-separation prefix (the ASCII bytes, no terminator):
//   leaf_n    = H("jejak.leaf.v1"    ‖ body_n)
//   chain_n   = H("jejak.chain.v1"   ‖ chain_{n-1} ‖ leaf_n), chain_0 = 0^32
//   content   = H("jejak.content.v1" ‖ canonical EventInput, see prepare.cc)
// They are the store's internal checks (the frame's leaf and chain hash,
// the idempotency digest); the Merkle tree (merkle.h) is what outsiders
// verify. None of these allocate; all are safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "jejak/integrity/sha256.h"

namespace jejak::integrity {

Hash ChainLeafHash(std::string_view body);
Hash ChainHash(const Hash& previous_chain, const Hash& leaf);
Hash ContentDigest(std::string_view canonical_input);

// Lower-case hex of a hash.
std::string ToHex(const Hash& h);

}  // namespace jejak::integrity
