// Fuzz target: the projection's stored values, read back from disk (a
// damaged or planted value must be an error, never a crash, and must not
// take time or memory out of proportion to its size). The first byte picks
// the decoder, the rest is the value:
//   'p'  DecodeProfile: an accepted profile encodes and decodes again
//   'o'  DecodePosition, 'u' DecodeUnit: likewise
//   'b'  ParseBrief under an index key ending in a fixed NIP, then every
//        reader of the brief (Facts, Row, JpInYear)
//   'e'  CareerEvents::Add of a copied employee event: 8 bytes of position
//        (big-endian), then the value; an accepted copy is then resolved
//        and folded as an as-of does (EffectiveEvents, FoldProfile)
// The bound: a decoded profile holds at most a fixed multiple of the
// value's size in list elements.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <kj/exception.h>

#include "jejak/projection/fold.h"
#include "projection/career_events.h"
#include "projection/index_entries.h"
#include "projection/state_codec.h"

namespace {

using namespace jejak::projection;

[[noreturn]] void Fail(const char* what, std::string_view input) {
  std::fprintf(stderr, "projection_state_fuzz: %s (%zu bytes)\n", what, input.size());
  std::abort();
}

size_t Elements(const ProfileState& s) {
  return s.placements.size() + s.ranks.size() + s.competencies.size() + s.ratings.size() +
         s.training_jp.size() + s.leadership.size() + s.sanctions.size() + s.lifts.size() +
         s.mentoring.size() + s.relations.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0]) {
    case 'p': {
      auto s = DecodeProfile(input);
      if (!s.ok()) break;
      // Each element costs at least one word of traversal (state_codec.cc).
      if (Elements(*s) > 4 * (input.size() / 8) + 64) Fail("profile decode not bounded", input);
      if (!DecodeProfile(EncodeProfile(*s)).ok()) Fail("profile does not re-encode", input);
      break;
    }
    case 'o': {
      auto p = DecodePosition(input);
      if (p.ok() && !DecodePosition(EncodePosition(*p)).ok()) Fail("position does not re-encode", input);
      break;
    }
    case 'u': {
      auto u = DecodeUnit(input);
      if (u.ok() && !DecodeUnit(EncodeUnit(*u)).ok()) Fail("unit does not re-encode", input);
      break;
    }
    case 'b': {
      const std::string key = std::string("ia") + "X" + '\0' + "199001012015031001";
      auto brief = ParseBrief(key, input);
      if (!brief.ok()) break;
      ProfileState facts;
      (void)brief->Facts(&facts);
      (void)brief->Row(2);
      (void)brief->JpInYear(2024);
      break;
    }
    case 'e': {
      if (input.size() < 8) break;
      uint64_t position = 0;
      for (size_t i = 0; i < 8; ++i) position = (position << 8) | static_cast<uint8_t>(input[i]);
      CareerEvents events;
      if (!events.Add(position, input.substr(8)).ok()) break;
      try {  // a damaged payload may throw past its traversal limit (career_events.h)
        (void)FoldProfile("199001012015031001", EffectiveEvents(events.events()));
      } catch (const kj::Exception&) {
      }
      break;
    }
    default:
      break;
  }
  return 0;
}
