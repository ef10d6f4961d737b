// The secondary-index entries a profile contributes (key layout in keys.h)
// and the "brief" their values carry. A pure function of the profile's own
// facts and the rules, so the indexes of a rebuild equal those of the
// incremental projection.
//
// A brief is what a query needs of one employee to produce its row without
// reading the profile: the first table cells and the few facts the row's
// other cells are computed from at read time (so nothing that depends on
// "today" is frozen into an index). Each index carries the parts its
// queries read. Format (integers big-endian, strings u16 length + bytes):
//
//   u8 0xB1 (format tag), u8 parts (bit set of kBrief*)
//   core:  name, agency, unit, rank name ("" = none), position (id when no
//          name); u8 RankCode (0 = none), u8 JabatanLevel, u32 birth date,
//          u32 TMT recruited, u8 separated (0/1), u16 separation reason,
//          u32 separation date
//   then each part present, in bit order, as u32 byte length + bytes:
//   kBriefCompetencies: u16 n, n x (string code, u8 level), sorted by code
//   kBriefJp:           u16 n, n x (u16 year, u32 JP of all kinds), by year
//   kBriefCareer:       u16 employment type, u16 education, u8 has rank,
//          u16 golongan, u8 PPPK grade, u32 rank TMT, u8 confirmed, u32 TMT
//          PNS, u8 assessed, u16 potential, u16 n, n x (u16 year, u16
//          predikat) by year, u16 n, n x (u64 position, u32 start, u32 end)
//          sanctions, u16 n, n x (u64 sanction position, u32 date) lifts;
//          then (absent from briefs of versions before exams and credit
//          points were events, which read as none) u16 n, n x (u16 ExamKind,
//          u32 date) exams, u16 n, n x (u32 date, u64 IEEE-754 bits of the
//          points) credit points, by key
//   kBriefSummary:      string NIP, u8 placed (0/1), string position id,
//          string position name, u32 TMT of the placement, u64 the employee's last position
//          (with the core, kBriefJp and kBriefCareer: a ProfileSummary)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "jejak/projection/profile_state.h"
#include "jejak/projection/profile_summary.h"
#include "jejak/projection/rules.h"
#include "jejak/status.h"

namespace jejak::projection {

struct IndexEntry {
  std::string key;
  std::string value;
  friend bool operator==(const IndexEntry&, const IndexEntry&) = default;
};

// Sorted by key. (batch_encode.cc diffs the lists of the old and new state.)
std::vector<IndexEntry> IndexEntries(const ProfileState& s, const Rules& rules);
// The same into `*out`, written over its entries' strings (no allocation
// once they have grown): for a loop over many profiles.
void IndexEntriesInto(const ProfileState& s, const Rules& rules, std::vector<IndexEntry>* out);

// The rank byte of the "ir" index: golongan step 1..17, PPPK grade + 100.
uint8_t RankCode(const RankValue& r);

// The 9-box cell (performance * 3 + potential) of a profile, 255 if unknown.
uint8_t TalentCell(const ProfileState& s);

// NIP, NAME, AGENCY, UNIT, RANK, POSITION: the first columns of most
// tables, and their cells for a profile (what a brief stores).
std::vector<std::string> BaseColumns();
std::vector<std::string> BaseCells(const ProfileState& s);

// Brief parts (bits of the parts byte).
inline constexpr uint8_t kBriefCompetencies = 1;
inline constexpr uint8_t kBriefJp = 2;
inline constexpr uint8_t kBriefCareer = 4;
inline constexpr uint8_t kBriefSummary = 8;
// The parts of the summary entry ("b" NIP, keys.h).
inline constexpr uint8_t kSummaryParts = kBriefJp | kBriefCareer | kBriefSummary;

// The brief of `s` with `parts` (format above).
std::string EncodeBrief(const ProfileState& s, uint8_t parts);

// A parsed brief: views into the index key and value it was parsed from
// (both must outlive it). Parsing allocates nothing; cells and facts are
// materialised on demand.
struct BriefView {
  std::string_view nip, name, agency, unit, rank, position;
  uint8_t rank_code = 0;
  schema::JabatanLevel level = schema::JabatanLevel::UNSPECIFIED;
  uint32_t birth_date = 0, recruited = 0;
  bool separated = false;
  schema::SeparationReason separation_reason = schema::SeparationReason::UNSPECIFIED;
  uint32_t separation_date = 0;
  uint8_t parts = 0;
  std::string_view competencies, jp, career, summary;  // raw parts, empty if absent

  bool active() const { return !separated; }
  // A table row starting with the BaseCells of the profile, with room for
  // `extra` more cells.
  std::vector<std::string> Row(size_t extra) const;
  // JP of development in `year` (0 without kBriefJp).
  uint32_t JpInYear(uint16_t year) const;
  // Fills `out` with a partial profile holding the facts the brief carries: nip, birth
  // date, recruitment and separation always; competencies (code, level),
  // training JP per year (kind unspecified), the post's level (one
  // placement) and the career facts (employment type, education, current
  // rank, confirmation, assessment potential, ratings, sanctions, lifts,
  // exams, credit points) when present. The profile_view
  // functions that read only these facts (NextPromotion, GapAgainst,
  // JpInYear, TalentBox) give the same answer on it as on the full profile.
  [[nodiscard]] Status Facts(ProfileState* out) const;
};

// The summary a brief of kSummaryParts holds (equal to SummaryOf of the
// profile it was encoded from; known_position left 0). Corruption when the
// brief lacks those parts, a part is malformed, or the NIP it carries is
// not its key's.
[[nodiscard]] Result<ProfileSummary> SummaryFromBrief(const BriefView& brief);

// Parses the brief stored under index key `key` (whose last 18 bytes are
// the NIP). Corruption names the key when the value is not a brief (for
// instance an index written by an older version: rebuild the projection).
// The view points into `key` and `value`: they must outlive it.
[[nodiscard]] Result<BriefView> ParseBrief(std::string_view key, std::string_view value);

}  // namespace jejak::projection
