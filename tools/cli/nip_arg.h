// An employee named on the command line as people type it: the 18 digits
// with spaces, dots or dashes between them, or pasted from Excel with its
// leading apostrophe ('197508172000031002).
#pragma once

#include <string>

#include "jejak/status.h"

namespace jejak::cli {

// The clean NIP (ingest::CleanNip) when it is a valid NIP or PPPK NI
// (domain::ParseNip); else InvalidArgument "invalid NIP" saying what is
// wrong (exit 2), never NotFound.
[[nodiscard]] Result<std::string> NipArg(const std::string& raw);

}  // namespace jejak::cli
