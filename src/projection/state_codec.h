// Stored form of the projected states: schema/projection.capnp messages in
// the flat-array framing (capnp::messageToFlatArray).
//
// Encoding is deterministic: equal states give equal bytes. Decoding is
// lossless: Decode(Encode(s)) == s. Decoders never throw: malformed bytes
// are Corruption naming `what` (the key, for the caller's context), and
// the time and memory a decode takes are bounded by the value's size.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/projection/profile_state.h"
#include "jejak/status.h"

namespace jejak::projection {

std::string EncodeProfile(const ProfileState& s);
[[nodiscard]] Result<ProfileState> DecodeProfile(std::string_view bytes);

// The packed form (Cap'n Proto packing of the same message): about 55% of
// the flat bytes, slower to decode. For states a process keeps in memory
// (the audit's parked states), not a stored format. Decoding is bounded by
// the value's size like DecodeProfile's.
[[nodiscard]] Result<ProfileState> DecodePackedProfile(std::string_view packed);

// EncodeProfile for many states in a row: the same bytes, built in a
// first segment this encoder keeps and zeroes again after each use (where
// EncodeProfile allocates and zero-fills 8 KiB per call) and serialized
// straight into the caller's string. Not thread-safe: one per thread.
class ProfileEncoder {
 public:
  ProfileEncoder();
  // Replaces `*out` with EncodeProfile(s) (reusing its capacity).
  void Encode(const ProfileState& s, std::string* out);
  // Replaces `*out` with the packed form (DecodePackedProfile reads it).
  void EncodePacked(const ProfileState& s, std::string* out);

 private:
  // Builds `s` in the first segment and calls write(segments).
  template <typename Write>
  void Build(const ProfileState& s, Write write);

  std::vector<uint64_t> scratch_;  // the builder's first segment, all zero between calls
};

// One position of an agency, and one unit (the org projection stores each
// under its own key).
std::string EncodePosition(const PositionDef& p);
[[nodiscard]] Result<PositionDef> DecodePosition(std::string_view bytes);
std::string EncodeUnit(const UnitDef& u);
[[nodiscard]] Result<UnitDef> DecodeUnit(std::string_view bytes);

}  // namespace jejak::projection
