#include "store/verify.h"

#include <algorithm>
#include <cstring>
#include <memory>

#include <capnp/message.h>
#include <kj/exception.h>
#include <rocksdb/db.h>

#include "jejak/store/recorded_event.h"
#include "store/event_digest.h"
#include "jejak/integrity/chain_hashes.h"
#include "store/keys.h"
#include "store/rocks_status.h"
#include "store/verify_tree.h"

namespace jejak::store {

namespace {

constexpr size_t kChunk = 1024;


constexpr uint64_t kProgressEvery = 1u << 16;

// A snapshot of `db.db`, released on scope exit; none for a fixed view.
class SnapshotHolder {
 public:
  explicit SnapshotHolder(const StoreDb& db)
      : db_(db.db), snapshot_(db.fixed_view ? nullptr : db.db->GetSnapshot()) {}
  ~SnapshotHolder() {
    if (snapshot_ != nullptr) db_->ReleaseSnapshot(snapshot_);
  }
  SnapshotHolder(const SnapshotHolder&) = delete;
  SnapshotHolder& operator=(const SnapshotHolder&) = delete;
  const rocksdb::Snapshot* get() const { return snapshot_; }

 private:
  rocksdb::DB* db_;
  const rocksdb::Snapshot* snapshot_;
};

class Verifier {
 public:
  Verifier(const StoreDb& db, VerifyReport* report,
           const std::function<void(uint64_t)>& progress)
      : db_(db), report_(report), progress_(progress), snapshot_(db) {
    read_.snapshot = snapshot_.get();
    read_.fill_cache = false;
    tree_ = std::make_unique<TreeVerifier>(db, read_);
    stream_keys_.reserve(kChunk * 64);
    id_keys_.reserve(kChunk * 64);
    positions_.reserve(kChunk);
    stream_ends_.reserve(kChunk);
    id_ends_.reserve(kChunk);
    slices_.resize(kChunk);
    values_.resize(kChunk);
    statuses_.resize(kChunk);
  }

  Status Run() {
    Head stored;
    JEJAK_RETURN_IF_ERROR(ReadStoredHead(&stored));
    JEJAK_RETURN_IF_ERROR(WalkLog());
    JEJAK_RETURN_IF_ERROR(Flush());
    JEJAK_RETURN_IF_ERROR(CheckHead(stored));
    JEJAK_RETURN_IF_ERROR(CheckIndexBounds());
    JEJAK_RETURN_IF_ERROR(CheckStreamMetas());
    uint64_t bad = 0;
    Status tree = tree_->Finish(computed_.position, &computed_.tree_root, &bad);
    if (!tree.ok()) return Bad(bad, tree.message());
    report_->head = computed_;
    return Status::Ok();
  }

 private:
  Status Bad(uint64_t position, const std::string& what) {
    report_->first_bad_position = position;
    // Index checks run in batches: events past the bad one were counted.
    report_->events_checked = std::min(report_->events_checked, position - 1);
    return Status::Corruption("verify: position " + std::to_string(position) +
                              ": " + what);
  }

  // A record-level failure at `position`: an index failure of an earlier,
  // still unchecked position is reported first.
  Status BadRecord(uint64_t position, const std::string& what) {
    JEJAK_RETURN_IF_ERROR(Flush());
    return Bad(position, what);
  }

  Status ReadStoredHead(Head* stored) {
    std::string value;
    rocksdb::Status s = db_.db->Get(read_, db_.integrity, kHeadKey, &value);
    if (s.IsNotFound()) return Status::Ok();
    JEJAK_RETURN_IF_ERROR(FromRocks(s, "verify: reading the head"));
    if (!DecodeHead(value, stored)) {
      return Bad(1, "head record of " + std::to_string(value.size()) + " bytes");
    }
    has_stored_head_ = true;
    return Status::Ok();
  }

  Status WalkLog() {
    std::unique_ptr<rocksdb::Iterator> it(db_.db->NewIterator(read_, db_.log));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const uint64_t expected = computed_.position + 1;
      const rocksdb::Slice key = it->key();
      if (key.size() != 8) {
        return BadRecord(expected, "log key of " + std::to_string(key.size()) +
                                       " bytes");
      }
      const uint64_t position = GetU64BE(key.data());
      if (position != expected) {
        return BadRecord(expected, "missing from the log (next record is position " +
                                       std::to_string(position) + ")");
      }
      JEJAK_RETURN_IF_ERROR(CheckRecord(position, it->value().ToStringView()));
      ++report_->events_checked;
      if (progress_ && report_->events_checked % kProgressEvery == 0) {
        progress_(report_->events_checked);
      }
    }
    return FromRocks(it->status(), "verify: reading the log");
  }

  Status CheckRecord(uint64_t position, std::string_view stored) {
    Status decoded = record_.Decode(position, stored);
    if (!decoded.ok()) return BadRecord(position, decoded.message());

    const std::string_view body = record_.body();
    kj::ArrayPtr<const capnp::word> segments[1] = {kj::arrayPtr(
        reinterpret_cast<const capnp::word*>(body.data()), body.size() / 8)};
    bool canonical = false;
    uint64_t version = 0;
    int64_t recorded_at = 0;
    Hash digest{};
    schema::Payload::Which kind = schema::Payload::UNSPECIFIED;
    const size_t stream_start = stream_keys_.size();
    const size_t id_start = id_keys_.size();
    KJ_IF_MAYBE(e, kj::runCatchingExceptions([&] {
                  capnp::SegmentArrayMessageReader reader(kj::arrayPtr(segments, 1));
                  canonical = reader.isCanonical();
                  const auto ev = record_.event();
                  version = ev.getVersion();
                  recorded_at = ev.getRecordedAt().getUnixMicros();
                  const auto stream = ev.getStream();
                  const auto id = ev.getEventId();
                  stream_keys_.push_back(kStreamVersionTag);
                  stream_keys_.append(stream.cStr(), stream.size());
                  stream_keys_.push_back('\0');
                  char v[8];
                  PutU64BE(v, version);
                  stream_keys_.append(v, sizeof v);
                  id_keys_.append(id.cStr(), id.size());
                  digest = EventContentDigest(ev);
                  kind = ev.getPayload().which();
                })) {
      stream_keys_.resize(stream_start);
      id_keys_.resize(id_start);
      return BadRecord(position, std::string("malformed body: ") +
                                     e->getDescription().cStr());
    }
    if (!canonical) {
      stream_keys_.resize(stream_start);
      id_keys_.resize(id_start);
      return BadRecord(position, "body is not in canonical form");
    }
    const Hash leaf = integrity::ChainLeafHash(body);
    if (leaf != record_.leaf_hash()) {
      return BadRecord(position, "leaf hash mismatch (stored " +
                                     ToHex(record_.leaf_hash()) + ", computed " +
                                     ToHex(leaf) + ")");
    }
    const Hash chain = integrity::ChainHash(computed_.chain, leaf);
    if (chain != record_.chain_hash()) {
      return BadRecord(position, "chain hash mismatch (stored " +
                                     ToHex(record_.chain_hash()) + ", computed " +
                                     ToHex(chain) + ")");
    }
    if (recorded_at < computed_.recorded_at_us) {
      return BadRecord(position, "recorded_at " + std::to_string(recorded_at) +
                                     " is before the previous event's " +
                                     std::to_string(computed_.recorded_at_us));
    }
    uint64_t bad_tree = 0;
    Status tree = tree_->Add(position, body, kind, &bad_tree);
    if (!tree.ok()) return BadRecord(bad_tree, "Merkle tree: " + tree.message());
    computed_.position = position;
    computed_.chain = chain;
    computed_.recorded_at_us = recorded_at;

    positions_.push_back(position);
    digests_.push_back(digest);
    stream_ends_.push_back(stream_keys_.size());
    id_ends_.push_back(id_keys_.size());
    if (positions_.size() == kChunk) return Flush();
    return Status::Ok();
  }

  // Checks the index entries of the buffered events.
  Status Flush() {
    const size_t n = positions_.size();
    if (n == 0) return Status::Ok();
    JEJAK_RETURN_IF_ERROR(CheckIndex(db_.streams, stream_keys_, stream_ends_, 8,
                                     "stream index entry (stream, version)", false));
    JEJAK_RETURN_IF_ERROR(CheckIndex(db_.event_ids, id_keys_, id_ends_,
                                     kEventIdValueBytes, "event id index entry", true));
    positions_.clear();
    digests_.clear();
    stream_keys_.clear();
    stream_ends_.clear();
    id_keys_.clear();
    id_ends_.clear();
    return Status::Ok();
  }

  Status CheckIndex(rocksdb::ColumnFamilyHandle* cf, const std::string& keys,
                    const std::vector<size_t>& ends, size_t value_size,
                    const char* what, bool has_digest) {
    const size_t n = positions_.size();
    size_t start = 0;
    for (size_t i = 0; i < n; ++i) {
      slices_[i] = rocksdb::Slice(keys.data() + start, ends[i] - start);
      start = ends[i];
      values_[i].Reset();
    }
    db_.db->MultiGet(read_, cf, n, slices_.data(), values_.data(),
                     statuses_.data(), false);
    for (size_t i = 0; i < n; ++i) {
      const uint64_t position = positions_[i];
      if (statuses_[i].IsNotFound()) return Bad(position, std::string(what) + " is missing");
      JEJAK_RETURN_IF_ERROR(FromRocks(statuses_[i], "verify: reading the index"));
      const rocksdb::Slice v = values_[i];
      if (v.size() != value_size) {
        return Bad(position, std::string(what) + " has " + std::to_string(v.size()) +
                                 " bytes");
      }
      const uint64_t indexed = GetU64BE(v.data());
      if (indexed != position) {
        return Bad(position, std::string(what) + " maps to position " +
                                 std::to_string(indexed));
      }
      if (has_digest && std::memcmp(v.data() + 8, digests_[i].data(), sizeof(Hash)) != 0) {
        Hash stored;
        std::memcpy(stored.data(), v.data() + 8, sizeof(Hash));
        return Bad(position, std::string(what) + " holds content digest " +
                                 ToHex(stored) + ", the event's is " + ToHex(digests_[i]));
      }
    }
    return Status::Ok();
  }

  // Every stream's metadata ('m': version, first and last position) agrees
  // with its version keys ('v' 1..version, each checked against the log
  // above), and every stream with version keys has metadata. The two key
  // ranges are walked side by side (both sorted by stream).
  Status CheckStreamMetas() {
    const uint64_t after = computed_.position + 1;
    std::unique_ptr<rocksdb::Iterator> metas(db_.db->NewIterator(read_, db_.streams));
    std::unique_ptr<rocksdb::Iterator> versions(db_.db->NewIterator(read_, db_.streams));
    const char m_tag[1] = {kStreamMetaTag};
    const char v_tag[1] = {kStreamVersionTag};
    versions->Seek(rocksdb::Slice(v_tag, 1));
    auto version_stream = [&]() -> std::string_view {
      const rocksdb::Slice k = versions->key();
      return std::string_view(k.data() + 1, k.size() - 10);
    };
    auto versions_valid = [&] {
      return versions->Valid() && versions->key().size() >= 10 &&
             versions->key()[0] == kStreamVersionTag;
    };
    for (metas->Seek(rocksdb::Slice(m_tag, 1));
         metas->Valid() && metas->key()[0] == kStreamMetaTag; metas->Next()) {
      const std::string stream = metas->key().ToString().substr(1);
      StreamMeta meta;
      if (!DecodeStreamMeta(metas->value().ToStringView(), &meta)) {
        return Bad(after, "stream metadata of " + stream + " has " +
                              std::to_string(metas->value().size()) + " bytes");
      }
      if (versions_valid() && version_stream() < stream) {
        return Bad(after, "stream " + std::string(version_stream()) +
                              " has version keys but no metadata");
      }
      uint64_t count = 0, first = 0, last = 0;
      for (; versions_valid() && version_stream() == stream; versions->Next()) {
        ++count;
        const rocksdb::Slice k = versions->key();
        if (GetU64BE(k.data() + k.size() - 8) != count) {
          return Bad(after, "stream " + stream + " lacks version " + std::to_string(count));
        }
        const uint64_t position = GetU64BE(versions->value().data());
        if (count == 1) first = position;
        last = position;
      }
      if (meta.version != count || meta.first_position != first ||
          meta.last_position != last) {
        return Bad(meta.version == count ? after : std::min(meta.last_position, after),
                   "stream metadata of " + stream + " says version " +
                       std::to_string(meta.version) + ", positions " +
                       std::to_string(meta.first_position) + ".." +
                       std::to_string(meta.last_position) + "; its version keys say " +
                       std::to_string(count) + ", " + std::to_string(first) + ".." +
                       std::to_string(last));
      }
    }
    JEJAK_RETURN_IF_ERROR(FromRocks(metas->status(), "verify: reading stream metadata"));
    if (versions_valid()) {
      return Bad(after, "stream " + std::string(version_stream()) +
                            " has version keys but no metadata");
    }
    return FromRocks(versions->status(), "verify: reading stream version keys");
  }

  Status CheckHead(const Head& stored) {
    const uint64_t last = computed_.position;
    if (!has_stored_head_) {
      if (last == 0) return Status::Ok();
      return Bad(1, "no head record, log ends at " + std::to_string(last));
    }
    if (stored.position != last) {
      return Bad(std::min(stored.position, last) + 1,
                 "head says " + std::to_string(stored.position) +
                     ", log ends at " + std::to_string(last));
    }
    if (stored.chain != computed_.chain) {
      return Bad(last, "head chain hash " + ToHex(stored.chain) +
                           " differs from the recomputed " + ToHex(computed_.chain));
    }
    if (stored.recorded_at_us != computed_.recorded_at_us) {
      return Bad(last, "head recorded_at " + std::to_string(stored.recorded_at_us) +
                           " differs from the last event's " +
                           std::to_string(computed_.recorded_at_us));
    }
    return Status::Ok();
  }

  // Every index entry points at or below the head, and the indexes hold
  // one entry per event (so no stray entries).
  Status CheckIndexBounds() {
    const uint64_t head = computed_.position;
    uint64_t version_keys = 0;
    {
      std::unique_ptr<rocksdb::Iterator> it(db_.db->NewIterator(read_, db_.streams));
      for (it->SeekToFirst(); it->Valid(); it->Next()) {
        const rocksdb::Slice key = it->key();
        const rocksdb::Slice v = it->value();
        uint64_t points_to = 0;
        if (!key.empty() && key[0] == kStreamVersionTag && v.size() == 8) {
          points_to = GetU64BE(v.data());
          ++version_keys;
        } else if (!key.empty() && key[0] == kStreamMetaTag &&
                   v.size() == kStreamMetaBytes) {
          points_to = GetU64BE(v.data() + 16);
        } else {
          return Bad(head + 1, "malformed stream index key or value");
        }
        if (points_to > head) {
          return Bad(head + 1, "stream index entry for stream " +
                                   key.ToString().substr(1, key.size() - 1) +
                                   " points to position " +
                                   std::to_string(points_to) + " past the head");
        }
      }
      JEJAK_RETURN_IF_ERROR(FromRocks(it->status(), "verify: reading the stream index"));
    }
    uint64_t id_keys = 0;
    {
      // The family's hash memtable iterates every key only in total order.
      rocksdb::ReadOptions every_key = read_;
      every_key.total_order_seek = true;
      std::unique_ptr<rocksdb::Iterator> it(db_.db->NewIterator(every_key, db_.event_ids));
      for (it->SeekToFirst(); it->Valid(); it->Next()) {
        const rocksdb::Slice v = it->value();
        if (v.size() != kEventIdValueBytes || GetU64BE(v.data()) > head) {
          return Bad(head + 1, "event id index entry \"" + it->key().ToString() +
                                   "\" points past the head");
        }
        ++id_keys;
      }
      JEJAK_RETURN_IF_ERROR(FromRocks(it->status(), "verify: reading the event id index"));
    }
    if (version_keys != head || id_keys != head) {
      return Bad(head, "indexes hold " + std::to_string(version_keys) +
                           " stream version keys and " + std::to_string(id_keys) +
                           " event ids for " + std::to_string(head) + " events");
    }
    return Status::Ok();
  }

  const StoreDb& db_;
  VerifyReport* report_;
  const std::function<void(uint64_t)>& progress_;
  SnapshotHolder snapshot_;
  rocksdb::ReadOptions read_;
  bool has_stored_head_ = false;
  Head computed_;
  RecordedEvent record_;
  std::unique_ptr<TreeVerifier> tree_;

  // Index checks pending for the current chunk.
  std::vector<uint64_t> positions_;
  std::vector<Hash> digests_;  // content digests, by position
  std::string stream_keys_;
  std::vector<size_t> stream_ends_;
  std::string id_keys_;
  std::vector<size_t> id_ends_;
  std::vector<rocksdb::Slice> slices_;
  std::vector<rocksdb::PinnableSlice> values_;
  std::vector<rocksdb::Status> statuses_;
};

}  // namespace

Status VerifyLedger(const StoreDb& db, VerifyReport* report,
                    const std::function<void(uint64_t)>& progress) {
  *report = VerifyReport{};
  Verifier verifier(db, report, progress);
  return verifier.Run();
}

}  // namespace jejak::store
