// NipTable<V>: a map from NIP to V for the fold's per-event lookup.
//
// Every folded event looks its employee up, so the lookup must stay in
// cache: an open-addressing table of 8-byte slots (a 32-bit tag of the
// hash and an index), the NIPs packed back to back in one string, and the
// values in a deque. A node map (std::unordered_map) costs a miss for the
// bucket, one for the node and one for the key's bytes per lookup; the
// flat maps that avoid that (boost::unordered_flat_map, Boost >= 1.81) are
// newer than the Boost this builds with (docs/benchmarks.md, "Projection:
// rebuild and catch-up").
//
// Contract:
// - Insert only (no erase) until Clear; the load stays at most 1/2.
// - Values have stable addresses until Clear (a deque grows at its end);
//   Nip(i) views stay valid until the next Insert or Clear.
// - Values are numbered 0..size()-1 in insertion order (At, Nip).
// - Every call that takes a `hash` REQUIRES hash == NipTable::Hash(nip).
// - At most 2^32 - 1 values. Not thread-safe; const calls may run on
//   several threads at once when no call modifies the table.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jejak::projection {

template <typename V>
class NipTable {
 public:
  // The hash a NIP is looked up by.
  static uint64_t Hash(std::string_view nip) { return std::hash<std::string_view>()(nip); }

  // The value of `nip`, or nullptr.
  const V* Find(std::string_view nip, uint64_t hash) const {
    if (slots_.empty()) return nullptr;
    const Slot& s = slots_[Probe(nip, hash)];
    return s.index == 0 ? nullptr : &values_[s.index - 1];
  }
  V* Find(std::string_view nip, uint64_t hash) {
    return const_cast<V*>(std::as_const(*this).Find(nip, hash));
  }
  // Starts loading the slot where `hash` is looked up (a hint, no effect on
  // the result).
  void PrefetchSlot(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }
  // Adds `nip` with a value-initialized V. REQUIRES: not present.
  V& Insert(std::string_view nip, uint64_t hash) {
    if ((values_.size() + 1) * 2 > slots_.size()) Grow();
    const size_t at = Probe(nip, hash);
    offsets_.push_back(static_cast<uint32_t>(nips_.size()));
    nips_.append(nip);
    values_.emplace_back();
    slots_[at] = Slot{Tag(hash), static_cast<uint32_t>(values_.size())};
    return values_.back();
  }
  size_t size() const { return values_.size(); }
  // The NIP and the value inserted i-th. REQUIRES: i < size().
  std::string_view Nip(size_t i) const {
    const size_t end = i + 1 < offsets_.size() ? offsets_[i + 1] : nips_.size();
    return std::string_view(nips_).substr(offsets_[i], end - offsets_[i]);
  }
  V& At(size_t i) { return values_[i]; }
  // Empties the table (frees the values, on the calling thread).
  void Clear() {
    slots_.clear();
    nips_.clear();
    offsets_.clear();
    values_.clear();
  }

 private:
  struct Slot {
    uint32_t tag = 0;    // high bits of the hash
    uint32_t index = 0;  // 1 + the value's index; 0 = empty
  };
  static uint32_t Tag(uint64_t hash) { return static_cast<uint32_t>(hash >> 32); }
  // The slot of `nip`, or the empty slot where it would go.
  size_t Probe(std::string_view nip, uint64_t hash) const {
    const size_t mask = slots_.size() - 1;
    const uint32_t tag = Tag(hash);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.index == 0 || (s.tag == tag && Nip(s.index - 1) == nip)) return i;
    }
  }
  // Doubles the slots (at least 64) and places every NIP again.
  void Grow() {
    slots_.assign(std::max<size_t>(64, slots_.size() * 2), Slot{});
    for (size_t i = 0; i < values_.size(); ++i) {
      const uint64_t h = Hash(Nip(i));
      slots_[Probe(Nip(i), h)] = Slot{Tag(h), static_cast<uint32_t>(i + 1)};
    }
  }

  std::vector<Slot> slots_;        // a power of two of them, or none
  std::string nips_;               // every NIP, back to back
  std::vector<uint32_t> offsets_;  // NIP i = nips_[offsets_[i], offsets_[i+1])
  std::deque<V> values_;
};

}  // namespace jejak::projection
