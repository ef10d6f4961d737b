#include "rebuild_batch.h"

#include <rocksdb/db.h>

#include <algorithm>
#include <thread>
#include <utility>
#include <vector>

#include "batch_encode.h"
#include "career_events.h"
#include "copy_fold.h"
#include "employee_refold.h"
#include "store/projection_access.h"

namespace jejak::projection {

RebuildBatch::RebuildBatch(store::EventStore& store, rocksdb::ColumnFamilyHandle* family,
                           const Rules& rules, Options options, std::string ingest_path,
                           size_t batch_events, size_t max_states, size_t amendment_bytes,
                           bool copy_events, size_t copy_bytes, Start start)
    // written_ is only read once folding. From a checkpoint the batch folds
    // agencies only (BatchStates reads each stored agency).
    : ProjectionBatch(store, family, rules, options, &written_),
      ingest_path_(std::move(ingest_path)),
      batch_events_(batch_events),
      max_states_(max_states),
      start_(start),
      from_copies_(start == Start::kAfterCheckpoint),
      amendments_(amendment_bytes),
      copy_events_(copy_events),
      copy_bytes_limit_(copy_bytes) {
  if (from_copies_) amendments_.Drop();
}

Status RebuildBatch::Apply(schema::Event::Reader event) {
  ++events_;
  const bool copied = copy_events_ && CareerEventCopy(event, &copy_key_, &copy_value_);
  // Folding from copies, an employee event is only copied.
  if (!(copied && from_copies_)) {
    auto amended = states_.Apply(event);
    if (!amended.ok()) return amended.status();
    if (!amended->empty()) amendments_.Keep(*amended, event);
    if (copy_events_ && !from_copies_ && states_.size() >= max_states_) FoldFromCopies();
    // Folding from copies, an employee event without a copy (a stream the
    // copies do not name) would be lost.
    if (from_copies_ && states_.employee_count() > 0) {
      return Status::Corruption("position " + std::to_string(event.getPosition()) +
                                ": an employee event without a copy of its own");
    }
  }
  if (copied) {
    copies_.push_back({copy_bytes_.Copy(copy_key_), copy_bytes_.Copy(copy_value_)});
    copy_bytes_held_ += copy_key_.size() + copy_value_.size();
    if (copy_bytes_held_ >= copy_bytes_limit_) return IngestCopies();
  }
  return Status::Ok();
}

bool RebuildBatch::Full() const {
  if (from_copies_) return false;
  return events_ >= batch_events_ || (!copy_events_ && states_.size() >= max_states_);
}

void RebuildBatch::FoldFromCopies() {
  from_copies_ = true;
  freeing_ = states_.ForgetEmployees();
  amendments_.Drop();
}

Status RebuildBatch::IngestCopies() {
  if (copies_.empty()) return Status::Ok();
  const std::string what = "copies of " + std::to_string(copies_.size()) + " employee events";
  SortByKey(copies_);
  SortedFile file(store::RocksOf(store_), family_, ingest_path_ + "-s.sst.tmp");
  for (const Mutation& m : copies_) JEJAK_RETURN_IF_ERROR(file.Add(m.key, m.value).WithContext(what));
  JEJAK_RETURN_IF_ERROR(file.Finish().WithContext(what));
  // On failure the file is removed (SortedFile's destructor).
  Status ingested = IngestFiles(store::RocksOf(store_), family_, {file.path()}, what);
  copies_.clear();
  copy_bytes_ = ByteArena();
  copy_bytes_held_ = 0;
  return ingested;
}

Status RebuildBatch::Commit(uint64_t checkpoint) {
  JEJAK_RETURN_IF_ERROR(IngestCopies());
  events_ = 0;
  if (from_copies_) {
    freeing_ = {};  // joined: the dropped states are freed
    CopyFoldOptions o;
    o.chunk_states = max_states_;
    o.encode_threads = options_.encode_threads;
    o.ingest_path = ingest_path_;
    if (employee_progress_) {
      o.on_chunk = [this](uint64_t employees) { employee_progress_(employees, 0); };
    }
    // From a checkpoint, any employee may have a stored profile.
    const NipSet* stored = start_ == Start::kPositionOne ? &written_ : nullptr;
    Status folded = FoldEmployeesFromCopies(store::RocksOf(store_), family_, rules_, o,
                                            {checkpoint, ""}, stored, &states_.agencies());
    std::jthread freeing = states_.Forget(/*keep_employees=*/false);
    return folded.WithContext("projection up to position " + std::to_string(checkpoint));
  }
  auto refold = EmployeeRefold::Of(store_, states_, checkpoint);
  if (!refold.ok()) return refold.status();
  if (!refold->empty()) {
    // With every amendment held, one pass folds them all, unless reading
    // the streams one by one reads less.
    JEJAK_RETURN_IF_ERROR(amendments_.complete() && refold->OnePassReadsLess()
                              ? refold->FoldInOnePass(amendments_)
                              : refold->FoldFromCollectedEvents(options_.refold_pass_events));
  }
  std::vector<EmployeeRef> touched = states_.Touched();
  // Each shard writes its profiles to a file of its own in NIP order.
  std::sort(touched.begin(), touched.end(),
            [](const EmployeeRef& a, const EmployeeRef& b) { return a.nip < b.nip; });
  {
    std::vector<std::string_view> nips;
    nips.reserve(touched.size());
    for (const EmployeeRef& e : touched) nips.push_back(e.nip);
    written_.Add(std::move(nips));
  }
  rocksdb::DB* db = store::RocksOf(store_);
  std::vector<SortedFile> profile_files =
      ProfileFiles(db, family_, ingest_path_, touched.size(), options_.encode_threads);
  const std::string what = "projection batch up to position " + std::to_string(checkpoint);
  CommitRuns runs;
  Status encoded = EncodeEmployeesToFiles(touched, rules_, profile_files, &runs);
  EncodeAgenciesAndCheckpoint(states_.agencies(), checkpoint, &runs);
  if (!encoded.ok()) return encoded.WithContext(what);
  // Encoded, the states are done with: many are freed on a helper while
  // this thread writes.
  std::jthread freeing = states_.Forget(/*keep_employees=*/false);
  return WriteByIngestion(db, family_, runs.runs, ingest_path_, options_.encode_threads,
                          what, profile_files);
}

}  // namespace jejak::projection
