// UTF-8 well-formedness, for text from outside (HTTP requests, submitted
// Cap'n Proto messages).
#pragma once

#include <string_view>

namespace jejak {

// Whether `s` is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

}  // namespace jejak
