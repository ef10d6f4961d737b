// The progress of a projection fold on stderr (rebuild, an import's
// catch-up): a bar of events and, once the employees are folded from the
// copies of their events (docs/projections.md), a second bar of them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "jejak/projection/profile_record.h"
#include "progress.h"

namespace jejak::cli {

class FoldProgress {
 public:
  // `label` names the fold ("rebuild profile"); `events` it will fold.
  FoldProgress(std::string label, uint64_t events);

  // The callbacks Ledger::Rebuild / CatchUp take; valid while this lives.
  projection::ProgressFn Events();
  projection::ProgressFn Employees();

  // Clears the bars.
  void Finish();
  // Employees folded from their copies (0: none were).
  uint64_t employees_from_copies() const { return employees_done_; }
  double Elapsed() const { return events_.Elapsed(); }

 private:
  std::string label_;
  Progress events_;
  std::optional<Progress> employees_;
  uint64_t employees_done_ = 0;
};

}  // namespace jejak::cli
