// NipSet: the NIPs a rebuild has written so far, so that a later batch of
// the same rebuild knows which employees have no stored profile yet (and
// skips the Get for them). Filled a commit at a time, looked up once per
// employee a batch meets first: kept as sorted 18-byte records in one
// buffer, so neither adding nor looking up allocates per NIP.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jejak::projection {

class NipSet {
 public:
  // Adds `nips` (any order; duplicates and NIPs already held are fine).
  void Add(std::vector<std::string_view> nips);
  // False only when `nip` was never added. A NIP that is not 18 bytes
  // (keys::kNipSize; the store admits no such employee stream) is never
  // held, and "may" be written: the caller reads the family to know.
  bool MayContain(std::string_view nip) const;
  size_t size() const;

 private:
  std::string records_;  // sorted, distinct, kNipSize bytes each
};

}  // namespace jejak::projection
