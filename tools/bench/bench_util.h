// Small helpers shared by the benchmark drivers in tools/bench: a timer, a
// percentile, a markdown table, a temporary directory, a description of the
// machine. Nothing here knows about jejak.
//
// Thread safety: none of these types is shared between threads, except
// Deadline, which is read-only after construction.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace jejak::bench {

// Elapsed wall time since construction (or the last Restart).
class Stopwatch {
 public:
  Stopwatch() : start_(Clock::now()) {}
  void Restart() { start_ = Clock::now(); }
  double Seconds() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
  }
  double Micros() const { return Seconds() * 1e6; }

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point start_;
};

// A point in time `seconds` after construction; `seconds` <= 0 never passes.
class Deadline {
 public:
  explicit Deadline(double seconds);
  bool Passed() const;

 private:
  bool never_;
  std::chrono::steady_clock::time_point at_;
};

// The p-th percentile (0 <= p <= 100, nearest rank) of `samples`, which it
// sorts in place. 0 for an empty vector.
double Percentile(std::vector<double>& samples, double p);

// Rate of `count` things in `seconds` (0 when no time passed).
double Rate(uint64_t count, double seconds);

// "1,234,567" for 1234567.4; "-" for a negative value (not measured).
std::string FormatCount(double value);
// "0.52" style ratio with `digits` decimals; "-" when either side is <= 0.
std::string FormatRatio(double numerator, double denominator, int digits = 2);
// "%.*f".
std::string FormatFixed(double value, int digits);

// A markdown table: a header row, then rows of cells. Columns are padded to
// their widest cell so the table also reads well as plain text.
class MarkdownTable {
 public:
  explicit MarkdownTable(std::vector<std::string> header);
  void AddRow(std::vector<std::string> cells);  // REQUIRES: same width
  std::string ToString() const;

 private:
  std::vector<std::vector<std::string>> rows_;  // rows_[0] is the header
};

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it
// on destruction. Aborts the program if it cannot be created: a benchmark
// without a data directory has nothing to do.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name (not created).
  std::string Sub(const std::string& name) const;

 private:
  std::string path_;
};

// Removes `path` and everything below it; errors are ignored.
void RemoveTree(const std::string& path);

// Total size in bytes of the regular files below `path`.
uint64_t TreeBytes(const std::string& path);

// "load average 0.31 0.25 0.10, 2 cores" from /proc/loadavg.
std::string MachineLoad();

// The command line as typed: argv joined by spaces.
std::string CommandLine(int argc, char** argv);

}  // namespace jejak::bench
