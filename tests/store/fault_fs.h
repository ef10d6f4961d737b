// FaultFs: a RocksDB file system that remembers how much of every file it
// wrote was synced, and can simulate a power cut: SetActive(false) makes
// every later write, sync, rename and delete a silent no-op (the machine is
// off), and DropUnsyncedData() then truncates every file written through it
// to its last synced length (what the disk kept). As leveldb's
// fault_injection_test, but through RocksDB's FileSystem interface.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

namespace jejak::store::testing {

class FaultFs final : public rocksdb::FileSystemWrapper {
 public:
  FaultFs();
  static const char* kClassName() { return "JejakFaultFs"; }
  const char* Name() const override { return kClassName(); }

  rocksdb::IOStatus NewWritableFile(const std::string& fname,
                                    const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReopenWritableFile(const std::string& fname,
                                       const rocksdb::FileOptions& options,
                                       std::unique_ptr<rocksdb::FSWritableFile>* result,
                                       rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus RenameFile(const std::string& src, const std::string& target,
                               const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus DeleteFile(const std::string& fname, const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;

  // false: the power is off.
  void SetActive(bool active);
  bool active() const;
  // Truncates every file written through this file system to its synced
  // length. Call with the database closed.
  void DropUnsyncedData();
  // Bytes written but not synced, over all files.
  uint64_t UnsyncedBytes() const;

  // Called by the files.
  void Appended(const std::string& fname, uint64_t bytes);
  void Synced(const std::string& fname);

 private:
  // Wraps a file opened with status `opened` and starts tracking it.
  rocksdb::IOStatus Track(const std::string& fname, bool reopened, rocksdb::IOStatus opened,
                          std::unique_ptr<rocksdb::FSWritableFile>* result);

  struct FileState {
    uint64_t written = 0;
    uint64_t synced = 0;
  };
  mutable std::mutex mu_;
  bool active_ = true;
  std::map<std::string, FileState> files_;
};

// An Env over `fs`.
std::unique_ptr<rocksdb::Env> NewFaultEnv(const std::shared_ptr<FaultFs>& fs);

}  // namespace jejak::store::testing
