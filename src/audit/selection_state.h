// The facts of one selection stream (sel/<id>) the audit judges a decision
// on: the post, the committee, who registered, who recused from whom and
// who scored whom (with the log positions that state them), the shortlist.
// Folded over the stream's effective events (projection::EffectiveEvents),
// so corrections and retractions are honoured as in the projections.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/projection/fold.h"
#include "jejak/schema/common.capnp.h"
#include "jejak/schema/events.capnp.h"

namespace jejak::audit {

struct SelectionState {
  struct Member {
    std::string id;  // NIP of an ASN member, another id for externals
    std::string name;
    bool internal = false;
    schema::JabatanLevel level = schema::JabatanLevel::UNSPECIFIED;  // the post held
  };
  // (member, candidate) pairs as indexes into `people`.
  struct Act {
    uint32_t member = 0;
    uint32_t candidate = 0;  // UINT32_MAX: every candidate (a recusal)
    uint64_t position = 0;
    uint32_t effective = 0;
    double total = 0;               // a score's total
    uint64_t committee = 0;         // a score: the committeeAppointed in force
                                    // then (0 = none)
    bool by_member = false;         // a score: the member was on it
  };

  std::string id;  // the stream id without "sel/"
  uint64_t opened_position = 0;
  std::string agency;
  std::string position_id;
  std::string position_name;
  schema::JabatanLevel level = schema::JabatanLevel::UNSPECIFIED;
  schema::SelectionKind kind = schema::SelectionKind::UNSPECIFIED;

  uint64_t committee_position = 0;  // the latest committeeAppointed, 0 = none
  std::vector<Member> members;
  std::string ppk_nip;

  std::vector<std::string> people;  // interned member ids and candidate NIPs
  std::vector<Act> registered;      // candidateRegistered: `candidate` only
  std::vector<Act> recusals;
  std::vector<Act> scorings;

  uint64_t shortlist_position = 0;  // the latest shortlistSubmitted, 0 = none
  uint32_t shortlist_effective = 0;
  std::vector<std::string> shortlist;

  uint32_t Intern(std::string_view person);
  // Whether `member` had recused from `candidate` (or from every
  // candidate) at a position before `before`.
  bool RecusedBefore(uint32_t member, uint32_t candidate, uint64_t before) const;
  // The first recusal of `member` from `candidate` (or from every
  // candidate) at any position; nullptr if none.
  const Act* Recusal(uint32_t member, uint32_t candidate) const;
  // The candidateRegistered of `nip`; nullptr if none.
  const Act* Registration(std::string_view nip) const;
};

// Folds one effective event of the selection's stream (other kinds and
// amendments leave the state unchanged).
void ApplySelection(SelectionState& s, const projection::FoldInput& in);

// A fresh state folded from a stream's effective events.
SelectionState FoldSelection(std::string_view id, std::span<const projection::FoldInput> events);

}  // namespace jejak::audit
