// Bitemporal reconstruction: the folds of the projection over a cut of one
// stream (and of its agency's stream, for the position's standard).
#include "jejak/projection/fold.h"
#include "jejak/projection/profile_view.h"
#include "projector.h"

namespace jejak::projection {

namespace {

// The effective events of `stream` at `cut`; `hold` keeps the memory the
// returned readers point into.
Result<std::vector<FoldInput>> EffectiveOf(store::EventStore& store, std::string_view stream,
                                           const Cut& cut,
                                           std::vector<store::RecordedEvent>* hold) {
  auto events = store.ReadStream(stream);
  if (!events.ok()) return events.status();
  *hold = std::move(events).value();
  std::vector<schema::Event::Reader> readers;
  readers.reserve(hold->size());
  for (const auto& e : *hold) readers.push_back(e.event());
  return EffectiveEvents(readers, cut);
}

}  // namespace

Result<ProfileRecord> ProfileAsOf(store::EventStore& store, std::string_view nip, const Cut& cut) {
  try {
    std::vector<store::RecordedEvent> hold;
    auto effective = EffectiveOf(store, "emp/" + std::string(nip), cut, &hold);
    if (!effective.ok()) {
      if (effective.status().IsNotFound()) return Status::NotFound("employee " + std::string(nip));
      return effective.status();
    }
    ProfileRecord rec;
    rec.state = FoldProfile(nip, *effective);
    rec.known_position = std::min(cut.known_position, store.GetHead().position);
    if (rec.state.empty()) {
      return Status::NotFound("employee " + std::string(nip) + " at the requested cut");
    }
    const Placement* p = CurrentPlacement(rec.state);
    if (p != nullptr && !p->position_id.empty()) {
      std::vector<store::RecordedEvent> org_hold;
      auto org_events = EffectiveOf(store, "org/" + p->agency, cut, &org_hold);
      if (org_events.ok()) {
        OrgState org = FoldOrg(p->agency, *org_events);
        if (const PositionDef* def = org.FindPosition(p->position_id)) rec.position = *def;
      } else if (!org_events.status().IsNotFound()) {
        return org_events.status();
      }
    }
    return rec;
  } catch (const kj::Exception& e) {
    return Status::Corruption("reconstructing " + std::string(nip) + ": " +
                              e.getDescription().cStr());
  }
}

Result<uint64_t> PositionKnownAt(store::EventStore& store, int64_t unix_micros) {
  // Invariant: positions <= lo were recorded at or before the instant,
  // positions > hi after it.
  uint64_t lo = 0;
  uint64_t hi = store.GetHead().position;
  while (lo < hi) {
    const uint64_t mid = lo + (hi - lo + 1) / 2;
    auto ev = store.ReadAt(mid);
    if (!ev.ok()) return ev.status();
    if (ev->event().getRecordedAt().getUnixMicros() <= unix_micros) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

}  // namespace jejak::projection
