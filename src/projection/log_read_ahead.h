// LogReadAhead: the log events of a position range for the projector, read
// and decoded on a thread of their own a few chunks ahead of the fold (the
// read is a large part of a rebuild's sequential work), or in the
// caller's thread for short ranges.
//
// Thread safety: one consumer thread calls Next/status.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "fold_tuning.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"

namespace jejak::projection {

class LogReadAhead {
 public:
  // Events at positions [from, to]. `threaded`: read on a helper thread.
  LogReadAhead(store::EventStore& store, uint64_t from, uint64_t to, bool threaded);
  ~LogReadAhead();  // stops the helper, if any
  LogReadAhead(const LogReadAhead&) = delete;
  LogReadAhead& operator=(const LogReadAhead&) = delete;

  // The next event, valid until the next call; nullptr at the end of the
  // range or on an error (then status() says which).
  const store::RecordedEvent* Next();
  // The event `ahead` (>= 1) after the one Next returned last, when it is
  // already read (threaded: in the same chunk), else nullptr; valid as
  // long as that one. For prefetching only: Next still returns every event.
  // `parsed`: event() may be read (threaded, the helper only Loads events
  // and this parses them, in order); else only its body and Prefetch.
  const store::RecordedEvent* Peek(size_t ahead, bool parsed);
  Status status();

 private:
  static constexpr size_t kChunkEvents = tuning::kReadAheadChunkEvents;
  static constexpr size_t kChunks = tuning::kReadAheadChunks;
  struct Chunk {
    std::vector<store::RecordedEvent> events{kChunkEvents};
    size_t size = 0;
    bool last = false;  // the range ends (or failed) with this chunk
  };
  void Produce();
  // Threaded: parses the events of current_ before `end` not parsed yet;
  // false if one fails (parse_status_ says why).
  bool ParseTo(size_t end);

  std::unique_ptr<store::LogIterator> it_;
  const uint64_t to_;
  const bool threaded_;
  bool started_ = false;  // unthreaded: the iterator is on the current event
  // Threaded: chunk n of the stream is chunks_[n % kChunks].
  std::vector<Chunk> chunks_;
  std::mutex mu_;
  std::condition_variable cv_;
  uint64_t produced_ = 0;  // chunks filled (guarded by mu_)
  uint64_t consumed_ = 0;  // chunks released by the consumer (guarded by mu_)
  bool stop_ = false;      // guarded by mu_
  Status status_;          // set by the producer before its last chunk
  Chunk* current_ = nullptr;
  size_t next_ = 0;
  size_t parsed_ = 0;    // events of current_ parsed
  Status parse_status_;  // the consumer's: the first event that failed to parse
  std::thread thread_;
};

}  // namespace jejak::projection
