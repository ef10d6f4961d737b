#include "store/ledger_db.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include <stdlib.h>

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/memtablerep.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <spdlog/spdlog.h>

#include "jejak/integrity/merkle.h"
#include "store/checkpoint_file.h"
#include "store/frame.h"
#include "store/keys.h"
#include "store/rocks_status.h"

namespace jejak::store {

namespace {

// RocksDB's answer when the LOCK file of the database is held: by another
// process ("While lock file: ...: Resource temporarily unavailable") or by
// another DB of this one ("lock hold by current process"). It is an
// IOError like any other; only the message tells them apart.
bool IsLockHeld(const rocksdb::Status& s) {
  if (!s.IsIOError()) return false;
  const std::string m = s.ToString();
  return m.find("While lock file") != std::string::npos ||
         m.find("lock hold by current process") != std::string::npos;
}

bool IsStoreFamily(const std::string& name) {
  return name == rocksdb::kDefaultColumnFamilyName || name == kFamilyLog ||
         name == kFamilyStreams || name == kFamilyEventIds ||
         name == kFamilyIntegrity;
}

// How a family's memtable holds its keys.
enum class Memtable {
  kSkipList,      // RocksDB's default: ordered, for families read in order
  kWholeKeyHash,  // hash of the whole key: point lookups and random inserts
};

// The compression of the projection families' tables: LZ4 when this
// RocksDB has it, else its default (snappy). A rebuild compresses each
// family whole, and LZ4 costs it less CPU than snappy for about the same
// size (docs/benchmarks.md "Storage options"). Each block records its
// codec: older snappy tables read as before (and are rewritten as LZ4 by a
// compaction or a rebuild); LZ4 tables need a RocksDB with LZ4 to be read
// (on one without, `jejak rebuild` writes the family again).
rocksdb::CompressionType ProjectionCompression() {
  const auto supported = rocksdb::GetSupportedCompressions();
  const bool lz4 = std::find(supported.begin(), supported.end(), rocksdb::kLZ4Compression) !=
                   supported.end();
  return lz4 ? rocksdb::kLZ4Compression : rocksdb::ColumnFamilyOptions().compression;
}

// `block_bytes` 0: RocksDB's default data block size (4 KiB).
rocksdb::ColumnFamilyOptions FamilyOptions(const std::shared_ptr<rocksdb::Cache>& cache,
                                           bool bloom,
                                           Memtable memtable = Memtable::kSkipList,
                                           size_t block_bytes = 0) {
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  if (block_bytes != 0) table.block_size = block_bytes;
  if (bloom) table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  rocksdb::ColumnFamilyOptions cf;
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  if (bloom) {
    // Every append looks up each new event id (and new streams' 'm' key):
    // nearly always a miss. A whole-key bloom over the memtable answers most
    // misses without searching the skip list (~1.3 MiB per 64 MiB memtable).
    cf.memtable_prefix_bloom_size_ratio = 0.02;
    cf.memtable_whole_key_filtering = true;
  }
  if (memtable == Memtable::kWholeKeyHash) {
    // event_ids keys are random and only ever looked up whole: a skip list
    // insert (a cache miss per level) was the largest part of a group's
    // DB::Write. A hash of linked lists (the prefix is the whole key;
    // RocksDB's default 50,000 buckets, so a full 64 MiB memtable of ids
    // has sorted lists of about a dozen keys) inserts and finds in a few
    // steps; more buckets gained nothing measurable (docs/benchmarks.md
    // "Storage options"). Such a memtable iterates in
    // order only with ReadOptions::total_order_seek
    // (it then sorts a copy): every iterator over this family sets it.
    // Flushed tables keep the whole-key bloom filters. Nothing of this is
    // stored in the data: a ledger written with other memtable options
    // opens and reads the same.
    cf.prefix_extractor.reset(rocksdb::NewNoopTransform());
    cf.memtable_factory.reset(rocksdb::NewHashLinkListRepFactory());
  }
  return cf;
}

bool ValidProjectionName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

}  // namespace

LedgerDb::LedgerDb(std::string path, std::shared_ptr<rocksdb::Cache> cache)
    : path_(std::move(path)),
      cache_(std::move(cache)),
      projection_options_(std::make_unique<rocksdb::ColumnFamilyOptions>(
          FamilyOptions(cache_, false, Memtable::kSkipList, kProjectionBlockBytes))) {
  projection_options_->compression = ProjectionCompression();
}

LedgerDb::~LedgerDb() {
  CloseDb();
  if (!secondary_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(secondary_dir_, ignored);
  }
}

void LedgerDb::CloseDb() {
  if (view_.db == nullptr) return;
  // RocksDB's Close does not flush the memtables while the WAL is on: the
  // last groups would live in the live WAL alone until the next open, and
  // RocksDB 7.8 does not track the live WAL in the MANIFEST
  // (track_and_verify_wals_in_manifest records closed WALs only), so a
  // deleted or truncated WAL would silently lose them. Flushed, they are in
  // table files the MANIFEST names, and the WAL holds nothing needed. A
  // secondary instance has nothing of its own to flush.
  if (!read_only_) {
    std::vector<rocksdb::ColumnFamilyHandle*> families = handles_;
    std::lock_guard lock(projections_mu_);
    for (auto& [name, handle] : projections_) families.push_back(handle);
    (void)view_.db->Flush(rocksdb::FlushOptions(), families);
  }
  for (auto* handle : handles_) {
    (void)view_.db->DestroyColumnFamilyHandle(handle);
  }
  {
    std::lock_guard lock(projections_mu_);
    for (auto& [name, handle] : projections_) {
      (void)view_.db->DestroyColumnFamilyHandle(handle);
    }
  }
  (void)view_.db->Close();
  delete view_.db;
}

Result<std::unique_ptr<LedgerDb>> LedgerDb::Open(const StoreOptions& options,
                                                 const std::string& path,
                                                 Head* head, rocksdb::Env* env,
                                                 bool for_upgrade) {
  std::error_code ec;
  const bool fresh = !std::filesystem::exists(std::filesystem::path(path) / "CURRENT", ec);
  if (fresh && (!options.create_if_missing || options.read_only)) {
    return Status::NotFound("no ledger at " + path);
  }
  std::unique_ptr<LedgerDb> ledger(
      new LedgerDb(path, rocksdb::NewLRUCache(options.block_cache_bytes)));
  JEJAK_RETURN_IF_ERROR(ledger->Init(options, fresh, head, env, for_upgrade));
  return ledger;
}

Status LedgerDb::Init(const StoreOptions& options, bool fresh, Head* head,
                      rocksdb::Env* env, bool for_upgrade) {
  rocksdb::DBOptions db_options;
  if (env != nullptr) db_options.env = env;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.keep_log_file_num = 5;
  // Required by the hash memtable of event_ids. The store has one writer
  // thread, so its memtable inserts were never concurrent anyway.
  db_options.allow_concurrent_memtable_write = false;
  // A WAL that is deleted or cut short is a lost suffix of acknowledged
  // groups, which RocksDB would otherwise recover from silently (a shorter,
  // consistent prefix): the MANIFEST records each WAL's synced size and
  // Open fails (Corruption) when one is missing or shorter.
  db_options.track_and_verify_wals_in_manifest = true;
  db_options.paranoid_checks = true;

  std::vector<std::string> names;
  if (!fresh) {
    JEJAK_RETURN_IF_ERROR(FromRocks(
        rocksdb::DB::ListColumnFamilies(db_options, path_, &names),
        "listing column families of " + path_));
  }
  for (const char* name : {rocksdb::kDefaultColumnFamilyName.c_str(), kFamilyLog,
                           kFamilyStreams, kFamilyEventIds, kFamilyIntegrity}) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      names.emplace_back(name);
    }
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& name : names) {
    if (name.starts_with(kProjectionFamilyPrefix)) {
      descriptors.emplace_back(name, *projection_options_);  // as when created
      continue;
    }
    const bool bloom = name == kFamilyStreams || name == kFamilyEventIds;
    descriptors.emplace_back(
        name, FamilyOptions(cache_, bloom,
                            name == kFamilyEventIds ? Memtable::kWholeKeyHash
                                                    : Memtable::kSkipList));
  }

  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  rocksdb::Status opened;
  if (options.read_only) {
    // A secondary instance takes no lock: it reads the primary's MANIFEST
    // and WAL and keeps its own info log in a directory of its own.
    read_only_ = true;
    std::error_code ec;
    std::string dir = (std::filesystem::temp_directory_path(ec) / "jejak-reader-XXXXXX").string();
    if (ec || ::mkdtemp(dir.data()) == nullptr) {
      return Status::IOError("creating a directory for a reader of " + path_ + " in " + dir);
    }
    secondary_dir_ = dir;
    db_options.max_open_files = -1;  // required of a secondary instance
    db_options.create_if_missing = false;
    db_options.create_missing_column_families = false;
    opened = rocksdb::DB::OpenAsSecondary(db_options, path_, secondary_dir_, descriptors, &handles, &db);
    if (opened.ok()) opened = db->TryCatchUpWithPrimary();
  } else {
    opened = rocksdb::DB::Open(db_options, path_, descriptors, &handles, &db);
  }
  if (IsLockHeld(opened)) {
    return Status::Conflict("ledger busy: another process (or store) has " + path_ +
                            " open; try again when it is done (" + opened.ToString() + ")");
  }
  JEJAK_RETURN_IF_ERROR(FromRocks(opened, "opening " + path_));
  view_.db = db;
  view_.fixed_view = read_only_;
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    if (name.starts_with(kProjectionFamilyPrefix)) {
      projections_[name.substr(std::strlen(kProjectionFamilyPrefix))] = handles[i];
      continue;
    }
    handles_.push_back(handles[i]);
    if (name == kFamilyLog) view_.log = handles[i];
    if (name == kFamilyStreams) view_.streams = handles[i];
    if (name == kFamilyEventIds) view_.event_ids = handles[i];
    if (name == kFamilyIntegrity) view_.integrity = handles[i];
    if (!IsStoreFamily(name) && options.logger) {
      options.logger->warn("jejak store: {} has unknown column family {}", path_,
                           name);
    }
  }

  JEJAK_RETURN_IF_ERROR(CheckFormat(fresh, for_upgrade));
  JEJAK_RETURN_IF_ERROR(RecoverHead(head));
  if (format_ == LedgerFormat::kV2) JEJAK_RETURN_IF_ERROR(RecoverTree(head));
  JEJAK_RETURN_IF_ERROR(CheckRollback(*head));
  if (options.logger) {
    options.logger->info("jejak store: opened {} ({}), head position {} chain {}",
                         path_, fresh ? "new" : "existing", head->position,
                         ToHex(head->chain));
  }
  return Status::Ok();
}

Status LedgerDb::CheckFormat(bool fresh, bool for_upgrade) {
  rocksdb::DB* db = view_.db;
  std::string value;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), kFormatKey, &value);
  if (s.ok()) {
    if (value == kFormatValue) return Status::Ok();
    if (value == kFormatValueV1) {
      format_ = LedgerFormat::kV1;
      if (for_upgrade) return Status::Ok();
      return Status::InvalidArgument(
          path_ + ": the ledger is format \"" + value +
          "\" (no Merkle tree): run `jejak upgrade` to bring it to \"" + kFormatValue +
          "\"");
    }
    return Status::Corruption(path_ + ": format \"" + value +
                              "\" is not one this build reads (" + kFormatValue +
                              ")");
  }
  if (!s.IsNotFound()) return FromRocks(s, "reading the format of " + path_);
  if (read_only_) return Status::Unavailable(path_ + " is being created; read it when that is done");

  // No format key: a new ledger, or one whose creation was interrupted
  // before the format key was written (every family still empty).
  if (!fresh) {
    rocksdb::ReadOptions every_key;
    every_key.total_order_seek = true;  // event_ids: hash memtable
    auto empty = [&](rocksdb::ColumnFamilyHandle* cf) {
      std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(every_key, cf));
      it->SeekToFirst();
      return !it->Valid() && it->status().ok();
    };
    bool all_empty = projections_.empty();
    for (auto* handle : handles_) all_empty = all_empty && empty(handle);
    if (!all_empty) {
      return Status::Corruption(path_ + ": not a jejak ledger (no format key)");
    }
  }
  rocksdb::WriteOptions sync;
  sync.sync = true;
  return FromRocks(db->Put(sync, kFormatKey, kFormatValue),
                   "writing the format of " + path_);
}

Status LedgerDb::RecoverHead(Head* head) {
  rocksdb::DB* db = view_.db;
  *head = Head{};
  std::string value;
  rocksdb::Status s =
      db->Get(rocksdb::ReadOptions(), view_.integrity, kHeadKey, &value);
  if (s.ok()) {
    if (!DecodeHead(value, head)) {
      return Status::Corruption(path_ + ": head record of " +
                                std::to_string(value.size()) + " bytes");
    }
  } else if (!s.IsNotFound()) {
    return FromRocks(s, "reading the head of " + path_);
  }

  std::unique_ptr<rocksdb::Iterator> it(
      db->NewIterator(rocksdb::ReadOptions(), view_.log));
  it->SeekToLast();
  JEJAK_RETURN_IF_ERROR(FromRocks(it->status(), "reading the log end of " + path_));
  uint64_t last = 0;
  if (it->Valid()) {
    if (it->key().size() != 8) {
      return Status::Corruption(path_ + ": log key of " +
                                std::to_string(it->key().size()) + " bytes");
    }
    last = GetU64BE(it->key().data());
  }
  if (last != head->position) {
    return Status::Corruption(path_ + ": head says " +
                              std::to_string(head->position) + ", log ends at " +
                              std::to_string(last));
  }
  if (last != 0) {
    const rocksdb::Slice v = it->value();
    if (v.size() < kFrameHeaderBytes ||
        std::memcmp(v.data() + kFrameChainOffset, head->chain.data(),
                    head->chain.size()) != 0) {
      return Status::Corruption(path_ + ": head chain hash " + ToHex(head->chain) +
                                " differs from the one of log position " +
                                std::to_string(last));
    }
  }
  return Status::Ok();
}

Status LedgerDb::RecoverTree(Head* head) {
  std::string value;
  rocksdb::Status s =
      view_.db->Get(rocksdb::ReadOptions(), view_.integrity, kTreeKey, &value);
  uint64_t size = 0;
  head->tree_root = integrity::EmptyTreeHash();
  if (s.ok()) {
    if (!DecodeTree(value, &size, &head->tree_root)) {
      return Status::Corruption(path_ + ": tree record of " +
                                std::to_string(value.size()) + " bytes");
    }
  } else if (!s.IsNotFound()) {
    return FromRocks(s, "reading the tree record of " + path_);
  }
  if (size != head->position) {
    return Status::Corruption(path_ + ": the Merkle tree has " + std::to_string(size) +
                              " entries, the log " + std::to_string(head->position));
  }
  return Status::Ok();
}

Status LedgerDb::CheckRollback(const Head& head) {
  auto last = LastFiledCheckpoint(path_);
  if (!last.ok()) return last.status();
  if (!last->has_value()) return Status::Ok();
  const uint64_t signed_size = (*last)->size;
  if (head.position < signed_size) {
    return Status::Corruption(
        path_ + ": the log ends at position " + std::to_string(head.position) +
        ", below the checkpoint of size " + std::to_string(signed_size) +
        " this ledger signed (" + CheckpointFileName() +
        "): acknowledged events were lost or rolled back");
  }
  return Status::Ok();
}

Status LedgerDb::MarkUpgraded() {
  rocksdb::WriteOptions sync;
  sync.sync = true;
  JEJAK_RETURN_IF_ERROR(FromRocks(view_.db->Put(sync, kFormatKey, kFormatValue),
                                  "writing the format of " + path_));
  format_ = LedgerFormat::kV2;
  return Status::Ok();
}

Result<rocksdb::ColumnFamilyHandle*> LedgerDb::ProjectionFamily(std::string_view name) {
  if (!ValidProjectionName(name)) {
    return Status::InvalidArgument("projection name \"" + std::string(name) +
                                   "\": want 1..64 of [A-Za-z0-9._-]");
  }
  std::lock_guard lock(projections_mu_);
  if (auto it = projections_.find(name); it != projections_.end()) return it->second;
  if (read_only_) return Status::NotFound("no projection " + std::string(name) + " in " + path_);
  rocksdb::ColumnFamilyHandle* handle = nullptr;
  const std::string family = kProjectionFamilyPrefix + std::string(name);
  JEJAK_RETURN_IF_ERROR(FromRocks(
      view_.db->CreateColumnFamily(*projection_options_, family, &handle),
      "creating column family " + family));
  projections_.emplace(std::string(name), handle);
  return handle;
}

Status LedgerDb::DropProjectionFamily(std::string_view name) {
  std::lock_guard lock(projections_mu_);
  auto it = projections_.find(name);
  if (it == projections_.end()) return Status::Ok();
  if (read_only_) return Status::Unavailable("a reader does not drop projections");
  const std::string family = kProjectionFamilyPrefix + std::string(name);
  JEJAK_RETURN_IF_ERROR(FromRocks(view_.db->DropColumnFamily(it->second),
                                  "dropping column family " + family));
  (void)view_.db->DestroyColumnFamilyHandle(it->second);
  projections_.erase(it);
  return Status::Ok();
}

std::vector<std::string> LedgerDb::ProjectionFamilyNames() {
  std::lock_guard lock(projections_mu_);
  std::vector<std::string> names;
  for (const auto& [name, handle] : projections_) names.push_back(name);
  return names;  // the map is ordered
}

}  // namespace jejak::store
