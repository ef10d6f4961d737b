// JsonString: a string as a JSON string literal, for the hand-written JSON
// outputs (query tables, profiles, audit reports, CSV import lines, the
// generator's event lines).
#pragma once

#include <string>
#include <string_view>

namespace jejak {

// Appends `s` to `out` in double quotes with '"', '\\' and every control
// character escaped (\b \f \n \r \t by name, the others as \u00XX). Bytes
// >= 0x80 are copied as they are: valid UTF-8 in gives valid JSON out.
void AppendJsonString(std::string_view s, std::string* out);

// The same as a new string.
std::string JsonString(std::string_view s);

}  // namespace jejak
