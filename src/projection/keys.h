// Key layout of the profile projection family ("proj.profile"). Frozen
// format, documented in docs/projections.md:
//
//   "c"                                  checkpoint: last folded position, u64 BE
//   "b" NIP                              the employee's summary: a brief of
//                                        kSummaryParts (index_entries.h)
//   "p" NIP                              Profile (schema/projection.capnp)
//   "o" agency 0x00 "p" positionId       PositionDef
//   "o" agency 0x00 "u" unitId           UnitDef
//   "ia" agency 0x00 NIP                 every employee (agency of the latest
//                                        placement)
//   "iu" agency 0x00 unit 0x00 NIP       active employees by unit
//   "ir" rank u8 NIP                     active, by rank: golongan step 1..17,
//                                        PPPK grade + 100
//   "il" level u8 NIP                    active, by JabatanLevel of the position
//   "ie" date u32 BE NIP                 active PNS below their education cap:
//                                        first allowed TMT after 4 years in rank
//   "ix" agency 0x00 NIP                 active, not in "ie" (no regular
//                                        promotion at all: capped, PPPK, no rank)
//   "it" cell u8 NIP                     active, 9-box cell performance*3+potential
//   "iy" date u32 BE NIP                 active, retirement date
//   "o" agency 0x00 "v" positionId       the log positions (u64 BE each) of the
//                                        org amendments that changed the
//                                        position's definition
//   "f"                                  u8 flags: kFeatureAmendments = the "v"
//                                        keys are complete, kFeatureCareerEvents =
//                                        the "s" keys are, kFeatureSummaries =
//                                        the "b" keys are (folded from position 1)
//   "s" NIP position u64 BE              the employee event at that log position,
//                                        as the folds read it (career_events.h)
//   "r"                                  a rebuilt generation is complete
//   "m"                                  a fold from copies under way
//                                        (copy_fold.h): u64 BE position it
//                                        folds to, then the last NIP written
//
// Every index value is a brief of the employee (index_entries.h): "ia" and
// "iu" with competencies and JP per year, "ie" and "ix" with the career
// facts, "it" with career facts and JP per year, the others the core only.
//
// A NIP is always 18 bytes, so an index key's NIP is its last 18 bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace jejak::projection::keys {

inline constexpr std::string_view kFamily = "profile";
inline constexpr size_t kNipSize = 18;

inline void PutU8(std::string* s, uint8_t v) { s->push_back(static_cast<char>(v)); }
inline void PutU16(std::string* s, uint16_t v) {
  for (int i = 1; i >= 0; --i) s->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
inline void PutU32(std::string* s, uint32_t v) {
  for (int i = 3; i >= 0; --i) s->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
inline void PutU64(std::string* s, uint64_t v) {
  for (int i = 7; i >= 0; --i) s->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
inline uint64_t GetBE(std::string_view s, size_t at, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<uint8_t>(s[at + i]);
  return v;
}

inline std::string Checkpoint() { return "c"; }
inline std::string CopyFoldProgress() { return "m"; }
inline std::string Profile(std::string_view nip) { return "p" + std::string(nip); }
inline std::string OrgPrefix(std::string_view agency) {
  std::string k = "o" + std::string(agency);
  k.push_back('\0');
  return k;
}
inline std::string Position(std::string_view agency, std::string_view id) {
  return OrgPrefix(agency) + "p" + std::string(id);
}
inline std::string Unit(std::string_view agency, std::string_view id) {
  return OrgPrefix(agency) + "u" + std::string(id);
}
inline std::string PositionAmendments(std::string_view agency, std::string_view id) {
  return OrgPrefix(agency) + "v" + std::string(id);
}
inline std::string Features() { return "f"; }
inline constexpr uint8_t kFeatureAmendments = 1;
inline constexpr uint8_t kFeatureCareerEvents = 2;
inline constexpr uint8_t kFeatureSummaries = 4;
// What a generation this version creates keeps from position 1 on.
inline constexpr uint8_t kFeaturesOfNewGenerations =
    kFeatureAmendments | kFeatureCareerEvents | kFeatureSummaries;

// "b": the prefix of the summaries; + NIP makes the key of one.
inline std::string SummaryPrefix() { return "b"; }
inline std::string Summary(std::string_view nip) { return "b" + std::string(nip); }

// "s" NIP: the prefix of an employee's copied events; + u64 BE position
// makes the key of one. "s" sorts after every other key a batch commit
// writes ("b" to "p"), so a rebuild commit's file of copies has a key range
// of its own.
inline std::string CareerEventPrefix(std::string_view nip) { return "s" + std::string(nip); }
inline std::string CareerEvent(std::string_view nip, uint64_t position) {
  std::string k = CareerEventPrefix(nip);
  PutU64(&k, position);
  return k;
}
inline constexpr size_t kCareerEventKeySize = 1 + kNipSize + 8;
// The NIP and position of a key made by CareerEvent; false, leaving them,
// when `key` is not of its size or kind.
inline bool ParseCareerEvent(std::string_view key, std::string_view* nip, uint64_t* position) {
  if (key.size() != kCareerEventKeySize || key[0] != 's') return false;
  *nip = key.substr(1, kNipSize);
  *position = GetBE(key, 1 + kNipSize, 8);
  return true;
}

// Index prefixes; append the NIP to make a key.
inline std::string AgencyPrefix(std::string_view agency) {
  std::string k = "ia" + std::string(agency);
  k.push_back('\0');
  return k;
}
inline std::string UnitPrefix(std::string_view agency, std::string_view unit) {
  std::string k = "iu" + std::string(agency);
  k.push_back('\0');
  k += unit;
  k.push_back('\0');
  return k;
}
inline std::string RankPrefix(uint8_t code) {
  std::string k = "ir";
  PutU8(&k, code);
  return k;
}
inline std::string LevelPrefix(uint8_t level) {
  std::string k = "il";
  PutU8(&k, level);
  return k;
}
inline std::string DatePrefix(std::string_view tag, uint32_t date) {
  std::string k(tag);
  PutU32(&k, date);
  return k;
}
inline std::string CellPrefix(uint8_t cell) {
  std::string k = "it";
  PutU8(&k, cell);
  return k;
}
inline std::string CappedPrefix(std::string_view agency) {
  std::string k = "ix" + std::string(agency);
  k.push_back('\0');
  return k;
}

inline std::string_view NipOf(std::string_view index_key) {
  return index_key.size() >= kNipSize ? index_key.substr(index_key.size() - kNipSize)
                                      : std::string_view();
}

}  // namespace jejak::projection::keys
