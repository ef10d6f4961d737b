#include "jejak/clock.h"

#include <chrono>

namespace jejak {

namespace {
class RealClock final : public Clock {
 public:
  int64_t NowMicros() override {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};
}  // namespace

Clock* SystemClock() {
  static RealClock clock;  // stateless; safe to share
  return &clock;
}

}  // namespace jejak
