#include "bench_util.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <thread>

namespace jejak::bench {

namespace fs = std::filesystem;

Deadline::Deadline(double seconds)
    : never_(seconds <= 0),
      at_(std::chrono::steady_clock::now() +
          std::chrono::duration_cast<std::chrono::steady_clock::duration>(
              std::chrono::duration<double>(never_ ? 0.0 : seconds))) {}

bool Deadline::Passed() const {
  return !never_ && std::chrono::steady_clock::now() >= at_;
}

double Percentile(std::vector<double>& samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  // Nearest rank: the smallest sample with at least p% of samples <= it.
  const double rank = std::ceil(p / 100.0 * static_cast<double>(samples.size()));
  const size_t i = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return samples[std::min(i, samples.size() - 1)];
}

double Rate(uint64_t count, double seconds) {
  return seconds > 0 ? static_cast<double>(count) / seconds : 0;
}

std::string FormatCount(double value) {
  if (value < 0) return "-";
  std::string digits = std::to_string(static_cast<uint64_t>(std::llround(value)));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string FormatFixed(double value, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, value);
  return buf;
}

std::string FormatRatio(double numerator, double denominator, int digits) {
  if (numerator <= 0 || denominator <= 0) return "-";
  return FormatFixed(numerator / denominator, digits);
}

MarkdownTable::MarkdownTable(std::vector<std::string> header) {
  rows_.push_back(std::move(header));
}

void MarkdownTable::AddRow(std::vector<std::string> cells) {
  cells.resize(rows_[0].size());
  rows_.push_back(std::move(cells));
}

std::string MarkdownTable::ToString() const {
  std::vector<size_t> width(rows_[0].size(), 3);
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  auto line = [&](const std::vector<std::string>& row) {
    std::string s = "|";
    for (size_t c = 0; c < row.size(); ++c) {
      s += ' ' + row[c] + std::string(width[c] - row[c].size(), ' ') + " |";
    }
    return s + '\n';
  };
  std::string out = line(rows_[0]);
  out += '|';
  for (size_t w : width) out += ' ' + std::string(w, '-') + " |";
  out += '\n';
  for (size_t r = 1; r < rows_.size(); ++r) out += line(rows_[r]);
  return out;
}

TempDir::TempDir(const std::string& prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/" + prefix + "-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    std::perror(("mkdtemp " + pattern).c_str());
    std::abort();
  }
  path_ = pattern;
}

TempDir::~TempDir() { RemoveTree(path_); }

std::string TempDir::Sub(const std::string& name) const { return path_ + "/" + name; }

void RemoveTree(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
}

uint64_t TreeBytes(const std::string& path) {
  uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(path, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

std::string MachineLoad() {
  std::ifstream in("/proc/loadavg");
  double a = 0, b = 0, c = 0;
  in >> a >> b >> c;
  return "load average " + FormatFixed(a, 2) + " " + FormatFixed(b, 2) + " " +
         FormatFixed(c, 2) + ", " + std::to_string(std::thread::hardware_concurrency()) +
         " cores";
}

std::string CommandLine(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    if (i > 0) out += ' ';
    out += argv[i];
  }
  return out;
}

}  // namespace jejak::bench
