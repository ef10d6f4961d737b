#include "store/frame.h"

#include <cassert>
#include <cstring>

namespace jejak::store {

void PutFrameHeader(const Hash& leaf, const Hash& chain, size_t body_bytes,
                    char* out) {
  assert(body_bytes != 0 && body_bytes % 8 == 0 && body_bytes <= kMaxBodyBytes);
  const uint32_t len = static_cast<uint32_t>(body_bytes);
  const char header[8] = {static_cast<char>(kFrameVersion), 0, 0, 0,
                          static_cast<char>(len & 0xff),
                          static_cast<char>((len >> 8) & 0xff),
                          static_cast<char>((len >> 16) & 0xff),
                          static_cast<char>((len >> 24) & 0xff)};
  std::memcpy(out, header, sizeof header);
  std::memcpy(out + kFrameLeafOffset, leaf.data(), leaf.size());
  std::memcpy(out + kFrameChainOffset, chain.data(), chain.size());
}

void AppendFrame(const Hash& leaf, const Hash& chain, std::string_view body,
                 std::string* out) {
  const size_t at = out->size();
  out->resize(at + kFrameHeaderBytes);
  PutFrameHeader(leaf, chain, body.size(), out->data() + at);
  out->append(body);
}

}  // namespace jejak::store
