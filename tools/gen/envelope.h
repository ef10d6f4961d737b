// Envelope helpers shared by the event builders: actor, source document
// and decree numbers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gen/org.h"
#include "jejak/schema/envelope.capnp.h"

namespace jejak::gen {

void SetActor(schema::EventInput::Builder in, std::string_view user, std::string_view role,
              std::string_view agency);
void SetSource(schema::EventInput::Builder in, std::string_view decree,
               std::string_view signer, uint32_t signing_date);

// Classification codes of personnel decrees (kode klasifikasi arsip).
enum class DecreeKind { kAppointment, kRank, kPosition, kTransfer, kDiscipline, kPension,
                        kTraining, kPerformance, kSelection };

// "823.3/0417/BKPSDM/2019": class code, the agency's running number, the
// issuing office (BKD until 2016, BKPSDM from 2017) and the year of `date`.
std::string DecreeNumber(Agency* agency, DecreeKind kind, uint32_t date);

// A view of a std::string for capnp setters.
inline capnp::Text::Reader T(std::string_view s) { return capnp::Text::Reader(s.data(), s.size()); }

}  // namespace jejak::gen
