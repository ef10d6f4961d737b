// Ledger: opens the store and its projection once; checks what it reads.
#include "jejak/ledger.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <fstream>

#include <kj/exception.h>

#include "jejak/integrity/chain_hashes.h"
#include "jejak/projection/profile_view.h"
#include "projection/projector.h"

namespace jejak {

namespace {

// Corruption unless `event`'s body still hashes to its stored leaf hash.
Status CheckLeaf(const store::RecordedEvent& event) {
  if (integrity::ChainLeafHash(event.body()) == event.leaf_hash()) return Status::Ok();
  return Status::Corruption("the event at position " + std::to_string(event.position()) +
                            " does not match its leaf hash (its stored bytes were changed)");
}

}  // namespace

Ledger::Ledger(std::string dir, std::unique_ptr<store::EventStore> store)
    : dir_(std::move(dir)), store_(std::move(store)) {}

Ledger::~Ledger() {
  projector_.reset();  // before the store it reads
  store_.reset();
}

namespace {

// The memory limit of this process's cgroup (v2 memory.max, else v1
// memory.limit_in_bytes), 0 when none is set or readable.
uint64_t CgroupMemoryLimit() {
  for (const char* path :
       {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
    std::ifstream in(path);
    std::string text;
    if (!(in >> text) || text == "max") continue;
    uint64_t limit = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
    if (ec == std::errc() && end == text.data() + text.size() && limit > 0) return limit;
  }
  return 0;
}

}  // namespace

size_t ServerBlockCacheBytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page = ::sysconf(_SC_PAGESIZE);
  uint64_t memory =
      pages > 0 && page > 0 ? static_cast<uint64_t>(pages) * static_cast<uint64_t>(page) : 0;
  // In a container, its limit (v1 reports an unset one as a huge number).
  if (const uint64_t limit = CgroupMemoryLimit(); limit != 0 && (memory == 0 || limit < memory)) {
    memory = limit;
  }
  return std::max<size_t>(static_cast<size_t>(memory / 4),
                          store::StoreOptions().block_cache_bytes);
}

Result<std::unique_ptr<Ledger>> Ledger::Open(const std::string& dir, const LedgerOptions& options) {
  store::StoreOptions so;
  so.create_if_missing = options.create_if_missing;
  so.sync = options.sync;
  so.read_only = options.read_only;
  so.block_cache_bytes = options.block_cache_bytes;
  auto store = store::EventStore::Open(so, dir);
  if (!store.ok()) return store.status();
  std::unique_ptr<Ledger> ledger(new Ledger(dir, std::move(store).value()));
  projection::ProjectorOptions po;
  if (options.max_fold_states != 0) po.max_batch_states = options.max_fold_states;
  auto projector = projection::Projector::Open(*ledger->store_, po);
  if (!projector.ok()) return projector.status().WithContext("opening the projection");
  ledger->projector_ = std::move(projector).value();
  return ledger;
}

Result<store::AppendResult> Ledger::Append(std::span<const store::StreamAppend> appends) {
  return store_->Append(appends);
}

store::Head Ledger::Head() { return store_->GetHead(); }

Result<std::vector<store::RecordedEvent>> Ledger::ReadStream(std::string_view stream,
                                                             uint64_t from_version,
                                                             uint64_t max_count) {
  auto events = store_->ReadStream(stream, from_version, max_count);
  if (!events.ok()) return events.status();
  for (const auto& e : *events) JEJAK_RETURN_IF_ERROR(CheckLeaf(e));
  return events;
}

Result<store::RecordedEvent> Ledger::ReadAt(uint64_t position) {
  auto event = store_->ReadAt(position);
  if (!event.ok()) return event.status();
  JEJAK_RETURN_IF_ERROR(CheckLeaf(*event));
  return event;
}

Status Ledger::ForEachEvent(uint64_t from_position,
                            const std::function<Status(const store::RecordedEvent&)>& visit) {
  auto it = store_->ReadLog(from_position);
  for (; it->Valid(); it->Next()) {
    const store::RecordedEvent& e = it->event();
    JEJAK_RETURN_IF_ERROR(CheckLeaf(e));
    JEJAK_RETURN_IF_ERROR(
        Guard("reading the event at position " + std::to_string(e.position()), [&] { return visit(e); }));
  }
  return it->status();
}

Result<std::string> Ledger::EventJson(const store::RecordedEvent& event, bool with_hashes) const {
  return Guard("reading the event at position " + std::to_string(event.position()),
               [&]() -> Result<std::string> {
                 return with_hashes ? json_.EventToJson(event.event(), &event.leaf_hash(),
                                                        &event.chain_hash())
                                    : json_.EventToJson(event.event());
               });
}

Status Ledger::CatchUp(const projection::ProgressFn& progress,
                       const projection::ProgressFn& employee_progress) {
  return projector_->CatchUp(progress, employee_progress);
}

Status Ledger::Rebuild(const projection::ProgressFn& progress,
                       const projection::ProgressFn& employee_progress) {
  return projector_->Rebuild(progress, employee_progress);
}

std::vector<std::string> Ledger::ProjectionNames() { return projection::Projector::Names(); }

Result<projection::ProfileRecord> Ledger::Profile(std::string_view nip) {
  if (store_->read_only()) {
    // A reader cannot fold: behind the log, the same folds over the
    // employee's stream give the profile the projection would hold.
    auto lag = ProjectionLag();
    if (!lag.ok()) return lag.status();
    if (*lag > 0) return ProfileAsOf(nip, projection::Cut{});
  }
  return projector_->GetProfile(nip, store_->GetHead().position);
}

Result<projection::ProfileSummary> Ledger::Summary(std::string_view nip) {
  if (store_->read_only()) {
    auto lag = ProjectionLag();
    if (!lag.ok()) return lag.status();
    if (*lag > 0) return SummaryAsOf(nip, projection::Cut{});  // as Profile
  }
  return projector_->GetSummary(nip, store_->GetHead().position);
}

Result<uint64_t> Ledger::ProjectionLag() {
  auto folded = projector_->Checkpoint();
  if (!folded.ok()) return folded.status();
  const uint64_t head = store_->GetHead().position;
  return head > *folded ? head - *folded : 0;
}

Result<projection::ProfileSummary> Ledger::SummaryAsOf(std::string_view nip,
                                                       const projection::Cut& cut) {
  auto rec = ProfileAsOf(nip, cut);
  if (!rec.ok()) return rec.status();
  return projection::SummaryOf(*rec);
}

Result<projection::ProfileRecord> Ledger::ProfileAsOf(std::string_view nip,
                                                      const projection::Cut& cut) {
  // The employee from the projection's copies of its events where it can
  // answer for the cut; from the log where it cannot.
  auto copied = projector_->EmployeeAsOf(nip, cut);
  if (!copied.ok()) return copied.status();
  auto rec = *copied ? Result<projection::ProfileRecord>(std::move(**copied))
                     : projection::EmployeeAsOf(*store_, nip, cut);
  if (!rec.ok()) return rec;
  const projection::Placement* p = projection::CurrentPlacement(rec->state);
  if (p == nullptr || p->position_id.empty()) return rec;
  // The definition from the projection where it can answer for the cut; a
  // fold of the agency's stream where it cannot.
  auto stored = projector_->PositionAsKnownAt(p->agency, p->position_id, cut);
  if (!stored.ok()) return stored.status();
  if (stored->answered) {
    rec->position = std::move(stored->def);
    return rec;
  }
  auto def = projection::PositionAsOf(*store_, p->agency, p->position_id, cut);
  if (!def.ok()) return def.status();
  rec->position = std::move(def).value();
  return rec;
}

Result<uint64_t> Ledger::PositionKnownAt(int64_t unix_micros) {
  return projection::PositionKnownAt(*store_, unix_micros);
}

const projection::Rules& Ledger::rules() const { return projector_->rules(); }

Status Ledger::CorruptionOf(const std::string& context, const char* what) {
  return Status::Corruption(context + ": damaged record (" + what + ")");
}

bool Ledger::IsCapnpException(const std::exception_ptr& e, std::string* what) {
  try {
    std::rethrow_exception(e);
  } catch (const kj::Exception& k) {
    *what = k.getDescription().cStr();
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace jejak
