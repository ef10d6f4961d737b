// Cell text to typed JSON values (internal to ingest): dates in several
// forms, golongan notations, enumerations through value maps and
// synonyms, numbers with a decimal comma.
#pragma once

#include <capnp/schema.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/schema/common.capnp.h"
#include "jejak/status.h"
#include "jejak/json_string.h"

namespace jejak::ingest::internal {

std::string Trim(std::string_view s);
std::string Upper(std::string_view s);

// A date format is tokens dd, mm, yyyy, month and separators; dd, yyyy and
// one of mm / month exactly once.
[[nodiscard]] Status CheckDateFormat(std::string_view format);
// The first format that reads `text` as a real date. InvalidArgument
// listing the formats tried (and naming spreadsheet serial numbers).
[[nodiscard]] Result<uint32_t> ParseDateIn(std::string_view text,
                                           const std::vector<std::string>& formats);

// "III/a", "III/A", "3a", "3-a", "IIIa", "III a", "Penata Muda",
// "Penata Muda Tk. I", "Penata Muda (III/a)".
std::optional<schema::Golongan> ParseGolonganNotation(std::string_view text);

// The enum of that unqualified name among the event schema's enums.
[[nodiscard]] Result<capnp::Type> EnumNamed(std::string_view name);
// Enumerant number of `name` in `e`: its schema name or $Json.name,
// compared case-insensitively and ignoring spaces, '-', '_', '/'. -1 if none.
int EnumByName(capnp::EnumSchema e, std::string_view name);

// What the cells of a mapping need to be converted.
struct ValueContext {
  const std::vector<std::string>* date_formats = nullptr;
  // Enum type name -> cell text (upper case) -> enumerant.
  const std::map<std::string, std::map<std::string, std::string>>* values = nullptr;
};

// The JSON value of `text` as a `type` value (a leaf, see schema_paths.h):
// "\"2019-04-01\"", "{\"golongan\":\"III/a\"}", "42", "\"baik\"".
// InvalidArgument says what was expected.
[[nodiscard]] Result<std::string> CellToJson(capnp::Type type, std::string_view text,
                                             const ValueContext& ctx);

// `s` as a JSON string literal (jejak/json_string.h).
using ::jejak::JsonString;

}  // namespace jejak::ingest::internal
