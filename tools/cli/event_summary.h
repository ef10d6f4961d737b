// One readable line per event for `jejak history`: what the event says
// (golongan from -> to, the post, the rating, the training and its JP, what
// a correction changed), in English domain words.
#pragma once

#include <string>

#include "jejak/store/recorded_event.h"

namespace jejak::cli {

// What `payload` says. A kind without a line of its own (a kind added
// later) lists its fields that are set, as "field=value".
std::string SummarizePayload(schema::Payload::Reader payload);

// What an amendment does, given the summary of the event it targets
// ("" when the target is not in hand): "corrects #12 (was: ...; now: ...)"
// or "retracts #12 (...)", with the reason and authority.
std::string SummarizeAmendment(schema::Payload::Reader payload, const std::string& target_summary);

}  // namespace jejak::cli
