#include "jejak/ingest/nip_text.h"

namespace jejak::ingest {

std::string CleanNip(std::string_view raw) {
  std::string nip;
  for (char c : raw) {
    if (c != ' ' && c != '.' && c != '\'' && c != '-') nip.push_back(c);
  }
  return nip;
}

}  // namespace jejak::ingest
