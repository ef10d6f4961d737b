#include "bench_rocks.h"

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/options_util.h>
#include <rocksdb/write_batch.h>

namespace jejak::bench {

namespace {

// `cf`'s block-based table options with `cache` as the block cache.
void UseBlockCache(rocksdb::ColumnFamilyOptions& cf, std::shared_ptr<rocksdb::Cache> cache) {
  rocksdb::BlockBasedTableOptions table;
  if (cf.table_factory) {
    if (auto* t = cf.table_factory->GetOptions<rocksdb::BlockBasedTableOptions>()) table = *t;
  }
  table.block_cache = std::move(cache);
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
}

void Touch(const rocksdb::Slice& value, uint64_t* checksum) {
  *checksum += value.size() + (value.empty() ? 0 : static_cast<uint8_t>(value[0]));
}

}  // namespace

rocksdb::Options OptionsLikeFamily(const std::string& db_path, const std::string& family,
                                   size_t cache_bytes, std::string* note) {
  rocksdb::ConfigOptions config;
  config.ignore_unknown_options = true;
  rocksdb::DBOptions db_options;
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  rocksdb::Status s = rocksdb::LoadLatestOptions(config, db_path, &db_options, &families);
  rocksdb::Options options;
  note->clear();
  if (!s.ok()) {
    *note = "RocksDB defaults (could not read the options of " + db_path + ": " + s.ToString() + ")";
  } else {
    bool found = false;
    for (const auto& f : families) {
      if (f.name != family) continue;
      options = rocksdb::Options(db_options, f.options);
      found = true;
    }
    if (!found) *note = "RocksDB defaults (no column family \"" + family + "\" in " + db_path + ")";
  }
  // Only the tuning carries over; the layout is our own.
  options.create_if_missing = true;
  options.create_missing_column_families = false;
  options.error_if_exists = false;
  // The ledger turns concurrent memtable writes off for its event_ids hash
  // memtable; a plain skip-list database keeps RocksDB's default, as the raw
  // baselines always had.
  options.allow_concurrent_memtable_write = true;
  UseBlockCache(options, rocksdb::NewLRUCache(cache_bytes));
  return options;
}

RawFamilies::~RawFamilies() {
  for (auto* h : handles_) (void)db_->DestroyColumnFamilyHandle(h);
}

std::string RawFamilies::Open(const std::string& like_path, const std::string& path,
                              size_t cache_bytes) {
  rocksdb::ConfigOptions config;
  config.ignore_unknown_options = true;
  rocksdb::DBOptions db_options;
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  rocksdb::Status s = rocksdb::LoadLatestOptions(config, like_path, &db_options, &families);
  if (!s.ok()) return "options of " + like_path + ": " + s.ToString();
  const std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(cache_bytes);
  for (auto& f : families) {
    UseBlockCache(f.options, cache);
    names_.push_back(f.name);
  }
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  rocksdb::DB* db = nullptr;
  s = rocksdb::DB::Open(db_options, path, families, &handles_, &db);
  if (!s.ok()) return "open " + path + ": " + s.ToString();
  db_.reset(db);
  return "";
}

rocksdb::ColumnFamilyHandle* RawFamilies::family(std::string_view name) const {
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return handles_[i];
  }
  return nullptr;
}

std::unique_ptr<rocksdb::DB> OpenRaw(const rocksdb::Options& options, const std::string& path,
                                     std::string* error) {
  rocksdb::DB* db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, path, &db);
  *error = s.ok() ? "" : "open " + path + ": " + s.ToString();
  return std::unique_ptr<rocksdb::DB>(db);
}

std::string ReadFamily(const std::string& db_path, const std::string& family,
                       std::vector<std::pair<std::string, std::string>>* out) {
  rocksdb::ConfigOptions config;
  config.ignore_unknown_options = true;
  rocksdb::DBOptions db_options;
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  rocksdb::Status s = rocksdb::LoadLatestOptions(config, db_path, &db_options, &families);
  if (!s.ok()) return "options of " + db_path + ": " + s.ToString();
  rocksdb::DB* raw = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  s = rocksdb::DB::OpenForReadOnly(db_options, db_path, families, &handles, &raw);
  if (!s.ok()) return "open " + db_path + " read-only: " + s.ToString();
  std::unique_ptr<rocksdb::DB> db(raw);
  std::string error = "no column family \"" + family + "\" in " + db_path;
  for (size_t i = 0; i < families.size(); ++i) {
    if (families[i].name != family) continue;
    rocksdb::ReadOptions read;
    read.total_order_seek = true;  // every key, also from a hash memtable
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(read, handles[i]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      out->emplace_back(it->key().ToString(), it->value().ToString());
    }
    error = it->status().ok() ? "" : it->status().ToString();
  }
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  return error;
}

std::string BigEndianKey(uint64_t n) {
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i, n >>= 8) key[static_cast<size_t>(i)] = static_cast<char>(n & 0xff);
  return key;
}

uint64_t FromBigEndianKey(std::string_view key) {
  if (key.size() != 8) return 0;
  uint64_t n = 0;
  for (char c : key) n = n << 8 | static_cast<uint8_t>(c);
  return n;
}

std::string WritePuts(rocksdb::DB* db, bool sync, const std::vector<RawPut>& puts,
                      rocksdb::WriteBatch* batch) {
  batch->Clear();
  for (const RawPut& p : puts) {
    const rocksdb::Slice key(p.key.data(), p.key.size());
    const rocksdb::Slice value(p.value.data(), p.value.size());
    rocksdb::Status s = p.family ? batch->Put(p.family, key, value) : batch->Put(key, value);
    if (!s.ok()) return s.ToString();
  }
  rocksdb::WriteOptions options;
  options.sync = sync;
  rocksdb::Status s = db->Write(options, batch);
  return s.ok() ? "" : s.ToString();
}

std::string WritePuts(rocksdb::DB* db, bool sync, const std::vector<RawPut>& puts) {
  // Sized once (header, then per Put a tag, a family id and two length
  // varints) rather than grown by doubling.
  size_t bytes = 12;
  for (const RawPut& p : puts) bytes += 1 + 5 + 5 + 5 + p.key.size() + p.value.size();
  rocksdb::WriteBatch batch(bytes);
  return WritePuts(db, sync, puts, &batch);
}

uint64_t ReadPrefix(rocksdb::DB* db, std::string_view prefix, uint64_t* checksum) {
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
  const rocksdb::Slice p(prefix.data(), prefix.size());
  uint64_t n = 0;
  for (it->Seek(p); it->Valid() && it->key().starts_with(p); it->Next(), ++n) {
    Touch(it->value(), checksum);
  }
  return n;
}

uint64_t ScanAll(rocksdb::DB* db, uint64_t* checksum) {
  rocksdb::ReadOptions read;
  read.readahead_size = kScanReadaheadBytes;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(read));
  uint64_t n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next(), ++n) Touch(it->value(), checksum);
  return n;
}

}  // namespace jejak::bench
