#include "store/event_store_impl.h"

#include <sodium.h>

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>
#include <spdlog/spdlog.h>

#include "jejak/integrity/checkpoint.h"
#include "jejak/integrity/merkle.h"
#include "jejak/integrity/note.h"
#include "store/append_request.h"
#include "store/checkpoint_file.h"
#include "store/tile_reader.h"
#include "store/tree_leaf.h"
#include "store/keys.h"
#include "store/log_iterator.h"
#include "store/rocks_status.h"
#include "store/verify.h"

namespace jejak::store {

Result<std::unique_ptr<EventStore>> EventStore::Open(const StoreOptions& options,
                                                     const std::string& path) {
  return EventStoreImpl::Open(options, path);
}

Result<AppendResult> EventStore::Append(std::string_view stream,
                                        ExpectedVersion expected,
                                        std::span<const NewEvent> events) {
  const StreamAppend part{std::string(stream), expected, events};
  return Append(std::span<const StreamAppend>(&part, 1));
}

EventStoreImpl::EventStoreImpl(StoreOptions options, std::string path)
    : options_(std::move(options)), path_(std::move(path)) {}

Result<std::unique_ptr<EventStore>> EventStoreImpl::Open(const StoreOptions& options,
                                                         const std::string& path,
                                                         rocksdb::Env* env) {
  if (sodium_init() < 0) return Status::Unavailable("libsodium failed to initialize");
  std::unique_ptr<EventStoreImpl> store(new EventStoreImpl(options, path));
  Head head;
  auto ledger = LedgerDb::Open(store->options_, path, &head, env);
  if (!ledger.ok()) {
    if (options.logger) {
      options.logger->error("jejak store: cannot open {}: {}", path,
                            ledger.status().ToString());
    }
    return ledger.status();
  }
  store->ledger_ = std::move(ledger).value();
  if (options.read_only) {
    store->read_only_head_ = head;
    return std::unique_ptr<EventStore>(std::move(store));
  }
  auto tree = TreeWriter::Load(store->ledger_->view(), head.position);
  if (!tree.ok()) return tree.status().WithContext(path);
  store->writer_ = std::make_unique<Writer>(store->ledger_->view(), store->options_, head,
                                            std::move(tree).value());
  return std::unique_ptr<EventStore>(std::move(store));
}

Result<std::unique_ptr<EventStore>> EventStoreImpl::OpenWithoutTreeForBenchmark(
    const StoreOptions& options, const std::string& path) {
  if (sodium_init() < 0) return Status::Unavailable("libsodium failed to initialize");
  std::unique_ptr<EventStoreImpl> store(new EventStoreImpl(options, path));
  Head head;
  auto ledger = LedgerDb::Open(store->options_, path, &head, nullptr);
  if (!ledger.ok()) return ledger.status();
  store->ledger_ = std::move(ledger).value();
  store->tree_ = false;
  store->writer_ =
      std::make_unique<Writer>(store->ledger_->view(), store->options_, head, nullptr);
  return std::unique_ptr<EventStore>(std::move(store));
}

EventStoreImpl::~EventStoreImpl() {
  if (writer_) writer_->Stop();
  writer_.reset();
  if (options_.logger && ledger_) {
    options_.logger->info("jejak store: closed {}", path_);
  }
  ledger_.reset();
}

Result<AppendResult> EventStoreImpl::Append(std::span<const StreamAppend> appends) {
  if (!writer_) return Status::Unavailable(path_ + " is open for reading only (another process writes to it)");
  return PrepareAndSubmit(
      appends, options_, prepare_helper_,
      [this](std::unique_ptr<AppendRequest>& r) { return writer_->Enqueue(r); }, tree_);
}

Result<std::vector<RecordedEvent>> EventStoreImpl::ReadStream(std::string_view stream,
                                                              uint64_t from_version,
                                                              uint64_t max_count,
                                                              uint64_t max_position) {
  const StoreDb& db = ledger_->view();
  std::vector<RecordedEvent> events;
  if (from_version == 0) from_version = 1;
  std::vector<uint64_t> positions;
  {
    const std::string prefix = StreamVersionPrefix(stream);
    std::string start;
    StreamVersionKey(stream, from_version, &start);
    std::unique_ptr<rocksdb::Iterator> it(
        db.db->NewIterator(rocksdb::ReadOptions(), db.streams));
    for (it->Seek(start); it->Valid() && positions.size() < max_count; it->Next()) {
      if (!it->key().starts_with(prefix)) break;
      if (it->value().size() != 8) {
        return Status::Corruption("stream index entry of " + std::string(stream) +
                                  ": " + std::to_string(it->value().size()) +
                                  " bytes");
      }
      const uint64_t position = GetU64BE(it->value().data());
      if (position > max_position) break;
      positions.push_back(position);
    }
    if (!it->status().ok()) return FromRocks(it->status(), "reading stream " + std::string(stream));
  }
  if (positions.empty()) {
    auto info = GetStreamInfo(stream);
    if (!info.ok()) return info.status();
    return events;
  }

  std::vector<PositionKey> keys;
  keys.reserve(positions.size());
  std::vector<rocksdb::Slice> slices;
  slices.reserve(positions.size());
  for (uint64_t p : positions) {
    keys.emplace_back(p);
    slices.emplace_back(keys.back().bytes, sizeof keys.back().bytes);
  }
  std::vector<rocksdb::PinnableSlice> values(positions.size());
  std::vector<rocksdb::Status> statuses(positions.size());
  db.db->MultiGet(rocksdb::ReadOptions(), db.log, positions.size(), slices.data(),
                  values.data(), statuses.data(), /*sorted_input=*/true);
  events.resize(positions.size());
  for (size_t i = 0; i < positions.size(); ++i) {
    if (statuses[i].IsNotFound()) {
      return Status::Corruption("stream " + std::string(stream) +
                                " names log position " + std::to_string(positions[i]) +
                                ", which is missing");
    }
    if (!statuses[i].ok()) {
      return FromRocks(statuses[i], "reading log position " + std::to_string(positions[i]));
    }
    JEJAK_RETURN_IF_ERROR(events[i].Decode(positions[i], values[i].ToStringView()));
  }
  return events;
}

Result<RecordedEvent> EventStoreImpl::ReadAt(uint64_t position) {
  if (position == 0 || position > GetHead().position) {
    return Status::NotFound("no event at position " + std::to_string(position));
  }
  const StoreDb& db = ledger_->view();
  rocksdb::PinnableSlice value;
  const PositionKey key(position);
  rocksdb::Status s = db.db->Get(rocksdb::ReadOptions(), db.log,
                                 rocksdb::Slice(key.bytes, sizeof key.bytes), &value);
  if (s.IsNotFound()) {
    return Status::Corruption("log position " + std::to_string(position) +
                              " is below the head but missing");
  }
  if (!s.ok()) return FromRocks(s, "reading log position " + std::to_string(position));
  RecordedEvent event;
  JEJAK_RETURN_IF_ERROR(event.Decode(position, value.ToStringView()));
  return event;
}

std::unique_ptr<LogIterator> EventStoreImpl::ReadLog(uint64_t from_position,
                                                    LogDecoding decoding) {
  return NewLogIterator(ledger_->view(), from_position, decoding);
}

Result<StreamInfo> EventStoreImpl::GetStreamInfo(std::string_view stream) {
  const StoreDb& db = ledger_->view();
  std::string value;
  rocksdb::Status s =
      db.db->Get(rocksdb::ReadOptions(), db.streams, StreamMetaKey(stream), &value);
  if (s.IsNotFound()) return Status::NotFound("no stream " + std::string(stream));
  if (!s.ok()) return FromRocks(s, "reading stream " + std::string(stream));
  StreamMeta meta;
  if (!DecodeStreamMeta(value, &meta)) {
    return Status::Corruption("stream metadata of " + std::string(stream) + ": " +
                              std::to_string(value.size()) + " bytes");
  }
  return StreamInfo{std::string(stream), meta.version, meta.first_position,
                    meta.last_position};
}

Result<uint64_t> EventStoreImpl::FindEventId(std::string_view event_id) {
  const StoreDb& db = ledger_->view();
  std::string value;
  rocksdb::Status s = db.db->Get(rocksdb::ReadOptions(), db.event_ids, event_id, &value);
  if (s.IsNotFound()) {
    return Status::NotFound("no event with id \"" + std::string(event_id) + "\"");
  }
  if (!s.ok()) return FromRocks(s, "reading event id \"" + std::string(event_id) + "\"");
  uint64_t position = 0;
  Hash digest;
  if (!DecodeEventIdValue(value, &position, &digest)) {
    return Status::Corruption("event id index entry of \"" + std::string(event_id) +
                              "\": " + std::to_string(value.size()) + " bytes");
  }
  return position;
}

Head EventStoreImpl::GetHead() { return writer_ ? writer_->head() : read_only_head_; }

Result<uint64_t> EventStoreImpl::CountStreams() {
  const StoreDb& db = ledger_->view();
  std::unique_ptr<rocksdb::Iterator> it(
      db.db->NewIterator(rocksdb::ReadOptions(), db.streams));
  uint64_t count = 0;
  const char tag[1] = {kStreamMetaTag};
  for (it->Seek(rocksdb::Slice(tag, 1)); it->Valid(); it->Next()) {
    if (it->key()[0] != kStreamMetaTag) break;
    ++count;
  }
  JEJAK_RETURN_IF_ERROR(FromRocks(it->status(), "counting streams"));
  return count;
}

Status EventStoreImpl::Verify(VerifyReport* report,
                              const std::function<void(uint64_t)>& progress) {
  VerifyReport local;
  if (report == nullptr) report = &local;
  Status status = VerifyLedger(ledger_->view(), report, progress);
  if (!status.ok() && options_.logger) {
    options_.logger->error("jejak store: verify of {} failed: {}", path_,
                           status.ToString());
  }
  return status;
}

uint64_t EventStoreImpl::WaitForPosition(uint64_t position, int64_t timeout_ms) {
  if (!writer_) return read_only_head_.position;
  return writer_->WaitForPosition(position, timeout_ms);
}

Result<std::string> EventStoreImpl::ReadEntry(uint64_t position) {
  auto event = ReadAt(position);
  if (!event.ok()) return event.status();
  const StoreDb& db = ledger_->view();
  std::string value;
  rocksdb::Status s = db.db->Get(rocksdb::ReadOptions(), db.integrity, SaltKey(position), &value);
  std::optional<integrity::Salt> salt;
  if (s.ok()) {
    if (value.size() != integrity::kSaltBytes) {
      return Status::Corruption("salt of position " + std::to_string(position) + ": " +
                                std::to_string(value.size()) + " bytes");
    }
    salt.emplace();
    std::memcpy(salt->data(), value.data(), value.size());
  } else if (!s.IsNotFound()) {
    return FromRocks(s, "reading the salt of position " + std::to_string(position));
  }
  return StoredEntry(position, event->body(), salt);
}

Result<std::string> EventStoreImpl::ReadTile(const integrity::Tile& tile) {
  // The tile holds nodes N*256 .. N*256+width-1 of Merkle level 8*L; the
  // tree of `size` leaves has size >> 8L complete nodes there.
  const uint64_t size = GetHead().position;
  const int shift = integrity::kTileHeight * tile.level;
  const uint64_t nodes = shift >= 64 ? 0 : size >> shift;
  const uint64_t first = tile.index;
  const bool fits = first <= (nodes / integrity::kTileWidth) &&
                    first * integrity::kTileWidth + static_cast<uint64_t>(tile.width) <= nodes;
  if (!fits) {
    return Status::NotFound("tile " + integrity::TilePath(tile) + " is not in the tree of size " +
                            std::to_string(size));
  }
  RocksTileReader tiles(ledger_->view());
  std::vector<std::string> data;
  JEJAK_RETURN_IF_ERROR(tiles.ReadTiles(std::span(&tile, 1), &data));
  data[0].resize(static_cast<size_t>(tile.width) * 32);
  return std::move(data[0]);
}

Result<Hash> EventStoreImpl::TreeRoot(uint64_t size) {
  const Head head = GetHead();
  if (size > head.position) {
    return Status::InvalidArgument("tree size " + std::to_string(size) +
                                   " is past the head " + std::to_string(head.position));
  }
  if (size == head.position) return head.tree_root;
  RocksTileReader tiles(ledger_->view());
  auto hashes = integrity::NewTileHashReader(size, tiles, &tile_nodes_);
  return integrity::TreeHash(size, *hashes);
}

Result<std::vector<Hash>> EventStoreImpl::ProveInclusion(uint64_t position, uint64_t size) {
  const uint64_t head = GetHead().position;
  if (position == 0 || position > size || size > head) {
    return Status::InvalidArgument("inclusion of position " + std::to_string(position) +
                                   " in the tree of size " + std::to_string(size) +
                                   ": want 1 <= position <= size <= " + std::to_string(head));
  }
  RocksTileReader tiles(ledger_->view());
  auto hashes = integrity::NewTileHashReader(size, tiles, &tile_nodes_);
  return integrity::ProveInclusion(size, position - 1, *hashes);
}

Result<std::vector<Hash>> EventStoreImpl::ProveConsistency(uint64_t old_size, uint64_t size) {
  const uint64_t head = GetHead().position;
  if (old_size > size || size > head) {
    return Status::InvalidArgument("consistency of tree size " + std::to_string(old_size) +
                                   " with " + std::to_string(size) +
                                   ": want old size <= size <= " + std::to_string(head));
  }
  RocksTileReader tiles(ledger_->view());
  auto hashes = integrity::NewTileHashReader(size, tiles, &tile_nodes_);
  return integrity::ProveConsistency(size, old_size, *hashes);
}

Result<std::string> EventStoreImpl::GetCheckpoint(uint64_t size) {
  const StoreDb& db = ledger_->view();
  std::string note;
  rocksdb::Status s = db.db->Get(rocksdb::ReadOptions(), db.integrity, CheckpointKey(size), &note);
  if (s.IsNotFound()) {
    return Status::NotFound("no checkpoint of tree size " + std::to_string(size) +
                            " was signed");
  }
  if (!s.ok()) return FromRocks(s, "reading the checkpoint of size " + std::to_string(size));
  return note;
}

Result<std::string> EventStoreImpl::LatestCheckpoint() {
  const StoreDb& db = ledger_->view();
  std::unique_ptr<rocksdb::Iterator> it(db.db->NewIterator(rocksdb::ReadOptions(), db.integrity));
  // The last "checkpoint/" key: seek past the prefix's range, step back.
  std::string end = kCheckpointPrefix;
  end.back() = static_cast<char>(end.back() + 1);
  it->SeekForPrev(end);
  if (it->Valid() && it->key() == rocksdb::Slice(end)) it->Prev();
  JEJAK_RETURN_IF_ERROR(FromRocks(it->status(), "reading the latest checkpoint"));
  if (!it->Valid() || !it->key().starts_with(kCheckpointPrefix)) {
    return Status::NotFound("this ledger has signed no checkpoint yet");
  }
  return it->value().ToString();
}

Result<std::string> EventStoreImpl::SignCheckpoint(const integrity::NoteSigner& signer) {
  if (!writer_) return Status::Unavailable(path_ + " is open for reading only: sign when the writer is done");
  std::lock_guard lock(sign_mu_);
  const Head head = GetHead();
  // The last signed checkpoint: the larger of the ledger's and the file's.
  // They differ after a crash between the two writes (the ledger's is
  // ahead) or when the database was restored from a copy (the file's is).
  std::optional<FiledCheckpoint> last;
  uint64_t stored_size = 0;
  bool stored_any = false;
  auto latest = LatestCheckpoint();
  if (latest.ok()) {
    auto parsed = ParseFiledCheckpoint(*latest);
    if (!parsed.ok()) return parsed.status().WithContext("the latest stored checkpoint");
    last = std::move(parsed).value();
    stored_size = last->size;
    stored_any = true;
  } else if (!latest.status().IsNotFound()) {
    return latest.status();
  }
  auto filed = LastFiledCheckpoint(path_);
  if (!filed.ok()) return filed.status();
  const bool filed_any = filed->has_value();
  const uint64_t filed_size = filed_any ? (*filed)->size : 0;
  if (filed_any && (!last || filed_size > last->size)) last = **filed;

  if (last) {
    if (last->origin != signer.name()) {
      return Status::InvalidArgument("this ledger's checkpoints are signed as \"" +
                                     last->origin + "\", the key is \"" + signer.name() + "\"");
    }
    if (last->size > head.position) {
      return Status::Corruption("the ledger has " + std::to_string(head.position) +
                                " entries, fewer than the checkpoint of size " +
                                std::to_string(last->size) + " it signed");
    }
    auto root = TreeRoot(last->size);
    if (!root.ok()) return root.status();
    if (*root != last->root) {
      return Status::Corruption("the ledger's tree of size " + std::to_string(last->size) +
                                " has root " + ToHex(*root) +
                                ", not the root of the checkpoint it signed (" +
                                ToHex(last->root) + "): refusing to sign a fork");
    }
    if (last->size == head.position) {
      // Kept in both places before it is returned, so that the file
      // catches a later rollback below it.
      if (!stored_any || stored_size < last->size || !filed_any || filed_size < last->size) {
        JEJAK_RETURN_IF_ERROR(StoreCheckpoint(last->size, last->note, signer.VerifierKey()));
      }
      return last->note;
    }
  }
  integrity::Checkpoint checkpoint;
  checkpoint.origin = signer.name();
  checkpoint.size = head.position;
  checkpoint.root = head.tree_root;
  auto note = integrity::SignNote(integrity::FormatCheckpoint(checkpoint), signer);
  if (!note.ok()) return note.status();
  JEJAK_RETURN_IF_ERROR(StoreCheckpoint(head.position, *note, signer.VerifierKey()));
  return std::move(note).value();
}

Result<std::string> EventStoreImpl::CheckpointVerifierKey() {
  const StoreDb& db = ledger_->view();
  std::string vkey;
  rocksdb::Status s = db.db->Get(rocksdb::ReadOptions(), db.integrity, kVerifierKeyKey, &vkey);
  if (s.IsNotFound()) return Status::NotFound("this ledger has signed no checkpoint yet");
  if (!s.ok()) return FromRocks(s, "reading the checkpoint verifier key");
  return vkey;
}

Status EventStoreImpl::StoreCheckpoint(uint64_t size, const std::string& note,
                                       const std::string& vkey) {
  const StoreDb& db = ledger_->view();
  rocksdb::WriteOptions sync;
  sync.sync = true;
  rocksdb::WriteBatch batch;
  batch.Put(db.integrity, CheckpointKey(size), note);
  batch.Put(db.integrity, kVerifierKeyKey, vkey);
  JEJAK_RETURN_IF_ERROR(FromRocks(db.db->Write(sync, &batch),
                                  "storing the checkpoint of size " + std::to_string(size)));
  auto filed = LastFiledCheckpoint(path_);
  if (!filed.ok()) return filed.status();
  if (filed->has_value() && (*filed)->size >= size) return Status::Ok();
  return FileCheckpoint(path_, note);
}

rocksdb::DB* EventStoreImpl::rocks() { return ledger_->db(); }

Result<rocksdb::ColumnFamilyHandle*> EventStoreImpl::ProjectionFamily(
    std::string_view name) {
  return ledger_->ProjectionFamily(name);
}

Status EventStoreImpl::DropProjectionFamily(std::string_view name) {
  return ledger_->DropProjectionFamily(name);
}

std::vector<std::string> EventStoreImpl::ProjectionFamilyNames() {
  return ledger_->ProjectionFamilyNames();
}

}  // namespace jejak::store
