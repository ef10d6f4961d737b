// EmployeeBook: a bounded LRU cache of folded employee states.
#include "audit/employee_book.h"

#include <algorithm>
#include <cstring>

#include <capnp/message.h>

namespace jejak::audit {

Status ReadStreamCut(store::EventStore& store, const std::string& stream,
                     const projection::Cut& cut, StreamCut* out) {
  auto events = store.ReadStream(stream);
  if (!events.ok()) return events.status();
  out->hold = std::move(events).value();
  std::vector<schema::Event::Reader> readers;
  readers.reserve(out->hold.size());
  for (const auto& e : out->hold) readers.push_back(e.event());
  out->effective = projection::EffectiveEvents(readers, cut);
  return Status::Ok();
}

namespace {

// The TMT that bounds what a judge may see of `in`: trainings and
// mentoring are folded but no judge reads them, so one effective after a
// decision's TMT does not force an exact refold (see KnownBefore).
uint32_t JudgedEffective(const projection::FoldInput& in) {
  const auto w = in.payload.which();
  return w == schema::Payload::TRAINING_COMPLETED || w == schema::Payload::MENTORING_RECORDED
             ? 0
             : in.effective;
}

}  // namespace

void SketchOf(const projection::ProfileState& s, StateSketch* out) {
  out->units.clear();
  out->decisions.clear();
  for (const auto& p : s.placements) out->units.push_back({p.key.effective, &p.agency, &p.unit});
  for (const auto& r : s.ranks) {
    if (r.kind != schema::PromotionKind::UNSPECIFIED) out->decisions.push_back(r.key);
  }
  for (const auto& p : s.placements) {
    if (p.kind == projection::PlacementKind::kPromoted) out->decisions.push_back(p.key);
  }
}

EmployeeBook::EmployeeBook(store::EventStore& store, size_t capacity, size_t parked_capacity)
    : store_(store), capacity_(std::max<size_t>(capacity, 16)), parked_capacity_(parked_capacity) {}

void EmployeeBook::Touch(Entry& e) { lru_.splice(lru_.begin(), lru_, e.lru); }

void EmployeeBook::Evict() {
  const std::string* victim = lru_.back();
  lru_.pop_back();
  auto node = cache_.extract(*victim);
  if (parked_capacity_ == 0) return;
  const Entry& e = node.mapped();
  encoder_.EncodePacked(e.state, &pack_buffer_);
  if (parked_bytes_ + pack_buffer_.size() + kParkedOverhead > parked_capacity_) return;
  Parked p{std::string(pack_buffer_), e.max_effective, e.previous_position, {}, {}};
  SketchOf(e.state, &sketch_buffer_);
  p.sketch.units.reserve(sketch_buffer_.units.size());
  for (StateSketch::Unit u : sketch_buffer_.units) {
    u.agency = &*names_.insert(*u.agency).first;
    u.unit = &*names_.insert(*u.unit).first;
    p.sketch.units.push_back(u);
  }
  p.sketch.decisions.assign(sketch_buffer_.decisions.begin(), sketch_buffer_.decisions.end());
  if (parked_bytes_ + Footprint(p) > parked_capacity_) return;
  parked_bytes_ += Footprint(p);
  parked_peak_bytes_ = std::max<uint64_t>(parked_peak_bytes_, parked_bytes_);
  parked_.insert_or_assign(std::move(node.key()), std::move(p));
}

Status EmployeeBook::Unpack(const std::string& nip, const Parked& p, Entry* e) {
  ++unpacks_;
  auto state = projection::DecodePackedProfile(p.packed);
  if (!state.ok()) return state.status().WithContext("unpacking the state of employee " + nip);
  e->state = std::move(state).value();
  e->max_effective = p.max_effective;
  e->previous_position = p.previous_position;
  for (size_t at = 0; at < p.later.size();) {
    const uint64_t header = p.later[at++];
    const size_t words = header & 0xffffffff;
    if (words > p.later.size() - at) {
      return Status::Corruption("the events waiting for the state of employee " + nip +
                                " overrun their buffer");
    }
    const uint64_t* w = p.later.data() + at;
    if ((header >> 32) == kLaterTrainingHours) {
      projection::TrainingHours t;
      t.position = w[0];
      t.effective = static_cast<uint32_t>(w[1]);
      t.jp = static_cast<uint32_t>(w[1] >> 32);
      t.kind = static_cast<schema::TrainingKind>(w[2]);
      FoldTrainingHours(*e, t);
    } else {
      // A body is one segment without a segment table (store::RecordedEvent).
      const kj::ArrayPtr<const capnp::word> segments[1] = {
          kj::arrayPtr(reinterpret_cast<const capnp::word*>(w), words)};
      capnp::SegmentArrayMessageReader message(kj::arrayPtr(segments, 1),
                                               store::BodyReaderOptions(words));
      try {
        Fold(*e, projection::FoldInputOf(message.getRoot<schema::Event>()));
      } catch (const kj::Exception& x) {
        return Status::Corruption("an event waiting beside the state of employee " + nip +
                                  ": " + x.getDescription().cStr());
      }
    }
    at += words;
  }
  return Status::Ok();
}

const StateSketch* EmployeeBook::ParkedSketch(const std::string& nip) const {
  auto it = parked_.find(nip);
  return it != parked_.end() ? &it->second.sketch : nullptr;
}

bool EmployeeBook::MayWait(schema::Payload::Which w) {
  using P = schema::Payload;
  // Placements and ranks are the sketch's; amendments refold the stream.
  return w != P::RECRUITED && w != P::POSITION_ASSIGNED && w != P::TRANSFERRED &&
         w != P::RANK_PROMOTED && w != P::POSITION_PROMOTED && w != P::CORRECTED &&
         w != P::RETRACTED;
}

Result<bool> EmployeeBook::FoldLater(const std::string& nip, const store::RecordedEvent& rec) {
  auto it = parked_.find(nip);
  if (it == parked_.end()) return false;
  Parked& p = it->second;
  const projection::FoldInput in = projection::FoldInputOf(rec.event());
  if (!MayWait(in.payload.which())) return false;
  // What waits: the training's hours (3 words) or the event's body.
  const bool hours = projection::FoldsTrainingHoursOnly(in);
  const std::string_view body = rec.body();
  const size_t words = hours ? 3 : body.size() / sizeof(uint64_t);
  const size_t need = p.later.size() + 1 + words;
  if (need * sizeof(uint64_t) > std::max(p.packed.size(), kMinLaterBytes)) {
    JEJAK_RETURN_IF_ERROR(Repack(it, in));
  } else {
    const size_t capacity = need <= p.later.capacity()
                                ? p.later.capacity()
                                : std::max(need, p.later.capacity() + p.later.capacity() / 2);
    if (parked_bytes_ + (capacity - p.later.capacity()) * sizeof(uint64_t) > parked_capacity_) {
      return false;
    }
    parked_bytes_ -= Footprint(p);
    p.later.reserve(capacity);
    if (hours) {
      const projection::TrainingHours t = projection::TrainingHoursOf(in);
      p.later.insert(p.later.end(), {(kLaterTrainingHours << 32) | words, t.position,
                                     uint64_t{t.effective} | (uint64_t{t.jp} << 32),
                                     static_cast<uint64_t>(t.kind)});
    } else {
      p.later.push_back((kLaterBody << 32) | words);
      const size_t at = p.later.size();
      p.later.resize(at + words);
      std::memcpy(p.later.data() + at, body.data(), words * sizeof(uint64_t));
    }
    p.max_effective = std::max(p.max_effective, JudgedEffective(in));
    parked_bytes_ += Footprint(p);
  }
  parked_peak_bytes_ = std::max<uint64_t>(parked_peak_bytes_, parked_bytes_);
  ++folded_later_;
  return true;
}

Status EmployeeBook::Repack(std::unordered_map<std::string, Parked>::iterator it,
                            const projection::FoldInput& in) {
  Parked& p = it->second;
  Entry e;
  JEJAK_RETURN_IF_ERROR(Unpack(it->first, p, &e));
  Fold(e, in);
  encoder_.EncodePacked(e.state, &pack_buffer_);
  parked_bytes_ -= Footprint(p);
  p.packed = std::string(pack_buffer_);  // its size, as Footprint counts it
  p.later.clear();  // its capacity is kept (and counted) for the next events
  p.max_effective = e.max_effective;
  p.previous_position = e.previous_position;
  if (parked_bytes_ + Footprint(p) > parked_capacity_) {
    // The state grew past the pool: dropped, it is refolded from the store
    // (with `in`) when its stream next needs it.
    parked_.erase(it);
    return Status::Ok();
  }
  parked_bytes_ += Footprint(p);
  return Status::Ok();
}

EmployeeBook::Entry& EmployeeBook::Insert(const std::string& nip) {
  while (cache_.size() >= capacity_) Evict();
  auto [it, inserted] = cache_.try_emplace(nip);
  lru_.push_front(&it->first);
  it->second.lru = lru_.begin();
  peak_ = std::max<uint64_t>(peak_, cache_.size());
  return it->second;
}

Status EmployeeBook::Load(const std::string& nip, const projection::Cut& cut,
                          projection::ProfileState* state, Entry* entry_of) {
  ++refolds_;
  StreamCut sc;
  Status s = ReadStreamCut(store_, "emp/" + nip, cut, &sc);
  if (!s.ok()) return s.WithContext("refolding employee " + nip);
  *state = projection::FoldProfile(nip, sc.effective);
  if (entry_of != nullptr) {
    entry_of->max_effective = 0;
    entry_of->previous_position = 0;
    for (const auto& in : sc.effective) {
      entry_of->max_effective = std::max(entry_of->max_effective, JudgedEffective(in));
      if (in.position < state->last_position) {
        entry_of->previous_position = std::max(entry_of->previous_position, in.position);
      }
    }
  }
  return Status::Ok();
}

Result<EmployeeBook::Entry*> EmployeeBook::Current(const std::string& nip, uint64_t position) {
  position_ = position;
  if (auto it = cache_.find(nip); it != cache_.end()) {
    Touch(it->second);
    return &it->second;
  }
  if (auto it = parked_.find(nip); it != parked_.end()) {
    Entry unpacked;
    JEJAK_RETURN_IF_ERROR(Unpack(nip, it->second, &unpacked));
    // Out of the pool before Insert parks another state.
    parked_bytes_ -= Footprint(it->second);
    parked_.erase(it);
    Entry& e = Insert(nip);
    e.state = std::move(unpacked.state);
    e.max_effective = unpacked.max_effective;
    e.previous_position = unpacked.previous_position;
    return &e;
  }
  const bool known = seen_.count(nip) > 0;
  Entry& e = Insert(nip);
  if (!known) {
    seen_.insert(nip);
    e.state = projection::FoldProfile(nip, {});
    return &e;
  }
  Status s = Load(nip, projection::Cut{position - 1, UINT32_MAX}, &e.state, &e);
  if (!s.ok()) {
    cache_.erase(nip);
    lru_.pop_front();
    return s;
  }
  return &e;
}

void EmployeeBook::NotePosition(Entry& e, uint64_t position) {
  const uint64_t last = e.state.last_position;
  if (position > last) {
    e.previous_position = last;
  } else if (position < last && e.previous_position != kUnknown) {
    e.previous_position = std::max(e.previous_position, position);
  }
}

void EmployeeBook::FoldTrainingHours(Entry& e, const projection::TrainingHours& t) {
  NotePosition(e, t.position);
  projection::ApplyTrainingHours(e.state, t);  // not judged: max_effective stays
}

void EmployeeBook::Fold(Entry& e, const projection::FoldInput& in) {
  NotePosition(e, in.position);
  projection::ApplyProfile(e.state, in);
  e.max_effective = std::max(e.max_effective, JudgedEffective(in));
}

bool EmployeeBook::AmendTrainingInPlace(Entry& e, const projection::FoldInput& before,
                                        const projection::FoldInput* after) {
  // Training hours are not judged (JudgedEffective): max_effective stays.
  if (after != nullptr && !projection::FoldsTrainingHoursOnly(*after)) return false;
  // A retracted event takes its position out of the state's last_position.
  const bool last = after == nullptr && before.position == e.state.last_position;
  if (last && e.previous_position == kUnknown) return false;
  if (!projection::TakeBackTrainingHours(e.state, before)) return false;
  if (after != nullptr) {
    projection::ApplyProfile(e.state, *after);  // at the same position
  } else if (last) {
    e.state.last_position = e.previous_position;
    e.previous_position = kUnknown;
  } else if (before.position == e.previous_position) {
    e.previous_position = kUnknown;
  }
  return true;
}

Result<const projection::ProfileState*> EmployeeBook::KnownBefore(
    const std::string& nip, uint64_t position, uint32_t valid_date,
    projection::ProfileState* scratch) {
  if (!seen_.count(nip)) return static_cast<const projection::ProfileState*>(nullptr);
  if (position == position_) {
    if (auto it = cache_.find(nip); it != cache_.end() && it->second.max_effective <= valid_date) {
      Touch(it->second);
      return static_cast<const projection::ProfileState*>(&it->second.state);
    }
    if (auto it = parked_.find(nip); it != parked_.end() && it->second.max_effective <= valid_date) {
      Entry unpacked;
      JEJAK_RETURN_IF_ERROR(Unpack(nip, it->second, &unpacked));
      *scratch = std::move(unpacked.state);
      return static_cast<const projection::ProfileState*>(scratch);
    }
  }
  Status s = Load(nip, projection::Cut{position - 1, valid_date}, scratch, nullptr);
  if (s.IsNotFound()) return static_cast<const projection::ProfileState*>(nullptr);
  if (!s.ok()) return s;
  if (scratch->empty()) return static_cast<const projection::ProfileState*>(nullptr);
  return static_cast<const projection::ProfileState*>(scratch);
}

}  // namespace jejak::audit
