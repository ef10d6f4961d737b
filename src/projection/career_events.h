// The projection's copy of every employee event, kept under its employee
// ("s" NIP position keys, keys.h) so that an as-of reconstruction reads one
// employee's events up to a cut as one short range of the family instead
// of one log record per event scattered over the whole log.
//
// Value format (FROZEN, docs/projections.md "Career events"):
//
//   byte 0   kCareerEventFormat (0xC1)
//   bytes 1..  a Cap'n Proto flat-array message (capnp::messageToFlatArray)
//            of schema::Event holding only what the folds read: position,
//            effectiveDate and payload (corrections and retractions
//            included, as recorded). Its position equals the key's.
//
// A generation holds the copies of every employee event it has folded
// when it carries keys::kFeatureCareerEvents (set on generations created
// by a version that writes them; `jejak rebuild` makes one): a catch-up
// writes copies (CareerEventWriter) before the batch commit whose
// checkpoint covers them, a rebuild ingests them with that commit
// (rebuild_batch.h), so every event at or before the checkpoint has its
// copy.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <rocksdb/write_batch.h>

#include "jejak/schema/envelope.capnp.h"
#include "jejak/status.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
struct ReadOptions;
}  // namespace rocksdb

namespace jejak::projection {

inline constexpr uint8_t kCareerEventFormat = 0xC1;

// The NIP of an employee stream name ("emp/" + 18-byte NIP), or "" for
// any other stream.
std::string_view EmployeeNipOf(std::string_view stream);

// Replaces `*out` with the stored value of `event`'s copy. A damaged body
// throws kj::Exception, as any read of it does.
void EncodeCareerEvent(schema::Event::Reader event, std::string* out);

// The key and value of `event`'s copy into `*key` and `*value` when it is
// an employee event (true); false, and nothing written, for any other.
// Throws as EncodeCareerEvent.
bool CareerEventCopy(schema::Event::Reader event, std::string* key, std::string* value);

// Collects the copies of the employee events a catch-up folds and writes
// them to the family (without the WAL, like every projection write) in
// WriteBatches of about kFlushBytes. Not thread-safe.
class CareerEventWriter {
 public:
  CareerEventWriter(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family);

  // Adds the copy of `event` when it is an employee event (else nothing).
  // May write what it holds. Throws kj::Exception on a damaged body.
  [[nodiscard]] Status Add(schema::Event::Reader event);
  // Writes every copy added so far. Call before the commit whose
  // checkpoint covers them.
  [[nodiscard]] Status Flush();

 private:
  static constexpr size_t kFlushBytes = size_t{4} << 20;
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* family_;
  rocksdb::WriteBatch batch_;
  std::string key_;
  std::string value_;
};

// One employee's copied events up to a position, as readers the folds take
// (EffectiveEvents). Owns the memory the readers point into. Not
// thread-safe.
class CareerEvents {
 public:
  // Reads the copies of `nip`'s events at positions <= max_position from
  // `family`. Corruption (naming the key) for a value that is not a copy
  // of the event its key names; errors of the read as they come.
  [[nodiscard]] Status Read(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                            std::string_view nip, uint64_t max_position);

  // Adds the stored copy `value` of the event at `position` (what Read does
  // for each key; public for the fuzz target). Corruption when `value` is
  // not a copy of an event at `position`. Positions must be added in
  // increasing order. Time and memory are bounded by the value's size.
  [[nodiscard]] Status Add(uint64_t position, std::string_view value);

  // Forgets every event added.
  void Clear();

  // The events added, in position order. Their readers stay valid until the
  // next Read or Add, and while this object lives; reading them may throw
  // kj::Exception only past the traversal limit of a damaged value.
  std::span<const schema::Event::Reader> events() const { return events_; }
  bool empty() const { return events_.empty(); }

 private:
  std::deque<std::vector<capnp::word>> words_;
  std::deque<capnp::FlatArrayMessageReader> readers_;
  std::vector<schema::Event::Reader> events_;
};

}  // namespace jejak::projection
