// EffectiveEvents: a stream's history with corrections and retractions
// resolved (rules in fold.h).
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "jejak/projection/fold.h"

namespace jejak::projection {

FoldInput FoldInputOf(schema::Event::Reader event) {
  return FoldInput{event.getPosition(), event.getEffectiveDate().getYyyymmdd(),
                   event.getPayload()};
}

namespace {

bool IsAmendment(schema::Payload::Which w) {
  return w == schema::Payload::CORRECTED || w == schema::Payload::RETRACTED;
}

}  // namespace

std::vector<FoldInput> EffectiveEvents(std::span<const schema::Event::Reader> events,
                                       const Cut& cut) {
  // Only events known at the cut.
  size_t n = 0;
  while (n < events.size() && events[n].getPosition() <= cut.known_position) ++n;
  auto known = events.first(n);

  std::vector<FoldInput> out;
  bool any_amendment = false;
  for (auto e : known) any_amendment |= IsAmendment(e.getPayload().which());
  if (!any_amendment) {  // the common case: no corrections at all
    out.reserve(known.size());
    for (auto e : known) {
      if (e.getEffectiveDate().getYyyymmdd() <= cut.valid_date) out.push_back(FoldInputOf(e));
    }
    return out;
  }

  auto index_of = [&](uint64_t position) -> std::ptrdiff_t {
    auto it = std::lower_bound(known.begin(), known.end(), position,
                               [](schema::Event::Reader e, uint64_t p) { return e.getPosition() < p; });
    if (it == known.end() || it->getPosition() != position) return -1;
    return it - known.begin();
  };

  // Newest first: everything that can amend an event comes after it, so
  // when we reach an event we already know whether it is alive and which
  // correction (the newest alive one) claims it.
  std::vector<bool> dead(known.size(), false);
  std::unordered_map<size_t, size_t> claim;  // original index -> correction index
  for (size_t i = known.size(); i-- > 0;) {
    if (dead[i]) continue;
    auto payload = known[i].getPayload();
    const uint64_t pos = known[i].getPosition();
    if (payload.isRetracted()) {
      uint64_t target = payload.getRetracted().getTarget();
      auto t = target < pos ? index_of(target) : -1;
      if (t >= 0) dead[static_cast<size_t>(t)] = true;
    } else if (payload.isCorrected()) {
      uint64_t target = payload.getCorrected().getTarget();
      auto t = target < pos ? index_of(target) : -1;
      // A correction of a correction corrects the original.
      std::unordered_set<size_t> seen;
      while (t >= 0 && known[static_cast<size_t>(t)].getPayload().isCorrected() &&
             seen.insert(static_cast<size_t>(t)).second) {
        t = index_of(known[static_cast<size_t>(t)].getPayload().getCorrected().getTarget());
      }
      if (t >= 0 && !IsAmendment(known[static_cast<size_t>(t)].getPayload().which())) {
        claim.emplace(static_cast<size_t>(t), i);  // keeps the newest
      }
    }
  }

  out.reserve(known.size());
  for (size_t i = 0; i < known.size(); ++i) {
    if (dead[i] || IsAmendment(known[i].getPayload().which())) continue;
    FoldInput in = FoldInputOf(known[i]);
    auto c = claim.find(i);
    if (c != claim.end()) {
      auto correcting = known[c->second];
      auto replacement = correcting.getPayload().getCorrected().getReplacement();
      while (replacement.isCorrected()) replacement = replacement.getCorrected().getReplacement();
      in.payload = replacement;
      uint32_t eff = correcting.getEffectiveDate().getYyyymmdd();
      if (eff != 0) in.effective = eff;
    }
    if (in.effective <= cut.valid_date) out.push_back(in);
  }
  return out;
}

}  // namespace jejak::projection
