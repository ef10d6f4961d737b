#include "batch_writer.h"

#include <rocksdb/db.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <thread>
#include <unordered_map>
#include <utility>

#include "keys.h"
#include "rocks_status.h"

namespace jejak::projection {

namespace {

// A run's keys and values lie in its arena in the order they were encoded
// (employee by employee), not in key order: written to a file in key
// order, each one is a cache (and TLB) miss, mostly hidden by loading the
// bytes of the mutation tuning::kMutationLoadAhead places ahead.
constexpr size_t kLoadAhead = tuning::kMutationLoadAhead;
constexpr size_t kLine = 64;

// A hint, never a fault: asks for the cache lines of the key's start and
// of the value's first 256 bytes (fewer if shorter).
void LoadAhead(const Mutation& m) {
  auto lines = [](std::string_view bytes, size_t most) {
    if (bytes.empty()) return;
    const auto first = reinterpret_cast<uintptr_t>(bytes.data()) & ~uintptr_t{kLine - 1};
    const auto last = reinterpret_cast<uintptr_t>(bytes.data()) + std::min(bytes.size(), most) - 1;
    for (uintptr_t at = first; at <= last; at += kLine) {
      __builtin_prefetch(reinterpret_cast<const void*>(at));
    }
  };
  lines(m.key, 1);
  lines(m.value, 256);
}

// Calls `emit` with each mutation of `runs`' ranges [at[r], end[r]) in key
// order, until all are consumed or `emit` returns false. Runs interleave in
// long blocks (shards hold NIP ranges, so within one index value all of a
// shard's keys come before the next shard's): the block of the run with
// the smallest head that precedes every other run's head is found by a
// galloping search and emitted without a comparison per key.
// `load_ahead`: `emit` reads each mutation's bytes (LoadAhead them).
template <typename Emit>
void MergeRanges(const std::vector<std::vector<Mutation>>& runs, std::vector<size_t> at,
                 const std::vector<size_t>& end, bool load_ahead, Emit emit) {
  for (;;) {  // a handful of runs: a linear pick is enough
    size_t best = runs.size(), second = runs.size();
    for (size_t r = 0; r < runs.size(); ++r) {
      if (at[r] == end[r]) continue;
      if (best == runs.size() || runs[r][at[r]].key < runs[best][at[best]].key) {
        second = best;
        best = r;
      } else if (second == runs.size() || runs[r][at[r]].key < runs[second][at[second]].key) {
        second = r;
      }
    }
    if (best == runs.size()) return;
    const std::vector<Mutation>& run = runs[best];
    size_t stop = end[best];  // the block: run[at[best], stop) is before every other head
    if (second != runs.size()) {
      const std::string_view bound = runs[second][at[second]].key;
      auto before = [&](size_t i) { return run[i].key < bound; };
      size_t lo = at[best] + 1, step = 1;  // run[at[best]] is before bound
      while (lo < end[best] && before(lo)) {
        lo += step;
        step *= 2;
      }
      // The first key not before bound is in [lo - step / 2 ... min(lo, end)].
      size_t first = lo - (step > 1 ? step / 2 : 1) + 1;
      size_t last = std::min(lo, end[best]);
      while (first < last) {
        const size_t mid = first + (last - first) / 2;
        if (before(mid)) {
          first = mid + 1;
        } else {
          last = mid;
        }
      }
      stop = first;
    }
    for (; at[best] < stop; ++at[best]) {
      if (load_ahead && at[best] + kLoadAhead < stop) LoadAhead(run[at[best] + kLoadAhead]);
      if (!emit(run[at[best]])) return;
    }
  }
}

}  // namespace

void ByteArena::Free::operator()(char* p) const { std::free(p); }

char* ByteArena::NewChunk(size_t size) {
  void* p = std::malloc(size);
  if (p == nullptr) throw std::bad_alloc();
  chunks_.emplace_back(static_cast<char*>(p));
  return chunks_.back().get();
}

std::string_view ByteArena::Copy(std::initializer_list<std::string_view> parts) {
  size_t n = 0;
  for (auto part : parts) n += part.size();
  char* start = nullptr;
  if (n > kChunk / 4) {
    // A large value gets a chunk of its own: the rest of the current one
    // stays for the next values.
    start = NewChunk(n);
  } else {
    if (n > left_) {
      free_ = NewChunk(kChunk);
      left_ = kChunk;
    }
    start = free_;
    free_ += n;
    left_ -= n;
  }
  char* at = start;
  for (auto part : parts) at = std::copy(part.begin(), part.end(), at);
  return std::string_view(start, n);
}

void SortByKey(std::vector<Mutation>& muts) {
  // Sorts small items holding each key's first 48 bytes (big-endian words,
  // zero-padded: the order of the words is the order of the strings) so
  // that most comparisons do not chase the key's bytes; equal prefixes fall
  // back to the whole key. 48 bytes hold nearly every index key whole
  // ("iu" agency 0x00 unit 0x00 NIP is the longest, ~40): with 24, keys of
  // one agency or unit tied and were compared in the arena (cache misses).
  constexpr size_t kWords = 6;
  struct Item {
    uint64_t prefix[kWords];
    uint32_t index;
  };
  std::vector<Item> items(muts.size());
  for (size_t i = 0; i < muts.size(); ++i) {
    const std::string_view k = muts[i].key;
    Item& item = items[i];
    for (size_t w = 0; w < kWords; ++w) {
      uint64_t v = 0;
      for (size_t b = 0; b < 8; ++b) {
        const size_t at = w * 8 + b;
        v = (v << 8) | (at < k.size() ? static_cast<uint8_t>(k[at]) : 0u);
      }
      item.prefix[w] = v;
    }
    item.index = static_cast<uint32_t>(i);
  }
  std::sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
    for (size_t w = 0; w < kWords; ++w) {
      if (a.prefix[w] != b.prefix[w]) return a.prefix[w] < b.prefix[w];
    }
    return muts[a.index].key < muts[b.index].key;
  });
  // Permute in place, cycle by cycle (no second vector of mutations):
  // position i takes the mutation at items[i].index.
  std::vector<bool> placed(muts.size(), false);
  for (size_t start = 0; start < muts.size(); ++start) {
    if (placed[start]) continue;
    Mutation held = std::move(muts[start]);
    size_t i = start;
    for (;;) {
      placed[i] = true;
      const size_t from = items[i].index;
      if (from == start) {
        muts[i] = std::move(held);
        break;
      }
      muts[i] = std::move(muts[from]);
      i = from;
    }
  }
}

void SortNipOrderedByKey(std::vector<Mutation>& muts) {
  constexpr size_t kSuffix = keys::kNipSize;
  std::unordered_map<std::string_view, uint32_t> ids;
  std::vector<std::string_view> prefixes;
  std::vector<size_t> starts;  // per group: its count, then where it starts
  std::vector<uint32_t> group(muts.size());
  for (size_t i = 0; i < muts.size(); ++i) {
    const std::string_view key = muts[i].key;
    if (key.size() < kSuffix) return SortByKey(muts);
    const auto [it, added] = ids.try_emplace(key.substr(0, key.size() - kSuffix),
                                             static_cast<uint32_t>(prefixes.size()));
    if (added) {
      prefixes.push_back(it->first);
      starts.push_back(0);
    }
    group[i] = it->second;
    ++starts[it->second];
  }
  std::vector<uint32_t> order(prefixes.size());
  for (uint32_t g = 0; g < order.size(); ++g) order[g] = g;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return prefixes[a] < prefixes[b]; });
  size_t at = 0;
  for (uint32_t g : order) at += std::exchange(starts[g], at);
  std::vector<Mutation> sorted(muts.size());
  for (size_t i = 0; i < muts.size(); ++i) sorted[starts[group[i]]++] = muts[i];
  // The groups are in key order only if the mutations of each came in key
  // order and no prefix extends another: checked, not assumed.
  for (size_t i = 1; i < sorted.size(); ++i) {
    if (!(sorted[i - 1].key < sorted[i].key)) return SortByKey(muts);
  }
  muts = std::move(sorted);
}

std::vector<const Mutation*> MergeRuns(const std::vector<std::vector<Mutation>>& runs) {
  std::vector<size_t> from(runs.size(), 0), to;
  size_t total = 0;
  for (const auto& r : runs) {
    to.push_back(r.size());
    total += r.size();
  }
  std::vector<const Mutation*> out;
  out.reserve(total);
  MergeRanges(runs, std::move(from), to, /*load_ahead=*/false, [&](const Mutation& m) {
    out.push_back(&m);
    return true;
  });
  return out;
}

Status WriteThroughMemtable(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                            const std::vector<const Mutation*>& sorted, const std::string& what) {
  // A sorted batch lets the memtable insert with its splice hint, several
  // times faster than at random.
  size_t bytes = 64;
  for (const Mutation* m : sorted) bytes += m->key.size() + m->value.size() + 16;
  rocksdb::WriteBatch batch(bytes);  // one allocation, not a doubling series
  for (const Mutation* m : sorted) {
    if (m->erase) {
      batch.Delete(family, m->key);
    } else {
      batch.Put(family, m->key, m->value);
    }
  }
  rocksdb::WriteOptions wo;
  wo.disableWAL = true;
  return FromRocks(db->Write(wo, &batch), "writing " + what);
}

SortedFile::SortedFile(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family, std::string path)
    : db_(db), family_(family), path_(std::move(path)) {}

SortedFile::SortedFile(SortedFile&& other) noexcept
    : db_(other.db_),
      family_(other.family_),
      path_(std::move(other.path_)),
      writer_(std::move(other.writer_)),
      finished_(other.finished_) {
  other.writer_.reset();
}

SortedFile::~SortedFile() {
  if (writer_ != nullptr) std::remove(path_.c_str());  // no-op once ingested (moved in)
}

Status SortedFile::Add(std::string_view key, std::string_view value, bool erase) {
  rocksdb::Status s;
  if (writer_ == nullptr) {
    std::remove(path_.c_str());  // a leftover of a crash, if any
    // The page cache keeps the new file: a rebuild is read right after.
    writer_ = std::make_unique<rocksdb::SstFileWriter>(
        rocksdb::EnvOptions(), db_->GetOptions(family_), family_, /*invalidate_page_cache=*/false);
    s = writer_->Open(path_);
  }
  if (s.ok()) s = erase ? writer_->Delete(key) : writer_->Put(key, value);
  if (s.ok()) return Status::Ok();  // called per key: the context only for an error
  return FromRocks(s, "writing " + path_);
}

Status SortedFile::Finish() {
  if (writer_ == nullptr) return Status::Ok();  // nothing added: no file
  rocksdb::Status s = writer_->Finish();
  finished_ = s.ok();
  return FromRocks(s, "writing " + path_);
}

namespace {

// Writes the mutations of `runs` within [from[r], to[r]) to `file`.
Status WriteFile(const std::vector<std::vector<Mutation>>& runs, const std::vector<size_t>& from,
                 const std::vector<size_t>& to, SortedFile& file) {
  Status s;
  MergeRanges(runs, from, to, /*load_ahead=*/true, [&](const Mutation& m) {
    s = file.Add(m.key, m.value, m.erase);
    return s.ok();
  });
  if (s.ok()) s = file.Finish();
  return s;
}

}  // namespace

Status WriteByIngestion(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                        const std::vector<std::vector<Mutation>>& runs,
                        const std::string& path_prefix, size_t threads, const std::string& what,
                        std::vector<SortedFile>& ready) {
  // Split keys at quantiles of the largest run; each file takes, from every
  // run, the keys in [split[f-1], split[f]).
  size_t largest = 0;
  for (size_t r = 1; r < runs.size(); ++r) {
    if (runs[r].size() > runs[largest].size()) largest = r;
  }
  const size_t files = std::clamp<size_t>(
      std::min(threads, runs[largest].size() / tuning::kMinMutationsPerFile), 1,
      tuning::kMaxIngestFiles);
  std::vector<std::vector<size_t>> cut(files + 1, std::vector<size_t>(runs.size()));
  for (size_t r = 0; r < runs.size(); ++r) cut[files][r] = runs[r].size();
  for (size_t f = 1; f < files; ++f) {
    const std::string_view split = runs[largest][runs[largest].size() * f / files].key;
    for (size_t r = 0; r < runs.size(); ++r) {
      cut[f][r] = static_cast<size_t>(
          std::lower_bound(runs[r].begin(), runs[r].end(), split,
                           [](const Mutation& m, std::string_view k) { return m.key < k; }) -
          runs[r].begin());
    }
  }
  std::vector<SortedFile> written;
  written.reserve(files);
  for (size_t f = 0; f < files; ++f) {
    written.emplace_back(db, family, path_prefix + "-" + std::to_string(f) + ".sst.tmp");
  }
  std::vector<Status> status(files);
  auto write = [&](size_t f) { status[f] = WriteFile(runs, cut[f], cut[f + 1], written[f]); };
  {
    std::vector<std::jthread> helpers;
    for (size_t f = 1; f < files; ++f) helpers.emplace_back(write, f);
    write(0);
  }  // joined
  for (const Status& s : status) {
    if (!s.ok()) return s.WithContext(what);
  }
  std::vector<std::string> paths;
  for (auto* list : {&ready, &written}) {
    for (const SortedFile& f : *list) {
      if (!f.finished()) continue;
      paths.push_back(f.path());
    }
  }
  if (paths.empty()) return Status::Ok();
  // On failure every file is removed (SortedFile's destructor).
  return IngestFiles(db, family, paths, what);
}

Status IngestFiles(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                   const std::vector<std::string>& paths, const std::string& what) {
  rocksdb::IngestExternalFileOptions io;
  io.move_files = true;
  return FromRocks(db->IngestExternalFile(family, paths, io), "ingesting " + what);
}

}  // namespace jejak::projection
