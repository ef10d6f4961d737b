// Framing of a log record value (FROZEN FORMAT, docs/format.md):
//
//   byte 0        frame version (1)
//   bytes 1..3    zero
//   bytes 4..7    body length, u32 little-endian
//   bytes 8..39   leaf hash
//   bytes 40..71  chain hash
//   bytes 72..    body: canonical Cap'n Proto encoding of schema::Event
//                 (one segment, no segment table, length a multiple of 8)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "jejak/store/types.h"

namespace jejak::store {

inline constexpr uint8_t kFrameVersion = 1;
inline constexpr size_t kFrameHeaderBytes = 72;
inline constexpr size_t kFrameLeafOffset = 8;
inline constexpr size_t kFrameChainOffset = 40;
// Largest body a frame may carry (Decode rejects larger).
inline constexpr size_t kMaxBodyBytes = 64u << 20;

// Writes the 72-byte header of a record with a body of `body_bytes` at
// `out`. REQUIRES: as AppendFrame.
void PutFrameHeader(const Hash& leaf, const Hash& chain, size_t body_bytes,
                    char* out);

// Appends the framed record to *out.
// REQUIRES: body.size() is a non-zero multiple of 8, <= kMaxBodyBytes.
void AppendFrame(const Hash& leaf, const Hash& chain, std::string_view body,
                 std::string* out);

}  // namespace jejak::store
