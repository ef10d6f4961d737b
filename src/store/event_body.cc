#include "store/event_body.h"

#include <bit>
#include <cassert>
#include <cstring>

#include <capnp/message.h>
#include <capnp/serialize.h>

#include "jejak/schema/envelope.capnp.h"

namespace jejak::store {

namespace {

// Layouts (canonical: one segment, root pointer first, objects in preorder).
// EventInput: no data, pointers stream, eventId, expectedVersion (null once
// normalized), effectiveDate, actor, source, payload.
// Event: data position, version, schemaVersion (3 words); pointers stream,
// eventId, recordedAt, effectiveDate, actor, source, payload.
constexpr uint32_t kPointers = 7;
constexpr uint32_t kEventDataWords = 3;
constexpr uint32_t kRecordedAtSlot = 2;

uint64_t Word(kj::ArrayPtr<const capnp::word> words, size_t i) {
  uint64_t w;
  std::memcpy(&w, &words[i], sizeof w);
  return w;
}

// Cap'n Proto pointers (little-endian word): low 2 bits kind, bits 2..31
// signed offset in words from the end of the pointer; struct: bits 32..47
// data words, 48..63 pointers; list: bits 32..34 element size, 35..63
// element count.
uint32_t Kind(uint64_t p) { return static_cast<uint32_t>(p & 3); }
int64_t Offset(uint64_t p) { return static_cast<int32_t>(static_cast<uint32_t>(p)) >> 2; }
uint64_t StructPointer(int64_t offset, uint16_t data, uint16_t pointers) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(offset) << 2)) |
         (static_cast<uint64_t>(data) << 32) | (static_cast<uint64_t>(pointers) << 48);
}

// Where the byte list (Text) of pointer slot `slot` of the root starts and
// how many words it takes; false unless it is a non-null byte list.
bool TextBlock(kj::ArrayPtr<const capnp::word> in, size_t slot, size_t* start,
               size_t* words) {
  const uint64_t p = Word(in, 1 + slot);
  if (p == 0 || Kind(p) != 1 || ((p >> 32) & 7) != 2) return false;
  const int64_t target = static_cast<int64_t>(2 + slot) + Offset(p);
  if (target < 0) return false;
  *start = static_cast<size_t>(target);
  *words = ((p >> 35) + 7) / 8;
  return true;
}

void AppendWord(uint64_t w, std::string* out) {
  out->append(reinterpret_cast<const char*>(&w), sizeof w);
}

// The splice; false (nothing appended) when the input is not laid out as
// expected.
bool AppendBySplicing(kj::ArrayPtr<const capnp::word> in, uint64_t position,
                      uint64_t version, int64_t recorded_at_us, std::string* out) {
  if constexpr (std::endian::native != std::endian::little) return false;
  if (recorded_at_us == 0 || in.size() < 1 + kPointers) return false;
  if (Word(in, 0) != StructPointer(0, 0, kPointers)) return false;
  if (Word(in, 1 + kRecordedAtSlot) != 0) return false;  // expectedVersion
  size_t stream_at = 0, stream_words = 0, id_at = 0, id_words = 0;
  if (!TextBlock(in, 0, &stream_at, &stream_words) ||
      !TextBlock(in, 1, &id_at, &id_words) || stream_at != 1 + kPointers ||
      id_at != stream_at + stream_words) {
    return false;
  }
  const size_t rest_at = id_at + id_words;  // effectiveDate ... payload
  if (rest_at > in.size()) return false;
  uint64_t moved[kPointers - kRecordedAtSlot - 1];
  for (uint32_t slot = kRecordedAtSlot + 1; slot < kPointers; ++slot) {
    uint64_t p = Word(in, 1 + slot);
    const bool empty_struct = Kind(p) == 0 && (p >> 32) == 0;
    if (p != 0 && !empty_struct) {
      if (Kind(p) != 0) return false;  // the schema has structs here
      const int64_t target = static_cast<int64_t>(2 + slot) + Offset(p);
      if (target < static_cast<int64_t>(rest_at)) return false;
      // The pointer moves by the data section (3), its target also by the
      // recordedAt word (4): one word further.
      p = (p & ~uint64_t{0xffffffff}) |
          static_cast<uint32_t>(static_cast<uint32_t>(Offset(p) + 1) << 2);
    }
    moved[slot - kRecordedAtSlot - 1] = p;
  }

  const size_t bytes = (in.size() + kEventDataWords + 1) * sizeof(capnp::word);
  out->reserve(out->size() + bytes);
  AppendWord(StructPointer(0, kEventDataWords, kPointers), out);
  AppendWord(position, out);
  AppendWord(version, out);
  AppendWord(1, out);  // schemaVersion (UInt16), the rest of the word zero
  AppendWord(Word(in, 1), out);  // stream: pointer and target both moved by 3
  AppendWord(Word(in, 2), out);  // eventId: likewise
  const size_t recorded_at_word = rest_at + kEventDataWords;
  AppendWord(StructPointer(static_cast<int64_t>(recorded_at_word) -
                               (1 + kEventDataWords + kRecordedAtSlot + 1),
                           1, 0),
             out);
  for (uint64_t p : moved) AppendWord(p, out);
  const char* base = reinterpret_cast<const char*>(in.begin());
  out->append(base + stream_at * sizeof(capnp::word),
              (rest_at - stream_at) * sizeof(capnp::word));
  AppendWord(static_cast<uint64_t>(recorded_at_us), out);
  out->append(base + rest_at * sizeof(capnp::word),
              (in.size() - rest_at) * sizeof(capnp::word));
  return true;
}

}  // namespace

void AppendEventBodyByBuilding(kj::ArrayPtr<const capnp::word> input,
                               uint64_t position, uint64_t version,
                               int64_t recorded_at_us, std::string* out) {
  kj::ArrayPtr<const capnp::word> segments[1] = {input};
  capnp::SegmentArrayMessageReader input_message(kj::arrayPtr(segments, 1));
  const auto in = input_message.getRoot<schema::EventInput>();

  capnp::MallocMessageBuilder message(
      static_cast<capnp::uint>(input.size() + 2 * kPointers));
  auto event = message.initRoot<schema::Event>();
  event.setPosition(position);
  event.setStream(in.getStream());
  event.setVersion(version);
  event.setEventId(in.getEventId());
  event.setSchemaVersion(1);
  event.initRecordedAt().setUnixMicros(recorded_at_us);
  if (in.hasEffectiveDate()) event.setEffectiveDate(in.getEffectiveDate());
  if (in.hasActor()) event.setActor(in.getActor());
  if (in.hasSource()) event.setSource(in.getSource());
  if (in.hasPayload()) event.setPayload(in.getPayload());
  const kj::Array<capnp::word> words = capnp::canonicalize(event.asReader());
  out->append(reinterpret_cast<const char*>(words.begin()),
              words.size() * sizeof(capnp::word));
}

void AppendEventBody(kj::ArrayPtr<const capnp::word> input, uint64_t position,
                     uint64_t version, int64_t recorded_at_us, std::string* out) {
  const size_t start = out->size();
  if (!AppendBySplicing(input, position, version, recorded_at_us, out)) {
    AppendEventBodyByBuilding(input, position, version, recorded_at_us, out);
    return;
  }
#ifndef NDEBUG
  std::string reference;
  AppendEventBodyByBuilding(input, position, version, recorded_at_us, &reference);
  assert(std::string_view(*out).substr(start) == reference);
#else
  (void)start;
#endif
}

}  // namespace jejak::store
