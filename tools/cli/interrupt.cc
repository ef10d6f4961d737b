#include "interrupt.h"

#include <signal.h>
#include <unistd.h>

#include <cstring>

namespace jejak::cli {

namespace {

volatile sig_atomic_t g_requested = 0;
volatile sig_atomic_t g_cooperative = 0;
const char* g_message = "";
struct sigaction g_previous;

// Only async-signal-safe calls here: write(2) and _exit(2).
void OnInterrupt(int) {
  if (g_cooperative != 0 && g_requested == 0) {
    g_requested = 1;
    return;
  }
  const ssize_t ignored = ::write(STDERR_FILENO, g_message, std::strlen(g_message));
  (void)ignored;
  ::_exit(kExitInterrupted);
}

}  // namespace

InterruptScope::InterruptScope(const char* message, bool cooperative) {
  g_message = message;
  g_requested = 0;
  g_cooperative = cooperative ? 1 : 0;
  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &g_previous);
}

InterruptScope::~InterruptScope() { sigaction(SIGINT, &g_previous, nullptr); }

bool InterruptScope::StopRequested() { return g_requested != 0; }

}  // namespace jejak::cli
