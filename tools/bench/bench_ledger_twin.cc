#include "bench_ledger_twin.h"

#include <cstring>

#include <sodium.h>

namespace jejak::bench {

namespace {

// docs/format.md "A log record" and "Hashes".
constexpr size_t kFrameHeaderBytes = 72, kLeafOffset = 8, kChainOffset = 40, kHashBytes = 32;
constexpr std::string_view kLeafPrefix = "jejak.leaf.v1";
constexpr std::string_view kChainPrefix = "jejak.chain.v1";

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

constexpr char kLog[] = "log";
constexpr char kStreams[] = "streams";
constexpr char kEventIds[] = "event_ids";
constexpr char kIntegrity[] = "integrity";

}  // namespace

std::string LedgerRecords::Load(const std::string& path) {
  std::vector<KeyValue> integrity;
  for (auto [family, out] : {std::pair{kLog, &log}, std::pair{kStreams, &streams},
                             std::pair{kEventIds, &event_ids}, std::pair{kIntegrity, &integrity}}) {
    std::string err = ReadFamily(path, family, out);
    if (!err.empty()) return std::string(family) + " family: " + err;
  }
  for (const auto& [key, value] : integrity) {
    if (key == "head") head = value;
  }
  index.assign(log.size(), {});
  for (size_t i = 0; i < log.size(); ++i) {
    if (FromBigEndianKey(log[i].first) != i + 1) {
      return "log key " + std::to_string(i) + " is not position " + std::to_string(i + 1);
    }
  }
  auto attach = [&](uint64_t position, const char* family, const KeyValue& kv) {
    if (position == 0 || position > index.size()) return false;
    index[position - 1].emplace_back(family, &kv);
    return true;
  };
  for (const KeyValue& kv : streams) {
    const std::string_view v = kv.second;
    const bool version_key = !kv.first.empty() && kv.first[0] == 'v' && v.size() == 8;
    const bool meta_key = !kv.first.empty() && kv.first[0] == 'm' && v.size() == 24;
    const uint64_t position = version_key ? FromBigEndianKey(v)
                              : meta_key  ? FromBigEndianKey(v.substr(16, 8))
                                          : 0;
    if (!attach(position, kStreams, kv)) return "unexpected streams entry " + kv.first;
  }
  for (const KeyValue& kv : event_ids) {
    if (kv.second.size() < 8 ||
        !attach(FromBigEndianKey(std::string_view(kv.second).substr(0, 8)), kEventIds, kv)) {
      return "unexpected event_ids entry " + kv.first;
    }
  }
  return "";
}

double LedgerRecords::average_record_bytes() const {
  if (log.empty()) return 0;
  double total = 0;
  for (const auto& kv : log) total += static_cast<double>(kv.second.size());
  return total / static_cast<double>(log.size());
}

std::string RawLogWriter::HashRecords(uint64_t first, size_t n) {
  for (uint64_t k = first; k < first + n; ++k) {
    const std::string_view record = records_->log[k % records_->log.size()].second;
    if (record.size() <= kFrameHeaderBytes) return "record " + std::to_string(k) + " has no body";
    const std::string_view body = record.substr(kFrameHeaderBytes);
    unsigned char leaf[kHashBytes];
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, kHashBytes);
    crypto_generichash_update(&state, Bytes(kLeafPrefix), kLeafPrefix.size());
    crypto_generichash_update(&state, Bytes(body), body.size());
    crypto_generichash_final(&state, leaf, kHashBytes);
    crypto_generichash_init(&state, nullptr, 0, kHashBytes);
    crypto_generichash_update(&state, Bytes(kChainPrefix), kChainPrefix.size());
    crypto_generichash_update(&state, chain_, kHashBytes);
    crypto_generichash_update(&state, leaf, kHashBytes);
    crypto_generichash_final(&state, chain_, kHashBytes);
    // The first pass over the ledger reproduces its stored hashes (later
    // passes continue the chain over repeated records: the leaves still match).
    if (std::memcmp(leaf, record.data() + kLeafOffset, kHashBytes) != 0 ||
        (k < records_->log.size() &&
         std::memcmp(chain_, record.data() + kChainOffset, kHashBytes) != 0)) {
      return "hashes of record " + std::to_string(k + 1) + " differ from the ledger's";
    }
  }
  return "";
}

std::string RawLogWriter::operator()(int thread, const Batch& batch) {
  const uint64_t first = next_.fetch_add(batch.size());
  if (hash_) {
    std::string err = HashRecords(first, batch.size());
    if (!err.empty()) return err;
  }
  std::vector<std::string> keys;
  keys.reserve(batch.size());
  std::vector<RawPut> puts;
  puts.reserve(batch.size());
  for (uint64_t k = first; k < first + batch.size(); ++k) {
    keys.push_back(BigEndianKey(k + 1));
    puts.push_back({nullptr, keys.back(), records_->log[k % records_->log.size()].second});
  }
  return WritePuts(db_, sync_, puts, &batches_.at(static_cast<size_t>(thread)));
}

std::string RawLedgerWriter::operator()(int, const Batch& batch) {
  std::vector<RawPut> puts;
  puts.reserve(batch.size() * 4 + 1);
  rocksdb::ColumnFamilyHandle* log = db_->family(kLog);
  for (size_t i : batch) {
    const KeyValue& record = records_->log[i];
    puts.push_back({log, record.first, record.second});
    for (const auto& [family, kv] : records_->index[i]) {
      const bool id = std::string_view(family) == kEventIds;
      const bool version_key = std::string_view(family) == kStreams && kv->first[0] == 'v';
      if ((id && pairs_ == TwinPairs::kWithoutIds) ||
          (version_key && pairs_ == TwinPairs::kWithoutStreams)) {
        continue;
      }
      puts.push_back({db_->family(family), kv->first, kv->second});
    }
  }
  puts.push_back({db_->family(kIntegrity), "head", records_->head});
  return WritePuts(db_->db(), sync_, puts, &batch_);
}

}  // namespace jejak::bench
