#include "store/fault_fs.h"

#include <filesystem>

namespace jejak::store::testing {

namespace {

class TrackedFile final : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  TrackedFile(FaultFs* fs, std::string name, std::unique_ptr<rocksdb::FSWritableFile> file)
      : FSWritableFileOwnerWrapper(std::move(file)), fs_(fs), name_(std::move(name)) {}

  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                           rocksdb::IODebugContext* dbg) override {
    if (!fs_->active()) return rocksdb::IOStatus::OK();
    auto s = target()->Append(data, options, dbg);
    if (s.ok()) fs_->Appended(name_, data.size());
    return s;
  }
  rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                           const rocksdb::DataVerificationInfo& info,
                           rocksdb::IODebugContext* dbg) override {
    if (!fs_->active()) return rocksdb::IOStatus::OK();
    auto s = target()->Append(data, options, info, dbg);
    if (s.ok()) fs_->Appended(name_, data.size());
    return s;
  }
  rocksdb::IOStatus PositionedAppend(const rocksdb::Slice&, uint64_t,
                                     const rocksdb::IOOptions&,
                                     rocksdb::IODebugContext*) override {
    return rocksdb::IOStatus::NotSupported("FaultFs: PositionedAppend");
  }
  rocksdb::IOStatus Sync(const rocksdb::IOOptions& options,
                         rocksdb::IODebugContext* dbg) override {
    if (!fs_->active()) return rocksdb::IOStatus::OK();
    auto s = target()->Sync(options, dbg);
    if (s.ok()) fs_->Synced(name_);
    return s;
  }
  rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options,
                          rocksdb::IODebugContext* dbg) override {
    if (!fs_->active()) return rocksdb::IOStatus::OK();
    auto s = target()->Fsync(options, dbg);
    if (s.ok()) fs_->Synced(name_);
    return s;
  }
  rocksdb::IOStatus Truncate(uint64_t, const rocksdb::IOOptions&,
                             rocksdb::IODebugContext*) override {
    return rocksdb::IOStatus::NotSupported("FaultFs: Truncate");
  }

 private:
  FaultFs* fs_;
  std::string name_;
};

}  // namespace

FaultFs::FaultFs() : FileSystemWrapper(rocksdb::FileSystem::Default()) {}

rocksdb::IOStatus FaultFs::NewWritableFile(const std::string& fname,
                                           const rocksdb::FileOptions& options,
                                           std::unique_ptr<rocksdb::FSWritableFile>* result,
                                           rocksdb::IODebugContext* dbg) {
  if (!active()) return rocksdb::IOStatus::IOError("FaultFs: power is off");
  return Track(fname, /*reopened=*/false, target()->NewWritableFile(fname, options, result, dbg),
               result);
}

rocksdb::IOStatus FaultFs::ReopenWritableFile(const std::string& fname,
                                              const rocksdb::FileOptions& options,
                                              std::unique_ptr<rocksdb::FSWritableFile>* result,
                                              rocksdb::IODebugContext* dbg) {
  if (!active()) return rocksdb::IOStatus::IOError("FaultFs: power is off");
  return Track(fname, /*reopened=*/true,
               target()->ReopenWritableFile(fname, options, result, dbg), result);
}

rocksdb::IOStatus FaultFs::Track(const std::string& fname, bool reopened,
                                 rocksdb::IOStatus opened,
                                 std::unique_ptr<rocksdb::FSWritableFile>* result) {
  if (!opened.ok()) return opened;
  {
    std::lock_guard lock(mu_);
    if (!reopened) {
      files_[fname] = FileState{};
    } else if (files_.count(fname) == 0) {
      // What a reopened file already holds is on disk.
      std::error_code ec;
      const uint64_t size = std::filesystem::file_size(fname, ec);
      files_[fname] = FileState{ec ? 0 : size, ec ? 0 : size};
    }
  }
  *result = std::make_unique<TrackedFile>(this, fname, std::move(*result));
  return opened;
}

rocksdb::IOStatus FaultFs::RenameFile(const std::string& src, const std::string& target,
                                      const rocksdb::IOOptions& options,
                                      rocksdb::IODebugContext* dbg) {
  if (!active()) return rocksdb::IOStatus::OK();
  auto s = FileSystemWrapper::RenameFile(src, target, options, dbg);
  if (s.ok()) {
    std::lock_guard lock(mu_);
    auto it = files_.find(src);
    if (it != files_.end()) {
      files_[target] = it->second;
      files_.erase(it);
    }
  }
  return s;
}

rocksdb::IOStatus FaultFs::DeleteFile(const std::string& fname,
                                      const rocksdb::IOOptions& options,
                                      rocksdb::IODebugContext* dbg) {
  if (!active()) return rocksdb::IOStatus::OK();
  auto s = FileSystemWrapper::DeleteFile(fname, options, dbg);
  if (s.ok()) {
    std::lock_guard lock(mu_);
    files_.erase(fname);
  }
  return s;
}

void FaultFs::SetActive(bool active) {
  std::lock_guard lock(mu_);
  active_ = active;
}

bool FaultFs::active() const {
  std::lock_guard lock(mu_);
  return active_;
}

void FaultFs::Appended(const std::string& fname, uint64_t bytes) {
  std::lock_guard lock(mu_);
  files_[fname].written += bytes;
}

void FaultFs::Synced(const std::string& fname) {
  std::lock_guard lock(mu_);
  auto& f = files_[fname];
  f.synced = f.written;
}

uint64_t FaultFs::UnsyncedBytes() const {
  std::lock_guard lock(mu_);
  uint64_t total = 0;
  for (const auto& [name, f] : files_) total += f.written - f.synced;
  return total;
}

void FaultFs::DropUnsyncedData() {
  std::lock_guard lock(mu_);
  for (const auto& [name, f] : files_) {
    std::error_code ec;
    if (std::filesystem::exists(name, ec)) std::filesystem::resize_file(name, f.synced, ec);
  }
}

std::unique_ptr<rocksdb::Env> NewFaultEnv(const std::shared_ptr<FaultFs>& fs) {
  return rocksdb::NewCompositeEnv(fs);
}

}  // namespace jejak::store::testing
