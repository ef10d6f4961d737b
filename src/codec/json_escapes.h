// Rewriting of JSON \u escapes before capnp-json parses the text (internal).
//
// capnp-json 0.9.2 decodes the hex digits a-f of a \uXXXX escape wrongly
// (fixed upstream in capnproto PR #1552) and does not pair surrogates, so
// "\u00e9" silently became "I". This pass, run on the raw text first,
// replaces every \u escape in a string with the UTF-8 bytes it stands for,
// so the parser never sees one:
//   - U+0080 and up: the UTF-8 encoding (a surrogate pair as one code point);
//   - printable ASCII: the character itself, or \" and \\ for '"' and '\';
//   - U+0008/0009/000A/000C/000D: \b \t \n \f \r;
//   - other control characters (U+0000..U+001F) and lone surrogates are
//     rejected: no event text needs them.
#pragma once

#include <string>
#include <string_view>

#include "jejak/status.h"

namespace jejak::codec::internal {

// True when `json` contains a \u escape (then RewriteUnicodeEscapes is
// needed). Cheap: one scan for backslashes.
bool HasUnicodeEscape(std::string_view json);

// The text with every \u escape inside strings replaced as described
// above. InvalidArgument for a malformed escape, a lone surrogate or an
// escaped control character. Other syntax errors are left for the parser.
[[nodiscard]] Result<std::string> RewriteUnicodeEscapes(std::string_view json);

}  // namespace jejak::codec::internal
