// BatchStates: the employee and agency states one projection batch folds
// log events into, loaded from the projection family on first touch. What
// a rebuild (rebuild_batch.h) and a catch-up (catch_up_batch.h) share:
// the fold of one event, the prefetching ahead of it, and the state table.
//
// An employee correction or retraction is not folded here: it marks the
// employee, whose later events in the batch are then skipped, and the
// batch refolds the employee's stream from the log before it commits
// (employee_refold.h). An agency's is refolded at once (agency streams are
// few and short).
//
// Not thread-safe: one thread folds (Prefetch is const but writes a memo).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "fold_tuning.h"
#include "index_entries.h"
#include "jejak/projection/profile_state.h"
#include "jejak/projection/rules.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"
#include "name_map.h"
#include "nip_set.h"
#include "nip_table.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
struct ReadOptions;
}  // namespace rocksdb

namespace jejak::projection {

struct BatchEmployee {
  ProfileState state;
  std::vector<IndexEntry> old_index;  // as stored (sorted by key)
  bool touched = false;               // folded into since the last commit
  // An amendment arrived since the last commit: the state is refolded from
  // the log before it is written, and events until then are not folded in.
  bool refold = false;
};

struct BatchAgency {
  OrgState state;
  // Position id -> the positions of the org amendments that changed its
  // definition ("v" keys: what an as-of may read the stored definition for).
  std::map<std::string, std::vector<uint64_t>> amended;
  std::map<std::string, std::string> old_values;  // key -> stored bytes
};

// An employee held by a BatchStates, with its NIP (a view valid until the
// next Apply or Forget).
struct EmployeeRef {
  std::string_view nip;
  BatchEmployee* employee;
};

using AgencyMap = NameMap<BatchAgency>;

// The stored profile of `nip` in `family` (none when it has none), read
// with `ro`. Corruption naming the NIP for a value that does not decode.
[[nodiscard]] Result<std::optional<ProfileState>> ReadStoredProfile(
    rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family, std::string_view nip,
    const rocksdb::ReadOptions& ro);

class BatchStates {
 public:
  // `family` is the projection's column family of `store`'s database.
  // `stored`: the NIPs that may have a profile in the family (a rebuild's
  // written set: others are known to have none, which saves a Get per
  // first touch); nullptr = any NIP may. Each must outlive this object.
  BatchStates(store::EventStore& store, rocksdb::ColumnFamilyHandle* family, const Rules& rules,
              const NipSet* stored = nullptr);

  // Folds one log event. Returns the NIP of the employee when `event` is
  // its correction or retraction (now marked for refold), else empty; the
  // view is valid as long as `event`.
  [[nodiscard]] Result<std::string_view> Apply(schema::Event::Reader event);

  // Hints that `event` is applied soon: starts loading what Apply will read
  // (stage 0 the event's bytes, 1 its employee's table slot, 2 the
  // employee's state; each stage assumes the one before ran a few events
  // earlier: tuning::kPrefetchAhead), so that the fold does not wait on
  // those cache misses. No effect on the result. REQUIRES: the event that
  // Apply is given at a position Prefetch saw is that same event, still
  // alive (the read-ahead chunk holds both).
  void Prefetch(const store::RecordedEvent& event, int stage) const;

  // Events applied since the last Forget.
  size_t events() const { return events_; }
  // Employee and agency states held.
  size_t size() const { return employees_.size() + agencies_.size(); }
  size_t employee_count() const { return employees_.size(); }

  // The employees folded into since the last Forget (in table order).
  std::vector<EmployeeRef> Touched();
  // The employees marked for refold, their marks cleared: the caller
  // refolds them (employee_refold.h) before anything else is folded.
  std::vector<EmployeeRef> TakeRefolds();
  const AgencyMap& agencies() const { return agencies_; }

  // Forgets the agencies and the event count, the employee states too
  // unless `keep_employees`. Many employee states are freed on a helper
  // thread, returned: joining it (its destruction) waits for the frees.
  // Freed by one thread only, the calling one or that helper, so no free
  // contends with another for the folding thread's malloc arena.
  [[nodiscard]] std::jthread Forget(bool keep_employees);
  // Forgets the employee states only (freed as by Forget); the agencies
  // and the event count stay.
  [[nodiscard]] std::jthread ForgetEmployees();

 private:
  // The employee of `nip` (`hash` = NipTable::Hash(nip)): held, or loaded
  // from the family on first use.
  Result<BatchEmployee*> LoadEmployee(std::string_view nip, uint64_t hash);
  Result<BatchAgency*> LoadAgency(std::string_view agency);
  // Folds an event of agency stream `stream`.
  Status ApplyOrgEvent(std::string_view stream, schema::Event::Reader event);

  // What Prefetch's stage 1 read of an employee event, for its stage 2 and
  // its Apply (so the stream text, a checked pointer read, is read and
  // hashed once per event): the NIP, a view of the event's body, valid
  // as long as that event, and its hash. An entry is used only for the
  // position it names.
  struct Ahead {
    uint64_t position = 0;  // 0 = none
    std::string_view nip;
    uint64_t hash = 0;
  };
  // The entry of `position`, or nullptr when stage 1 did not read it.
  const Ahead* AheadOf(uint64_t position) const {
    const Ahead& a = ahead_[position % tuning::kPrefetchMemo];
    return a.position == position && position != 0 ? &a : nullptr;
  }

  store::EventStore& store_;
  rocksdb::ColumnFamilyHandle* family_;
  const Rules& rules_;
  const NipSet* stored_;
  NipTable<BatchEmployee> employees_;
  mutable std::array<Ahead, tuning::kPrefetchMemo> ahead_{};
  AgencyMap agencies_;
  size_t events_ = 0;
  size_t refolds_ = 0;  // employees marked `refold`
};

}  // namespace jejak::projection
