#include "audit/post_level.h"

namespace jejak::audit {

int PostHeight(schema::JabatanLevel level) {
  using L = schema::JabatanLevel;
  switch (level) {
    case L::JPT_UTAMA: return 6;
    case L::JPT_MADYA: return 5;
    case L::JPT_PRATAMA:
    case L::AHLI_UTAMA: return 4;
    case L::ADMINISTRATOR:
    case L::AHLI_MADYA: return 3;
    case L::PENGAWAS:
    case L::AHLI_MUDA: return 2;
    case L::PELAKSANA:
    case L::AHLI_PERTAMA:
    case L::PENYELIA:
    case L::MAHIR:
    case L::TERAMPIL:
    case L::PEMULA: return 1;
    case L::UNSPECIFIED: return 0;
  }
  return 0;
}

}  // namespace jejak::audit
