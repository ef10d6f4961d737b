#include "store/keys.h"

#include <cstring>

namespace jejak::store {

void PutU64BE(char* out, uint64_t v) {
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
}

uint64_t GetU64BE(const char* in) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  return v;
}

void StreamVersionKey(std::string_view stream, uint64_t version,
                      std::string* out) {
  out->clear();
  out->reserve(stream.size() + 10);
  out->push_back(kStreamVersionTag);
  out->append(stream);
  out->push_back('\0');
  char v[8];
  PutU64BE(v, version);
  out->append(v, sizeof v);
}

std::string StreamVersionPrefix(std::string_view stream) {
  std::string key;
  key.reserve(stream.size() + 2);
  key.push_back(kStreamVersionTag);
  key.append(stream);
  key.push_back('\0');
  return key;
}

std::string StreamMetaKey(std::string_view stream) {
  std::string key;
  key.reserve(stream.size() + 1);
  key.push_back(kStreamMetaTag);
  key.append(stream);
  return key;
}

std::string EncodeStreamMeta(const StreamMeta& m) {
  std::string v(kStreamMetaBytes, '\0');
  PutU64BE(&v[0], m.version);
  PutU64BE(&v[8], m.first_position);
  PutU64BE(&v[16], m.last_position);
  return v;
}

bool DecodeStreamMeta(std::string_view v, StreamMeta* m) {
  if (v.size() != kStreamMetaBytes) return false;
  m->version = GetU64BE(v.data());
  m->first_position = GetU64BE(v.data() + 8);
  m->last_position = GetU64BE(v.data() + 16);
  return true;
}

void PutEventIdValue(uint64_t position, const Hash& digest, char* out) {
  PutU64BE(out, position);
  std::memcpy(out + 8, digest.data(), digest.size());
}

std::string EncodeEventIdValue(uint64_t position, const Hash& digest) {
  std::string v(kEventIdValueBytes, '\0');
  PutEventIdValue(position, digest, v.data());
  return v;
}

bool DecodeEventIdValue(std::string_view v, uint64_t* position, Hash* digest) {
  if (v.size() != kEventIdValueBytes) return false;
  *position = GetU64BE(v.data());
  std::memcpy(digest->data(), v.data() + 8, digest->size());
  return true;
}

std::string EncodeHead(const Head& h) {
  std::string v(kHeadValueBytes, '\0');
  PutU64BE(&v[0], h.position);
  std::memcpy(&v[8], h.chain.data(), h.chain.size());
  PutU64BE(&v[40], static_cast<uint64_t>(h.recorded_at_us));
  return v;
}

bool DecodeHead(std::string_view v, Head* h) {
  if (v.size() != kHeadValueBytes) return false;
  h->position = GetU64BE(v.data());
  std::memcpy(h->chain.data(), v.data() + 8, h->chain.size());
  h->recorded_at_us = static_cast<int64_t>(GetU64BE(v.data() + 40));
  return true;
}

std::string EncodeTree(uint64_t size, const Hash& root) {
  std::string v(kTreeValueBytes, '\0');
  PutU64BE(&v[0], size);
  std::memcpy(&v[8], root.data(), root.size());
  return v;
}

bool DecodeTree(std::string_view v, uint64_t* size, Hash* root) {
  if (v.size() != kTreeValueBytes) return false;
  *size = GetU64BE(v.data());
  std::memcpy(root->data(), v.data() + 8, root->size());
  return true;
}

namespace {
std::string PrefixedU64(std::string_view prefix, uint64_t v) {
  std::string key(prefix);
  char bytes[8];
  PutU64BE(bytes, v);
  key.append(bytes, sizeof bytes);
  return key;
}
}  // namespace

std::string TileKey(int level, uint64_t index) {
  std::string key(kTilePrefix);
  key.push_back(static_cast<char>(level));
  char bytes[8];
  PutU64BE(bytes, index);
  key.append(bytes, sizeof bytes);
  return key;
}

std::string SaltKey(uint64_t position) { return PrefixedU64(kSaltPrefix, position); }

std::string CheckpointKey(uint64_t size) { return PrefixedU64(kCheckpointPrefix, size); }

}  // namespace jejak::store
