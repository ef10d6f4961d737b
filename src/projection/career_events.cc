// The projection's copies of employee events (format in career_events.h).
#include "career_events.h"

#include <cstring>
#include <memory>

#include <kj/exception.h>
#include <kj/io.h>
#include <rocksdb/db.h>

#include "keys.h"
#include "rocks_status.h"

namespace jejak::projection {

namespace {

// A copy is a few hundred bytes: one first segment of this size holds it.
constexpr unsigned kFirstSegmentWords = 128;

// As the log's own reader (store/recorded_event.cc): the folds read a
// payload's fields a few times each, so the limit is a multiple of the
// value's size, which still bounds a damaged value's pointers.
capnp::ReaderOptions OptionsFor(size_t words) {
  capnp::ReaderOptions options;
  options.traversalLimitInWords = words * 64 + 1024;
  options.nestingLimit = 64;
  return options;
}

Status NotACopy(uint64_t position, const std::string& what) {
  return Status::Corruption("copy of the employee event at position " + std::to_string(position) +
                            ": " + what);
}

}  // namespace

std::string_view EmployeeNipOf(std::string_view stream) {
  constexpr std::string_view kEmployee = "emp/";
  if (!stream.starts_with(kEmployee) || stream.size() != kEmployee.size() + keys::kNipSize) {
    return {};
  }
  return stream.substr(kEmployee.size());
}

void EncodeCareerEvent(schema::Event::Reader event, std::string* out) {
  capnp::MallocMessageBuilder message(kFirstSegmentWords);
  auto copy = message.initRoot<schema::Event>();
  copy.setPosition(event.getPosition());
  copy.setEffectiveDate(event.getEffectiveDate());
  copy.setPayload(event.getPayload());
  auto segments = message.getSegmentsForOutput();
  out->resize(1 + capnp::computeSerializedSizeInWords(segments) * sizeof(capnp::word));
  (*out)[0] = static_cast<char>(kCareerEventFormat);
  kj::ArrayOutputStream stream(
      kj::arrayPtr(reinterpret_cast<kj::byte*>(out->data()) + 1, out->size() - 1));
  capnp::writeMessage(stream, segments);
}

bool CareerEventCopy(schema::Event::Reader event, std::string* key, std::string* value) {
  const capnp::Text::Reader stream = event.getStream();
  const std::string_view nip = EmployeeNipOf(std::string_view(stream.cStr(), stream.size()));
  if (nip.empty()) return false;
  *key = keys::CareerEvent(nip, event.getPosition());
  EncodeCareerEvent(event, value);
  return true;
}

CareerEventWriter::CareerEventWriter(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family)
    : db_(db), family_(family) {}

Status CareerEventWriter::Add(schema::Event::Reader event) {
  if (!CareerEventCopy(event, &key_, &value_)) return Status::Ok();
  if (rocksdb::Status s = batch_.Put(family_, key_, value_); !s.ok()) {
    return FromRocks(s, "copying the event at position " + std::to_string(event.getPosition()));
  }
  return batch_.GetDataSize() >= kFlushBytes ? Flush() : Status::Ok();
}

Status CareerEventWriter::Flush() {
  if (batch_.Count() == 0) return Status::Ok();
  rocksdb::WriteOptions no_wal;
  no_wal.disableWAL = true;
  Status s = FromRocks(db_->Write(no_wal, &batch_), "writing copies of employee events");
  batch_.Clear();
  return s;
}

Status CareerEvents::Read(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                          std::string_view nip, uint64_t max_position) {
  Clear();
  const std::string prefix = keys::CareerEventPrefix(nip);
  rocksdb::ReadOptions ro;
  // The range ends at the cut: an upper bound lets the iterator stop there
  // without reading the next employee's first block.
  const std::string end = keys::CareerEvent(nip, max_position == UINT64_MAX ? max_position
                                                                            : max_position + 1);
  const rocksdb::Slice upper(end);
  if (max_position != UINT64_MAX) ro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, family));
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    const rocksdb::Slice key = it->key();
    if (!key.starts_with(prefix)) break;
    std::string_view key_nip;
    uint64_t position = 0;
    if (!keys::ParseCareerEvent(key.ToStringView(), &key_nip, &position)) {
      return Status::Corruption("copied event key of " + std::string(nip) + ": " +
                                std::to_string(key.size()) + " bytes, want " +
                                std::to_string(keys::kCareerEventKeySize));
    }
    if (position > max_position) break;
    JEJAK_RETURN_IF_ERROR(Add(position, it->value().ToStringView()));
  }
  return FromRocks(it->status(), "reading the copied events of " + std::string(nip));
}

void CareerEvents::Clear() {
  events_.clear();
  readers_.clear();
  words_.clear();
}

Status CareerEvents::Add(uint64_t position, std::string_view value) {
  if (!events_.empty() && events_.back().getPosition() >= position) {
    return NotACopy(position, "out of position order");
  }
  if (value.empty() || static_cast<uint8_t>(value[0]) != kCareerEventFormat) {
    return NotACopy(position, "not a copy (format byte)");
  }
  const std::string_view message = value.substr(1);
  if (message.empty() || message.size() % sizeof(capnp::word) != 0) {
    return NotACopy(position, std::to_string(message.size()) + " bytes are not whole words");
  }
  auto& words = words_.emplace_back(message.size() / sizeof(capnp::word));
  std::memcpy(words.data(), message.data(), message.size());
  try {
    auto& reader =
        readers_.emplace_back(kj::arrayPtr(words.data(), words.size()), OptionsFor(words.size()));
    auto event = reader.getRoot<schema::Event>();
    if (event.getPosition() != position) {
      return NotACopy(position, "holds the event at position " +
                                    std::to_string(event.getPosition()));
    }
    events_.push_back(event);
  } catch (const kj::Exception& e) {
    return NotACopy(position, e.getDescription().cStr());
  }
  return Status::Ok();
}

}  // namespace jejak::projection
