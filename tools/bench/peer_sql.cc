#include "peer_sql.h"

#include <cstdlib>

namespace jejak::bench {

std::vector<std::string> SchemaSql(bool pg) {
  const std::string date = pg ? "date" : "TEXT";  // SQLite: ISO text, orders as dates
  std::vector<std::string> sql;
  sql.push_back(
      std::string("CREATE TABLE events (") +
      (pg ? "position bigserial PRIMARY KEY, " : "position INTEGER PRIMARY KEY, ") +
      "stream text NOT NULL, version integer NOT NULL, event_id text NOT NULL UNIQUE, "
      "type text NOT NULL, " +
      (pg ? "recorded_at timestamptz NOT NULL DEFAULT now(), "
          : "recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), ") +
      "effective_date " + date + " NOT NULL, payload " + (pg ? "jsonb" : "TEXT") +
      " NOT NULL, UNIQUE (stream, version))");
  // Append-only: updates and deletes of events are refused.
  if (pg) {
    sql.push_back(
        "CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'events is append-only'; END $$");
    sql.push_back(
        "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events "
        "FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()");
  } else {
    sql.push_back(
        "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
        "BEGIN SELECT RAISE(ABORT, 'events is append-only'); END");
    sql.push_back(
        "CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
        "BEGIN SELECT RAISE(ABORT, 'events is append-only'); END");
  }
  sql.push_back("CREATE TABLE current_profile (nip text PRIMARY KEY, name text, agency text, "
                "unit text, position_id text, position_name text, position_tmt " + date +
                ", golongan text, golongan_tmt " + date +
                ", predikat text, predikat_year integer, jp_year integer NOT NULL DEFAULT 0, "
                "separated boolean NOT NULL DEFAULT false, last_position bigint NOT NULL)" +
                (pg ? "" : " WITHOUT ROWID"));
  // For "employees of a unit", the HR query a profile table is there for.
  sql.push_back("CREATE INDEX current_profile_unit ON current_profile (agency, unit)");
  return sql;
}

const char* const kInsertProfileSql =
    "INSERT INTO current_profile (nip, name, agency, unit, position_id, position_name, "
    "position_tmt, golongan, golongan_tmt, predikat, predikat_year, jp_year, separated, "
    "last_position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";

const char* const kSelectProfileSql =
    "SELECT nip, name, agency, unit, position_id, position_name, position_tmt, golongan, "
    "golongan_tmt, predikat, predikat_year, jp_year, separated, last_position "
    "FROM current_profile WHERE nip = $1";

namespace {

std::string FoldEventsSql(const std::string& member, const char* filter_and_order) {
  return "SELECT position, stream, type, effective_date, " + member + " FROM events WHERE " +
         filter_and_order;
}

}  // namespace

// substr() rather than LIKE: the same in both dialects, and neither planner
// is tempted into the (stream, version) index for a scan of nearly all rows.
std::string RebuildEventsSql(const std::string& member) {
  return FoldEventsSql(member, "substr(stream, 1, 4) = 'emp/' ORDER BY position");
}

std::string AsOfEventsSql(const std::string& member) {
  return FoldEventsSql(member, "stream = $1 AND position <= $2 ORDER BY version");
}

namespace {

SqlParam Text(std::string_view s) { return {SqlParam::Kind::kText, s, 0}; }
SqlParam TextOrNull(std::string_view s) { return s.empty() ? SqlParam{} : Text(s); }
SqlParam Int(int64_t n) { return {SqlParam::Kind::kInt, {}, n}; }

}  // namespace

ProfileParams DeltaParams(const ProfileDelta& d) {
  ProfileParams p;  // all NULL
  p[0] = Text(d.nip);
  p[1] = TextOrNull(d.name);
  if (d.placement) {
    p[2] = Text(d.agency);
    p[3] = Text(d.unit);
    p[4] = Text(d.position_id);
    p[5] = Text(d.position_name);
    p[6] = Text(d.placement_tmt);
  }
  if (d.rank) {
    p[7] = Text(d.golongan);
    p[8] = Text(d.rank_tmt);
  }
  if (d.rating) {
    p[9] = Text(d.predikat);
    p[10] = Int(d.rating_year);
  }
  p[11] = Int(d.jp);
  p[12] = Int(d.separated ? 1 : 0);
  p[13] = Int(static_cast<int64_t>(d.position));
  return p;
}

ProfileParams RowParams(const ProfileRow& r) {
  return {Text(r.nip),
          TextOrNull(r.name),
          TextOrNull(r.agency),
          TextOrNull(r.unit),
          TextOrNull(r.position_id),
          TextOrNull(r.position_name),
          TextOrNull(r.position_tmt),
          TextOrNull(r.golongan),
          TextOrNull(r.golongan_tmt),
          TextOrNull(r.predikat),
          r.predikat_year == 0 ? SqlParam{} : Int(r.predikat_year),
          Int(r.jp_year),
          Int(r.separated ? 1 : 0),
          Int(static_cast<int64_t>(r.last_position))};
}

ProfileRow RowFromText(const std::array<const char*, kProfileFields>& c) {
  auto s = [&](size_t i) { return c[i] == nullptr ? std::string() : std::string(c[i]); };
  auto n = [&](size_t i) { return c[i] == nullptr ? 0LL : std::atoll(c[i]); };
  ProfileRow r;
  r.nip = s(0);
  r.name = s(1);
  r.agency = s(2);
  r.unit = s(3);
  r.position_id = s(4);
  r.position_name = s(5);
  r.position_tmt = s(6);
  r.golongan = s(7);
  r.golongan_tmt = s(8);
  r.predikat = s(9);
  r.predikat_year = static_cast<int>(n(10));
  r.jp_year = static_cast<int>(n(11));
  r.separated = c[12] != nullptr && (c[12][0] == 't' || c[12][0] == '1');
  r.last_position = static_cast<uint64_t>(n(13));
  return r;
}

std::string ToSqliteParams(const std::string& sql) {
  std::string out = sql;
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] == '$' && out[i + 1] >= '0' && out[i + 1] <= '9') out[i] = '?';
  }
  return out;
}

}  // namespace jejak::bench
