#include "store/raw_db.h"

#include <vector>

#include <gtest/gtest.h>

namespace jejak::store::testing {

RawDb::RawDb(const std::string& path) {
  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names);
  if (!s.ok()) {
    ADD_FAILURE() << "list families of " << path << ": " << s.ToString();
    return;
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& name : names) descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  s = rocksdb::DB::Open(rocksdb::DBOptions(), path, descriptors, &handles, &db_);
  if (!s.ok()) {
    ADD_FAILURE() << "open " << path << ": " << s.ToString();
    db_ = nullptr;
    return;
  }
  for (size_t i = 0; i < names.size(); ++i) families_[names[i]] = handles[i];
}

RawDb::~RawDb() {
  if (db_ == nullptr) return;
  for (auto& [name, handle] : families_) (void)db_->DestroyColumnFamilyHandle(handle);
  (void)db_->Close();
  delete db_;
}

rocksdb::ColumnFamilyHandle* RawDb::family(const std::string& name) {
  auto it = families_.find(name);
  if (it == families_.end()) {
    ADD_FAILURE() << "no column family " << name;
    return nullptr;
  }
  return it->second;
}

std::string RawDb::Get(const std::string& family_name, std::string_view key) {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), family(family_name), key, &value);
  EXPECT_TRUE(s.ok()) << family_name << ": " << s.ToString();
  return value;
}

void RawDb::Put(const std::string& family_name, std::string_view key,
                std::string_view value) {
  rocksdb::Status s = db_->Put(rocksdb::WriteOptions(), family(family_name), key, value);
  EXPECT_TRUE(s.ok()) << family_name << ": " << s.ToString();
}

void RawDb::Delete(const std::string& family_name, std::string_view key) {
  rocksdb::Status s = db_->Delete(rocksdb::WriteOptions(), family(family_name), key);
  EXPECT_TRUE(s.ok()) << family_name << ": " << s.ToString();
}

void RawDb::CompactAll() {
  rocksdb::CompactRangeOptions options;
  options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  for (auto& [name, handle] : families_) {
    rocksdb::Status s = db_->Flush(rocksdb::FlushOptions(), handle);
    EXPECT_TRUE(s.ok()) << name << ": " << s.ToString();
    s = db_->CompactRange(options, handle, nullptr, nullptr);
    EXPECT_TRUE(s.ok()) << name << ": " << s.ToString();
  }
}

std::string LogKey(uint64_t position) {
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i) {
    key[i] = static_cast<char>(position & 0xff);
    position >>= 8;
  }
  return key;
}

}  // namespace jejak::store::testing
