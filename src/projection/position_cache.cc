// PositionCache (position_cache.h).
#include "position_cache.h"

namespace jejak::projection {

std::string PositionCache::KeyOf(std::string_view agency, std::string_view position_id) {
  std::string key;
  key.reserve(agency.size() + 1 + position_id.size());
  key.append(agency);
  key.push_back('\0');  // agency ids hold no NUL (keys.h OrgPrefix)
  key.append(position_id);
  return key;
}

std::shared_ptr<const StoredPositionDef> PositionCache::Find(uint64_t generation, uint64_t epoch,
                                                             std::string_view agency,
                                                             std::string_view position_id) const {
  const std::string key = KeyOf(agency, position_id);
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.generation != generation || it->second.epoch != epoch) {
    return nullptr;
  }
  return it->second.value;
}

void PositionCache::Insert(uint64_t generation, uint64_t epoch, std::string_view agency,
                           std::string_view position_id,
                           std::shared_ptr<const StoredPositionDef> entry) {
  std::string key = KeyOf(agency, position_id);
  std::lock_guard lock(mu_);
  if (entries_.size() >= capacity_) entries_.clear();
  entries_[std::move(key)] = Entry{generation, epoch, std::move(entry)};
}

}  // namespace jejak::projection
