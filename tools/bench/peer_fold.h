// The peers' profile fold: what a team building jejak's ledger on an SQL
// database would keep in its `current_profile` table, and how one event
// changes a row (docs/benchmarks.md, "Peers").
//
// The same rules exist twice, on purpose: as the SQL upsert the peers run
// per event at ingest (kUpsertProfileSql), and as Apply(), which the peers'
// rebuild and as-of reconstruction run in the driver. peer_bench checks that
// both give the same rows.
//
// Rules (a fair, simple fold; jejak's own is richer, see the doc):
//   - placement (agency, unit, position) and rank each come from the event
//     with the greatest (effective date, position) that sets them:
//     recruited, positionAssigned, positionPromoted, transferred /
//     recruited, rankPromoted;
//   - predikat from the rating of the greatest (year, position);
//   - JP: sum of trainingCompleted.jp with an effective date in `jp_year`;
//   - separated once a `separated` event is seen;
//   - a `corrected` event applies its replacement as if it were a new event
//     with the correction's effective date; `retracted` changes nothing
//     (undoing needs a replay, which the peers' write path does not do);
//   - every employee event (emp/<NIP>) sets last_position.
// Dates are ISO "YYYY-MM-DD" strings ("" = none): they order as text.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "jejak/status.h"

namespace jejak::bench {

// One current_profile row.
struct ProfileRow {
  std::string nip;
  std::string name;
  std::string agency;
  std::string unit;
  std::string position_id;
  std::string position_name;
  std::string position_tmt;  // "" = no placement yet
  std::string golongan;      // "III/a", or "PPPK 9"
  std::string golongan_tmt;  // "" = no rank yet
  std::string predikat;      // "baik", ... ("" = never rated)
  int predikat_year = 0;
  int jp_year = 0;           // JP in the fold's reference year
  bool separated = false;
  uint64_t last_position = 0;
  friend bool operator==(const ProfileRow&, const ProfileRow&) = default;
};

// What one event changes. `nip` empty: not an employee event, no row.
struct ProfileDelta {
  std::string nip;
  uint64_t position = 0;
  std::string name;  // "" = unchanged
  bool placement = false;
  std::string agency, unit, position_id, position_name, placement_tmt;
  bool rank = false;
  std::string golongan, rank_tmt;
  bool rating = false;
  std::string predikat;
  int rating_year = 0;
  int jp = 0;
  bool separated = false;
};

// One generated NDJSON line, split into what the legs need.
struct ParsedLine {
  std::string stream;
  std::string event_id;
  std::string type;       // payload member name
  std::string effective;  // "YYYY-MM-DD"
  ProfileDelta delta;
};

// Turns JSON into deltas with simdjson (what a team that cares about speed
// would use: the peers' rebuild and as-of parse every payload they read).
// Holds a reusable parser: one per thread.
class DeltaParser {
 public:
  DeltaParser();
  ~DeltaParser();
  DeltaParser(const DeltaParser&) = delete;
  DeltaParser& operator=(const DeltaParser&) = delete;

  // The delta of one event: `stream` "emp/<NIP>" (others give an empty
  // nip), `type` its payload member name, `effective` "YYYY-MM-DD",
  // `member_json` the JSON of the payload member (the object under
  // "payload"."<type>"). InvalidArgument when the JSON does not parse.
  [[nodiscard]] Result<ProfileDelta> Parse(std::string_view stream, std::string_view type,
                                           std::string_view effective, uint64_t position,
                                           std::string_view member_json, int jp_year);

  // A whole line: stream, eventId, effectiveDate and the one-member payload
  // are required (InvalidArgument naming what is missing).
  [[nodiscard]] Result<ParsedLine> ParseLine(std::string_view line, uint64_t position,
                                             int jp_year);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Applies `d` to `row` (d.nip must be row.nip, or row empty: a new row).
void Apply(const ProfileDelta& d, ProfileRow* row);

// The per-event upsert, parameters $1..$14 in ProfileRow order (the delta's
// fields; NULL where the delta does not set them). PostgreSQL syntax;
// SQLite takes it with '$' turned into '?'.
extern const char* const kUpsertProfileSql;

}  // namespace jejak::bench
