// The merit audit (DESIGN.md "audit"): replays the log in position order
// and judges every promotion decision (rankPromoted, positionPromoted,
// selectionDecided) with the facts known when it was recorded, against
// the rules in force on its effective date. docs/audit.md has the rules,
// their exact semantics and the report formats.
//
// Known-at: a decision at position P is judged on the events at positions
// before P only, corrections and retractions recorded before P applied;
// the employee's state is the projection's own fold (projection/fold.h)
// over that cut, restricted to facts effective on or before the decision's
// TMT. Evidence recorded after P does not support the decision; a rating
// or assessment of the employee recorded after a decision and effective
// before its TMT is flagged (backdated_evidence).
//
// Amendments: a decision retracted later is listed as retracted and not
// judged. A decision corrected later is judged as corrected, on the facts
// known at its own position, and the verdict notes the correction.
//
// Streaming: one pass over the log. Memory holds one folded state per
// employee in a bounded cache (a state evicted from it is refolded from
// the store when needed), one small state per selection and agency, the
// ratings per (evaluator, year), and the verdicts themselves.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "jejak/audit/report.h"
#include "jejak/audit/rules.h"
#include "jejak/clock.h"
#include "jejak/status.h"
#include "jejak/store/event_store.h"

namespace jejak::audit {

// AuditOptions::explain: every decision.
inline constexpr uint64_t kExplainAll = UINT64_MAX;

struct AuditOptions {
  // The rules and their tables. Default AuditRules::Default().
  AuditRules rules = AuditRules::Default();
  // Only these rules are checked (a verdict is then "compliant" with
  // respect to them). Empty (default) = every rule.
  std::vector<RuleId> only;
  // Only decisions effective (TMT; for a selection, the decision date) in
  // [since, until] are judged and reported; evaluations count by the
  // rated year's end. The whole log is still replayed. Default: all.
  uint32_t since = 0;
  uint32_t until = UINT32_MAX;
  // Only decisions and record findings of this agency are reported (the
  // whole log is still replayed and checked). Empty (default) = all.
  std::string agency;
  // The decision (by position) whose every rule check the judges record in
  // DecisionVerdict::checks; kExplainAll = every decision. Default 0: none
  // (the checks cost memory on a large ledger).
  uint64_t explain = 0;
  // Most employee states held folded in memory at once (about 4 KB each).
  // Default 200,000; at least 16.
  size_t max_cached_employees = 200'000;
  // Bytes of packed states kept beside them: a state evicted from the
  // folded ones is packed (about 2 KB) and unpacked on its stream's next
  // event. Default 3 GiB. 0, or a full pool: an evicted state is refolded
  // from the store when next needed (the same verdicts, slower).
  size_t max_parked_state_bytes = size_t{3} << 30;
  // Called now and then with (events read, events to read).
  std::function<void(uint64_t done, uint64_t total)> progress;
  // Source of `audited_at`; nullptr = the system clock.
  Clock* clock = nullptr;
};

// Audits the log of `store` up to its head at the call (later appends are
// not read). Errors: InvalidArgument for bad options; Corruption or
// IOError when the log cannot be read (naming the position).
[[nodiscard]] Result<AuditReport> RunAudit(store::EventStore& store,
                                           const AuditOptions& options = {});

}  // namespace jejak::audit
