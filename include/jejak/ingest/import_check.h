// ImportCheck: what appending each event of a migration would do, decided
// before anything is appended (docs/import.md "Re-running an import"), so
// that no fix-and-re-run path records an event twice. In an append-only
// ledger a duplicate is forever.
//
// For each event, in input order, one verdict:
//   kAppend             new: to be appended
//   kRecorded           its id is recorded with the same content: nothing to do
//   kRecordedOtherwise  its id is recorded with other content: refused,
//                       naming every field that differs
//   kProbableDuplicate  equal to an event recorded under another id (same
//                       stream, kind, TMT and payload): not appended unless
//                       allow_duplicates
//   kRepeatsRow         the same event (id and content) as an earlier row:
//                       reported, nothing to do
//   kKeyClash           the same id as an earlier row, other content: refused
//   kDuplicateOfRow     equal to an earlier row's event under another id:
//                       not appended unless allow_duplicates
//   kNoRecruitment      an employee event whose stream has no `recruited`
//                       event, in the ledger or an earlier row: refused
// An event is remembered as appended when its verdict lets it be appended;
// Refused() takes that back for one the store refused after all.
//
// Memory grows with the rows checked and the events recorded on the
// streams they touch (a digest or two each), not with their size.
//
// Not thread-safe. `store` and `json` are not owned and must outlive it;
// the store is only read.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/codec/event_json.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"
#include "jejak/store/new_event.h"

namespace jejak::ingest {

struct ImportCheckOptions {
  // Append probable duplicates (of recorded events or of earlier rows)
  // all the same. Default false.
  bool allow_duplicates = false;
};

struct ImportVerdict {
  enum class Kind {
    kAppend,
    kRecorded,
    kRecordedOtherwise,
    kProbableDuplicate,
    kRepeatsRow,
    kKeyClash,
    kDuplicateOfRow,
    kNoRecruitment,
  };
  Kind kind = Kind::kAppend;
  bool append = false;     // the event is to be appended
  uint64_t row = 0;        // the earlier row (kRepeatsRow, kKeyClash, kDuplicateOfRow)
  uint64_t position = 0;   // the recorded event (kRecorded, kRecordedOtherwise,
                           // kProbableDuplicate)
  // What to tell the user, starting with "row N: " ("" for kAppend and
  // kRecorded). `error` is the Status it stands for: Conflict for an
  // event that is (probably) recorded already, InvalidArgument for a row
  // to fix, OK for a repeated row (a warning).
  std::string message;
  Status error;
};

class ImportCheck {
 public:
  ImportCheck(store::EventStore* store, const codec::EventJson* json,
              ImportCheckOptions options = {});
  ~ImportCheck();

  // The verdict on `event` (stream, id and payload set) of input row
  // `row`; `key` describes the row's natural key for messages ("NIP ...,
  // JENIS KP, ...", may be empty). Errors only when the store cannot be
  // read (IOError, Corruption).
  [[nodiscard]] Result<ImportVerdict> Check(const store::NewEvent& event, uint64_t row,
                                            std::string_view key = {});

  // `event` of `row`, to be appended by its verdict, was refused by the
  // store: later rows are no longer compared with it.
  void Refused(const store::NewEvent& event, uint64_t row);

  struct Counts {
    uint64_t checked = 0;
    uint64_t to_append = 0;
    uint64_t recorded = 0;             // kRecorded
    uint64_t recorded_otherwise = 0;   // kRecordedOtherwise
    uint64_t probable_recorded = 0;    // kProbableDuplicate
    uint64_t repeated = 0;             // kRepeatsRow
    uint64_t probable_in_input = 0;    // kDuplicateOfRow
    uint64_t refused = 0;              // kKeyClash, kNoRecruitment
  };
  const Counts& counts() const { return counts_; }

  // When most events checked are already in the ledger (by id or as
  // probable duplicates): a warning asking whether the input was imported
  // before. Empty otherwise.
  std::string AlreadyImportedWarning() const;

 private:
  struct State;
  store::EventStore* store_;
  const codec::EventJson* json_;
  ImportCheckOptions options_;
  Counts counts_;
  std::unique_ptr<State> state_;
};

}  // namespace jejak::ingest
