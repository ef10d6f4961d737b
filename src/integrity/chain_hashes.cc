#include "jejak/integrity/chain_hashes.h"

#include <sodium.h>

namespace jejak::integrity {

namespace {

static_assert(crypto_generichash_BYTES == sizeof(Hash));

constexpr std::string_view kLeafPrefix = "jejak.leaf.v1";
constexpr std::string_view kChainPrefix = "jejak.chain.v1";
constexpr std::string_view kContentPrefix = "jejak.content.v1";

class Hasher {
 public:
  Hasher() { crypto_generichash_init(&state_, nullptr, 0, sizeof(Hash)); }
  Hasher& Update(std::string_view bytes) {
    crypto_generichash_update(
        &state_, reinterpret_cast<const unsigned char*>(bytes.data()),
        bytes.size());
    return *this;
  }
  Hasher& Update(const Hash& h) {
    crypto_generichash_update(&state_, h.data(), h.size());
    return *this;
  }
  Hash Final() {
    Hash out;
    crypto_generichash_final(&state_, out.data(), out.size());
    return out;
  }

 private:
  crypto_generichash_state state_;
};

}  // namespace

Hash ChainLeafHash(std::string_view body) {
  return Hasher().Update(kLeafPrefix).Update(body).Final();
}

Hash ChainHash(const Hash& previous_chain, const Hash& leaf) {
  return Hasher().Update(kChainPrefix).Update(previous_chain).Update(leaf).Final();
}

Hash ContentDigest(std::string_view canonical_input) {
  return Hasher().Update(kContentPrefix).Update(canonical_input).Final();
}

std::string ToHex(const Hash& h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(h.size() * 2, '0');
  for (size_t i = 0; i < h.size(); ++i) {
    out[2 * i] = kDigits[h[i] >> 4];
    out[2 * i + 1] = kDigits[h[i] & 0xf];
  }
  return out;
}

}  // namespace jejak::integrity
