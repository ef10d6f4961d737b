// The stored position definitions the reads use, cached per generation and
// per "org epoch": every read of a profile and every as-of needs the
// definition of the employee's position, and an agency has a few hundred.
//
// Invalidation: a catch-up that writes definitions (a batch holding org
// events) brackets its commit with OrgEpoch::BeginWrite / EndWrite. A
// reader takes OrgEpoch::Stable() BEFORE it reads the family and checks
// Unchanged() AFTER: then no definition was written in between, and what it
// read is the org state of that epoch, which is what an entry tagged with
// the epoch holds. Entries of other generations or epochs are never
// returned.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "jejak/projection/profile_state.h"

namespace jejak::projection {

// Counts the commits that wrote position definitions. Thread-safe; any
// number of writers (a rebuild's fold runs beside catch-ups).
class OrgEpoch {
 public:
  void BeginWrite() {
    writing_.fetch_add(1);
    epoch_.fetch_add(1);
  }
  void EndWrite() {
    epoch_.fetch_add(1);
    writing_.fetch_sub(1);
  }
  // The current epoch, or none while a write is in progress.
  std::optional<uint64_t> Stable() const {
    const uint64_t e = epoch_.load();
    if (writing_.load() != 0) return std::nullopt;
    return e;
  }
  // No write began since Stable() returned `epoch`.
  bool Unchanged(uint64_t epoch) const { return epoch_.load() == epoch; }

 private:
  std::atomic<uint64_t> epoch_{0};
  std::atomic<uint64_t> writing_{0};
};

// What the family holds of one position: its definition ("o" agency "p"
// id), none when never defined, and the positions of the org amendments
// that changed it ("o" agency "v" id).
struct StoredPositionDef {
  std::optional<PositionDef> def;
  std::vector<uint64_t> amended;
};

// Thread-safe. Bounded: at `capacity` entries it is emptied.
class PositionCache {
 public:
  explicit PositionCache(size_t capacity) : capacity_(capacity) {}

  // The entry of (agency, position id) read at `epoch` of `generation`, or
  // nullptr.
  std::shared_ptr<const StoredPositionDef> Find(uint64_t generation, uint64_t epoch,
                                                std::string_view agency,
                                                std::string_view position_id) const;
  void Insert(uint64_t generation, uint64_t epoch, std::string_view agency,
              std::string_view position_id, std::shared_ptr<const StoredPositionDef> entry);

 private:
  struct Entry {
    uint64_t generation = 0;
    uint64_t epoch = 0;
    std::shared_ptr<const StoredPositionDef> value;
  };
  static std::string KeyOf(std::string_view agency, std::string_view position_id);

  const size_t capacity_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mu_
};

}  // namespace jejak::projection
