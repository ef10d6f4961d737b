// SQL text and folding shared by the two SQL peers of peer_bench
// (PostgreSQL and SQLite): the same statements, so that the two run the
// same work. Dialect differences are spelled out where they occur.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "peer_fold.h"

namespace jejak::bench {

// The DDL of both peers. `dialect_pg`: PostgreSQL types (bigserial, date,
// timestamptz, jsonb, boolean); otherwise SQLite's (INTEGER PRIMARY KEY,
// ISO text dates, JSON text, current_profile WITHOUT ROWID).
std::vector<std::string> SchemaSql(bool dialect_pg);

// INSERT of one event; parameters: stream, version, event_id, type,
// effective_date, payload. The position (and recorded_at) the database
// assigns.
inline constexpr const char* kInsertEventSql =
    "INSERT INTO events (stream, version, event_id, type, effective_date, payload) "
    "VALUES ($1, $2, $3, $4, $5, $6)";

// Plain INSERT of a whole current_profile row, parameters in ProfileRow
// order (the rebuild writes each folded row once).
extern const char* const kInsertProfileSql;

// SELECT of one row by NIP ($1), columns in ProfileRow order.
extern const char* const kSelectProfileSql;

// The fold's input from the events table: position, stream, type,
// effective_date and the payload member's JSON. `member` is the dialect's
// expression for it. The rebuild selects every employee event in position
// order; the as-of selects one stream ($1) up to a position ($2), in
// version order.
std::string RebuildEventsSql(const std::string& member);
std::string AsOfEventsSql(const std::string& member);

// '$1' -> '?1': SQLite's numbered parameters.
std::string ToSqliteParams(const std::string& sql);

// One statement parameter: NULL, text or an integer (PostgreSQL gets the
// integer as text; SQLite binds it as an integer).
struct SqlParam {
  enum class Kind { kNull, kText, kInt } kind = Kind::kNull;
  std::string_view text;  // kText; points into the delta / row
  int64_t number = 0;     // kInt
};
inline constexpr size_t kProfileFields = 14;
using ProfileParams = std::array<SqlParam, kProfileFields>;

// kUpsertProfileSql's parameters for `d` (d.nip must not be empty).
ProfileParams DeltaParams(const ProfileDelta& d);
// kInsertProfileSql's parameters for `r`.
ProfileParams RowParams(const ProfileRow& r);
// A row from the text of its columns in ProfileRow order (nullptr = NULL),
// as both databases return them (booleans "t"/"f" or 1/0).
ProfileRow RowFromText(const std::array<const char*, kProfileFields>& cols);

// Folds deltas into rows in memory (the peers' rebuild and as-of).
class RowFolder {
 public:
  void Add(const ProfileDelta& d) {
    if (!d.nip.empty()) Apply(d, &rows_[d.nip]);
  }
  const std::unordered_map<std::string, ProfileRow>& rows() const { return rows_; }

 private:
  std::unordered_map<std::string, ProfileRow> rows_;
};

}  // namespace jejak::bench
