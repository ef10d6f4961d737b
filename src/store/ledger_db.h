// LedgerDb: the RocksDB database of a ledger with all its column families.
//
// Open() opens every existing family (RocksDB requires it), creates the
// store's own families when missing, checks the "format" key, and recovers
// the committed head from the integrity family, cross-checked against the
// last log record (docs/format.md "Recovery").
//
// Thread safety: view() and db() are immutable after Open; the projection
// family calls are serialized by an internal mutex.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/status.h"
#include "jejak/store/options.h"
#include "jejak/store/types.h"
#include "store/store_db.h"

namespace rocksdb {
class Cache;
class Env;
struct ColumnFamilyOptions;
}  // namespace rocksdb

namespace jejak::store {

// The format versions a LedgerDb can open (docs/format.md).
enum class LedgerFormat {
  kV1,  // no Merkle tree: opened only to upgrade it
  kV2,  // the current format
};

class LedgerDb {
 public:
  // Opens the ledger in `path` and fills *head with the recovered head
  // (with the tree root in v2). `env`, if not null, is the RocksDB
  // environment (tests inject faults through it); it must outlive the
  // LedgerDb. `for_upgrade` also opens a v1 ledger (format() tells).
  // Errors: NotFound (missing, !create_if_missing), InvalidArgument (a v1
  // ledger, not for_upgrade: it needs `jejak upgrade`), Corruption (not a
  // ledger, unknown format, head, log and tree disagree, or the head is
  // below the last checkpoint the ledger signed), IOError.
  [[nodiscard]] static Result<std::unique_ptr<LedgerDb>> Open(
      const StoreOptions& options, const std::string& path, Head* head,
      rocksdb::Env* env = nullptr, bool for_upgrade = false);

  LedgerFormat format() const { return format_; }
  const std::string& path() const { return path_; }
  // Makes a v1 ledger v2 (the format key, synced). REQUIRES: its tree is
  // complete (the "tree" record's size is the head position).
  [[nodiscard]] Status MarkUpgraded();

  // Releases every family handle and closes the database.
  ~LedgerDb();
  LedgerDb(const LedgerDb&) = delete;
  LedgerDb& operator=(const LedgerDb&) = delete;

  // Opened with StoreOptions::read_only: a secondary instance.
  bool read_only() const { return read_only_; }

  const StoreDb& view() const { return view_; }
  rocksdb::DB* db() const { return view_.db; }

  // "proj.<name>", created if missing. `name` is 1..64 of [A-Za-z0-9._-].
  [[nodiscard]] Result<rocksdb::ColumnFamilyHandle*> ProjectionFamily(
      std::string_view name);
  [[nodiscard]] Status DropProjectionFamily(std::string_view name);
  std::vector<std::string> ProjectionFamilyNames();

 private:
  LedgerDb(std::string path, std::shared_ptr<rocksdb::Cache> cache);
  Status Init(const StoreOptions& options, bool fresh, Head* head,
              rocksdb::Env* env, bool for_upgrade);
  Status CheckFormat(bool fresh, bool for_upgrade);
  void CloseDb();
  Status RecoverHead(Head* head);
  // v2: the tree record's size is the head position; sets head->tree_root.
  Status RecoverTree(Head* head);
  // The head is not below the last checkpoint in the checkpoint file.
  Status CheckRollback(const Head& head);

  const std::string path_;
  bool read_only_ = false;
  std::string secondary_dir_;  // read_only: the secondary instance's own files
  LedgerFormat format_ = LedgerFormat::kV2;
  std::shared_ptr<rocksdb::Cache> cache_;
  std::unique_ptr<rocksdb::ColumnFamilyOptions> projection_options_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // store families + others
  StoreDb view_;

  std::mutex projections_mu_;
  std::map<std::string, rocksdb::ColumnFamilyHandle*, std::less<>> projections_;
};

}  // namespace jejak::store
