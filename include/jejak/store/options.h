// Options of the event store. Every field has a documented default.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace spdlog {
class logger;
}

namespace jejak {
class Clock;
}

namespace jejak::store {

struct StoreOptions {
  // Create the data directory and an empty ledger when none exists.
  // Default true. When false, opening a missing ledger is NotFound.
  bool create_if_missing = true;

  // Durability promise of an acknowledged append. true (default): the WAL
  // is fsync'ed once per commit group before any append of the group is
  // acknowledged, so an acknowledged event survives a power cut. false: the
  // group is written to the OS (survives a process crash, not a power cut).
  bool sync = true;

  // Group commit: the writer thread takes at most this many events / bytes
  // of pending appends into one WriteBatch. An append larger than the
  // limits forms a group of its own. Defaults: 8192 events, 16 MiB.
  size_t max_group_events = 8192;
  size_t max_group_bytes = 16u << 20;

  // Largest encoded event (body) accepted; larger ones are InvalidArgument.
  // Default 64 KiB.
  size_t max_event_bytes = 64u << 10;

  // Most events in one Append call. Default 100,000.
  size_t max_append_events = 100'000;

  // RocksDB block cache shared by all column families. Default 64 MiB.
  size_t block_cache_bytes = 64u << 20;

  // Open as a reader beside a process that has the ledger open for
  // writing: a RocksDB secondary instance, which takes no lock and sees the
  // ledger as the writer had made it durable when it was opened (its log,
  // indexes and tree; projection writes skip the WAL, so a projection is
  // seen as last flushed). Append is Unavailable; the ledger must exist.
  // Its own RocksDB files go to a temporary directory removed on close.
  // Default false.
  bool read_only = false;

  // Source of recorded_at. Not owned; must outlive the store. Default
  // (nullptr): jejak::SystemClock().
  Clock* clock = nullptr;

  // Where the store logs open/close/recovery and failures. Default
  // (nullptr): no logging.
  std::shared_ptr<spdlog::logger> logger;
};

}  // namespace jejak::store
