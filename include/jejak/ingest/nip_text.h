// A NIP as people type or paste it: spreadsheets and clerks add spaces,
// dots or dashes, and Excel's leading apostrophe (which keeps the 18 digits
// as text). One cleaning for the CSV import and the command line.
#pragma once

#include <string>
#include <string_view>

namespace jejak::ingest {

// `raw` without spaces, dots, dashes and apostrophes. The result is not
// validated: domain::ParseNip says whether it is a NIP.
std::string CleanNip(std::string_view raw);

}  // namespace jejak::ingest
