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
  // Positions grow with versions: nothing past the cut is read.
  auto events = store.ReadStream(stream, 1, UINT64_MAX, cut.known_position);
  if (!events.ok()) return events.status();
  *hold = std::move(events).value();
  std::vector<schema::Event::Reader> readers;
  readers.reserve(hold->size());
  for (const auto& e : *hold) readers.push_back(e.event());
  return EffectiveEvents(readers, cut);
}

}  // namespace

Result<ProfileRecord> EmployeeAsOf(store::EventStore& store, std::string_view nip, const Cut& cut) {
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
    return rec;
  } catch (const kj::Exception& e) {
    return Status::Corruption("reconstructing " + std::string(nip) + ": " +
                              e.getDescription().cStr());
  }
}

Result<std::optional<PositionDef>> PositionAsOf(store::EventStore& store, std::string_view agency,
                                                std::string_view position_id, const Cut& cut) {
  try {
    std::vector<store::RecordedEvent> hold;
    auto org_events = EffectiveOf(store, "org/" + std::string(agency), cut, &hold);
    if (!org_events.ok()) {
      if (org_events.status().IsNotFound()) return std::optional<PositionDef>();
      return org_events.status();
    }
    const OrgState org = FoldOrg(agency, *org_events);
    if (const PositionDef* def = org.FindPosition(position_id)) return std::optional(*def);
    return std::optional<PositionDef>();
  } catch (const kj::Exception& e) {
    return Status::Corruption("reconstructing position " + std::string(position_id) + " of " +
                              std::string(agency) + ": " + e.getDescription().cStr());
  }
}

Result<ProfileRecord> ProfileAsOf(store::EventStore& store, std::string_view nip, const Cut& cut) {
  auto rec = EmployeeAsOf(store, nip, cut);
  if (!rec.ok()) return rec;
  const Placement* p = CurrentPlacement(rec->state);
  if (p != nullptr && !p->position_id.empty()) {
    auto def = PositionAsOf(store, p->agency, p->position_id, cut);
    if (!def.ok()) return def.status();
    rec->position = std::move(def).value();
  }
  return rec;
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
