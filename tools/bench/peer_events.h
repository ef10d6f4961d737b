// The events every leg of peer_bench loads: the NDJSON lines of a generated
// region (`jejak gen`), read once, with what each leg needs precomputed
// outside the timed sections.
//
// Positions are the 1-based line numbers (blank lines skipped): every leg
// appends the lines in file order, so event i gets global position i in
// jejak, in PostgreSQL (bigserial) and in SQLite (INTEGER PRIMARY KEY).
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "jejak/status.h"
#include "peer_fold.h"

namespace jejak::bench {

struct BenchEvent {
  std::string line;       // the JSON line as generated (the peers' payload)
  std::string stream;
  std::string event_id;
  std::string type;       // payload member name
  std::string effective;  // "YYYY-MM-DD"
  uint64_t position = 0;  // 1-based, in file order
  uint64_t version = 0;   // 1-based, within its stream
  ProfileDelta delta;     // the peers' fold input
};

// One employee stream: its NIP and its events' positions, in order.
struct EmployeeStream {
  std::string nip;
  std::string stream;
  std::vector<uint64_t> positions;
};

struct BenchLedger {
  std::vector<BenchEvent> events;
  std::vector<EmployeeStream> employees;  // in order of first appearance
  int jp_year = 0;
};

// Reads NDJSON lines from `in`. InvalidArgument naming the line when one
// is not a JSON object with stream, eventId, effectiveDate and a one-member
// payload.
[[nodiscard]] Result<BenchLedger> ReadLedger(std::istream& in, int jp_year);

}  // namespace jejak::bench
