// EventStore::Upgrade: a v1 ledger (no Merkle tree) to the current format.
#include <algorithm>

#include <kj/exception.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>
#include <sodium.h>

#include "jejak/store/event_store.h"
#include "store/keys.h"
#include "store/ledger_db.h"
#include "store/log_iterator.h"
#include "store/rocks_status.h"
#include "store/tree_leaf.h"
#include "store/tree_writer.h"

namespace jejak::store {

namespace {
// Entries hashed into the tree per synced batch: the unit of progress a
// crash can lose (about 1.3 MB of tiles and salts at most).
constexpr uint64_t kUpgradeBatch = 1 << 14;
}  // namespace

Result<uint64_t> EventStore::Upgrade(const StoreOptions& options, const std::string& path,
                                     const std::function<void(uint64_t, uint64_t)>& progress) {
  if (sodium_init() < 0) return Status::Unavailable("libsodium failed to initialize");
  StoreOptions open = options;
  open.create_if_missing = false;
  Head head;
  auto ledger = LedgerDb::Open(open, path, &head, nullptr, /*for_upgrade=*/true);
  if (!ledger.ok()) return ledger.status();
  if ((*ledger)->format() == LedgerFormat::kV2) return uint64_t{0};
  const StoreDb& db = (*ledger)->view();

  // Where an earlier run stopped: the tree record of its last batch.
  uint64_t size = 0;
  {
    std::string value;
    rocksdb::Status s = db.db->Get(rocksdb::ReadOptions(), db.integrity, kTreeKey, &value);
    integrity::Hash root;
    if (s.ok() && !DecodeTree(value, &size, &root)) {
      return Status::Corruption(path + ": tree record of " + std::to_string(value.size()) +
                                " bytes");
    }
    if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "reading the tree record of " + path);
    if (size > head.position) {
      return Status::Corruption(path + ": the tree has " + std::to_string(size) +
                                " entries, the log " + std::to_string(head.position));
    }
  }
  auto tree = TreeWriter::Load(db, size);
  if (!tree.ok()) return tree.status();
  const uint64_t start = size;

  rocksdb::WriteOptions sync;
  sync.sync = true;
  rocksdb::WriteBatch batch;
  std::vector<integrity::Hash> leaves;
  auto flush = [&]() -> Status {
    (*tree)->Append(leaves, batch);
    leaves.clear();
    JEJAK_RETURN_IF_ERROR(FromRocks(db.db->Write(sync, &batch),
                                    "writing the Merkle tree up to " +
                                        std::to_string((*tree)->size())));
    batch.Clear();
    if (progress) progress((*tree)->size(), head.position);
    return Status::Ok();
  };
  auto it = NewLogIterator(db, size + 1, LogDecoding::kParsed);
  for (; it->Valid() && size < head.position; it->Next()) {
    const RecordedEvent& ev = it->event();
    schema::Payload::Which kind = schema::Payload::UNSPECIFIED;
    KJ_IF_MAYBE(e, kj::runCatchingExceptions([&] { kind = ev.event().getPayload().which(); })) {
      return Status::Corruption("log record at position " + std::to_string(ev.position()) +
                                ": " + e->getDescription().cStr());
    }
    auto leaf = NewTreeLeaf(ev.position(), ev.body(), kind);
    if (!leaf.ok()) return leaf.status();
    if (leaf->salt) {
      batch.Put(db.integrity, SaltKey(ev.position()),
                rocksdb::Slice(reinterpret_cast<const char*>(leaf->salt->data()),
                               leaf->salt->size()));
    }
    leaves.push_back(leaf->hash);
    ++size;
    if (leaves.size() == kUpgradeBatch) JEJAK_RETURN_IF_ERROR(flush());
  }
  JEJAK_RETURN_IF_ERROR(it->status());
  if (size != head.position) {
    return Status::Corruption(path + ": the log ends at " + std::to_string(size) +
                              ", the head says " + std::to_string(head.position));
  }
  if (!leaves.empty() || start == 0) JEJAK_RETURN_IF_ERROR(flush());
  JEJAK_RETURN_IF_ERROR((*ledger)->MarkUpgraded());
  return size - start;
}

}  // namespace jejak::store
