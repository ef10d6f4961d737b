#include "peer_cpu.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace jejak::bench {

namespace {

// The fields of /proc/<pid>/stat after the command name, which is in
// parentheses and may contain spaces: fields[0] is field 3 (state).
bool StatFields(int pid, std::vector<std::string>* fields) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return false;
  const size_t close = line.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream rest(line.substr(close + 1));
  fields->clear();
  for (std::string f; rest >> f;) fields->push_back(f);
  return fields->size() > 14;
}

double Ticks(const std::string& field) {
  static const double kTicksPerSecond = static_cast<double>(sysconf(_SC_CLK_TCK));
  return std::strtod(field.c_str(), nullptr) / kTicksPerSecond;
}

// Field numbers of proc(5) minus 3.
constexpr size_t kPpid = 1, kUtime = 11, kStime = 12, kCutime = 13, kCstime = 14;

}  // namespace

double SelfCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto secs = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return secs(u.ru_utime) + secs(u.ru_stime);
}

int ParentPid(int pid) {
  std::vector<std::string> f;
  return StatFields(pid, &f) ? std::atoi(f[kPpid].c_str()) : -1;
}

double ProcessTreeCpuSeconds(int root) {
  std::vector<std::string> f;
  if (!StatFields(root, &f)) return -1;
  double total = Ticks(f[kUtime]) + Ticks(f[kStime]) + Ticks(f[kCutime]) + Ticks(f[kCstime]);
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const int pid = std::atoi(name.c_str());
    if (pid != root && StatFields(pid, &f) && std::atoi(f[kPpid].c_str()) == root) {
      total += Ticks(f[kUtime]) + Ticks(f[kStime]);
    }
  }
  return total;
}

}  // namespace jejak::bench
