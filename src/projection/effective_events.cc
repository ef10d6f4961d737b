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

Amendments::Amendments(std::span<const schema::Event::Reader> amendments,
                       uint64_t known_position) {
  size_t n = 0;
  while (n < amendments.size() && amendments[n].getPosition() <= known_position) ++n;
  auto known = amendments.first(n);
  amendment_positions_.reserve(n);
  for (auto a : known) amendment_positions_.push_back(a.getPosition());
  // The amendment at `position`, or -1.
  auto index_of = [&](uint64_t position) -> std::ptrdiff_t {
    auto it = std::lower_bound(amendment_positions_.begin(), amendment_positions_.end(), position);
    if (it == amendment_positions_.end() || *it != position) return -1;
    return it - amendment_positions_.begin();
  };
  // Newest first: everything that can amend an event comes after it, so
  // when we reach an amendment we already know whether it is alive, and
  // the first correction to claim an event is the newest alive one. A
  // target that is not an event of the stream is never met, so marking or
  // claiming it has no effect.
  std::unordered_set<uint64_t> dead;
  std::unordered_map<uint64_t, size_t> claim;  // original position -> amendment index
  for (size_t i = known.size(); i-- > 0;) {
    const uint64_t pos = known[i].getPosition();
    if (dead.contains(pos)) continue;
    auto payload = known[i].getPayload();
    if (payload.isRetracted()) {
      const uint64_t target = payload.getRetracted().getTarget();
      if (target < pos) dead.insert(target);
    } else if (payload.isCorrected()) {
      uint64_t target = payload.getCorrected().getTarget();
      if (target >= pos) continue;
      // A correction of a correction corrects the original.
      std::unordered_set<uint64_t> seen;
      std::ptrdiff_t t = index_of(target);
      while (t >= 0 && known[static_cast<size_t>(t)].getPayload().isCorrected() &&
             seen.insert(target).second) {
        target = known[static_cast<size_t>(t)].getPayload().getCorrected().getTarget();
        t = index_of(target);
      }
      // Keeps the newest; amendments are never claimed, nor events not
      // earlier than the correction (a chain may point forward).
      if (t < 0 && target < pos) claim.emplace(target, i);
    }
  }
  dead_.assign(dead.begin(), dead.end());
  std::sort(dead_.begin(), dead_.end());
  claims_.reserve(claim.size());
  for (const auto& [target, i] : claim) claims_.emplace_back(target, known[i]);
  std::sort(claims_.begin(), claims_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
}

bool Amendments::Effective(schema::Event::Reader event, const Cut& cut, FoldInput* out) const {
  const uint64_t pos = event.getPosition();
  if (pos > cut.known_position || IsAmendment(event.getPayload().which())) return false;
  if (std::binary_search(dead_.begin(), dead_.end(), pos)) return false;
  FoldInput in = FoldInputOf(event);
  auto c = std::lower_bound(claims_.begin(), claims_.end(), pos,
                            [](const auto& claim, uint64_t p) { return claim.first < p; });
  if (c != claims_.end() && c->first == pos) {
    auto replacement = c->second.getPayload().getCorrected().getReplacement();
    while (replacement.isCorrected()) replacement = replacement.getCorrected().getReplacement();
    in.payload = replacement;
    const uint32_t eff = c->second.getEffectiveDate().getYyyymmdd();
    if (eff != 0) in.effective = eff;
  }
  if (in.effective > cut.valid_date) return false;
  *out = in;
  return true;
}

std::vector<FoldInput> EffectiveEvents(std::span<const schema::Event::Reader> events,
                                       const Cut& cut) {
  // Only events known at the cut.
  size_t n = 0;
  while (n < events.size() && events[n].getPosition() <= cut.known_position) ++n;
  auto known = events.first(n);

  std::vector<FoldInput> out;
  std::vector<schema::Event::Reader> amendments;
  for (auto e : known) {
    if (IsAmendment(e.getPayload().which())) amendments.push_back(e);
  }
  out.reserve(known.size());
  if (amendments.empty()) {  // the common case: no corrections at all
    for (auto e : known) {
      if (e.getEffectiveDate().getYyyymmdd() <= cut.valid_date) out.push_back(FoldInputOf(e));
    }
    return out;
  }
  const Amendments resolved(amendments, cut.known_position);
  FoldInput in;
  for (auto e : known) {
    if (resolved.Effective(e, cut, &in)) out.push_back(in);
  }
  return out;
}

}  // namespace jejak::projection
