#include "peer_events.h"

#include <unordered_map>

namespace jejak::bench {

Result<BenchLedger> ReadLedger(std::istream& in, int jp_year) {
  BenchLedger ledger;
  ledger.jp_year = jp_year;
  std::unordered_map<std::string, uint64_t> versions;
  std::unordered_map<std::string, size_t> employee_of;
  DeltaParser parser;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto parsed = parser.ParseLine(line, ledger.events.size() + 1, jp_year);
    if (!parsed.ok()) return parsed.status().WithContext("line " + std::to_string(line_no));
    BenchEvent e;
    e.stream = std::move(parsed->stream);
    e.event_id = std::move(parsed->event_id);
    e.type = std::move(parsed->type);
    e.effective = std::move(parsed->effective);
    e.delta = std::move(parsed->delta);
    e.position = ledger.events.size() + 1;
    e.version = ++versions[e.stream];
    if (!e.delta.nip.empty()) {
      auto [it, fresh] = employee_of.try_emplace(e.stream, ledger.employees.size());
      if (fresh) ledger.employees.push_back({e.delta.nip, e.stream, {}});
      ledger.employees[it->second].positions.push_back(e.position);
    }
    e.line = std::move(line);
    ledger.events.push_back(std::move(e));
  }
  if (in.bad()) return Status::IOError("reading events after line " + std::to_string(line_no));
  return ledger;
}

}  // namespace jejak::bench
