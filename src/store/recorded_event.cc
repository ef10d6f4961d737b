// RecordedEvent::Decode is the one place stored log bytes become a
// Cap'n Proto reader. It must never throw or crash on any input (tamper and
// fuzz tests feed it garbage), and it is on the projections' hot path, so it
// reuses its word buffer and constructs the message reader in place.
#include "jejak/store/recorded_event.h"

#include <cstring>
#include <optional>
#include <string>
#include <utility>

#include <capnp/message.h>
#include <kj/exception.h>

#include "store/frame.h"

namespace jejak::store {

struct RecordedEvent::MessageHolder {
  kj::ArrayPtr<const capnp::word> segments[1];
  std::optional<capnp::SegmentArrayMessageReader> reader;
};

void RecordedEvent::Prefetch() const {
  constexpr size_t kLine = 64;
  const char* body = reinterpret_cast<const char*>(body_.data());
  for (size_t at = 0; at < body_bytes_ && at < 16 * kLine; at += kLine) __builtin_prefetch(body + at);
  if (holder_ == nullptr) return;
  const char* holder = reinterpret_cast<const char*>(holder_.get());
  for (size_t at = 0; at < sizeof(MessageHolder); at += kLine) __builtin_prefetch(holder + at);
}

namespace {

// The body buffer is a vector of uint64_t (not of capnp::word, whose
// default construction clang rejects in vector::resize), viewed as words.
const capnp::word* Words(const std::vector<uint64_t>& v) {
  return reinterpret_cast<const capnp::word*>(v.data());
}


Status Bad(uint64_t position, const std::string& what) {
  return Status::Corruption("log record at position " +
                            std::to_string(position) + ": " + what);
}

uint32_t GetU32LE(const char* p) {
  return static_cast<uint32_t>(static_cast<uint8_t>(p[0])) |
         static_cast<uint32_t>(static_cast<uint8_t>(p[1])) << 8 |
         static_cast<uint32_t>(static_cast<uint8_t>(p[2])) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(p[3])) << 24;
}

}  // namespace

capnp::ReaderOptions BodyReaderOptions(size_t words) {
  capnp::ReaderOptions options;
  // Honest readers traverse each word a few times at most; a limit
  // proportional to the size stops amplification attacks (pointers aliasing
  // one big list) without hurting projections that re-read fields.
  options.traversalLimitInWords = words * 64 + 1024;
  options.nestingLimit = 64;
  return options;
}

RecordedEvent::RecordedEvent() = default;
RecordedEvent::~RecordedEvent() = default;
RecordedEvent::RecordedEvent(RecordedEvent&& other) noexcept { *this = std::move(other); }

RecordedEvent& RecordedEvent::operator=(RecordedEvent&& other) noexcept {
  if (this == &other) return *this;
  position_ = std::exchange(other.position_, 0);
  leaf_ = other.leaf_;
  chain_ = other.chain_;
  body_ = std::move(other.body_);
  body_bytes_ = std::exchange(other.body_bytes_, 0);
  holder_ = std::move(other.holder_);  // the reader keeps pointing at the moved body's words
  root_ = std::exchange(other.root_, schema::Event::Reader());
  parsed_ = std::exchange(other.parsed_, false);
  return *this;
}

RecordedEvent::RecordedEvent(const RecordedEvent& other) { *this = other; }

RecordedEvent& RecordedEvent::operator=(const RecordedEvent& other) {
  if (this == &other) return *this;
  position_ = other.position_;
  leaf_ = other.leaf_;
  chain_ = other.chain_;
  body_bytes_ = other.body_bytes_;
  root_ = schema::Event::Reader();
  parsed_ = false;
  if (body_bytes_ == 0) return *this;
  body_.resize(body_bytes_ / sizeof(capnp::word));
  std::memcpy(body_.data(), other.body_.data(), body_bytes_);
  if (!other.parsed_) return *this;  // Loaded only
  // `other` parsed these very bytes, so parsing them again cannot fail.
  (void)Parse();
  return *this;
}

std::string_view RecordedEvent::body() const {
  return {reinterpret_cast<const char*>(body_.data()), body_bytes_};
}

Status RecordedEvent::Decode(uint64_t key_position, std::string_view stored) {
  JEJAK_RETURN_IF_ERROR(Load(key_position, stored));
  return Parse();
}

Status RecordedEvent::Load(uint64_t key_position, std::string_view stored) {
  // Leave the object in the "nothing decoded" state until all checks pass.
  Reset();

  if (stored.size() < kFrameHeaderBytes) {
    return Bad(key_position, "value of " + std::to_string(stored.size()) +
                                 " bytes is shorter than the " +
                                 std::to_string(kFrameHeaderBytes) +
                                 "-byte frame header");
  }
  const auto version = static_cast<uint8_t>(stored[0]);
  if (version != kFrameVersion) {
    return Bad(key_position, "frame version " + std::to_string(version) +
                                 " (this build reads version 1)");
  }
  if (stored[1] != 0 || stored[2] != 0 || stored[3] != 0) {
    return Bad(key_position, "reserved frame bytes 1..3 are not zero");
  }
  const uint32_t body_len = GetU32LE(stored.data() + 4);
  const size_t actual = stored.size() - kFrameHeaderBytes;
  if (body_len != actual) {
    return Bad(key_position, "body length field says " +
                                 std::to_string(body_len) + " bytes, value holds " +
                                 std::to_string(actual));
  }
  if (body_len == 0 || body_len % sizeof(capnp::word) != 0 ||
      body_len > kMaxBodyBytes) {
    return Bad(key_position, "body length " + std::to_string(body_len) +
                                 " is not a positive multiple of 8 up to 64 MiB");
  }

  std::memcpy(leaf_.data(), stored.data() + kFrameLeafOffset, leaf_.size());
  std::memcpy(chain_.data(), stored.data() + kFrameChainOffset, chain_.size());
  const size_t words = body_len / sizeof(capnp::word);
  if (body_.size() < words) body_.resize(words);
  std::memcpy(body_.data(), stored.data() + kFrameHeaderBytes, body_len);
  position_ = key_position;
  body_bytes_ = body_len;
  return Status::Ok();
}

Status RecordedEvent::Parse() {
  const uint64_t key_position = position_;
  const size_t words = body_bytes_ / sizeof(capnp::word);
  if (holder_ == nullptr) holder_ = std::make_unique<MessageHolder>();
  holder_->segments[0] = kj::arrayPtr(Words(body_), words);
  // Replaces the reader of the last Parse, if any (Load leaves it to this
  // thread to destroy: see Reset).
  holder_->reader.emplace(kj::arrayPtr(holder_->segments, 1), BodyReaderOptions(words));

  schema::Event::Reader root;
  uint64_t body_position = 0;
  KJ_IF_MAYBE(e, kj::runCatchingExceptions([&] {
                root = holder_->reader->getRoot<schema::Event>();
                body_position = root.getPosition();
              })) {
    Reset();
    return Bad(key_position, std::string("malformed Cap'n Proto body: ") +
                                 e->getDescription().cStr());
  }
  if (body_position != key_position) {
    Reset();
    return Bad(key_position, "body says position " +
                                 std::to_string(body_position));
  }
  root_ = root;
  parsed_ = true;
  return Status::Ok();
}

void RecordedEvent::Reset() {
  // The message reader of an earlier Parse is left in place, unused (root_
  // and parsed_ no longer refer to it; its destructor reads no segment, so
  // a body buffer reallocated under it does not matter). The next Parse
  // replaces it: with LogDecoding::kLoaded that is the folding thread, so
  // the read-ahead thread, which Loads, does not destroy readers.
  root_ = schema::Event::Reader();
  parsed_ = false;
  position_ = 0;
  body_bytes_ = 0;
}

}  // namespace jejak::store
