#include "peer_pg.h"

#include <libpq-fe.h>

#include <array>
#include <cstdlib>
#include <string>

#include "peer_sql.h"

namespace jejak::bench {

namespace {

// The payload member of an event, taken from the stored jsonb by the server.
constexpr const char* kMemberSql = "payload -> 'payload' -> type";

// Statements sent before the pipeline is synced and its results drained:
// bounds what sits unread in the socket buffers (a pipeline that is never
// read can deadlock once both directions fill).
constexpr int kPipelineChunk = 512;

// Rows per FETCH of the rebuild's cursor.
constexpr int kFetchRows = 20'000;

struct PgResult {
  explicit PgResult(PGresult* r) : r(r) {}
  ~PgResult() { PQclear(r); }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  PGresult* r;
};

// Text parameters for one statement, NUL-terminated copies.
template <size_t N>
struct TextParams {
  std::array<std::string, N> storage;
  std::array<const char*, N> values{};
};

TextParams<kProfileFields> ToText(const ProfileParams& p) {
  TextParams<kProfileFields> t;
  for (size_t i = 0; i < p.size(); ++i) {
    switch (p[i].kind) {
      case SqlParam::Kind::kNull: t.values[i] = nullptr; continue;
      case SqlParam::Kind::kText: t.storage[i] = p[i].text; break;
      case SqlParam::Kind::kInt: t.storage[i] = std::to_string(p[i].number); break;
    }
    t.values[i] = t.storage[i].c_str();
  }
  return t;
}

class PgLeg final : public PeerLeg {
 public:
  explicit PgLeg(int jp_year) : jp_year_(jp_year) {}
  ~PgLeg() override { PQfinish(conn_); }

  Status Open(const std::string& conninfo) {
    conn_ = PQconnectdb(conninfo.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) return Fail("connect '" + conninfo + "'");
    for (const auto& ddl : SchemaSql(/*dialect_pg=*/true)) JEJAK_RETURN_IF_ERROR(Exec(ddl));
    JEJAK_RETURN_IF_ERROR(Prepare("insert_event", kInsertEventSql));
    JEJAK_RETURN_IF_ERROR(Prepare("upsert_profile", kUpsertProfileSql));
    JEJAK_RETURN_IF_ERROR(Prepare("insert_profile", kInsertProfileSql));
    JEJAK_RETURN_IF_ERROR(Prepare("select_profile", kSelectProfileSql));
    JEJAK_RETURN_IF_ERROR(Prepare("as_of", AsOfEventsSql(kMemberSql)));
    // The server's CPU time is read from /proc: the server must run on this
    // machine (peers.sh: a unix socket); otherwise CPU figures are "-".
    postmaster_ = ParentPid(PQbackendPID(conn_));
    describe_ = "PostgreSQL " + Show("server_version") + ": fsync=" + Show("fsync") +
                ", synchronous_commit=" + Show("synchronous_commit") +
                ", wal_sync_method=" + Show("wal_sync_method") +
                ", full_page_writes=" + Show("full_page_writes") +
                ", shared_buffers=" + Show("shared_buffers") + ", pipelined libpq";
    return Status::Ok();
  }

  std::string Name() const override { return "PostgreSQL"; }
  std::string Describe() const override { return describe_; }

  uint64_t DiskBytes() const override {
    PgResult r(PQexec(conn_, "SELECT pg_database_size(current_database())"));
    if (PQresultStatus(r.r) != PGRES_TUPLES_OK) return 0;
    return std::strtoull(PQgetvalue(r.r, 0, 0), nullptr, 10);
  }

  Status Ingest(std::span<const BenchEvent> batch) override {
    JEJAK_RETURN_IF_ERROR(BeginPipeline());
    JEJAK_RETURN_IF_ERROR(Send("BEGIN"));
    for (const BenchEvent& e : batch) {
      const std::string version = std::to_string(e.version);
      const char* values[] = {e.stream.c_str(), version.c_str(), e.event_id.c_str(),
                              e.type.c_str(),   e.effective.c_str(), e.line.c_str()};
      JEJAK_RETURN_IF_ERROR(SendPrepared("insert_event", 6, values));
      if (!e.delta.nip.empty()) {
        auto params = ToText(DeltaParams(e.delta));
        JEJAK_RETURN_IF_ERROR(SendPrepared("upsert_profile", kProfileFields, params.values.data()));
      }
    }
    JEJAK_RETURN_IF_ERROR(Send("COMMIT"));
    return EndPipeline();
  }

  // After a bulk load: statistics for the planner, the visibility map and
  // hint bits set now rather than by autovacuum, and the dirty pages
  // written back now rather than by a checkpoint during the timed reads.
  Status AfterIngest() override {
    JEJAK_RETURN_IF_ERROR(Exec("VACUUM ANALYZE"));
    return Exec("CHECKPOINT");
  }

  double CpuSeconds() const override {
    const double server = ProcessTreeCpuSeconds(postmaster_);
    return server < 0 ? -1 : SelfCpuSeconds() + server;
  }

  Status Rebuild(uint64_t* profiles) override {
    JEJAK_RETURN_IF_ERROR(Exec("BEGIN"));
    JEJAK_RETURN_IF_ERROR(Exec("TRUNCATE current_profile"));
    JEJAK_RETURN_IF_ERROR(
        Exec("DECLARE rebuild NO SCROLL CURSOR FOR " + RebuildEventsSql(kMemberSql)));
    RowFolder folder;
    const std::string fetch = "FETCH " + std::to_string(kFetchRows) + " FROM rebuild";
    for (;;) {
      PgResult r(PQexec(conn_, fetch.c_str()));
      if (PQresultStatus(r.r) != PGRES_TUPLES_OK) return Fail("fetch events");
      const int rows = PQntuples(r.r);
      JEJAK_RETURN_IF_ERROR(Fold(r.r, &folder));
      if (rows < kFetchRows) break;
    }
    JEJAK_RETURN_IF_ERROR(Exec("CLOSE rebuild"));
    JEJAK_RETURN_IF_ERROR(BeginPipeline());
    for (const auto& [nip, row] : folder.rows()) {
      auto params = ToText(RowParams(row));
      JEJAK_RETURN_IF_ERROR(SendPrepared("insert_profile", kProfileFields, params.values.data()));
    }
    JEJAK_RETURN_IF_ERROR(Send("COMMIT"));
    *profiles = folder.rows().size();
    return EndPipeline();
  }

  Result<ProfileRow> ReadProfile(const std::string& nip) override {
    const char* values[] = {nip.c_str()};
    PgResult r(PQexecPrepared(conn_, "select_profile", 1, values, nullptr, nullptr, 0));
    if (PQresultStatus(r.r) != PGRES_TUPLES_OK) return Fail("select profile " + nip);
    if (PQntuples(r.r) == 0) return Status::NotFound("no profile " + nip);
    std::array<const char*, kProfileFields> cols;
    for (size_t i = 0; i < kProfileFields; ++i) {
      const int c = static_cast<int>(i);
      cols[i] = PQgetisnull(r.r, 0, c) ? nullptr : PQgetvalue(r.r, 0, c);
    }
    return RowFromText(cols);
  }

  Result<ProfileRow> ProfileAsOf(const EmployeeStream& employee,
                                 uint64_t known_position) override {
    const std::string position = std::to_string(known_position);
    const char* values[] = {employee.stream.c_str(), position.c_str()};
    PgResult r(PQexecPrepared(conn_, "as_of", 2, values, nullptr, nullptr, 0));
    if (PQresultStatus(r.r) != PGRES_TUPLES_OK) return Fail("as-of " + employee.stream);
    RowFolder folder;
    JEJAK_RETURN_IF_ERROR(Fold(r.r, &folder));
    auto it = folder.rows().find(employee.nip);
    if (it == folder.rows().end()) return Status::NotFound("no events of " + employee.nip);
    return it->second;
  }

 private:
  Status Fail(const std::string& what) const {
    return Status::IOError("postgresql: " + what + ": " + PQerrorMessage(conn_));
  }

  Status Exec(const std::string& sql) {
    PgResult r(PQexec(conn_, sql.c_str()));
    const auto st = PQresultStatus(r.r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Status::Ok();
    return Fail(sql.substr(0, 60));
  }

  std::string Show(const std::string& setting) {
    PgResult r(PQexec(conn_, ("SHOW " + setting).c_str()));
    return PQresultStatus(r.r) == PGRES_TUPLES_OK ? PQgetvalue(r.r, 0, 0) : "?";
  }

  Status Prepare(const char* name, const std::string& sql) {
    PgResult r(PQprepare(conn_, name, sql.c_str(), 0, nullptr));
    if (PQresultStatus(r.r) != PGRES_COMMAND_OK) return Fail(std::string("prepare ") + name);
    return Status::Ok();
  }

  // Folds rows (position, stream, type, effective_date, member).
  Status Fold(PGresult* r, RowFolder* folder) {
    const int rows = PQntuples(r);
    for (int i = 0; i < rows; ++i) {
      auto delta = parser_.Parse(PQgetvalue(r, i, 1), PQgetvalue(r, i, 2), PQgetvalue(r, i, 3),
                                 std::strtoull(PQgetvalue(r, i, 0), nullptr, 10),
                                 std::string_view(PQgetvalue(r, i, 4),
                                                  static_cast<size_t>(PQgetlength(r, i, 4))),
                                 jp_year_);
      if (!delta.ok()) return delta.status();
      folder->Add(*delta);
    }
    return Status::Ok();
  }

  // ---- pipeline mode: statements are sent without waiting for replies.

  Status BeginPipeline() {
    if (PQenterPipelineMode(conn_) != 1) return Fail("enter pipeline mode");
    pending_ = 0;
    return Status::Ok();
  }

  Status Send(const char* sql) {
    if (PQsendQueryParams(conn_, sql, 0, nullptr, nullptr, nullptr, nullptr, 0) != 1) {
      return Fail(sql);
    }
    return Sent();
  }

  Status SendPrepared(const char* name, size_t n, const char* const* values) {
    if (PQsendQueryPrepared(conn_, name, static_cast<int>(n), values, nullptr, nullptr, 0) != 1) {
      return Fail(std::string("send ") + name);
    }
    return Sent();
  }

  Status Sent() {
    if (++pending_ < kPipelineChunk) return Status::Ok();
    return Drain();
  }

  // Syncs and reads the result of every statement sent so far. Within the
  // explicit transaction a sync does not commit.
  Status Drain() {
    if (PQpipelineSync(conn_) != 1) return Fail("pipeline sync");
    Status first;
    for (;;) {
      PGresult* raw = PQgetResult(conn_);
      if (raw == nullptr) {  // the end of one statement's results
        if (PQstatus(conn_) != CONNECTION_OK) return Fail("pipeline");
        continue;
      }
      PgResult r(raw);
      const auto st = PQresultStatus(r.r);
      if (st == PGRES_PIPELINE_SYNC) break;
      if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && first.ok()) {
        first = Status::IOError(std::string("postgresql: ") + PQresultErrorMessage(r.r));
      }
    }
    pending_ = 0;
    return first;
  }

  Status EndPipeline() {
    Status s = Drain();
    if (PQexitPipelineMode(conn_) != 1 && s.ok()) s = Fail("exit pipeline mode");
    return s;
  }

  int jp_year_;
  PGconn* conn_ = nullptr;
  int pending_ = 0;
  int postmaster_ = -1;
  DeltaParser parser_;
  std::string describe_;
};

}  // namespace

Result<std::unique_ptr<PeerLeg>> OpenPgLeg(const std::string& conninfo, int jp_year) {
  auto leg = std::make_unique<PgLeg>(jp_year);
  JEJAK_RETURN_IF_ERROR(leg->Open(conninfo));
  return std::unique_ptr<PeerLeg>(std::move(leg));
}

}  // namespace jejak::bench
