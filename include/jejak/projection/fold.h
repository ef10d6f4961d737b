// The folds: pure functions (state, event) -> state, no I/O.
//
// One implementation serves the live projection (Projector::CatchUp), the
// rebuild (Projector::Rebuild) and the bitemporal reconstruction
// (ProfileAsOf): they differ only in which events they feed, never in how
// an event changes a state.
//
// Corrections and retractions are not folded as events: EffectiveEvents
// resolves them first into the stream's *effective* event list (originals
// with their latest correction applied, retracted ones removed), and the
// fold runs over that list. The projector does the same when a correction
// or retraction arrives: before its batch is written it re-reads that
// stream and refolds it, or, holding all of the stream's amendments
// (Amendments), folds each of its events in effective form as a pass over
// the log meets it (docs/projections.md).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "jejak/projection/profile_state.h"
#include "jejak/schema/envelope.capnp.h"

namespace jejak::projection {

// One event as the folds see it: where it is in the log, its valid time,
// and its (possibly corrected) payload. The payload reader borrows the
// memory of the event it came from.
struct FoldInput {
  uint64_t position = 0;
  uint32_t effective = 0;  // YYYYMMDD
  schema::Payload::Reader payload;
};

FoldInput FoldInputOf(schema::Event::Reader event);

// Folds one effective event into an employee's state. Order-independent
// for everything but exact key ties: applying a set of events in any order
// gives the same state. Events of other kinds (selection, agency,
// corrected, retracted) leave the state unchanged except last_position.
void ApplyProfile(ProfileState& state, const FoldInput& in);
inline void ApplyProfile(ProfileState& state, schema::Event::Reader event) {
  ApplyProfile(state, FoldInputOf(event));
}

// Whether folding `in` changes only a state's training hours (training_jp)
// and event_count besides last_position: a trainingCompleted of a kind that
// is not a leadership training.
bool FoldsTrainingHoursOnly(const FoldInput& in);

// What the fold reads of such a training: enough to fold it without its
// event (a few bytes where the event takes hundreds).
struct TrainingHours {
  uint64_t position = 0;
  uint32_t effective = 0;  // YYYYMMDD
  uint32_t jp = 0;
  schema::TrainingKind kind = schema::TrainingKind::UNSPECIFIED;
};
// REQUIRES: FoldsTrainingHoursOnly(in).
TrainingHours TrainingHoursOf(const FoldInput& in);
// Exactly ApplyProfile(state, in) for the training `t` was taken from.
void ApplyTrainingHours(ProfileState& state, const TrainingHours& t);

// Takes back ApplyProfile(state, in) for such an event folded into
// `state`: its hours and count come off training_jp (the row goes when no
// training remains in it) and event_count drops by one. last_position is
// left as it is (the caller knows the stream's other positions). Returns
// false, leaving `state` unchanged, when FoldsTrainingHoursOnly(in) is
// false or the state holds no such training.
bool TakeBackTrainingHours(ProfileState& state, const FoldInput& in);

// Folds one effective event of an agency stream (agencyDefined,
// unitDefined, positionDefined); other kinds only advance last_position.
void ApplyOrg(OrgState& state, const FoldInput& in);

// Which part of a stream's history to use.
//   known_position: only events (and corrections) recorded at or before
//     this global position count (transaction time). UINT64_MAX = all.
//   valid_date: only effective events whose effective date (TMT) is on or
//     before this date count (valid time). UINT32_MAX = all.
struct Cut {
  uint64_t known_position = UINT64_MAX;
  uint32_t valid_date = UINT32_MAX;
};

// The effective event list of one stream, in position order.
// REQUIRES: `events` are the stream's events in position order.
// Rules (docs/projections.md):
//  - `retracted` removes its target's effect (a retracted correction no
//    longer applies; a retracted retraction restores its target);
//  - `corrected` replaces its target's payload; the latest correction of an
//    event wins; a correction of a correction corrects the original (its
//    replacement, a `corrected`, is unwrapped); the corrected event keeps
//    its original position, and takes the correction's effective date when
//    that is set (0 keeps the original TMT);
//  - a target outside the stream or not earlier than the correction, or a
//    correction of a retracted event, has no effect; so has a correction
//    whose chain of corrected targets ends at an event not earlier than
//    itself (append validation forbids a correction as a replacement, so
//    only a damaged or legacy log has chains).
std::vector<FoldInput> EffectiveEvents(std::span<const schema::Event::Reader> events,
                                       const Cut& cut = {});

// The corrections and retractions of one stream, resolved on their own by
// the rules above (EffectiveEvents uses it), so that each other event's
// fate can be told as it is met: a fold that meets the stream's events in
// position order (a forward pass over the log) gets the stream's effective
// events without holding them. The messages the readers point into must
// outlive the object.
class Amendments {
 public:
  // `amendments`: the stream's corrected and retracted events known at
  // the cut's known_position (later ones are ignored), in position order.
  Amendments(std::span<const schema::Event::Reader> amendments, uint64_t known_position);

  // The effective form of `event`, one of the stream's events: false if it
  // has none (an amendment, retracted, recorded after the cut's
  // known_position, or after its valid date once corrected).
  bool Effective(schema::Event::Reader event, const Cut& cut, FoldInput* out) const;

 private:
  std::vector<uint64_t> amendment_positions_;  // sorted
  std::vector<uint64_t> dead_;                 // retracted positions, sorted
  // Original position -> the correction that applies (the newest alive).
  std::vector<std::pair<uint64_t, schema::Event::Reader>> claims_;  // sorted by position
};

// Fresh states folded from an effective event list. `nip` / `agency` name
// the stream (the state keeps them even before a recruited event).
ProfileState FoldProfile(std::string_view nip, std::span<const FoldInput> events);
OrgState FoldOrg(std::string_view agency, std::span<const FoldInput> events);

}  // namespace jejak::projection
