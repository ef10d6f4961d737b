// The performance-rating scales of each era (DOMAIN.md "Performance"): the
// one home of the years each scale applies to and of their bands.
#pragma once

#include <cstdint>

#include "jejak/schema/common.capnp.h"

namespace jejak::domain {

// Which record a rated year has: a DP3 score (PP 10/1979, to 2013), a
// numeric SKP score (PP 46/2011 from 2014, kept by PP 30/2019 to 2021), or
// the predikat of the SKP matrix alone (PermenPANRB 6/2022, from 2022).
enum class RatingEra { kDp3, kSkpScore, kPredikat };
inline constexpr int kLastDp3Year = 2013;
inline constexpr int kLastSkpScoreYear = 2021;
RatingEra RatingEraOf(int year);

// The predikat a DP3 score's band stands for: 91-100 Amat Baik -> Sangat
// Baik, 76-90 Baik -> Baik, 61-75 Cukup -> Butuh Perbaikan, 51-60 Sedang ->
// Kurang, <= 50 Kurang -> Sangat Kurang (as docs/events.md and the CSV
// import map DP3 predikats). UNSPECIFIED for 0 (no DP3) or above 100.
schema::PredikatKinerja PredikatForDp3(uint8_t score);

// The predikat a numeric SKP score's band stands for (PP 46/2011): 91-100
// Sangat Baik, 76-90 Baik, 61-75 Cukup -> Butuh Perbaikan, 51-60 Kurang,
// <= 50 Buruk -> Sangat Kurang. A fraction belongs to the band it exceeds
// the one below by (90.5 is Sangat Baik, 50.5 Kurang). UNSPECIFIED for 0
// (no score), a negative score, NaN or above 100.
schema::PredikatKinerja PredikatForSkpScore(double score);

// "91-100 Amat Baik", ...: the band's own name in its regulation.
const char* Dp3BandText(uint8_t score);
const char* SkpScoreBandText(double score);

}  // namespace jejak::domain
