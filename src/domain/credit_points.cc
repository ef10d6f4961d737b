#include "jejak/domain/credit_points.h"

namespace jejak::domain {

double AnnualCreditCoefficient(schema::JabatanLevel level) {
  using L = schema::JabatanLevel;
  switch (level) {
    case L::AHLI_PERTAMA: return 12.5;
    case L::AHLI_MUDA: return 25;
    case L::AHLI_MADYA: return 37.5;
    case L::AHLI_UTAMA: return 50;
    case L::PEMULA: return 3.75;
    case L::TERAMPIL: return 5;
    case L::MAHIR: return 12.5;
    case L::PENYELIA: return 25;
    default: return 0;
  }
}

double CreditShare(schema::PredikatKinerja predikat) {
  using P = schema::PredikatKinerja;
  switch (predikat) {
    case P::SANGAT_BAIK: return 1.5;
    case P::BAIK: return 1.0;
    case P::BUTUH_PERBAIKAN: return 0.75;
    case P::KURANG: return 0.5;
    case P::SANGAT_KURANG: return 0.25;
    default: return 0;
  }
}

bool IsExpertiseLevel(schema::JabatanLevel level) {
  using L = schema::JabatanLevel;
  return level == L::AHLI_PERTAMA || level == L::AHLI_MUDA || level == L::AHLI_MADYA ||
         level == L::AHLI_UTAMA;
}

double CreditPointsForStep(schema::Golongan from, bool expertise) {
  using G = schema::Golongan;
  if (expertise) {
    switch (from) {
      case G::IIIA: return 50;
      case G::IIIB: return 100;
      case G::IIIC: return 100;
      case G::IIID: return 200;
      case G::IVA: return 150;
      case G::IVB: return 150;
      case G::IVC: return 450;
      case G::IVD: return 200;
      default: return 0;
    }
  }
  switch (from) {
    case G::IIA: return 15;
    case G::IIB: return 20;
    case G::IIC: return 20;
    case G::IID: return 60;
    case G::IIIA: return 50;
    case G::IIIB: return 100;
    case G::IIIC: return 100;
    default: return 0;
  }
}

}  // namespace jejak::domain
