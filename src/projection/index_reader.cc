#include "index_reader.h"

#include <rocksdb/db.h>

#include <memory>

#include "rocks_status.h"

namespace jejak::projection {

std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty() && static_cast<uint8_t>(end.back()) == 0xff) end.pop_back();
  if (!end.empty()) end.back() = static_cast<char>(static_cast<uint8_t>(end.back()) + 1);
  return end;
}

namespace {

IndexReader::Visit Parsing(const IndexReader::VisitBrief& visit) {
  return [&visit](std::string_view key, std::string_view value) -> Status {
    auto brief = ParseBrief(key, value);
    if (!brief.ok()) return brief.status();
    return visit(key, *brief);
  };
}

}  // namespace

// A reader's store (read-only) is fixed when opened and refuses snapshots.
IndexReader::IndexReader(Projector& p)
    : gen_(p.Pin()), snapshot_(p.store().read_only() ? nullptr : gen_->db()->GetSnapshot()) {}

IndexReader::~IndexReader() {
  if (snapshot_ != nullptr) gen_->db()->ReleaseSnapshot(snapshot_);
}

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

Result<std::optional<std::string>> IndexReader::FirstKey(std::string_view begin, std::string_view end) {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot_;
  const rocksdb::Slice upper(end.data(), end.size());
  if (!end.empty()) ro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(gen_->db()->NewIterator(ro, gen_->family()));
  it->Seek(rocksdb::Slice(begin.data(), begin.size()));
  if (it->Valid()) return std::optional<std::string>(it->key().ToString());
  JEJAK_RETURN_IF_ERROR(FromRocks(it->status(), "scanning the profile indexes"));
  return std::optional<std::string>();
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

}  // namespace jejak::projection
