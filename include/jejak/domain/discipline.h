// The discipline regulations (DOMAIN.md "Discipline") and the kinds of
// sanction (hukuman disiplin) each has, with their levels: the one home of
// which sanction kinds exist on a date.
#pragma once

#include <cstdint>
#include <span>

#include "jejak/schema/events.capnp.h"

namespace jejak::domain {

// PP 30/1980 (dates before PP 53/2010 took effect, the oldest regulation
// the table holds), PP 53/2010 (6 Jun 2010 - 30 Aug 2021), PP 94/2021
// (from 31 Aug 2021).
enum class DisciplineRegulation : uint8_t { kPp30Of1980, kPp53Of2010, kPp94Of2021 };

inline constexpr uint32_t kPp53Of2010Start = 20100606;
inline constexpr uint32_t kPp94Of2021Start = 20210831;

// The regulation in force on `date` (YYYYMMDD).
DisciplineRegulation DisciplineRegulationOn(uint32_t date);

// "PP 53/2010 Art. 7", ...: the regulation and the article listing its kinds.
const char* DisciplineRegulationText(DisciplineRegulation r);

// The level `kind` has under `r`; UNSPECIFIED when `r` has no such kind.
schema::SanctionLevel SanctionLevelUnder(DisciplineRegulation r, schema::SanctionKind kind);

// Every kind `r` has, lightest first (temporarySuspension included: each
// regulation has the pemberhentian sementara beside its sanctions).
std::span<const schema::SanctionKind> SanctionKindsOf(DisciplineRegulation r);

// The level a sanction of `kind` starting on `start` must state: its level
// under the regulation in force on `start`, or, for a kind that regulation
// does not have (a case begun under an earlier one, or a later kind entered
// with an old date), its level under the latest regulation that has it.
// `*regulation` (when not null) is set to the regulation the level comes
// from. UNSPECIFIED for UNSPECIFIED or an unknown kind.
schema::SanctionLevel ExpectedSanctionLevel(schema::SanctionKind kind, uint32_t start,
                                            DisciplineRegulation* regulation);

}  // namespace jejak::domain
