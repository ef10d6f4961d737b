// Ctrl-C during a long write (jejak import). While an InterruptScope is
// alive, the first SIGINT only asks the command to stop at its next safe
// point (between two atomic appends): it checks StopRequested() and says
// where it stopped. A second SIGINT, or the first one when the scope was
// opened with cooperative = false, writes `message` and exits 130 at once:
// an append in flight is recorded whole or not at all, so a re-run of the
// same idempotent import resumes either way.
#pragma once

namespace jejak::cli {

class InterruptScope {
 public:
  // `message` must outlive the scope (a string literal).
  InterruptScope(const char* message, bool cooperative);
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

  // True once a SIGINT arrived in a cooperative scope.
  static bool StopRequested();
};

// The exit code of a command stopped by Ctrl-C (128 + SIGINT).
inline constexpr int kExitInterrupted = 130;

}  // namespace jejak::cli
