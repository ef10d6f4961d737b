// Test helper: a random but valid ledger — employees, agency reference
// data, backdated events, corrections and retractions — appended to a real
// store in a random interleaving of streams.
#pragma once

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "jejak/status.h"
#include "jejak/store/event_store.h"
#include "jejak/store/new_event.h"

namespace jejak::projection::testing {

// A valid envelope for `stream`; fill the payload through builder().
store::NewEvent MakeEvent(const std::string& stream, const std::string& event_id,
                          uint32_t effective);

struct GenOptions {
  uint32_t seed = 1;
  int employees = 50;
  int agencies = 2;
  int positions_per_agency = 6;
  int amendment_percent = 6;  // corrections + retractions among the events
  int max_batch = 4;          // events per Append call (1..max_batch)
};

class LedgerGen {
 public:
  explicit LedgerGen(GenOptions options);

  // Appends `events` events (approximately: whole Append calls), calling
  // `after_append` with the head after each call.
  [[nodiscard]] Status Run(store::EventStore& store, int events,
                           const std::function<void(uint64_t)>& after_append = nullptr);

  // NIPs recruited so far.
  std::vector<std::string> Nips() const;
  const std::vector<std::string>& Agencies() const { return agencies_; }

 private:
  struct Fact {
    uint64_t position;
    int kind;  // schema::Payload::Which
  };
  struct Emp {
    std::string nip;
    uint32_t tmt = 0;
    bool recruited = false;
    int agency = 0;
    std::vector<Fact> facts;       // correctable events
    std::vector<uint64_t> sanctions;
  };
  uint32_t RandomDate(uint32_t from);
  std::string NewNip(uint32_t* tmt);

  GenOptions opt_;
  std::mt19937 rng_;
  std::vector<Emp> emps_;
  std::vector<std::string> agencies_;
  bool setup_done_ = false;
  uint64_t next_id_ = 1;
};

}  // namespace jejak::projection::testing
