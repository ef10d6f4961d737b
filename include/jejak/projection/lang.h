// The languages of what jejak writes for people: Indonesian (the default of
// the command line's lists) and English.
#pragma once

#include <string_view>

#include "jejak/status.h"

namespace jejak::projection {

enum class Lang { kId, kEn };

// "id" or "en"; InvalidArgument otherwise.
[[nodiscard]] Result<Lang> ParseLang(std::string_view text);

}  // namespace jejak::projection
