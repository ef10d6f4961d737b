// JsonString: a string as a JSON string literal, for the hand-written JSON
// outputs (query tables, profiles, audit reports, CSV import lines).
#pragma once

#include <string>
#include <string_view>

namespace jejak {

// `s` in double quotes with '"', '\\' and every control character escaped
// (\n, \r, \t by name, the others as \u00XX). Bytes >= 0x80 are copied as
// they are: valid UTF-8 in gives valid JSON out.
std::string JsonString(std::string_view s);

}  // namespace jejak
