#include "audit/post_holders.h"

#include <algorithm>

namespace jejak::audit {

std::string PostHolders::PostKey(const std::string& agency, const std::string& position_id) {
  std::string k = agency;
  k += '\0';
  k += position_id;
  return k;
}

void PostHolders::Update(const std::string& nip, const projection::ProfileState& s,
                         const std::function<bool(const projection::Placement&)>& tracked) {
  // Forget what the employee held: the state is the whole truth now.
  if (auto it = held_by_.find(nip); it != held_by_.end()) {
    for (const std::string& key : it->second) {
      auto post = posts_.find(key);
      if (post == posts_.end()) continue;
      auto& list = post->second;
      list.erase(std::remove_if(list.begin(), list.end(),
                                [&](const Holding& h) { return h.nip == nip; }),
                 list.end());
      if (list.empty()) posts_.erase(post);
    }
    held_by_.erase(it);
  }
  const auto& placements = s.placements;  // sorted by (TMT, position)
  for (size_t i = 0; i < placements.size(); ++i) {
    const projection::Placement& p = placements[i];
    if (p.position_id.empty() || !tracked(p)) continue;
    Holding h;
    h.nip = nip;
    h.since = p.key.effective;
    h.position = p.key.position;
    // Ended by the next placement in another post, or by a separation
    // before it.
    size_t next = i + 1;
    while (next < placements.size() && placements[next].agency == p.agency &&
           placements[next].position_id == p.position_id) {
      ++next;  // the same post again (a re-assignment): one holding
    }
    const projection::FactKey sep = s.separation.key;
    const bool separated = sep.position != 0 && sep.effective >= p.key.effective;
    if (next < placements.size() &&
        (!separated || placements[next].key.effective <= sep.effective)) {
      const projection::Placement& n = placements[next];
      h.end = n.kind == projection::PlacementKind::kPromoted ? End::kPromotedElsewhere
                                                             : End::kMoved;
      h.until = n.key.effective;
      h.end_position = n.key.position;
    } else if (separated) {
      h.end = End::kSeparated;
      h.until = sep.effective;
      h.end_position = sep.position;
      h.reason = s.separation.reason;
    }
    const std::string key = PostKey(p.agency, p.position_id);
    auto& list = posts_[key];
    list.insert(std::upper_bound(list.begin(), list.end(), h,
                                 [](const Holding& a, const Holding& b) {
                                   return a.since < b.since ||
                                          (a.since == b.since && a.position < b.position);
                                 }),
                h);
    auto& mine = held_by_[nip];
    if (std::find(mine.begin(), mine.end(), key) == mine.end()) mine.push_back(key);
    i = next - 1;
  }
}

const PostHolders::Holding* PostHolders::PreviousHolder(const std::string& agency,
                                                        const std::string& position_id,
                                                        const std::string& nip,
                                                        uint32_t date) const {
  auto it = posts_.find(PostKey(agency, position_id));
  if (it == posts_.end()) return nullptr;
  const Holding* out = nullptr;
  for (const Holding& h : it->second) {
    if (h.since >= date) break;
    if (h.nip != nip) out = &h;
  }
  return out;
}

}  // namespace jejak::audit
