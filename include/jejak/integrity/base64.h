// Standard base64 (RFC 4648 section 4, with padding), as every C2SP
// transparency-log text format uses it (signed notes, checkpoints, proofs).
//
// Thread safety: every function is safe to call from any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/status.h"

namespace jejak::integrity {

// The padded base64 text of `bytes`.
std::string Base64Encode(std::span<const uint8_t> bytes);
std::string Base64Encode(std::string_view bytes);

// The bytes of the padded base64 text `text`. Strict: InvalidArgument for
// any character outside the alphabet (whitespace and newlines included),
// missing or extra padding, or nonzero unused bits in the last character
// (so every byte string has exactly one accepted encoding). "" decodes to
// no bytes.
[[nodiscard]] Result<std::vector<uint8_t>> Base64Decode(std::string_view text);

}  // namespace jejak::integrity
