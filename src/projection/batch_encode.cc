#include "batch_encode.h"

#include <algorithm>
#include <map>
#include <string>
#include <thread>

#include "fold_tuning.h"
#include "keys.h"
#include "state_codec.h"

namespace jejak::projection {

namespace {

// What one encode thread reuses from employee to employee.
struct EncodeScratch {
  ProfileEncoder encoder;
  std::string key, value;  // of the last profile encoded
  std::vector<IndexEntry> index;  // of the last profile
  std::vector<std::string_view> briefs;  // the distinct values copied for it
  const std::string profile_prefix = keys::Profile("");
};

// The profile value and the index changes of one touched employee: the
// entries of its old state not in the new one are deleted, new or changed
// ones put (both lists are sorted by key, so a merge gives them).
// `keep`: old_index becomes the new entries (the state stays cached).
// The mutations' bytes are copied into `bytes`. The profile value is added
// to `profile_file` instead when there is one (REQUIRES: NIPs in increasing
// order).
Status EmployeeMutations(std::string_view nip, const ProfileState& state,
                         std::vector<IndexEntry>& old_index, const Rules& rules, bool keep,
                         EncodeScratch& scratch, SortedFile* profile_file, ByteArena& bytes,
                         std::vector<Mutation>& muts) {
  scratch.encoder.Encode(state, &scratch.value);
  if (profile_file != nullptr) {
    scratch.key.assign(scratch.profile_prefix).append(nip);
    JEJAK_RETURN_IF_ERROR(profile_file->Add(scratch.key, scratch.value));
  } else {
    muts.push_back({bytes.Copy({scratch.profile_prefix, nip}), bytes.Copy(scratch.value)});
  }
  IndexEntriesInto(state, rules, &scratch.index);
  const std::vector<IndexEntry>& index = scratch.index;
  // A profile's index entries carry a few distinct briefs (most indexes
  // carry the same parts): each is copied once and shared by its entries.
  scratch.briefs.clear();
  auto put = [&](const IndexEntry& x) {
    auto& briefs = scratch.briefs;
    const auto shared = std::find(briefs.begin(), briefs.end(), std::string_view(x.value));
    const std::string_view value = shared != briefs.end() ? *shared : briefs.emplace_back(bytes.Copy(x.value));
    muts.push_back({bytes.Copy(x.key), value});
  };
  size_t i = 0, j = 0;
  while (i < old_index.size() || j < index.size()) {
    if (j == index.size() || (i < old_index.size() && old_index[i].key < index[j].key)) {
      muts.push_back({bytes.Copy(old_index[i++].key), {}, true});
    } else if (i == old_index.size() || index[j].key < old_index[i].key) {
      put(index[j++]);
    } else {
      if (old_index[i].value != index[j].value) put(index[j]);
      ++i;
      ++j;
    }
  }
  if (keep) old_index = index;
  return Status::Ok();
}

// EncodeEmployees and EncodeEmployeesToFiles: `profile_files` nullptr or
// one per shard.
Status EncodeShards(const std::vector<EmployeeRef>& touched, const Rules& rules, size_t shards,
                    bool keep_index, std::vector<SortedFile>* profile_files, CommitRuns* out) {
  const size_t base = out->runs.size();
  // Sized before the threads start: each shard only touches its own slots.
  out->runs.resize(base + shards);
  out->arenas.resize(base + shards);
  std::vector<Status> shard_status(shards);
  auto encode = [&](size_t shard) {
    const size_t from = touched.size() * shard / shards;
    const size_t to = touched.size() * (shard + 1) / shards;
    auto& muts = out->runs[base + shard];
    muts.reserve((to - from) * 8);
    EncodeScratch scratch;
    SortedFile* file = profile_files != nullptr ? &(*profile_files)[shard] : nullptr;
    Status& status = shard_status[shard];
    for (size_t k = from; k < to; ++k) {
      BatchEmployee& e = *touched[k].employee;
      if (status.ok()) {
        status = EmployeeMutations(touched[k].nip, e.state, e.old_index, rules, keep_index,
                                   scratch, file, out->arenas[base + shard], muts);
      }
      e.touched = false;
      // States are freed by BatchStates::Forget, on one thread: freed here
      // by a shard on another thread, each free would contend for the
      // folding thread's malloc arena.
    }
    if (status.ok() && file != nullptr) status = file->Finish();
    // With profile files, the shard went through its employees in NIP order.
    if (file != nullptr) {
      SortNipOrderedByKey(muts);
    } else {
      SortByKey(muts);
    }
  };
  {
    std::vector<std::jthread> helpers;
    for (size_t shard = 1; shard < shards; ++shard) helpers.emplace_back(encode, shard);
    encode(0);
  }  // joined
  for (const Status& s : shard_status) JEJAK_RETURN_IF_ERROR(s);
  return Status::Ok();
}

}  // namespace

size_t EncodeShardCount(size_t employees, size_t threads) {
  return std::clamp<size_t>(std::min(threads, employees / tuning::kMinStatesPerEncodeShard), 1,
                            tuning::kMaxEncodeShards);
}

Status EncodeEmployees(const std::vector<EmployeeRef>& touched, const Rules& rules, size_t shards,
                       bool keep_index, CommitRuns* out) {
  return EncodeShards(touched, rules, shards, keep_index, nullptr, out);
}

std::vector<SortedFile> ProfileFiles(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                                     const std::string& ingest_path, size_t employees,
                                     size_t threads) {
  std::vector<SortedFile> files;
  const size_t shards = EncodeShardCount(employees, threads);
  for (size_t shard = 0; shard < shards; ++shard) {
    files.emplace_back(db, family, ingest_path + "-p" + std::to_string(shard) + ".sst.tmp");
  }
  return files;
}

Status EncodeEmployeesToFiles(const std::vector<EmployeeRef>& touched, const Rules& rules,
                              std::vector<SortedFile>& profile_files, CommitRuns* out) {
  return EncodeShards(touched, rules, profile_files.size(), /*keep_index=*/false, &profile_files,
                      out);
}

void EncodeAgencies(const AgencyMap& agencies, CommitRuns* out) {
  auto& org = out->runs.emplace_back();
  ByteArena& org_bytes = out->arenas.emplace_back();
  for (const auto& [agency, a] : agencies) {
    std::map<std::string, std::string> values;
    for (const auto& p : a.state.positions) values[keys::Position(agency, p.position_id)] = EncodePosition(p);
    for (const auto& u : a.state.units) values[keys::Unit(agency, u.unit_id)] = EncodeUnit(u);
    for (const auto& [id, positions] : a.amended) {
      std::string list;
      for (uint64_t p : positions) keys::PutU64(&list, p);
      values[keys::PositionAmendments(agency, id)] = std::move(list);
    }
    for (const auto& [key, old] : a.old_values) {
      if (!values.contains(key)) org.push_back({org_bytes.Copy(key), {}, true});
    }
    for (const auto& [key, value] : values) {
      auto old = a.old_values.find(key);
      if (old == a.old_values.end() || old->second != value) {
        org.push_back({org_bytes.Copy(key), org_bytes.Copy(value)});
      }
    }
  }
  SortByKey(org);
}

void EncodeAgenciesAndCheckpoint(const AgencyMap& agencies, uint64_t checkpoint, CommitRuns* out) {
  EncodeAgencies(agencies, out);
  auto& org = out->runs.back();
  ByteArena& org_bytes = out->arenas.back();
  std::string ckpt;
  keys::PutU64(&ckpt, checkpoint);
  org.push_back({org_bytes.Copy(keys::Checkpoint()), org_bytes.Copy(ckpt)});
  SortByKey(org);
}

}  // namespace jejak::projection
