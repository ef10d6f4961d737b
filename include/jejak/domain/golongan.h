// Ranks and ratings: names, order, and the education caps (DOMAIN.md).
#pragma once

#include <optional>
#include <string_view>

#include "jejak/schema/common.capnp.h"

namespace jejak::domain {

// "III/a" for IIIA; "" for UNSPECIFIED or an unknown value.
std::string_view GolonganName(schema::Golongan g);
// Pangkat title: "Penata Muda" for III/a.
std::string_view PangkatName(schema::Golongan g);
std::optional<schema::Golongan> ParseGolongan(std::string_view name);

// 1 for I/a .. 17 for IV/e; 0 for UNSPECIFIED/unknown. Ranks compare by
// this step number; a promotion goes up exactly one step.
int GolonganStep(schema::Golongan g);

// Start rank and highest rank by regular promotion for an education level
// (Kep BKN 12/2002). nullopt when the level is unspecified.
struct EducationRankRange {
  schema::Golongan start;
  schema::Golongan max_regular;
};
std::optional<EducationRankRange> RankRangeForEducation(
    schema::EducationLevel e);

// Order of predikat kinerja: 5 for Sangat Baik .. 1 for Sangat Kurang,
// 0 for unspecified. "At least Baik" is PredikatScore(p) >= 4.
int PredikatScore(schema::PredikatKinerja p);

// The SKP matrix (PermenPANRB 6/2022): the predikat that work result and
// behaviour give. UNSPECIFIED if either is unspecified.
schema::PredikatKinerja PredikatFromMatrix(schema::Rating work_result,
                                           schema::Rating behaviour);

}  // namespace jejak::domain
