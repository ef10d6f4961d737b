// OpenSSL's low-level SHA256_Init/Update/Final are deprecated in OpenSSL 3,
// but they take half the time of EVP for the 65-byte inputs of the Merkle
// tree's interior nodes (EVP re-dispatches through the provider on every
// init, update and final) and need no allocation. Only this file uses them;
// should a later OpenSSL drop them, EVP with a fetched EVP_MD is the fallback.
#define OPENSSL_SUPPRESS_DEPRECATED

#include "jejak/integrity/sha256.h"

#include <openssl/sha.h>

#include <new>

namespace jejak::integrity {

namespace {

SHA256_CTX* Ctx(unsigned char* state) {
  return std::launder(reinterpret_cast<SHA256_CTX*>(state));
}

}  // namespace

Sha256Hasher::Sha256Hasher() {
  static_assert(sizeof(SHA256_CTX) == kStateBytes);
  static_assert(alignof(SHA256_CTX) <= 8);
  // SHA256_Init cannot fail for SHA256_CTX (it only sets fields).
  SHA256_Init(new (state_) SHA256_CTX);
}

Sha256Hasher& Sha256Hasher::Update(std::string_view bytes) {
  SHA256_Update(Ctx(state_), bytes.data(), bytes.size());
  return *this;
}

Sha256Hasher& Sha256Hasher::Update(const Hash& hash) {
  SHA256_Update(Ctx(state_), hash.data(), hash.size());
  return *this;
}

Hash Sha256Hasher::Final() {
  Hash out;
  SHA256_Final(out.data(), Ctx(state_));
  SHA256_Init(Ctx(state_));
  return out;
}

Hash Sha256(std::string_view bytes) {
  // Not OpenSSL's SHA256(): in OpenSSL 3 it fetches the algorithm on every
  // call (~5x slower for short inputs).
  return Sha256Hasher().Update(bytes).Final();
}

}  // namespace jejak::integrity
