#include "progress.h"

#include <unistd.h>

#include <cstdio>

namespace jejak::cli {

std::string HumanCount(double v) {
  char buf[32];
  if (v >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.2fM", v / 1e6);
  } else if (v >= 1e4) {
    std::snprintf(buf, sizeof buf, "%.1fk", v / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  }
  return buf;
}

Progress::Progress(std::string label, uint64_t total, std::string unit)
    : label_(std::move(label)),
      total_(total),
      unit_(std::move(unit)),
      tty_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() { Finish(); }

double Progress::Elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::Update(uint64_t done) {
  if (!tty_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  Draw(done);
}

void Progress::Draw(uint64_t done) {
  double secs = Elapsed();
  double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
  if (total_ > 0) {
    constexpr int kWidth = 30;
    double frac = done >= total_ ? 1.0 : static_cast<double>(done) / static_cast<double>(total_);
    int filled = static_cast<int>(frac * kWidth);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(kWidth - filled), ' ');
    std::fprintf(stderr, "\r%s [%s] %3d%% %llu/%llu %s, %s/s ", label_.c_str(), bar.c_str(),
                 static_cast<int>(frac * 100), static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(total_), unit_.c_str(),
                 HumanCount(rate).c_str());
  } else {
    std::fprintf(stderr, "\r%s %llu %s, %s/s ", label_.c_str(),
                 static_cast<unsigned long long>(done), unit_.c_str(), HumanCount(rate).c_str());
  }
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::Finish() {
  if (tty_ && drawn_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace jejak::cli
