// Stored form of the projected states: schema/projection.capnp messages in
// the flat-array framing (capnp::messageToFlatArray).
//
// Encoding is deterministic: equal states give equal bytes. Decoding is
// lossless: Decode(Encode(s)) == s. Decoders never throw: malformed bytes
// are Corruption naming `what` (the key, for the caller's context).
#pragma once

#include <string>
#include <string_view>

#include "jejak/projection/profile_state.h"
#include "jejak/status.h"

namespace jejak::projection {

std::string EncodeProfile(const ProfileState& s);
[[nodiscard]] Result<ProfileState> DecodeProfile(std::string_view bytes);

// One position of an agency, and one unit (the org projection stores each
// under its own key).
std::string EncodePosition(const PositionDef& p);
[[nodiscard]] Result<PositionDef> DecodePosition(std::string_view bytes);
std::string EncodeUnit(const UnitDef& u);
[[nodiscard]] Result<UnitDef> DecodeUnit(std::string_view bytes);

}  // namespace jejak::projection
