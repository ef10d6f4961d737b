// Checks on untrusted text: UTF-8, percent-encoding, JSON nesting.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/utf8.h"
#include "jejak/status.h"

namespace jejak::server {

// `s` with %XX decoded ('+' is kept: paths and our query values do not
// use it for a space). nullopt for a malformed escape, a decoded NUL or a
// result that is not UTF-8.
std::optional<std::string> PercentDecode(std::string_view s);

// Splits "a=1&b=2" into decoded names and values. InvalidArgument naming
// the parameter for a malformed one.
[[nodiscard]] Status ParseQuery(std::string_view query,
                                std::map<std::string, std::string, std::less<>>* out);

}  // namespace jejak::server
