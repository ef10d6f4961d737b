#include "store/log_iterator.h"

#include <rocksdb/db.h>

#include <span>
#include <utility>

#include "store/keys.h"
#include "store/rocks_status.h"

namespace jejak::store {

namespace {

class RocksLogIterator final : public LogIterator {
 public:
  RocksLogIterator(const StoreDb& db, uint64_t from_position, LogDecoding decoding)
      : decoding_(decoding) {
    rocksdb::ReadOptions read;
    read.readahead_size = 2u << 20;
    read.fill_cache = false;
    it_.reset(db.db->NewIterator(read, db.log));
    const PositionKey start(from_position);
    it_->Seek(rocksdb::Slice(start.bytes, sizeof start.bytes));
    Load(&event_);
  }

  bool Valid() const override { return valid_; }
  void Next() override {
    it_->Next();
    Load(&event_);
  }
  const RecordedEvent& event() const override { return event_; }
  size_t TakeEvents(std::span<RecordedEvent> out, uint64_t last_position) override {
    if (out.empty() || !valid_ || event_.position() > last_position) return 0;
    std::swap(event_, out[0]);  // the current event, decoded by the last Next
    size_t taken = 1;
    for (;;) {
      it_->Next();
      // The next record goes straight into its slot, or, past the slots,
      // into event_ as the iterator's current event.
      RecordedEvent* into = taken < out.size() ? &out[taken] : &event_;
      Load(into);
      if (!valid_ || into == &event_) return taken;
      if (into->position() > last_position) {
        std::swap(*into, event_);  // decoded but not taken: the current event
        return taken;
      }
      ++taken;
    }
  }
  Status status() const override { return status_; }

 private:
  // Decodes the record under the RocksDB iterator into `*into`; sets
  // valid_ and status_.
  void Load(RecordedEvent* into) {
    valid_ = false;
    if (!it_->Valid()) {
      status_ = FromRocks(it_->status(), "reading the log");
      return;
    }
    const rocksdb::Slice key = it_->key();
    if (key.size() != 8) {
      status_ = Status::Corruption("log key of " + std::to_string(key.size()) +
                                   " bytes");
      return;
    }
    const uint64_t position = GetU64BE(key.data());
    const std::string_view value = it_->value().ToStringView();
    status_ = decoding_ == LogDecoding::kParsed ? into->Decode(position, value)
                                                : into->Load(position, value);
    valid_ = status_.ok();
  }

  const LogDecoding decoding_;
  std::unique_ptr<rocksdb::Iterator> it_;
  RecordedEvent event_;
  Status status_;
  bool valid_ = false;
};

}  // namespace

std::unique_ptr<LogIterator> NewLogIterator(const StoreDb& db,
                                            uint64_t from_position,
                                            LogDecoding decoding) {
  return std::make_unique<RocksLogIterator>(db, from_position, decoding);
}

}  // namespace jejak::store
