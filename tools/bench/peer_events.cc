#include "peer_events.h"

#include <nlohmann/json.hpp>
#include <unordered_map>

namespace jejak::bench {

Result<BenchLedger> ReadLedger(std::istream& in, int jp_year) {
  BenchLedger ledger;
  ledger.jp_year = jp_year;
  std::unordered_map<std::string, uint64_t> versions;
  std::unordered_map<std::string, size_t> employee_of;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto bad = [&](const std::string& why) {
      return Status::InvalidArgument("line " + std::to_string(line_no) + ": " + why);
    };
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return bad("not a JSON object");
    auto payload = j.find("payload");
    if (payload == j.end() || !payload->is_object() || payload->size() != 1) {
      return bad("payload must have exactly one member");
    }
    BenchEvent e;
    e.stream = j.value("stream", "");
    e.event_id = j.value("eventId", "");
    e.effective = j.value("effectiveDate", "");
    e.type = payload->begin().key();
    if (e.stream.empty() || e.event_id.empty() || e.effective.size() != 10) {
      return bad("stream, eventId and effectiveDate (YYYY-MM-DD) are required");
    }
    e.position = ledger.events.size() + 1;
    e.version = ++versions[e.stream];
    auto delta = DeltaFromJson(e.stream, e.type, e.effective, e.position,
                               payload->begin().value().dump(), jp_year);
    if (!delta.ok()) return delta.status();
    e.delta = std::move(delta).value();
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
