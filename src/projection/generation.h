// One generation of the profile projection: the column family a complete
// fold of the log lives in, "proj.profile" (generation 0) or
// "proj.profile.g<N>" (docs/projections.md "Generations").
//
// Readers pin the current generation (a shared_ptr) for the length of a
// read; a rebuild folds a new generation beside it and the projector then
// switches to it. A retired generation's family is dropped when its last
// pin is released, so no reader ever loses the family under it.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/projection_access.h"
#include "jejak/store/event_store.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
}  // namespace rocksdb

namespace jejak::projection {

class Generation {
 public:
  // `family` is the store's projection family `name`, marked with
  // `features` (keys.h "f": what it keeps from position 1 on); the store
  // must outlive this object.
  Generation(store::EventStore& store, uint64_t number, std::string name,
             rocksdb::ColumnFamilyHandle* family, uint8_t features)
      : store_(store), number_(number), name_(std::move(name)), family_(family),
        features_(features) {}
  ~Generation() {
    if (retired_.load(std::memory_order_acquire)) (void)store::DropProjectionFamily(store_, name_);
  }
  Generation(const Generation&) = delete;
  Generation& operator=(const Generation&) = delete;

  rocksdb::DB* db() const { return store::RocksOf(store_); }
  rocksdb::ColumnFamilyHandle* family() const { return family_; }
  uint64_t number() const { return number_; }
  // Whether the generation keeps `feature` (a keys::kFeature* bit).
  bool Has(uint8_t feature) const { return (features_ & feature) != 0; }
  const std::string& name() const { return name_; }

  // The checkpoint as this process's folds committed it, so that a read
  // need not read it from the family. A folder (one at a time per
  // generation) brackets each commit with BeginCommit / EndCommit; a reader
  // takes Folded() BEFORE it reads the family and checks Unchanged() AFTER:
  // then no commit ran in between, and what it read is the family as of
  // that checkpoint. None while a commit runs, and on a generation this
  // process has not folded (a reader beside the writer): read the stored
  // checkpoint then.
  struct FoldedAt {
    uint64_t commits = 0;
    uint64_t checkpoint = 0;
  };
  void BeginCommit() const { commits_.fetch_add(1); }
  void EndCommit(uint64_t checkpoint) const {
    checkpoint_.store(checkpoint);
    commits_.fetch_add(1);
  }
  std::optional<FoldedAt> Folded() const {
    const uint64_t commits = commits_.load();
    const uint64_t checkpoint = checkpoint_.load();
    if (commits % 2 != 0 || checkpoint == 0) return std::nullopt;
    return FoldedAt{commits, checkpoint};
  }
  bool Unchanged(const FoldedAt& at) const { return commits_.load() == at.commits; }

  // Whether the family holds no progress of a fold from copies
  // (copy_fold.h), as the folder knows: set once it read none or went on
  // from it, cleared when a fold from copies of its own failed (and may
  // have left one). Folder only.
  bool progress_checked() const { return progress_checked_; }
  void set_progress_checked(bool checked) const { progress_checked_ = checked; }

  // Retired: the family is dropped when this object goes (the last pin is
  // released). Kept: it stays. A new generation starts retired until the
  // projector switches to it, so a failed rebuild leaves nothing behind.
  void Retire() { retired_.store(true, std::memory_order_release); }
  void Keep() { retired_.store(false, std::memory_order_release); }

 private:
  store::EventStore& store_;
  const uint64_t number_;
  const std::string name_;
  rocksdb::ColumnFamilyHandle* const family_;
  const uint8_t features_;
  std::atomic<bool> retired_{false};
  // Cached knowledge of the family, not part of its identity: mutable.
  mutable std::atomic<uint64_t> commits_{0};     // odd while a commit runs
  mutable std::atomic<uint64_t> checkpoint_{0};  // 0 = unknown
  mutable bool progress_checked_ = false;        // folder only
};

// "profile" for 0, "profile.g<N>" otherwise.
std::string GenerationName(std::string_view base, uint64_t number);
// The number of a family name of `base`'s generations; nullopt for any
// other name.
std::optional<uint64_t> ParseGenerationName(std::string_view base, std::string_view name);

}  // namespace jejak::projection
