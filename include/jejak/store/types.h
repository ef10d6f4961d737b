// Value types of the event store API.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "jejak/integrity/chain_hashes.h"

namespace jejak::store {

// A 32-byte digest: BLAKE2b-256 for the leaf and chain hashes of the log
// records, SHA-256 for the Merkle tree.
using Hash = integrity::Hash;

// Lower-case hex of a hash.
using integrity::ToHex;

// Optimistic concurrency for an append to one stream. Versions are 1-based:
// a stream's version is the number of events in it; 0 means "no stream".
struct ExpectedVersion {
  enum class Kind { kAny, kNoStream, kExact };
  Kind kind = Kind::kAny;
  uint64_t version = 0;  // meaningful for kExact only

  static ExpectedVersion Any() { return {Kind::kAny, 0}; }
  static ExpectedVersion NoStream() { return {Kind::kNoStream, 0}; }
  // Exact(0) is the same as NoStream().
  static ExpectedVersion Exact(uint64_t v) { return {Kind::kExact, v}; }
};

// What a successful append did.
struct AppendResult {
  // positions[i] is the global position of the i-th submitted event, in
  // submission order (across all streams of the call). For an event whose
  // id was already recorded with the same content, its original position.
  std::vector<uint64_t> positions;
  size_t duplicates = 0;  // how many events were already recorded
  // Head of the log after the append's group was committed.
  uint64_t last_position = 0;
};

// Metadata of one stream.
struct StreamInfo {
  std::string stream;
  uint64_t version = 0;          // number of events; last version
  uint64_t first_position = 0;   // position of version 1
  uint64_t last_position = 0;    // position of the last version
};

// The end of the log.
struct Head {
  uint64_t position = 0;      // last position, 0 for an empty log
  Hash chain{};               // chain head H_position (all zero when empty)
  int64_t recorded_at_us = 0; // recorded_at of the last event
  // Root of the Merkle tree of the `position` first entries (RFC 6962,
  // SHA-256; SHA-256("") when empty). Not part of the 48-byte head record:
  // the tree's own record, written in the same batch, holds it.
  Hash tree_root{};
};

}  // namespace jejak::store
