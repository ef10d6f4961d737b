// Test helpers of the store tests: valid events built directly with the
// Cap'n Proto builders, a temporary directory, and store options.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/clock.h"
#include "jejak/store/event_store.h"
#include "jejak/store/new_event.h"

namespace jejak::store::testing {

// A valid NIP: born 1990-01-01, CPNS 2015-03, male, serial `serial` (1..999).
std::string Nip(int serial = 1);
// "emp/<Nip(serial)>".
std::string EmpStream(int serial = 1);

// Envelope shared by the helpers: effective date, actor, source.
void FillEnvelope(schema::EventInput::Builder in, std::string_view event_id,
                  uint32_t effective_date = 20150301);

NewEvent Recruited(std::string_view event_id, std::string_view nip);
NewEvent PerformanceRated(std::string_view event_id, uint16_t year,
                          schema::PredikatKinerja predikat = schema::PredikatKinerja::BAIK);
NewEvent TrainingCompleted(std::string_view event_id, std::string_view name);
NewEvent SanctionImposed(std::string_view event_id);
NewEvent SanctionLifted(std::string_view event_id, uint64_t sanction_position);
// A correction of `target` whose replacement is a performanceRated.
NewEvent CorrectedRating(std::string_view event_id, uint64_t target, uint16_t year);
NewEvent Retracted(std::string_view event_id, uint64_t target);
NewEvent SelectionOpened(std::string_view event_id);
NewEvent PositionPromoted(std::string_view event_id, std::string_view selection_id);
NewEvent UnitDefined(std::string_view event_id, std::string_view unit_id);

// Events of an employee stream: recruited, then `ratings` performanceRated,
// ids "<prefix>-0", "<prefix>-1", ...
std::vector<NewEvent> EmployeeHistory(std::string_view prefix, int serial,
                                      int ratings);

// A fresh directory under $TMPDIR, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // path()/"ledger".
  std::string ledger() const { return path_ + "/ledger"; }

 private:
  std::string path_;
};

// Options for tests: sync off (tests that need it turn it on).
StoreOptions TestOptions(Clock* clock = nullptr);

// A clock that returns what it is told.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t now) : now_(now) {}
  int64_t NowMicros() override { return now_.load(); }
  void Set(int64_t now) { now_.store(now); }

 private:
  std::atomic<int64_t> now_;
};

// Opens `path` or fails the test.
std::unique_ptr<EventStore> OpenOrDie(const StoreOptions& options,
                                      const std::string& path);

// The event ids of `events`.
std::string IdOf(const RecordedEvent& e);

// RFC 6962's MTH over `leaves` (leaf hashes), computed recursively from
// the definition: the reference the store's tree is compared with.
Hash NaiveTreeRoot(std::span<const Hash> leaves);

// integrity::RecordHash(store.ReadEntry(p)) for p = 1..size, or fails the
// test (and returns what it has).
std::vector<Hash> EntryLeafHashes(EventStore& store, uint64_t size);

// `count` small valid events for an org/ stream (unitDefined), ids
// "<prefix>-0", "<prefix>-1", ...
std::vector<NewEvent> UnitEvents(std::string_view prefix, size_t count);

}  // namespace jejak::store::testing
