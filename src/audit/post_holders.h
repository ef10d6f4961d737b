// PostHolders: who held each post (agency + positionId) since when, from
// the employees' placements as the replay folds them (recruited with a
// position, positionAssigned, transferred, positionPromoted), and how each
// holding ended (the holder's next placement or separation). What the
// rule "no replacement of a JPT within 2 years of installation" (UU 5/2014
// Art. 116) needs.
//
// Not thread-safe; one per replay.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "jejak/projection/profile_state.h"

namespace jejak::audit {

class PostHolders {
 public:
  enum class End : uint8_t {
    kHolding,            // no later placement or separation on record
    kPromotedElsewhere,  // the holder's own positionPromoted to another post
    kMoved,              // positionAssigned / transferred away (or re-recruited)
    kSeparated,          // separated: `reason` says why
  };
  struct Holding {
    std::string nip;
    uint32_t since = 0;       // TMT of the placement in the post
    uint64_t position = 0;    // the placement's event
    End end = End::kHolding;
    uint32_t until = 0;       // TMT of what ended it; 0 while holding
    uint64_t end_position = 0;
    schema::SeparationReason reason = schema::SeparationReason::UNSPECIFIED;
  };

  // Replaces what `nip` held by the holdings of `s` (its placements and
  // separation, corrections applied) in the posts `tracked` accepts (the
  // replay tracks JPT posts only: a staff post may have thousands of
  // holders). Call after folding a placement, a separation or an
  // amendment into the employee's state.
  void Update(const std::string& nip, const projection::ProfileState& s,
              const std::function<bool(const projection::Placement&)>& tracked);

  // The holding of post `position_id` of `agency` by someone other than
  // `nip` that started last before `date`; nullptr when none is on record.
  // The pointer is valid until the next Update.
  const Holding* PreviousHolder(const std::string& agency, const std::string& position_id,
                                const std::string& nip, uint32_t date) const;

 private:
  static std::string PostKey(const std::string& agency, const std::string& position_id);

  std::unordered_map<std::string, std::vector<Holding>> posts_;       // by PostKey
  std::unordered_map<std::string, std::vector<std::string>> held_by_;  // NIP -> PostKeys
};

}  // namespace jejak::audit
