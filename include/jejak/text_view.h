// A Cap'n Proto text as a std::string_view, read once: each getter call
// (getStream(), getCode(), ...) is a checked pointer read of ~130
// instructions, so a hot path calls it once and views the result.
#pragma once

#include <string_view>

#include <capnp/blob.h>

namespace jejak {

// A view of `t`'s bytes (without the NUL), valid as long as its message.
inline std::string_view View(capnp::Text::Reader t) { return {t.cStr(), t.size()}; }

}  // namespace jejak
