// SHA-256 (FIPS 180-4), the hash of the verifiable log's Merkle tree
// (RFC 6962, C2SP tlog-tiles). Backed by OpenSSL, which uses the CPU's SHA
// instructions where it has them.
//
// Thread safety: the free functions may be called from any thread. A
// Sha256Hasher is one caller's: it is not shared between threads.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace jejak::integrity {

// A 32-byte digest. The same type as jejak::store::Hash.
using Hash = std::array<uint8_t, 32>;

// SHA-256 of `bytes`.
Hash Sha256(std::string_view bytes);

// Streaming SHA-256: Update any number of times, then Final. Cheap to make
// (no allocation) and to copy (a copy continues from the same state).
class Sha256Hasher {
 public:
  Sha256Hasher();

  Sha256Hasher& Update(std::string_view bytes);
  Sha256Hasher& Update(const Hash& hash);

  // The digest of everything given since construction or the last Final.
  // Resets the hasher, which may then be reused for a new message.
  Hash Final();

 private:
  // OpenSSL's SHA256_CTX, kept opaque so that OpenSSL's headers stay out of
  // this one (its size is checked in sha256.cc).
  static constexpr size_t kStateBytes = 112;
  alignas(8) unsigned char state_[kStateBytes];
};

}  // namespace jejak::integrity
