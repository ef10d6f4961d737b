// EventStoreImpl: the RocksDB-backed EventStore (see event_store.h and
// docs/format.md). Internal header: tests include it for the group-commit
// counter and the write-failure hook.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "jejak/integrity/tile.h"
#include "jejak/store/event_store.h"
#include "store/ledger_db.h"
#include "store/split_work.h"
#include "store/writer.h"

namespace rocksdb {
class Env;
}

namespace jejak::store {

class EventStoreImpl final : public EventStore {
 public:
  // EventStore::Open; `env`, if not null, is the RocksDB environment (tests
  // inject file system faults through it) and must outlive the store.
  [[nodiscard]] static Result<std::unique_ptr<EventStore>> Open(
      const StoreOptions& options, const std::string& path,
      rocksdb::Env* env = nullptr);

  // For benchmarks only: a store whose appends write no Merkle tree (the
  // baseline the tree's cost is measured against). The ledger it leaves
  // does not open again (its tree is shorter than its log).
  [[nodiscard]] static Result<std::unique_ptr<EventStore>> OpenWithoutTreeForBenchmark(
      const StoreOptions& options, const std::string& path);

  // Commits what is queued, stops the writer, closes the database.
  ~EventStoreImpl() override;

  Result<AppendResult> Append(std::span<const StreamAppend> appends) override;
  using EventStore::Append;
  Result<std::vector<RecordedEvent>> ReadStream(std::string_view stream,
                                                uint64_t from_version, uint64_t max_count,
                                                uint64_t max_position) override;
  Result<RecordedEvent> ReadAt(uint64_t position) override;
  std::unique_ptr<LogIterator> ReadLog(uint64_t from_position, LogDecoding decoding) override;
  Result<StreamInfo> GetStreamInfo(std::string_view stream) override;
  Result<uint64_t> FindEventId(std::string_view event_id) override;
  Head GetHead() override;
  bool read_only() const override { return options_.read_only; }
  Result<uint64_t> CountStreams() override;
  Status Verify(VerifyReport* report,
                const std::function<void(uint64_t)>& progress) override;
  uint64_t WaitForPosition(uint64_t position, int64_t timeout_ms) override;
  Result<std::string> ReadEntry(uint64_t position) override;
  Result<std::string> ReadTile(const integrity::Tile& tile) override;
  Result<Hash> TreeRoot(uint64_t size) override;
  Result<std::vector<Hash>> ProveInclusion(uint64_t position, uint64_t size) override;
  Result<std::vector<Hash>> ProveConsistency(uint64_t old_size, uint64_t size) override;
  Result<std::string> SignCheckpoint(const integrity::NoteSigner& signer) override;
  Result<std::string> GetCheckpoint(uint64_t size) override;
  Result<std::string> LatestCheckpoint() override;
  Result<std::string> CheckpointVerifierKey() override;
  // For the projections (projection_access.h).
  rocksdb::DB* rocks();
  Result<rocksdb::ColumnFamilyHandle*> ProjectionFamily(std::string_view name);
  Status DropProjectionFamily(std::string_view name);
  std::vector<std::string> ProjectionFamilyNames();

  // Number of WriteBatches the writer has committed (one per group).
  uint64_t groups_committed() const { return writer_ ? writer_->groups_committed() : 0; }
  // The next group write fails with `error` (see Writer).
  void FailNextWriteForTesting(Status error) {
    writer_->FailNextWriteForTesting(std::move(error));
  }

 private:
  EventStoreImpl(StoreOptions options, std::string path);
  // Keeps the signed checkpoint of `size`: in the integrity family, then
  // in the checkpoint file (unless it holds that size already).
  Status StoreCheckpoint(uint64_t size, const std::string& note, const std::string& vkey);

  const StoreOptions options_;
  const std::string path_;
  std::unique_ptr<LedgerDb> ledger_;
  std::unique_ptr<Writer> writer_;  // null when read_only
  // False only for OpenWithoutTreeForBenchmark: appends prepare no entries.
  bool tree_ = true;
  Head read_only_head_;             // read_only: the head when opened
  // Prepares half of a large Append beside its caller (prepare.cc).
  SharedHelper prepare_helper_;
  // Serializes SignCheckpoint.
  std::mutex sign_mu_;
  // The nodes of full tiles above level 0, shared by every proof.
  integrity::TileNodeCache tile_nodes_;
};

}  // namespace jejak::store
