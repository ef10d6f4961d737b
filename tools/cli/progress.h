// A progress bar on stderr, drawn only when stderr is a terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace jejak::cli {

class Progress {
 public:
  // `total` 0 = unknown (shows count and rate only). `unit` e.g. "events".
  Progress(std::string label, uint64_t total, std::string unit);
  ~Progress();

  // Redraws at most ~10 times a second.
  void Update(uint64_t done);
  // Clears the bar line.
  void Finish();

  // Seconds since construction.
  double Elapsed() const;

 private:
  void Draw(uint64_t done);
  std::string label_;
  uint64_t total_;
  std::string unit_;
  bool tty_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// "123.4k" style rate formatting.
std::string HumanCount(double v);

}  // namespace jejak::cli
