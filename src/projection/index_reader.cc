#include "index_reader.h"

#include <rocksdb/db.h>

#include <memory>

#include "jejak/projection/names.h"
#include "jejak/projection/profile_view.h"
#include "jejak/projection/state_codec.h"
#include "keys.h"
#include "rocks_status.h"

namespace jejak::projection {

Status IndexReader::Range(std::string_view begin, std::string_view end, const Visit& visit) {
  rocksdb::ReadOptions ro;
  const rocksdb::Slice upper(end.data(), end.size());
  ro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(p_.store().rocks()->NewIterator(ro, p_.family()));
  for (it->Seek(rocksdb::Slice(begin.data(), begin.size())); it->Valid(); it->Next()) {
    JEJAK_RETURN_IF_ERROR(visit(std::string_view(it->key().data(), it->key().size()),
                                std::string_view(it->value().data(), it->value().size())));
  }
  return FromRocks(it->status(), "scanning the profile indexes");
}

Status IndexReader::Prefix(std::string_view prefix, const Visit& visit) {
  // The smallest key greater than every key with this prefix.
  std::string end(prefix);
  while (!end.empty() && static_cast<uint8_t>(end.back()) == 0xff) end.pop_back();
  if (end.empty()) return Range(prefix, std::string(64, '\xff'), visit);
  end.back() = static_cast<char>(static_cast<uint8_t>(end.back()) + 1);
  return Range(prefix, end, visit);
}

Result<ProfileState> IndexReader::Load(std::string_view nip) {
  std::string value;
  rocksdb::Status s =
      p_.store().rocks()->Get(rocksdb::ReadOptions(), p_.family(), keys::Profile(nip), &value);
  if (s.IsNotFound()) {
    return Status::Corruption("an index names employee " + std::string(nip) +
                              " who has no profile (rebuild the projection)");
  }
  JEJAK_RETURN_IF_ERROR(FromRocks(s, "reading profile " + std::string(nip)));
  auto state = DecodeProfile(value);
  if (!state.ok()) return state.status().WithContext("profile " + std::string(nip));
  return state;
}

bool InScope(const ProfileState& s, const Scope& scope) {
  if (scope.agency.empty()) return true;
  const Placement* p = CurrentPlacement(s);
  if (p == nullptr || p->agency != scope.agency) return false;
  return scope.unit.empty() || p->unit == scope.unit;
}

std::vector<std::string> BaseColumns() {
  return {"NIP", "NAME", "AGENCY", "UNIT", "RANK", "POSITION"};
}

std::vector<std::string> BaseCells(const ProfileState& s) {
  const Placement* p = CurrentPlacement(s);
  const RankFact* r = CurrentRank(s);
  std::string position;
  if (p != nullptr) position = p->position_name.empty() ? p->position_id : p->position_name;
  return {s.nip,
          s.name,
          p != nullptr ? p->agency : "",
          p != nullptr ? p->unit : "",
          r != nullptr ? RankName(r->rank) : "",
          position};
}

}  // namespace jejak::projection
