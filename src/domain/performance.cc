#include "jejak/domain/performance.h"

namespace jejak::domain {

using P = schema::PredikatKinerja;

RatingEra RatingEraOf(int year) {
  if (year <= kLastDp3Year) return RatingEra::kDp3;
  if (year <= kLastSkpScoreYear) return RatingEra::kSkpScore;
  return RatingEra::kPredikat;
}

P PredikatForDp3(uint8_t score) {
  if (score == 0 || score > 100) return P::UNSPECIFIED;
  if (score >= 91) return P::SANGAT_BAIK;
  if (score >= 76) return P::BAIK;
  if (score >= 61) return P::BUTUH_PERBAIKAN;
  if (score >= 51) return P::KURANG;
  return P::SANGAT_KURANG;
}

P PredikatForSkpScore(double score) {
  if (!(score > 0 && score <= 100)) return P::UNSPECIFIED;
  if (score > 90) return P::SANGAT_BAIK;
  if (score > 75) return P::BAIK;
  if (score > 60) return P::BUTUH_PERBAIKAN;
  if (score > 50) return P::KURANG;
  return P::SANGAT_KURANG;
}

const char* Dp3BandText(uint8_t score) {
  if (score >= 91) return "91-100 Amat Baik";
  if (score >= 76) return "76-90 Baik";
  if (score >= 61) return "61-75 Cukup";
  if (score >= 51) return "51-60 Sedang";
  return "<= 50 Kurang";
}

const char* SkpScoreBandText(double score) {
  if (score > 90) return "91-100 Sangat Baik";
  if (score > 75) return "76-90 Baik";
  if (score > 60) return "61-75 Cukup";
  if (score > 50) return "51-60 Kurang";
  return "<= 50 Buruk";
}

}  // namespace jejak::domain
