// FoldBatch: the profile projection's unit of work. It folds log events into
// the states they touch (loading each from the family on first touch) and
// commits every changed value, index entry and the checkpoint in one
// WriteBatch.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <capnp/message.h>

#include "batch_writer.h"
#include "index_entries.h"
#include "jejak/projection/profile_state.h"
#include "jejak/projection/rules.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"
#include "nip_set.h"

namespace jejak::projection {

class FoldBatch {
 public:
  // `family` is the projection's column family of `store`'s database.
  // Commit encodes the touched states on up to `encode_threads` threads.
  FoldBatch(store::EventStore& store, rocksdb::ColumnFamilyHandle* family, const Rules& rules,
            size_t encode_threads = 1);

  // Folds one log event. A correction or retraction refolds its stream
  // from the log as known at the event's position (fold.h).
  [[nodiscard]] Status Apply(schema::Event::Reader event);
  // Hints that `event` is applied soon: starts loading what Apply will
  // read (at `stage` 0 the event's bytes, at 1 its employee's table slot,
  // at 2 the employee's state; each stage assumes the one before ran a few
  // events earlier), so that the fold does not wait on those cache misses.
  // No effect on the result. REQUIRES: the event that Apply is given at a
  // position Prefetch saw is that same event, still alive (the projector's
  // read-ahead chunk holds both).
  void Prefetch(const store::RecordedEvent& event, int stage) const;

  // For a rebuild into an empty family: `written` holds the NIPs committed
  // so far, and a NIP not in it is known to have no stored profile (saves a
  // Get per first touch). Commit adds the NIPs it writes. nullptr = unknown.
  void SetWrittenSet(NipSet* written) { written_ = written; }

  // For a rebuild into an empty family: Commit writes each batch as SST
  // files named `path`-<n>.sst.tmp and ingests them (batch_writer.h) instead of going through
  // the memtable. "" (the default) = through the memtable.
  void SetIngestPath(std::string path) { ingest_path_ = std::move(path); }

  // After a Commit, keep up to `max_states` committed employee states (as
  // stored, with their index entries) for the next batches of this
  // FoldBatch, instead of reading and decoding them again. 0 (the default)
  // keeps none. REQUIRES: nothing else writes the family meanwhile.
  void KeepStates(size_t max_states) { keep_states_ = max_states; }
  // Employees refolded at Commit are read in forward passes over the log
  // holding at most this many of their events at once (~0.7 KB each).
  void SetRefoldPassEvents(uint64_t events) { refold_pass_events_ = std::max<uint64_t>(events, 1); }

  // For a catch-up that folds every event from position 1 (a rebuild),
  // called before the first Apply: keeps a copy of every employee
  // correction and retraction folded (up to `max_bytes` of them; past that
  // it drops them and stops). With them every amendment of an amended
  // stream is known, so Commit refolds the amended employees in ONE forward
  // pass over the log that holds none of their events: each event's
  // effective form is told as it is met (Amendments, fold.h).
  void KeepAmendments(size_t max_bytes) {
    keep_amendments_ = true;
    max_amendment_bytes_ = max_bytes;
  }

  size_t size() const { return events_; }
  // Employee and agency states held.
  size_t states() const { return employees_.size() + agencies_.size(); }

  // Writes the touched states, their index changes and `checkpoint` in one
  // WriteBatch, then forgets them.
  [[nodiscard]] Status Commit(uint64_t checkpoint);

 private:
  struct Employee {
    ProfileState state;
    std::vector<IndexEntry> old_index;  // as stored
    bool touched = false;               // folded into since the last Commit
    // A correction or retraction arrived since the last Commit: the state
    // is refolded from the log before it is written (ResolveRefolds), and
    // events until then are not folded into it.
    bool refold = false;
  };
  struct Agency {
    OrgState state;
    // Position id -> the positions of the org amendments that changed its
    // definition ("v" keys: what an as-of may read the stored definition for).
    std::map<std::string, std::vector<uint64_t>> amended;
    std::map<std::string, std::string> old_values;  // key -> stored bytes
  };

  // The employee of `nip` (`hash` = EmployeeTable::Hash(nip)): held, or
  // loaded from the family on first use.
  Result<Employee*> LoadEmployee(std::string_view nip, uint64_t hash);
  Result<Agency*> LoadAgency(std::string_view agency);
  // The effective events of `stream` as known at `position`, folded by `fold`.
  template <typename Fold>
  Status Refold(std::string_view stream, uint64_t position, Fold fold);
  // Refolds every employee marked `refold` from its stream's events up to
  // `checkpoint` (the effective events as known then), the same state the
  // fold gives event by event (fold.h). Many such employees are read in one
  // forward pass over the log, a few stream by stream
  // (fold_batch_refold.cc). Called by Commit before anything is encoded.
  Status ResolveRefolds(uint64_t checkpoint);
  // Keeps a copy of `event`, an amendment of employee `nip` (KeepAmendments).
  void KeepAmendment(std::string_view nip, schema::Event::Reader event);

  // Lets the maps be searched with a string_view (no allocation per event).
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  template <typename V>
  using NameMap = std::unordered_map<std::string, V, NameHash, std::equal_to<>>;

  // NIP -> Employee. Every event looks its employee up: an open-addressing
  // table of 8-byte slots and the NIPs packed in one string keep that
  // lookup in cache, where a node map of ~600-byte states cost three
  // memory misses per event. States live in a deque (stable addresses).
  class EmployeeTable {
   public:
    // The hash a NIP is looked up by. The calls below that take one
    // REQUIRE hash == Hash(nip).
    static uint64_t Hash(std::string_view nip) { return std::hash<std::string_view>()(nip); }
    // The employee of `nip`, or nullptr.
    Employee* Find(std::string_view nip, uint64_t hash);
    const Employee* Find(std::string_view nip, uint64_t hash) const;
    // Starts loading the slot where the NIP of `hash` is looked up.
    void PrefetchSlot(uint64_t hash) const;
    // Adds `nip`. REQUIRES: not present.
    Employee& Insert(std::string_view nip, uint64_t hash);
    size_t size() const { return states_.size(); }
    std::string_view Nip(size_t i) const;
    Employee& At(size_t i) { return states_[i]; }
    void Clear();

   private:
    struct Slot {
      uint32_t tag = 0;    // high bits of the hash
      uint32_t index = 0;  // 1 + the employee's index; 0 = empty
    };
    size_t Probe(std::string_view nip, uint64_t hash) const;  // slot of nip or empty
    std::vector<Slot> slots_;
    std::string nips_;               // every NIP, back to back
    std::vector<uint32_t> offsets_;  // NIP i = nips_[offsets_[i], offsets_[i+1])
    std::deque<Employee> states_;
  };

  // What Prefetch's stage 1 read of an employee event, for its stage 2 and
  // its Apply (each read of the stream text is a checked pointer read, and
  // each hash ~70 instructions): the NIP, a view of the event's body, valid
  // as long as that event (Apply follows within the same read-ahead chunk),
  // and its hash. An entry is used only for the position it names.
  struct Ahead {
    uint64_t position = 0;  // 0 = none
    std::string_view nip;
    uint64_t hash = 0;
  };
  // More than stage 1's prefetch distance (12 events, projector.cc), so an
  // entry outlives the events between its stage 1 and its Apply.
  static constexpr size_t kAhead = 64;
  // The entry of `position`, or nullptr when stage 1 did not read it.
  const Ahead* AheadOf(uint64_t position) const {
    const Ahead& a = ahead_[position % kAhead];
    return a.position == position && position != 0 ? &a : nullptr;
  }

  store::EventStore& store_;
  rocksdb::ColumnFamilyHandle* family_;
  const Rules& rules_;
  EmployeeTable employees_;
  mutable std::array<Ahead, kAhead> ahead_{};
  NameMap<Agency> agencies_;
  size_t events_ = 0;
  NipSet* written_ = nullptr;
  size_t encode_threads_ = 1;
  size_t keep_states_ = 0;
  size_t refolds_ = 0;  // employees marked `refold`
  uint64_t refold_pass_events_ = 300'000;
  std::string ingest_path_;
  // KeepAmendments: every employee amendment folded so far, by NIP, in
  // position order (each in a message of its own).
  bool keep_amendments_ = false;
  size_t max_amendment_bytes_ = 0;
  size_t amendment_bytes_ = 0;
  NameMap<std::vector<std::unique_ptr<capnp::MallocMessageBuilder>>> amendments_;
};

}  // namespace jejak::projection
