// RecordedEvent: one event as stored in the log, decoded.
//
// A log record is framed as described in docs/format.md: a fixed header
// (frame version, body length, leaf hash, chain hash) followed by the body,
// the canonical Cap'n Proto encoding of schema::Event.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include <capnp/message.h>

#include "jejak/schema/envelope.capnp.h"
#include "jejak/status.h"
#include "jejak/store/types.h"

namespace jejak::store {

// The limits a body of `words` words is read with (RecordedEvent, and any
// reader of a copy of its body): traversal proportional to the size.
capnp::ReaderOptions BodyReaderOptions(size_t words);

class RecordedEvent {
 public:
  RecordedEvent();
  ~RecordedEvent();
  RecordedEvent(const RecordedEvent& other);
  RecordedEvent& operator=(const RecordedEvent& other);
  RecordedEvent(RecordedEvent&&) noexcept;
  RecordedEvent& operator=(RecordedEvent&&) noexcept;

  // Decodes the stored value of the log record at `key_position`, reusing
  // this object's buffer. Checks the frame (version, lengths, alignment) and
  // that the body's position equals `key_position`; does NOT recompute
  // hashes (EventStore::Verify does). Returns Corruption naming the
  // position on any malformed input; never throws or aborts.
  Status Decode(uint64_t key_position, std::string_view stored);

  // Decode in two steps, for a reader that copies records on one thread
  // and reads them on another: Load checks the frame and copies the
  // hashes and the body (position() is then `key_position`, event() not
  // yet valid); Parse reads the body and checks its position (event()
  // valid after it). Decode = Load, then Parse. Either one's Corruption
  // names the position and leaves the object as if nothing was decoded.
  Status Load(uint64_t key_position, std::string_view stored);
  // REQUIRES: a successful Load since the last Parse.
  Status Parse();

  uint64_t position() const { return position_; }
  const Hash& leaf_hash() const { return leaf_; }
  const Hash& chain_hash() const { return chain_; }

  // The canonical body bytes the leaf hash covers.
  std::string_view body() const;

  // REQUIRES: a successful Decode. Valid while this object is alive and
  // not decoded again. Field access on a body that passed Decode but was
  // tampered with may throw kj::Exception: callers that read untrusted
  // bytes catch it at their boundary (see VerifyLog).
  schema::Event::Reader event() const { return root_; }

  // A hint for a reader on another thread than the decoder's: starts
  // loading into this core's cache what event() reads (the body and the
  // message reader over it). No effect on any value.
  void Prefetch() const;

 private:
  void Reset();  // to "nothing decoded"
  struct MessageHolder;  // the capnp reader over body_, reused across Decode
  uint64_t position_ = 0;
  Hash leaf_{};
  Hash chain_{};
  std::vector<uint64_t> body_;  // aligned copy of the body (8-byte words)
  size_t body_bytes_ = 0;
  std::unique_ptr<MessageHolder> holder_;
  schema::Event::Reader root_;
  bool parsed_ = false;  // root_ reads body_ (a successful Parse since the last Load)
};

}  // namespace jejak::store
