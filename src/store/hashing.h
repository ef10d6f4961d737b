// The hashes of the ledger (docs/format.md), all BLAKE2b-256 without a key
// (libsodium crypto_generichash), each with its own domain-separation prefix
// (the ASCII bytes, no terminator):
//   leaf_n    = H("jejak.leaf.v1"    ‖ body_n)
//   chain_n   = H("jejak.chain.v1"   ‖ chain_{n-1} ‖ leaf_n), chain_0 = 0^32
//   content   = H("jejak.content.v1" ‖ canonical EventInput, see prepare.h)
// None of these allocate.
#pragma once

#include <string_view>

#include "jejak/store/types.h"

namespace jejak::store {

Hash LeafHash(std::string_view body);
Hash ChainHash(const Hash& previous_chain, const Hash& leaf);
Hash ContentDigest(std::string_view canonical_input);

}  // namespace jejak::store
