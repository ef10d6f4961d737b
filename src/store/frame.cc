#include "store/frame.h"

#include <cassert>

namespace jejak::store {

void AppendFrame(const Hash& leaf, const Hash& chain, std::string_view body,
                 std::string* out) {
  assert(!body.empty() && body.size() % 8 == 0 && body.size() <= kMaxBodyBytes);
  const uint32_t len = static_cast<uint32_t>(body.size());
  char header[8] = {static_cast<char>(kFrameVersion), 0, 0, 0,
                    static_cast<char>(len & 0xff),
                    static_cast<char>((len >> 8) & 0xff),
                    static_cast<char>((len >> 16) & 0xff),
                    static_cast<char>((len >> 24) & 0xff)};
  out->reserve(out->size() + kFrameHeaderBytes + body.size());
  out->append(header, sizeof header);
  out->append(reinterpret_cast<const char*>(leaf.data()), leaf.size());
  out->append(reinterpret_cast<const char*>(chain.data()), chain.size());
  out->append(body);
}

}  // namespace jejak::store
