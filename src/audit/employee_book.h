// EmployeeBook: the folded state of every employee stream as the replay
// reaches it. The states the replay touched last are held folded, in a
// cache bounded by count; a state evicted from it is parked, packed
// (projection::DecodePackedProfile), in a pool bounded by bytes, and
// unpacked on its stream's next event that needs it; an event the replay
// handles without the state, or with its sketch only (StateSketch, kept
// beside the parked state), waits beside it (a copy of its body, or a
// training's hours, in the same pool) and is folded when the state is
// unpacked. A state in neither is refolded from the store. States are the
// projection's own (projection::ProfileState,
// folded with projection::ApplyProfile / FoldProfile over EffectiveEvents):
// the audit adds no fold of its own.
//
// Not thread-safe; one per replay.
#pragma once

#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "jejak/projection/fold.h"
#include "jejak/projection/profile_state.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"
#include "projection/state_codec.h"

namespace jejak::audit {

// One stream's effective events at a cut, with the records they point into.
struct StreamCut {
  std::vector<store::RecordedEvent> hold;
  std::vector<projection::FoldInput> effective;
};

// Reads `stream` and resolves its amendments at `cut`. NotFound when the
// stream does not exist.
[[nodiscard]] Status ReadStreamCut(store::EventStore& store, const std::string& stream,
                                   const projection::Cut& cut, StreamCut* out);

// What a rating or an assessment reads of its employee's state
// (Replay::AddRating, Replay::CheckBackdated): where the employee was
// placed and the keys of the decisions folded. No event that may wait
// beside a parked state changes either (EmployeeBook::MayWait), so the
// sketch taken when a state is parked stays true while it is parked.
struct StateSketch {
  struct Unit {
    uint32_t effective = 0;  // the placement's TMT
    const std::string* agency = nullptr;
    const std::string* unit = nullptr;
  };
  std::vector<Unit> units;  // the state's placements, in its order
  // The ranks by promotion (kind set), then the placements by promotion,
  // in the state's order.
  std::vector<projection::FactKey> decisions;
};

// Fills `*out` from `s` (reusing its vectors); its strings point into `s`.
void SketchOf(const projection::ProfileState& s, StateSketch* out);

class EmployeeBook {
 public:
  struct Entry {
    projection::ProfileState state;  // every event of the stream before `next`
    uint32_t max_effective = 0;      // greatest TMT folded into `state`, of
                                     // the kinds a judge reads (not trainings
                                     // or mentoring)
    // The greatest position folded below state.last_position (0: none),
    // kUnknown once a retraction took the greatest away.
    uint64_t previous_position = 0;
    std::list<const std::string*>::iterator lru;
  };
  static constexpr uint64_t kUnknown = UINT64_MAX;

  // `capacity`: states held folded (at least 16); `parked_capacity`: bytes
  // of packed states held beside them (0: none, an evicted state is
  // refolded from the store).
  EmployeeBook(store::EventStore& store, size_t capacity, size_t parked_capacity);

  // The entry of `nip` holding every event of its stream at positions
  // before `position`, which must not decrease between calls. A NIP never
  // seen gets a fresh, empty entry. The pointer is valid until the next
  // call of Current.
  [[nodiscard]] Result<Entry*> Current(const std::string& nip, uint64_t position);

  // The replay has reached `position`: every cached state holds its
  // stream's events before it. Call before handling each event.
  void Advance(uint64_t position) { position_ = position; }

  // Folds the event at `in.position` into `e` (the replay's next event of
  // that stream; not a correction or retraction).
  static void Fold(Entry& e, const projection::FoldInput& in);

  // Whether an event of kind `w` may wait beside a parked state: it
  // changes neither placements nor ranks (the sketch's) and is not an
  // amendment.
  static bool MayWait(schema::Payload::Which w);

  // Folds `rec`, the replay's next event of stream emp/`nip` (at the
  // position of the last Current or Advance), into the state of `nip` when
  // that state is parked and MayWait(rec's kind): a copy of the event (a
  // training that counts for hours only: its hours) waits beside it and is
  // folded, in order, when the state is next unpacked (Current,
  // KnownBefore), giving exactly the state an immediate fold gives. Returns
  // false, doing nothing, when the state is cached or not parked, the kind
  // may not wait, or the pool has no room for the copy: the caller folds it
  // through Current. When the events waiting would take more bytes than
  // the packed state (and 1 KiB), they and `rec` are folded into it and it
  // is packed again (counted in unpacks()), staying parked if it still
  // fits the pool and dropped (refolded from the store when next needed)
  // if not. Returns true then too: `rec` is folded.
  [[nodiscard]] Result<bool> FoldLater(const std::string& nip, const store::RecordedEvent& rec);

  // The sketch of `nip`'s state when that state is parked, nullptr
  // otherwise. Valid until the next call of Current or FoldLater.
  const StateSketch* ParkedSketch(const std::string& nip) const;

  // Applies an amendment of the entry's stream in place when it changes
  // only training hours: `before` is the effective form, folded into `e`,
  // of the one event the amendment changes, `after` its form now (nullptr:
  // retracted); both must fold training hours only
  // (projection::FoldsTrainingHoursOnly). The state is then exactly the
  // refold of the stream's effective events. Returns false, leaving `e`
  // unchanged, when that cannot be done exactly (the caller refolds).
  static bool AmendTrainingInPlace(Entry& e, const projection::FoldInput& before,
                                   const projection::FoldInput* after);

  // The state of `nip` as known before `position` (only events at earlier
  // positions) and in effect on `valid_date`. Uses the cached state (or
  // the parked one, unpacked into `*scratch`) when it is that for every
  // fact a judge reads (it may hold trainings or mentoring effective later,
  // which no judge reads), otherwise refolds exactly into `*scratch` and
  // returns it. nullptr when the stream did not exist then. The pointer is
  // valid until the next call of Current.
  [[nodiscard]] Result<const projection::ProfileState*> KnownBefore(
      const std::string& nip, uint64_t position, uint32_t valid_date,
      projection::ProfileState* scratch);

  bool Seen(const std::string& nip) const { return seen_.count(nip) > 0; }
  uint64_t seen() const { return seen_.size(); }
  uint64_t refolds() const { return refolds_; }
  uint64_t peak() const { return peak_; }
  uint64_t unpacks() const { return unpacks_; }
  uint64_t parked_peak_bytes() const { return parked_peak_bytes_; }
  uint64_t folded_later() const { return folded_later_; }

 private:
  // A state evicted from the cache, packed, with its entry's other fields
  // and the events waiting to be folded into it (FoldLater).
  struct Parked {
    std::string packed;
    uint32_t max_effective = 0;
    uint64_t previous_position = 0;
    // The waiting events, in position order, each after a header word: its
    // length in words, and in the upper half what it is (kLaterBody: the
    // event's body, a Cap'n Proto message of schema::Event; or
    // kLaterTrainingHours: a training that counts for hours only, by its
    // hours).
    std::vector<uint64_t> later;
    StateSketch sketch;  // of the packed state; its strings are in names_
  };

  Entry& Insert(const std::string& nip);
  // Packs the least recently used entry into the pool (or drops it when the
  // pool is full) and takes it out of the cache.
  void Evict();
  // Folds the events waiting beside `p` and `in` into its packed state;
  // when that no longer fits the pool, the state is dropped instead.
  [[nodiscard]] Status Repack(std::unordered_map<std::string, Parked>::iterator it,
                              const projection::FoldInput& in);
  // What a waiting event is (Parked::later): the tag in a header word's
  // upper half.
  static constexpr uint64_t kLaterBody = 0;           // the event's body
  static constexpr uint64_t kLaterTrainingHours = 1;  // projection::TrainingHours:
                                                      // position, effective | jp << 32, kind
  // The previous_position bookkeeping of folding an event at `position`.
  static void NotePosition(Entry& e, uint64_t position);
  // Fold of a training that counts for hours only, from its hours.
  static void FoldTrainingHours(Entry& e, const projection::TrainingHours& t);
  // The events waiting beside a parked state may take this many bytes even
  // when its packed state is smaller.
  static constexpr size_t kMinLaterBytes = 1024;
  // Decodes a parked state (counted in unpacks()) and its entry's other
  // fields into `*e` and folds its waiting events into it; Corruption names
  // `nip`.
  [[nodiscard]] Status Unpack(const std::string& nip, const Parked& p, Entry* e);
  // What a parked state counts against the pool: its bytes, its waiting
  // events' and about what its map node, key and string headers take.
  static size_t Footprint(const Parked& p) {
    static_assert(kParkedOverhead >= sizeof(std::pair<const std::string, Parked>) + 32);
    return p.packed.size() + p.later.capacity() * sizeof(uint64_t) +
           p.sketch.units.capacity() * sizeof(StateSketch::Unit) +
           p.sketch.decisions.capacity() * sizeof(projection::FactKey) + kParkedOverhead;
  }
  // The map node (key, Parked, hash and next pointer), the key's heap
  // buffer and the bucket.
  static constexpr size_t kParkedOverhead = 256;
  void Touch(Entry& e);
  // Folds the stream at `cut` into `*state`; `*entry_of` (if not null)
  // gets the entry's other fields.
  Status Load(const std::string& nip, const projection::Cut& cut, projection::ProfileState* state,
              Entry* entry_of);

  store::EventStore& store_;
  size_t capacity_;
  std::unordered_map<std::string, Entry> cache_;
  std::list<const std::string*> lru_;  // most recent first; points at cache_ keys
  std::unordered_map<std::string, Parked> parked_;
  // The agency and unit names parked sketches point at, each held once and
  // never dropped. Not counted against the pool: a region has a few
  // thousand units (a ledger naming a unit per employee would grow it by
  // the names' bytes).
  std::unordered_set<std::string> names_;
  size_t parked_capacity_;
  size_t parked_bytes_ = 0;
  projection::ProfileEncoder encoder_;
  std::string pack_buffer_;  // EncodePacked's output, copied at its size into the pool
  StateSketch sketch_buffer_;  // SketchOf's output while a state is parked
  std::unordered_set<std::string> seen_;
  uint64_t position_ = 0;  // the replay's position: cached states hold everything before it
  uint64_t refolds_ = 0;
  uint64_t peak_ = 0;
  uint64_t unpacks_ = 0;
  uint64_t parked_peak_bytes_ = 0;
  uint64_t folded_later_ = 0;
};

}  // namespace jejak::audit
