#include "index_reader.h"

#include <rocksdb/db.h>

#include <capnp/serialize.h>
#include <kj/exception.h>

#include <cstring>
#include <memory>

#include "jejak/projection/names.h"
#include "jejak/projection/profile_view.h"
#include "jejak/projection/state_codec.h"
#include "jejak/schema/projection.capnp.h"
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

Result<IndexReader::Brief> IndexReader::LoadBrief(std::string_view nip) {
  rocksdb::PinnableSlice value;
  rocksdb::Status st = p_.store().rocks()->Get(rocksdb::ReadOptions(), p_.family(),
                                               keys::Profile(nip), &value);
  if (st.IsNotFound()) {
    return Status::Corruption("an index names employee " + std::string(nip) +
                              " who has no profile (rebuild the projection)");
  }
  JEJAK_RETURN_IF_ERROR(FromRocks(st, "reading profile " + std::string(nip)));
  if (value.size() % sizeof(capnp::word) != 0 || value.empty()) {
    return Status::Corruption("profile " + std::string(nip) + ": not whole words");
  }
  std::vector<capnp::word> words(value.size() / sizeof(capnp::word));
  std::memcpy(words.data(), value.data(), value.size());
  try {
    capnp::FlatArrayMessageReader reader(kj::arrayPtr(words.data(), words.size()));
    auto r = reader.getRoot<schema::Profile>();
    Brief b;
    std::string position;
    // Lists are sorted by key: the last element is the current one.
    auto placements = r.getPlacements();
    if (placements.size() > 0) {
      auto p = placements[placements.size() - 1];
      b.agency = p.getAgency();
      b.unit = p.getUnit();
      b.level = p.getLevel();
      position = p.getPositionName().size() > 0 ? p.getPositionName() : p.getPositionId();
    }
    auto ranks = r.getRanks();
    if (ranks.size() > 0) {
      auto rank = ranks[ranks.size() - 1].getRank();
      if (rank.isGolongan()) b.rank.golongan = rank.getGolongan();
      if (rank.isPppkGrade()) b.rank.pppk_grade = rank.getPppkGrade();
    }
    b.birth_date = r.getBirthDate();
    b.recruited = r.getRecruited().getEffective();
    if (r.getSeparation().getKey().getPosition() != 0) {
      b.separated = r.getSeparation().getKey().getEffective();
    }
    b.cells = {r.getNip(), r.getName(), b.agency, b.unit,
               ranks.size() > 0 ? RankName(b.rank) : "", position};
    return b;
  } catch (const kj::Exception& e) {
    return Status::Corruption("profile " + std::string(nip) + ": " + e.getDescription().cStr());
  }
}

bool InScope(const IndexReader::Brief& b, const Scope& scope) {
  if (scope.agency.empty()) return true;
  return b.agency == scope.agency && (scope.unit.empty() || b.unit == scope.unit);
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
