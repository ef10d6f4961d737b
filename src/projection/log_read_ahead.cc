#include "log_read_ahead.h"

namespace jejak::projection {

LogReadAhead::LogReadAhead(store::EventStore& store, uint64_t from, uint64_t to, bool threaded)
    : it_(store.ReadLog(from, threaded ? store::LogDecoding::kLoaded : store::LogDecoding::kParsed)),
      to_(to),
      threaded_(threaded) {
  if (!threaded_) return;
  chunks_.resize(kChunks);
  thread_ = std::thread([this] { Produce(); });
}

LogReadAhead::~LogReadAhead() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void LogReadAhead::Produce() {
  for (uint64_t n = 0;; ++n) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stop_ || produced_ - consumed_ < kChunks; });
      if (stop_) return;
    }
    // The consumer does not touch this chunk until produced_ passes it.
    Chunk& chunk = chunks_[n % kChunks];
    chunk.last = false;
    chunk.size = it_->TakeEvents(chunk.events, to_);  // decoded in place, no copy
    if (chunk.size < kChunkEvents) {
      status_ = it_->status();
      chunk.last = true;
    }
    {
      std::lock_guard lock(mu_);
      ++produced_;
    }
    cv_.notify_all();
    if (chunk.last) return;
  }
}

const store::RecordedEvent* LogReadAhead::Next() {
  if (!threaded_) {
    if (started_ && it_->Valid()) it_->Next();
    started_ = true;
    if (!it_->Valid() || it_->event().position() > to_) return nullptr;
    return &it_->event();
  }
  if (current_ != nullptr && next_ < current_->size) {
    if (!ParseTo(next_ + 1)) return nullptr;
    return &current_->events[next_++];
  }
  if (current_ != nullptr) {
    if (current_->last) return nullptr;
    {
      std::lock_guard lock(mu_);
      ++consumed_;
    }
    cv_.notify_all();
  }
  {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return produced_ > consumed_; });
    current_ = &chunks_[consumed_ % kChunks];
  }
  next_ = 0;
  parsed_ = 0;
  if (current_->size == 0) return nullptr;  // then current_->last
  if (!ParseTo(1)) return nullptr;
  return &current_->events[next_++];
}

bool LogReadAhead::ParseTo(size_t end) {
  while (parsed_ < end) {
    if (!parse_status_.ok()) return false;
    parse_status_ = current_->events[parsed_].Parse();
    if (!parse_status_.ok()) return false;
    ++parsed_;
  }
  return true;
}

const store::RecordedEvent* LogReadAhead::Peek(size_t ahead, bool parsed) {
  if (current_ == nullptr || next_ + ahead > current_->size) return nullptr;
  const size_t at = next_ + ahead - 1;
  if (parsed && threaded_ && !ParseTo(at + 1)) return nullptr;
  return &current_->events[at];
}

Status LogReadAhead::status() {
  if (!threaded_) return it_->status();
  // Events are handed out in order, so a parse failure comes before any
  // error of the reader's later in the log.
  if (!parse_status_.ok()) return parse_status_;
  std::lock_guard lock(mu_);  // status_ is written before produced_ moves
  return status_;
}

}  // namespace jejak::projection
