// Clock: where the store gets transaction time (recorded_at) from.
// Injected through options so tests can control time; the default is the
// system clock. Implementations must be thread-safe.
#pragma once

#include <cstdint>

namespace jejak {

class Clock {
 public:
  virtual ~Clock() = default;
  // Microseconds since 1970-01-01T00:00:00Z.
  virtual int64_t NowMicros() = 0;
};

// The system's real-time clock. Never null, lives for the whole program.
Clock* SystemClock();

}  // namespace jejak
