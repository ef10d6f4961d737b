#include "copy_fold.h"

#include <kj/exception.h>
#include <rocksdb/db.h>

#include <memory>
#include <utility>
#include <vector>

#include "batch_encode.h"
#include "batch_writer.h"
#include "career_events.h"
#include "employee_refold.h"
#include "fold_tuning.h"
#include "index_entries.h"
#include "keys.h"
#include "rocks_status.h"
#include "state_codec.h"

namespace jejak::projection {

namespace {


std::string EncodeProgress(const CopyFoldProgress& p) {
  std::string value;
  keys::PutU64(&value, p.checkpoint);
  return value + p.after_nip;
}

// One chunk of folded employees, in NIP order, written in one ingestion.
class Chunk {
 public:
  Chunk(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family, const Rules& rules,
        const CopyFoldOptions& options)
      : db_(db), family_(family), rules_(rules), options_(options) {
    employees_.reserve(options.chunk_states);
    nips_.reserve(options.chunk_states);
  }

  bool full() const { return employees_.size() >= options_.chunk_states; }

  // Adds employee `nip`, folded from `events`, with the index entries of
  // its stored profile when `may_be_stored`.
  Status Add(std::string_view nip, const CareerEvents& events, uint64_t checkpoint,
             bool may_be_stored) {
    BatchEmployee e;
    try {
      e.state = FoldStream(nip, events.events(), checkpoint);
    } catch (const kj::Exception& ex) {
      return Status::Corruption("folding the copied events of " + std::string(nip) + ": " +
                                ex.getDescription().cStr());
    }
    if (may_be_stored) {
      rocksdb::ReadOptions ro;
      ro.fill_cache = false;  // read once, replaced now
      auto old = ReadStoredProfile(db_, family_, nip, ro);
      if (!old.ok()) return old.status();
      if (*old) e.old_index = IndexEntries(**old, rules_);
    }
    employees_.push_back(std::move(e));
    nips_.emplace_back(nip);
    return Status::Ok();
  }

  // Writes the chunk, `agencies` (if any) and the progress up to this
  // chunk's last NIP or, when `last`, the checkpoint `checkpoint` and no
  // progress, in one ingestion; then empties it.
  Status Write(uint64_t checkpoint, bool last, const AgencyMap* agencies) {
    std::vector<EmployeeRef> touched;
    touched.reserve(employees_.size());
    for (size_t i = 0; i < employees_.size(); ++i) touched.push_back({nips_[i], &employees_[i]});
    const std::string what =
        "profiles folded from copies up to " +
        (nips_.empty() ? std::string("the end") : "NIP " + nips_.back());
    std::vector<SortedFile> profile_files = ProfileFiles(
        db_, family_, options_.ingest_path, touched.size(), options_.encode_threads);
    CommitRuns runs;
    JEJAK_RETURN_IF_ERROR(
        EncodeEmployeesToFiles(touched, rules_, profile_files, &runs).WithContext(what));
    if (agencies != nullptr) EncodeAgencies(*agencies, &runs);
    // The progress, or at the end the checkpoint and no progress ("c" <
    // "m": in key order).
    auto& meta = runs.runs.emplace_back();
    ByteArena& bytes = runs.arenas.emplace_back();
    if (last) {
      std::string ckpt;
      keys::PutU64(&ckpt, checkpoint);
      meta.push_back({bytes.Copy(keys::Checkpoint()), bytes.Copy(ckpt)});
      meta.push_back({bytes.Copy(keys::CopyFoldProgress()), {}, /*erase=*/true});
    } else {
      meta.push_back({bytes.Copy(keys::CopyFoldProgress()),
                      bytes.Copy(EncodeProgress({checkpoint, nips_.back()}))});
    }
    const size_t written = employees_.size();
    employees_.clear();
    nips_.clear();
    JEJAK_RETURN_IF_ERROR(WriteByIngestion(db_, family_, runs.runs, options_.ingest_path,
                                           options_.encode_threads, what, profile_files));
    written_ += written;
    if (options_.on_chunk) options_.on_chunk(written_);
    return Status::Ok();
  }

 private:
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* family_;
  const Rules& rules_;
  const CopyFoldOptions& options_;
  std::vector<BatchEmployee> employees_;
  std::vector<std::string> nips_;
  uint64_t written_ = 0;  // employees written by earlier chunks
};

}  // namespace

Result<std::optional<CopyFoldProgress>> ReadCopyFoldProgress(rocksdb::DB* db,
                                                             rocksdb::ColumnFamilyHandle* family) {
  std::string value;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), family, keys::CopyFoldProgress(), &value);
  if (s.IsNotFound()) return std::optional<CopyFoldProgress>();
  if (!s.ok()) return FromRocks(s, "reading the progress of a fold from copies");
  if (value.size() != 8 + keys::kNipSize) {
    return Status::Corruption("progress of a fold from copies: " + std::to_string(value.size()) +
                              " bytes, want " + std::to_string(8 + keys::kNipSize));
  }
  const uint64_t position = keys::GetBE(value, 0, 8);
  if (position == 0) return Status::Corruption("progress of a fold from copies: position 0");
  return std::optional<CopyFoldProgress>(CopyFoldProgress{position, value.substr(8)});
}

Status FoldEmployeesFromCopies(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                               const Rules& rules, const CopyFoldOptions& options,
                               const CopyFoldProgress& from, const NipSet* stored,
                               const AgencyMap* agencies) {
  rocksdb::ReadOptions ro;
  // One sequential read of the copies: no block is read twice.
  ro.fill_cache = false;
  ro.readahead_size = tuning::kCopyFoldReadAheadBytes;
  const std::string end = "t";  // past every "s" key
  const rocksdb::Slice upper(end);
  ro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, family));
  const std::string first = keys::CareerEventPrefix(from.after_nip);
  it->Seek(first);
  // The employee of from.after_nip was written.
  while (!from.after_nip.empty() && it->Valid() && it->key().starts_with(first)) it->Next();

  Chunk chunk(db, family, rules, options);
  const AgencyMap* unwritten = agencies;  // written with the first chunk
  CareerEvents events;                    // of the employee being read
  std::string nip;                        // its NIP ("" before the first)
  auto add_employee = [&]() -> Status {
    if (events.empty()) return Status::Ok();  // none up to the checkpoint
    JEJAK_RETURN_IF_ERROR(
        chunk.Add(nip, events, from.checkpoint, stored == nullptr || stored->MayContain(nip)));
    events.Clear();
    if (!chunk.full()) return Status::Ok();
    return chunk.Write(from.checkpoint, /*last=*/false, std::exchange(unwritten, nullptr));
  };
  for (; it->Valid(); it->Next()) {
    const std::string_view key(it->key().data(), it->key().size());
    std::string_view key_nip;
    uint64_t position = 0;
    if (!keys::ParseCareerEvent(key, &key_nip, &position)) {
      return Status::Corruption("copied event key of " + std::to_string(key.size()) +
                                " bytes, want " + std::to_string(keys::kCareerEventKeySize));
    }
    if (key_nip != nip) {
      JEJAK_RETURN_IF_ERROR(add_employee());
      nip.assign(key_nip);
    }
    if (position > from.checkpoint) continue;
    JEJAK_RETURN_IF_ERROR(
        events.Add(position, std::string_view(it->value().data(), it->value().size()))
            .WithContext("copied events of " + nip));
  }
  JEJAK_RETURN_IF_ERROR(FromRocks(it->status(), "reading copied events"));
  JEJAK_RETURN_IF_ERROR(add_employee());
  return chunk.Write(from.checkpoint, /*last=*/true, unwritten);
}

}  // namespace jejak::projection
