// Credit points (angka kredit) of functional posts (DOMAIN.md "Rank
// promotion"): the one home of the annual coefficients and of the points a
// rank step takes. From PermenPANRB 1/2023 (Art. 37 and its annex), applied
// to every year; the per-step table is unverified.
#pragma once

#include "jejak/schema/common.capnp.h"

namespace jejak::domain {

// The annual coefficient of a functional jenjang: the points a year rated
// Baik earns (Ahli Pertama 12.5, Ahli Muda 25, Ahli Madya 37.5, Ahli Utama
// 50; Pemula 3.75, Terampil 5, Mahir 12.5, Penyelia 25). 0 for a post that
// is not functional.
double AnnualCreditCoefficient(schema::JabatanLevel level);

// The share of the coefficient a year's predikat earns: Sangat Baik 150%,
// Baik 100%, Butuh Perbaikan 75%, Kurang 50%, Sangat Kurang 25%; 0 for
// UNSPECIFIED.
double CreditShare(schema::PredikatKinerja predikat);

// Whether `level` is of the expertise track (Ahli ...), else skills.
bool IsExpertiseLevel(schema::JabatanLevel level);

// The points a holder of a functional post needs, earned since the last
// rank promotion, for the step out of golongan `from` on the expertise
// track (III/a 50, III/b 100, III/c 100, III/d 200, IV/a 150, IV/b 150,
// IV/c 450, IV/d 200) or the skills track (II/a 15, II/b 20, II/c 20, II/d
// 60, III/a 50, III/b 100, III/c 100). 0 for a rank the track has no step
// out of.
double CreditPointsForStep(schema::Golongan from, bool expertise);

}  // namespace jejak::domain
