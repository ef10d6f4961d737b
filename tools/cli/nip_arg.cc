#include "nip_arg.h"

#include "jejak/domain/nip.h"
#include "jejak/ingest/nip_text.h"

namespace jejak::cli {

Result<std::string> NipArg(const std::string& raw) {
  std::string nip = ingest::CleanNip(raw);
  const std::string shown = "\"" + raw.substr(0, 40) + "\"";
  if (nip.size() != 18 || nip.find_first_not_of("0123456789") != std::string::npos) {
    return Status::InvalidArgument("invalid NIP " + shown + ": want 18 digits (spaces and a leading ' are allowed)");
  }
  // A PPPK NI has the shape of a NIP but no month in digits 13-14.
  auto parsed = domain::ParseNip(nip, /*pppk=*/true);
  if (!parsed.ok()) return Status::InvalidArgument("invalid NIP " + shown + ": " + parsed.status().message());
  return nip;
}

}  // namespace jejak::cli
