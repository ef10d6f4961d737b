#include "nip_set.h"

#include <algorithm>

#include "keys.h"

namespace jejak::projection {

namespace {

constexpr size_t kRecord = keys::kNipSize;

std::string_view Record(const std::string& records, size_t i) {
  return std::string_view(records).substr(i * kRecord, kRecord);
}

}  // namespace

size_t NipSet::size() const { return records_.size() / kRecord; }

void NipSet::Add(std::vector<std::string_view> nips) {
  std::erase_if(nips, [](std::string_view nip) { return nip.size() != kRecord; });  // never held
  if (!std::is_sorted(nips.begin(), nips.end())) std::sort(nips.begin(), nips.end());
  std::string merged;
  merged.reserve(records_.size() + nips.size() * kRecord);
  size_t i = 0, j = 0;
  const size_t held = size();
  std::string_view last;  // the last record appended to `merged`
  auto append = [&](std::string_view nip) {
    if (!merged.empty() && nip == last) return;
    merged.append(nip);
    last = std::string_view(merged).substr(merged.size() - kRecord);
  };
  while (i < held || j < nips.size()) {
    if (j == nips.size() || (i < held && Record(records_, i) <= nips[j])) {
      append(Record(records_, i++));
    } else {
      append(nips[j++]);
    }
  }
  records_ = std::move(merged);
}

bool NipSet::MayContain(std::string_view nip) const {
  if (nip.size() != kRecord) return true;
  size_t lo = 0, hi = size();  // the first record >= nip is in [lo, hi]
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (Record(records_, mid) < nip) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < size() && Record(records_, lo) == nip;
}

}  // namespace jejak::projection
