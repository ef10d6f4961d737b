#include "index_reader.h"

#include <rocksdb/db.h>

#include <memory>

#include "rocks_status.h"

namespace jejak::projection {

namespace {

// The smallest key greater than every key starting with `prefix`; empty
// when there is none (a prefix of 0xff bytes).
std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty() && static_cast<uint8_t>(end.back()) == 0xff) end.pop_back();
  if (!end.empty()) end.back() = static_cast<char>(static_cast<uint8_t>(end.back()) + 1);
  return end;
}

IndexReader::Visit Parsing(const IndexReader::VisitBrief& visit) {
  return [&visit](std::string_view key, std::string_view value) -> Status {
    auto brief = ParseBrief(key, value);
    if (!brief.ok()) return brief.status();
    return visit(key, *brief);
  };
}

}  // namespace

IndexReader::IndexReader(Projector& p) : gen_(p.Pin()), snapshot_(gen_->db()->GetSnapshot()) {}

IndexReader::~IndexReader() { gen_->db()->ReleaseSnapshot(snapshot_); }

Status IndexReader::Range(std::string_view begin, std::string_view end, const Visit& visit) {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot_;
  const rocksdb::Slice upper(end.data(), end.size());
  if (!end.empty()) ro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(gen_->db()->NewIterator(ro, gen_->family()));
  for (it->Seek(rocksdb::Slice(begin.data(), begin.size())); it->Valid(); it->Next()) {
    JEJAK_RETURN_IF_ERROR(visit(std::string_view(it->key().data(), it->key().size()),
                                std::string_view(it->value().data(), it->value().size())));
  }
  return FromRocks(it->status(), "scanning the profile indexes");
}

Status IndexReader::Prefix(std::string_view prefix, const Visit& visit) {
  return Range(prefix, PrefixEnd(prefix), visit);
}

Status IndexReader::BriefRange(std::string_view begin, std::string_view end, const VisitBrief& visit) {
  return Range(begin, end, Parsing(visit));
}

Status IndexReader::BriefPrefix(std::string_view prefix, const VisitBrief& visit) {
  return Prefix(prefix, Parsing(visit));
}

bool InScope(const BriefView& b, const Scope& scope) {
  if (scope.agency.empty()) return true;
  return b.agency == scope.agency && (scope.unit.empty() || b.unit == scope.unit);
}

}  // namespace jejak::projection
