#include "peer_sqlite.h"

#include <sqlite3.h>

#include "bench_util.h"
#include "peer_sql.h"

namespace jejak::bench {

namespace {

// The payload member of an event, extracted by SQLite (one parse per row).
constexpr const char* kMemberSql = "json_extract(payload, '$.payload.' || type)";

class Statement {
 public:
  Statement() = default;
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt** out() { return &stmt_; }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteLeg final : public PeerLeg {
 public:
  SqliteLeg(std::string dir, int jp_year) : dir_(std::move(dir)), jp_year_(jp_year) {}
  ~SqliteLeg() override {
    insert_event_.reset();
    upsert_.reset();
    insert_profile_.reset();
    select_profile_.reset();
    as_of_.reset();
    sqlite3_close(db_);
  }

  Status Open() {
    if (sqlite3_open(Path().c_str(), &db_) != SQLITE_OK) return Fail("open " + Path());
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                               "PRAGMA cache_size=-65536"}) {
      JEJAK_RETURN_IF_ERROR(Exec(pragma));
    }
    for (const auto& ddl : SchemaSql(/*dialect_pg=*/false)) JEJAK_RETURN_IF_ERROR(Exec(ddl));
    insert_event_ = std::make_unique<Statement>();
    upsert_ = std::make_unique<Statement>();
    insert_profile_ = std::make_unique<Statement>();
    select_profile_ = std::make_unique<Statement>();
    as_of_ = std::make_unique<Statement>();
    JEJAK_RETURN_IF_ERROR(Prepare(kInsertEventSql, insert_event_.get()));
    JEJAK_RETURN_IF_ERROR(Prepare(kUpsertProfileSql, upsert_.get()));
    JEJAK_RETURN_IF_ERROR(Prepare(kInsertProfileSql, insert_profile_.get()));
    JEJAK_RETURN_IF_ERROR(Prepare(kSelectProfileSql, select_profile_.get()));
    return Prepare(AsOfEventsSql(kMemberSql), as_of_.get());
  }

  std::string Name() const override { return "SQLite"; }

  std::string Describe() const override {
    return std::string("SQLite ") + sqlite3_libversion() +
           ": WAL, synchronous=FULL, cache_size 64 MiB, current_profile WITHOUT ROWID";
  }

  uint64_t DiskBytes() const override { return TreeBytes(dir_); }

  Status Ingest(std::span<const BenchEvent> batch) override {
    JEJAK_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    for (const BenchEvent& e : batch) {
      sqlite3_stmt* s = insert_event_->get();
      sqlite3_bind_text(s, 1, e.stream.data(), static_cast<int>(e.stream.size()), SQLITE_STATIC);
      sqlite3_bind_int64(s, 2, static_cast<int64_t>(e.version));
      sqlite3_bind_text(s, 3, e.event_id.data(), static_cast<int>(e.event_id.size()),
                        SQLITE_STATIC);
      sqlite3_bind_text(s, 4, e.type.data(), static_cast<int>(e.type.size()), SQLITE_STATIC);
      sqlite3_bind_text(s, 5, e.effective.data(), static_cast<int>(e.effective.size()),
                        SQLITE_STATIC);
      sqlite3_bind_text(s, 6, e.line.data(), static_cast<int>(e.line.size()), SQLITE_STATIC);
      JEJAK_RETURN_IF_ERROR(StepDone(s, "insert event " + e.event_id));
      if (!e.delta.nip.empty()) {
        Bind(upsert_->get(), DeltaParams(e.delta));
        JEJAK_RETURN_IF_ERROR(StepDone(upsert_->get(), "upsert profile " + e.delta.nip));
      }
    }
    return Exec("COMMIT");
  }

  Status AfterIngest() override { return Exec("ANALYZE"); }

  Status Rebuild(uint64_t* profiles) override {
    JEJAK_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    JEJAK_RETURN_IF_ERROR(Exec("DELETE FROM current_profile"));
    RowFolder folder;
    {
      Statement scan;
      JEJAK_RETURN_IF_ERROR(Prepare(RebuildEventsSql(kMemberSql), &scan));
      JEJAK_RETURN_IF_ERROR(Fold(scan.get(), &folder));
    }
    for (const auto& [nip, row] : folder.rows()) {
      Bind(insert_profile_->get(), RowParams(row));
      JEJAK_RETURN_IF_ERROR(StepDone(insert_profile_->get(), "insert profile " + nip));
    }
    *profiles = folder.rows().size();
    return Exec("COMMIT");
  }

  Result<ProfileRow> ReadProfile(const std::string& nip) override {
    sqlite3_stmt* s = select_profile_->get();
    sqlite3_bind_text(s, 1, nip.data(), static_cast<int>(nip.size()), SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
      sqlite3_reset(s);
      return Status::NotFound("no profile " + nip);
    }
    if (rc != SQLITE_ROW) return Fail("select profile " + nip, s);
    std::array<const char*, kProfileFields> cols;
    for (size_t i = 0; i < kProfileFields; ++i) {
      cols[i] = reinterpret_cast<const char*>(sqlite3_column_text(s, static_cast<int>(i)));
    }
    ProfileRow row = RowFromText(cols);
    sqlite3_reset(s);
    return row;
  }

  Result<ProfileRow> ProfileAsOf(const EmployeeStream& employee,
                                 uint64_t known_position) override {
    sqlite3_stmt* s = as_of_->get();
    sqlite3_bind_text(s, 1, employee.stream.data(), static_cast<int>(employee.stream.size()),
                      SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, static_cast<int64_t>(known_position));
    RowFolder folder;
    JEJAK_RETURN_IF_ERROR(Fold(s, &folder));
    auto it = folder.rows().find(employee.nip);
    if (it == folder.rows().end()) return Status::NotFound("no events of " + employee.nip);
    return it->second;
  }

 private:
  std::string Path() const { return dir_ + "/peer.sqlite"; }

  Status Fail(const std::string& what, sqlite3_stmt* reset = nullptr) {
    Status s = Status::IOError("sqlite: " + what + ": " + sqlite3_errmsg(db_));
    if (reset != nullptr) sqlite3_reset(reset);
    return s;
  }

  Status Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) == SQLITE_OK) return Status::Ok();
    std::string msg = err != nullptr ? err : "unknown error";
    sqlite3_free(err);
    return Status::IOError("sqlite: " + sql.substr(0, 60) + ": " + msg);
  }

  Status Prepare(const std::string& sql, Statement* stmt) {
    if (sqlite3_prepare_v3(db_, ToSqliteParams(sql).c_str(), -1, SQLITE_PREPARE_PERSISTENT,
                           stmt->out(), nullptr) != SQLITE_OK) {
      return Fail("prepare " + sql.substr(0, 60));
    }
    return Status::Ok();
  }

  Status StepDone(sqlite3_stmt* s, const std::string& what) {
    if (sqlite3_step(s) != SQLITE_DONE) return Fail(what, s);
    sqlite3_reset(s);
    return Status::Ok();
  }

  static void Bind(sqlite3_stmt* s, const ProfileParams& params) {
    for (size_t i = 0; i < params.size(); ++i) {
      const int at = static_cast<int>(i) + 1;
      switch (params[i].kind) {
        case SqlParam::Kind::kNull: sqlite3_bind_null(s, at); break;
        case SqlParam::Kind::kText:
          sqlite3_bind_text(s, at, params[i].text.data(), static_cast<int>(params[i].text.size()),
                            SQLITE_STATIC);
          break;
        case SqlParam::Kind::kInt: sqlite3_bind_int64(s, at, params[i].number); break;
      }
    }
  }

  // Steps `s` (position, stream, type, effective_date, member) to the end,
  // folding every row; resets it.
  Status Fold(sqlite3_stmt* s, RowFolder* folder) {
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      auto text = [&](int col) {
        const unsigned char* t = sqlite3_column_text(s, col);
        return std::string_view(t == nullptr ? "" : reinterpret_cast<const char*>(t),
                                static_cast<size_t>(sqlite3_column_bytes(s, col)));
      };
      auto delta = parser_.Parse(text(1), text(2), text(3),
                                 static_cast<uint64_t>(sqlite3_column_int64(s, 0)), text(4),
                                 jp_year_);
      if (!delta.ok()) {
        sqlite3_reset(s);
        return delta.status();
      }
      folder->Add(*delta);
    }
    if (rc != SQLITE_DONE) return Fail("fold events", s);
    sqlite3_reset(s);
    return Status::Ok();
  }

  std::string dir_;
  int jp_year_;
  sqlite3* db_ = nullptr;
  DeltaParser parser_;
  std::unique_ptr<Statement> insert_event_, upsert_, insert_profile_, select_profile_, as_of_;
};

}  // namespace

Result<std::unique_ptr<PeerLeg>> OpenSqliteLeg(const std::string& dir, int jp_year) {
  auto leg = std::make_unique<SqliteLeg>(dir, jp_year);
  JEJAK_RETURN_IF_ERROR(leg->Open());
  return std::unique_ptr<PeerLeg>(std::move(leg));
}

}  // namespace jejak::bench
