// Names of schema enum values as the JSON codec spells them ("ahliPertama",
// "sangatBaik"), from the Cap'n Proto schema itself; and rank display.
#pragma once

#include <capnp/schema.h>

#include <optional>
#include <string>
#include <string_view>

#include "jejak/projection/profile_state.h"

namespace jejak::projection {

template <typename E>
std::string EnumName(E value) {
  auto enumerants = capnp::Schema::from<E>().getEnumerants();
  const auto i = static_cast<unsigned>(value);
  if (i >= enumerants.size()) return "unknown(" + std::to_string(i) + ")";
  return enumerants[i].getProto().getName().cStr();
}

template <typename E>
std::optional<E> ParseEnumName(std::string_view name) {
  for (auto e : capnp::Schema::from<E>().getEnumerants()) {
    if (std::string_view(e.getProto().getName().cStr()) == name) {
      return static_cast<E>(e.getOrdinal());
    }
  }
  return std::nullopt;
}

// "III/a", "PPPK IX", or "" when no rank.
std::string RankName(const RankValue& r);

// Parses "III/a" or "PPPK-9" / "pppk9" (a PPPK grade 1..17).
std::optional<RankValue> ParseRankName(std::string_view text);

}  // namespace jejak::projection
