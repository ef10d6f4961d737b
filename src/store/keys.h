// Key and value encodings of the event store's column families.
//
// FROZEN FORMAT (docs/format.md). All integers in keys are big-endian so that
// RocksDB's bytewise order is numeric order.
//   log        key   position u64 BE (8 bytes)
//   streams    key   'v' stream 0x00 version u64 BE  -> position u64 BE
//              key   'm' stream                      -> StreamMeta (24 bytes)
//   event_ids  key   event id bytes                  -> position u64 BE ‖ digest
//   integrity  key   "head"                          -> HeadRecord (48 bytes)
//              key   "tree"                          -> TreeRecord (40 bytes)
//              key   "tile/" level u8 index u64 BE   -> tile hashes (32 each)
//              key   "salt/" position u64 BE         -> salt (32 bytes)
//              key   "checkpoint/" size u64 BE       -> signed checkpoint note
//              key   "vkey"                          -> the signer's verifier key
//   default    key   "format"                        -> "jejak-ledger v2"
// Stream ids never contain 0x00 (domain::ParseStreamId), so the 0x00 after
// the stream id ends it unambiguously.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "jejak/store/types.h"

namespace jejak::store {

inline constexpr char kFamilyLog[] = "log";
inline constexpr char kFamilyStreams[] = "streams";
inline constexpr char kFamilyEventIds[] = "event_ids";
inline constexpr char kFamilyIntegrity[] = "integrity";
inline constexpr char kProjectionFamilyPrefix[] = "proj.";
// The data block size of the projection families' tables, set when a
// family is created and each time it is opened. A rebuild writes a family
// whole; larger blocks than RocksDB's default 4 KiB cut the per-block work
// of that commit and the family's size, at some cost to point reads
// (docs/benchmarks.md "Storage options"). Only new tables take it: a
// family's older files keep their block size and read the same.
inline constexpr size_t kProjectionBlockBytes = 16 << 10;

inline constexpr char kFormatKey[] = "format";
inline constexpr char kFormatValue[] = "jejak-ledger v2";
// A ledger without the Merkle tree; `jejak upgrade` makes it v2.
inline constexpr char kFormatValueV1[] = "jejak-ledger v1";
inline constexpr char kHeadKey[] = "head";
inline constexpr char kTreeKey[] = "tree";
inline constexpr char kTilePrefix[] = "tile/";
inline constexpr char kSaltPrefix[] = "salt/";
inline constexpr char kCheckpointPrefix[] = "checkpoint/";
// The verifier key of the latest checkpoint's signer (text).
inline constexpr char kVerifierKeyKey[] = "vkey";

inline constexpr char kStreamVersionTag = 'v';
inline constexpr char kStreamMetaTag = 'm';

void PutU64BE(char* out, uint64_t v);
uint64_t GetU64BE(const char* in);

// An 8-byte big-endian position, as a log key or an index value.
struct PositionKey {
  explicit PositionKey(uint64_t position) { PutU64BE(bytes, position); }
  std::string_view view() const { return {bytes, sizeof bytes}; }
  char bytes[8];
};

// 'v' stream 0x00 version. Overwrites *out.
void StreamVersionKey(std::string_view stream, uint64_t version,
                      std::string* out);
// 'v' stream 0x00: the common prefix of a stream's version keys.
std::string StreamVersionPrefix(std::string_view stream);
// 'm' stream.
std::string StreamMetaKey(std::string_view stream);

// Value of the 'm' key: version, first position, last position (u64 BE each).
struct StreamMeta {
  uint64_t version = 0;  // 0: the stream does not exist
  uint64_t first_position = 0;
  uint64_t last_position = 0;
};
inline constexpr size_t kStreamMetaBytes = 24;
std::string EncodeStreamMeta(const StreamMeta& m);
bool DecodeStreamMeta(std::string_view v, StreamMeta* m);

// Value of an event_ids key: position u64 BE ‖ content digest (32 bytes).
inline constexpr size_t kEventIdValueBytes = 40;
std::string EncodeEventIdValue(uint64_t position, const Hash& digest);
// The same into `out` (kEventIdValueBytes bytes), without allocating.
void PutEventIdValue(uint64_t position, const Hash& digest, char* out);
bool DecodeEventIdValue(std::string_view v, uint64_t* position, Hash* digest);

// Value of the integrity "head" key: position u64 BE ‖ chain hash (32) ‖
// recorded_at i64 BE.
inline constexpr size_t kHeadValueBytes = 48;
std::string EncodeHead(const Head& h);
bool DecodeHead(std::string_view v, Head* h);

// Value of the integrity "tree" key: size u64 BE ‖ root (32 bytes). Written
// in the same WriteBatch as the head, so size == head position.
inline constexpr size_t kTreeValueBytes = 40;
std::string EncodeTree(uint64_t size, const Hash& root);
bool DecodeTree(std::string_view v, uint64_t* size, Hash* root);

// "tile/" level u8 index u64 BE: the hashes of Merkle level 8·level, nodes
// [256·index, 256·index + width), 32 bytes each (C2SP tlog-tiles' tile
// level/index; a partial tile is overwritten as it grows, a full one never).
std::string TileKey(int level, uint64_t index);
// "salt/" position u64 BE: the salt of the personal commitment of the entry
// at `position` (only for events with personal fields).
std::string SaltKey(uint64_t position);
// "checkpoint/" size u64 BE: the signed checkpoint of that tree size.
std::string CheckpointKey(uint64_t size);

}  // namespace jejak::store
