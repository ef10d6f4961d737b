#include "fold_batch.h"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <memory>

#include "jejak/projection/fold.h"
#include "jejak/projection/state_codec.h"
#include "keys.h"
#include "rocks_status.h"

namespace jejak::projection {

namespace {

bool IsAmendment(schema::Payload::Reader p) { return p.isCorrected() || p.isRetracted(); }

}  // namespace

FoldBatch::FoldBatch(store::EventStore& store, rocksdb::ColumnFamilyHandle* family,
                     const Rules& rules)
    : store_(store), family_(family), rules_(rules) {}

Result<FoldBatch::Employee*> FoldBatch::LoadEmployee(std::string_view nip) {
  if (auto found = employees_.find(nip); found != employees_.end()) return &found->second;
  auto [it, inserted] = employees_.try_emplace(std::string(nip));
  Employee& e = it->second;
  if (!inserted) return &e;
  if (written_ != nullptr && !written_->contains(it->first)) {
    e.state.nip = std::string(nip);
    return &e;
  }
  std::string value;
  const std::string key = keys::Profile(nip);
  rocksdb::Status s = store_.rocks()->Get(rocksdb::ReadOptions(), family_, key, &value);
  if (s.IsNotFound()) {
    e.state.nip = std::string(nip);
    return &e;
  }
  if (!s.ok()) {
    employees_.erase(it);
    return FromRocks(s, "reading profile " + std::string(nip));
  }
  auto decoded = DecodeProfile(value);
  if (!decoded.ok()) {
    employees_.erase(it);
    return decoded.status().WithContext("profile " + std::string(nip));
  }
  e.state = std::move(decoded).value();
  e.old_index = IndexEntries(e.state, rules_);
  return &e;
}

Result<FoldBatch::Agency*> FoldBatch::LoadAgency(std::string_view agency) {
  if (auto found = agencies_.find(agency); found != agencies_.end()) return &found->second;
  auto [it, inserted] = agencies_.try_emplace(std::string(agency));
  Agency& a = it->second;
  if (!inserted) return &a;
  a.state.agency = std::string(agency);
  const std::string prefix = keys::OrgPrefix(agency);
  std::unique_ptr<rocksdb::Iterator> iter(
      store_.rocks()->NewIterator(rocksdb::ReadOptions(), family_));
  for (iter->Seek(prefix); iter->Valid() && iter->key().starts_with(prefix); iter->Next()) {
    std::string key = iter->key().ToString();
    std::string_view value(iter->value().data(), iter->value().size());
    const char tag = key[prefix.size()];
    if (tag == 'p') {
      auto p = DecodePosition(value);
      if (!p.ok()) return p.status().WithContext("agency " + std::string(agency));
      a.state.positions.push_back(std::move(p).value());
      a.state.last_position =
          std::max(a.state.last_position, a.state.positions.back().versions.empty()
                                              ? 0
                                              : a.state.positions.back().versions.back().key.position);
    } else if (tag == 'u') {
      auto u = DecodeUnit(value);
      if (!u.ok()) return u.status().WithContext("agency " + std::string(agency));
      a.state.units.push_back(std::move(u).value());
    }
    a.old_values.emplace(std::move(key), std::string(value));
  }
  if (!iter->status().ok()) {
    agencies_.erase(it);
    return FromRocks(iter->status(), "reading agency " + std::string(agency));
  }
  return &a;
}

template <typename Fold>
Status FoldBatch::Refold(std::string_view stream, uint64_t position, Fold fold) {
  auto events = store_.ReadStream(stream);
  if (!events.ok()) return events.status().WithContext("refolding " + std::string(stream));
  std::vector<schema::Event::Reader> readers;
  readers.reserve(events->size());
  for (const auto& e : *events) readers.push_back(e.event());
  fold(EffectiveEvents(readers, Cut{position, UINT32_MAX}));
  return Status::Ok();
}

Status FoldBatch::Apply(schema::Event::Reader event) {
  ++events_;
  const std::string_view stream(event.getStream().cStr(), event.getStream().size());
  const auto payload = event.getPayload();
  if (stream.starts_with("emp/")) {
    const std::string_view nip = stream.substr(4);
    auto e = LoadEmployee(nip);
    if (!e.ok()) return e.status();
    ProfileState& state = (*e)->state;
    if (!IsAmendment(payload)) {
      ApplyProfile(state, event);
      return Status::Ok();
    }
    return Refold(stream, event.getPosition(), [&](const std::vector<FoldInput>& effective) {
      state = FoldProfile(nip, effective);
      state.last_position = event.getPosition();
    });
  }
  if (stream.starts_with("org/")) {
    const std::string_view agency = stream.substr(4);
    auto a = LoadAgency(agency);
    if (!a.ok()) return a.status();
    OrgState& state = (*a)->state;
    if (!IsAmendment(payload)) {
      ApplyOrg(state, FoldInputOf(event));
      return Status::Ok();
    }
    return Refold(stream, event.getPosition(), [&](const std::vector<FoldInput>& effective) {
      state = FoldOrg(agency, effective);
    });
  }
  return Status::Ok();  // selection streams: no state here (the audit reads them)
}

Status FoldBatch::Commit(uint64_t checkpoint) {
  // Mutations are gathered and sorted by key first: the memtable inserts a
  // sorted batch with its splice hint, several times faster than at random.
  struct Mutation {
    std::string key;
    std::string value;
    bool erase = false;
  };
  std::vector<Mutation> muts;
  muts.reserve(employees_.size() * 3 + 1);
  for (auto& [nip, e] : employees_) {
    if (written_ != nullptr) written_->insert(nip);
    muts.push_back({keys::Profile(nip), EncodeProfile(e.state)});
    auto index = IndexEntries(e.state, rules_);
    // Both lists are sorted by key: a merge gives deletes and puts.
    size_t i = 0, j = 0;
    while (i < e.old_index.size() || j < index.size()) {
      if (j == index.size() || (i < e.old_index.size() && e.old_index[i].key < index[j].key)) {
        muts.push_back({std::move(e.old_index[i++].key), "", true});
      } else if (i == e.old_index.size() || index[j].key < e.old_index[i].key) {
        muts.push_back({std::move(index[j].key), std::move(index[j].value)});
        ++j;
      } else {
        if (e.old_index[i].value != index[j].value) {
          muts.push_back({std::move(index[j].key), std::move(index[j].value)});
        }
        ++i;
        ++j;
      }
    }
  }
  for (auto& [agency, a] : agencies_) {
    std::map<std::string, std::string> values;
    for (const auto& p : a.state.positions) values[keys::Position(agency, p.position_id)] = EncodePosition(p);
    for (const auto& u : a.state.units) values[keys::Unit(agency, u.unit_id)] = EncodeUnit(u);
    for (const auto& [key, old] : a.old_values) {
      if (!values.contains(key)) muts.push_back({key, "", true});
    }
    for (auto& [key, value] : values) {
      auto old = a.old_values.find(key);
      if (old == a.old_values.end() || old->second != value) muts.push_back({key, std::move(value)});
    }
  }
  std::sort(muts.begin(), muts.end(),
            [](const Mutation& x, const Mutation& y) { return x.key < y.key; });
  size_t bytes = 64;
  for (const auto& m : muts) bytes += m.key.size() + m.value.size() + 16;
  rocksdb::WriteBatch batch(bytes);  // one allocation, not a doubling series
  for (const auto& m : muts) {
    if (m.erase) {
      batch.Delete(family_, m.key);
    } else {
      batch.Put(family_, m.key, m.value);
    }
  }
  std::string ckpt;
  keys::PutU64(&ckpt, checkpoint);
  batch.Put(family_, keys::Checkpoint(), ckpt);
  rocksdb::WriteOptions wo;
  // No WAL: state and checkpoint are in one family, so a memtable flush
  // persists both or neither; a crash loses whole batches, never half of one.
  wo.disableWAL = true;
  JEJAK_RETURN_IF_ERROR(FromRocks(store_.rocks()->Write(wo, &batch),
                                  "writing projection batch up to position " +
                                      std::to_string(checkpoint)));
  employees_.clear();
  agencies_.clear();
  events_ = 0;
  return Status::Ok();
}

}  // namespace jejak::projection
