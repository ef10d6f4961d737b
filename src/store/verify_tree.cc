#include "store/verify_tree.h"

#include <cstring>
#include <optional>

#include <rocksdb/db.h>

#include "jejak/integrity/merkle.h"
#include "jejak/integrity/tile.h"
#include "store/keys.h"
#include "store/rocks_status.h"
#include "store/tree_leaf.h"

namespace jejak::store {

using integrity::Hash;
using integrity::kTileHeight;
using integrity::kTileWidth;

namespace {

std::string Hex8(const Hash& h) { return ToHex(h).substr(0, 16); }

}  // namespace

TreeVerifier::TreeVerifier(const StoreDb& db, const rocksdb::ReadOptions& read)
    : db_(db), read_(read), salts_(db.db->NewIterator(read, db.integrity)) {
  salts_->Seek(kSaltPrefix);
}

TreeVerifier::~TreeVerifier() = default;

Status TreeVerifier::Add(uint64_t position, std::string_view body,
                         schema::Payload::Which kind, uint64_t* bad_position) {
  *bad_position = position;
  std::optional<integrity::Salt> salt;
  const size_t prefix = std::strlen(kSaltPrefix);
  if (salts_->Valid() && salts_->key().starts_with(kSaltPrefix)) {
    const rocksdb::Slice key = salts_->key();
    if (key.size() != prefix + 8) {
      return Status::Corruption("salt key of " + std::to_string(key.size()) + " bytes");
    }
    const uint64_t salted = GetU64BE(key.data() + prefix);
    if (salted < position) {
      return Status::Corruption("a salt is stored for position " + std::to_string(salted) +
                                ", out of order");
    }
    if (salted == position) {
      if (salts_->value().size() != integrity::kSaltBytes) {
        return Status::Corruption("salt of " + std::to_string(salts_->value().size()) +
                                  " bytes");
      }
      salt.emplace();
      std::memcpy(salt->data(), salts_->value().data(), integrity::kSaltBytes);
      salts_->Next();
    }
  }
  JEJAK_RETURN_IF_ERROR(FromRocks(salts_->status(), "verify: reading the salts"));
  auto leaf = StoredLeafHash(position, body, kind, salt);
  if (!leaf.ok()) return leaf.status();

  struct Sink final : integrity::NodeSink {
    TreeVerifier* self;
    void OnNode(const integrity::NodeId& id, const Hash& hash) override {
      if (id.level % kTileHeight == 0) self->AddToLevel(id.level / kTileHeight, hash);
    }
  } sink;
  sink.self = this;
  AddToLevel(0, *leaf);
  range_.Append(*leaf, &sink);
  for (int level : full_) JEJAK_RETURN_IF_ERROR(CompareTile(level, bad_position));
  full_.clear();
  return Status::Ok();
}

void TreeVerifier::AddToLevel(int level, const Hash& hash) {
  if (static_cast<size_t>(level) >= levels_.size()) levels_.resize(level + 1);
  levels_[level].hashes.push_back(hash);
  if (levels_[level].hashes.size() == kTileWidth) full_.push_back(level);
}

Status TreeVerifier::CompareTile(int level, uint64_t* bad_position) {
  Level& l = levels_[level];
  const std::string name = "tile " + std::to_string(level) + "/" + std::to_string(l.index);
  // The first leaf under entry i of this tile.
  auto first_leaf = [&](size_t i) {
    return ((l.index * kTileWidth + i) << (level * kTileHeight)) + 1;
  };
  *bad_position = first_leaf(0);
  std::string stored;
  rocksdb::Status s = db_.db->Get(read_, db_.integrity, TileKey(level, l.index), &stored);
  if (s.IsNotFound()) return Status::Corruption(name + " is missing");
  JEJAK_RETURN_IF_ERROR(FromRocks(s, "verify: reading " + name));
  const size_t want = l.hashes.size() * sizeof(Hash);
  if (stored.size() != want) {
    return Status::Corruption(name + " holds " + std::to_string(stored.size() / sizeof(Hash)) +
                              " hashes (" + std::to_string(stored.size()) + " bytes), the tree has " +
                              std::to_string(l.hashes.size()));
  }
  for (size_t i = 0; i < l.hashes.size(); ++i) {
    if (std::memcmp(stored.data() + i * sizeof(Hash), l.hashes[i].data(), sizeof(Hash)) != 0) {
      Hash was;
      std::memcpy(was.data(), stored.data() + i * sizeof(Hash), sizeof(Hash));
      *bad_position = first_leaf(i);
      return Status::Corruption(name + " entry " + std::to_string(i) + " is " + Hex8(was) +
                                "..., recomputed " + Hex8(l.hashes[i]) + "...");
    }
  }
  ++tiles_seen_;
  if (l.hashes.size() == kTileWidth) {
    l.hashes.clear();
    ++l.index;
  }
  return Status::Ok();
}

Status TreeVerifier::Finish(uint64_t size, Hash* root, uint64_t* bad_position) {
  *bad_position = size + 1;
  for (size_t level = 0; level < levels_.size(); ++level) {
    if (!levels_[level].hashes.empty()) {
      JEJAK_RETURN_IF_ERROR(CompareTile(static_cast<int>(level), bad_position));
    }
  }
  *bad_position = size + 1;
  // Nothing stored beyond the tree: no salt past the head, no extra tile.
  if (salts_->Valid() && salts_->key().starts_with(kSaltPrefix)) {
    return Status::Corruption("a salt is stored past the head (key of " +
                              std::to_string(salts_->key().size()) + " bytes)");
  }
  uint64_t tiles = 0;
  std::unique_ptr<rocksdb::Iterator> it(db_.db->NewIterator(read_, db_.integrity));
  for (it->Seek(kTilePrefix); it->Valid() && it->key().starts_with(kTilePrefix); it->Next()) {
    ++tiles;
  }
  JEJAK_RETURN_IF_ERROR(FromRocks(it->status(), "verify: counting tiles"));
  if (tiles != tiles_seen_) {
    return Status::Corruption("the integrity family holds " + std::to_string(tiles) +
                              " tiles, the tree of size " + std::to_string(size) + " has " +
                              std::to_string(tiles_seen_));
  }
  *root = range_.Root();
  std::string value;
  rocksdb::Status s = db_.db->Get(read_, db_.integrity, kTreeKey, &value);
  if (s.IsNotFound()) {
    if (size == 0) return Status::Ok();
    return Status::Corruption("no tree record, the log has " + std::to_string(size) + " events");
  }
  JEJAK_RETURN_IF_ERROR(FromRocks(s, "verify: reading the tree record"));
  uint64_t stored_size = 0;
  Hash stored_root;
  if (!DecodeTree(value, &stored_size, &stored_root)) {
    return Status::Corruption("tree record of " + std::to_string(value.size()) + " bytes");
  }
  if (stored_size != size) {
    *bad_position = std::min(stored_size, size) + 1;
    return Status::Corruption("tree record says size " + std::to_string(stored_size) +
                              ", the log has " + std::to_string(size) + " events");
  }
  if (stored_root != *root) {
    *bad_position = size;
    return Status::Corruption("tree record root " + Hex8(stored_root) +
                              "... differs from the recomputed " + Hex8(*root) + "...");
  }
  return Status::Ok();
}

}  // namespace jejak::store
