#include "gen/sink.h"

#include <capnp/serialize.h>

#include <algorithm>
#include <cstring>

#include "jejak/domain/payload_kind.h"

namespace jejak::gen {

namespace {

constexpr size_t kScratchWords = 4096;        // 32 KiB: every event fits
constexpr size_t kBufferBytes = 4u << 20;     // write in 4 MiB pieces
constexpr size_t kChunkBytes = 4u << 20;      // bucket text chunks

}  // namespace

EventSink::EventSink(uint64_t seed, uint32_t today, std::ostream* out)
    : seed_(seed), today_(today), out_(out), scratch_(kj::heapArray<capnp::word>(kScratchWords)) {
  std::memset(scratch_.begin(), 0, scratch_.size() * sizeof(capnp::word));
  slot_position_.push_back(0);  // slot 0 means "none"
  buffer_.reserve(kBufferBytes + (64u << 10));
}

std::string EventSink::EventId(uint64_t n) const {
  return "gen-" + std::to_string(seed_) + "-" + std::to_string(n);
}

schema::EventInput::Builder EventSink::Begin(std::string_view stream, uint32_t effective,
                                             uint32_t recorded) {
  // The builder re-zeroes the part of scratch_ it used when destroyed.
  building_.reset();
  building_ = std::make_unique<capnp::MallocMessageBuilder>(scratch_);
  building_day_ = std::max(recorded, floor_);
  auto in = building_->initRoot<schema::EventInput>();
  in.setStream(capnp::Text::Reader(stream.data(), stream.size()));
  in.setEventId(EventId(next_seq_));
  if (effective != 0) in.initEffectiveDate().setYyyymmdd(effective);
  return in;
}

uint64_t EventSink::Commit(Links links) {
  const uint64_t seq = next_seq_++;
  Pending p;
  p.day = building_day_;
  p.seq = seq;
  p.ref_slot = links.ref_slot;
  p.target_slot = links.target_slot;
  Bucket& bucket = buckets_[static_cast<int>(p.day / 10000)];
  auto reader = building_->getRoot<schema::EventInput>().asReader();
  if (links.target_slot == 0) {
    line_.clear();
    writer_.Append(reader, &line_);
    if (bucket.chunks.empty() || bucket.chunks.back()->size() + line_.size() > kChunkBytes) {
      if (spare_chunks_.empty()) {
        bucket.chunks.push_back(std::make_unique<std::string>());
        bucket.chunks.back()->reserve(kChunkBytes);
      } else {
        bucket.chunks.push_back(std::move(spare_chunks_.back()));
        spare_chunks_.pop_back();
      }
    }
    std::string& chunk = *bucket.chunks.back();
    p.chunk = static_cast<uint32_t>(bucket.chunks.size() - 1);
    p.offset = static_cast<uint32_t>(chunk.size());
    p.length = static_cast<uint32_t>(line_.size());
    chunk.append(line_);
  } else {
    p.deferred = capnp::messageToFlatArray(*building_);
  }
  building_.reset();
  if (p.ref_slot >= slot_position_.size()) slot_position_.resize(p.ref_slot + 1, 0);
  bucket.events.push_back(std::move(p));
  return seq;
}

void EventSink::Answer(uint64_t n, std::string_view rule, std::string_view stream,
                       std::string detail) {
  answers_by_seq_.emplace(n, answers_.size());
  answers_.push_back(
      {n, AnswerEntry{std::string(rule), std::string(stream), EventId(n), std::move(detail)}});
}

Status EventSink::Write(const Bucket& b, const Pending& p) {
  const uint64_t position = ++written_;
  if (p.target_slot != 0) {
    const uint64_t target =
        p.target_slot < slot_position_.size() ? slot_position_[p.target_slot] : 0;
    if (target == 0) {
      return Status::InvalidArgument("generator bug: event " + EventId(p.seq) +
                                     " refers to an event not written before it");
    }
    capnp::FlatArrayMessageReader flat(p.deferred);
    capnp::MallocMessageBuilder copy;
    copy.setRoot(flat.getRoot<schema::EventInput>());
    if (!domain::SetReferencedPosition(copy.getRoot<schema::EventInput>().getPayload(),
                                       target)) {
      return Status::InvalidArgument("generator bug: event " + EventId(p.seq) +
                                     " has a target slot but no target field");
    }
    writer_.Append(copy.getRoot<schema::EventInput>().asReader(), &buffer_);
  } else {
    buffer_.append(*b.chunks[p.chunk], p.offset, p.length);
  }
  buffer_.push_back('\n');
  if (p.ref_slot != 0) slot_position_[p.ref_slot] = position;
  auto range = answers_by_seq_.equal_range(p.seq);
  for (auto it = range.first; it != range.second; ++it) answers_[it->second].written = true;
  if (buffer_.size() >= kBufferBytes) return FlushBuffer();
  return Status::Ok();
}

Status EventSink::FlushBuffer() {
  out_->write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
  if (!*out_) return Status::IOError("writing the generated events failed");
  return Status::Ok();
}

Status EventSink::FlushThrough(int year) {
  while (!buckets_.empty() && buckets_.begin()->first <= year) {
    Bucket bucket = std::move(buckets_.begin()->second);
    buckets_.erase(buckets_.begin());
    // Sort (day, creation number) keys, not the events: 2^38 creation
    // numbers are far more than any region needs.
    std::vector<std::pair<uint64_t, uint32_t>> order;
    order.reserve(bucket.events.size());
    for (size_t i = 0; i < bucket.events.size(); ++i) {
      const Pending& p = bucket.events[i];
      order.emplace_back((static_cast<uint64_t>(p.day) << 38) | p.seq, static_cast<uint32_t>(i));
    }
    std::sort(order.begin(), order.end());
    for (const auto& [key, i] : order) {
      const Pending& p = bucket.events[i];
      if (p.day > today_) continue;  // not recorded yet on "today"
      JEJAK_RETURN_IF_ERROR(Write(bucket, p));
    }
    for (auto& chunk : bucket.chunks) {
      chunk->clear();  // keeps its capacity for the next years
      spare_chunks_.push_back(std::move(chunk));
    }
  }
  return FlushBuffer();
}

std::vector<AnswerEntry> EventSink::SortedAnswers() const {
  std::vector<AnswerEntry> out;
  for (const auto& a : answers_) {
    if (a.written) out.push_back(a.entry);
  }
  std::sort(out.begin(), out.end(), [](const AnswerEntry& a, const AnswerEntry& b) {
    if (a.rule != b.rule) return a.rule < b.rule;
    if (a.stream != b.stream) return a.stream < b.stream;
    return a.event_id < b.event_id;
  });
  return out;
}

}  // namespace jejak::gen
