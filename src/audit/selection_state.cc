// ApplySelection: one effective event into a selection's facts.
#include "audit/selection_state.h"

#include <algorithm>

namespace jejak::audit {

namespace {

using schema::Payload;

std::string Str(capnp::Text::Reader t) { return std::string(t.cStr(), t.size()); }

}  // namespace

uint32_t SelectionState::Intern(std::string_view person) {
  auto it = std::find(people.begin(), people.end(), person);
  if (it != people.end()) return static_cast<uint32_t>(it - people.begin());
  people.emplace_back(person);
  return static_cast<uint32_t>(people.size() - 1);
}

bool SelectionState::RecusedBefore(uint32_t member, uint32_t candidate, uint64_t before) const {
  return std::any_of(recusals.begin(), recusals.end(), [&](const Act& r) {
    return r.member == member && (r.candidate == candidate || r.candidate == UINT32_MAX) &&
           r.position < before;
  });
}

const SelectionState::Act* SelectionState::Recusal(uint32_t member, uint32_t candidate) const {
  for (const Act& r : recusals) {
    if (r.member == member && (r.candidate == candidate || r.candidate == UINT32_MAX)) return &r;
  }
  return nullptr;
}

const SelectionState::Act* SelectionState::Registration(std::string_view nip) const {
  for (const Act& r : registered) {
    if (people[r.candidate] == nip) return &r;
  }
  return nullptr;
}

void ApplySelection(SelectionState& s, const projection::FoldInput& in) {
  const Payload::Reader p = in.payload;
  switch (p.which()) {
    case Payload::SELECTION_OPENED: {
      auto o = p.getSelectionOpened();
      s.opened_position = in.position;
      s.agency = Str(o.getAgency());
      s.position_id = Str(o.getPositionId());
      s.position_name = Str(o.getPositionName());
      s.level = o.getLevel();
      s.kind = o.getKind();
      break;
    }
    case Payload::COMMITTEE_APPOINTED: {
      // A later appointment replaces the committee (events come in
      // position order).
      auto c = p.getCommitteeAppointed();
      s.committee_position = in.position;
      s.members.clear();
      for (auto m : c.getMembers()) {
        s.members.push_back(
            {Str(m.getMemberId()), Str(m.getName()), m.getInternal(), m.getLevel()});
      }
      s.ppk_nip = Str(c.getPpkNip());
      break;
    }
    case Payload::CANDIDATE_REGISTERED: {
      const uint32_t candidate = s.Intern(Str(p.getCandidateRegistered().getNip()));
      s.registered.push_back({UINT32_MAX, candidate, in.position, in.effective});
      break;
    }
    case Payload::MEMBER_RECUSED: {
      auto r = p.getMemberRecused();
      const uint32_t member = s.Intern(Str(r.getMemberId()));
      const uint32_t candidate =
          r.getCandidateNip().size() == 0 ? UINT32_MAX : s.Intern(Str(r.getCandidateNip()));
      s.recusals.push_back({member, candidate, in.position, in.effective});
      break;
    }
    case Payload::CANDIDATE_SCORED: {
      auto r = p.getCandidateScored();
      const uint32_t member = s.Intern(Str(r.getMemberId()));
      const uint32_t candidate = s.Intern(Str(r.getCandidateNip()));
      // Whether the scorer sat on the committee in force when scoring (a
      // later committeeAppointed replaces the earlier one).
      const bool on = std::any_of(s.members.begin(), s.members.end(), [&](const auto& m) {
        return m.id == s.people[member];
      });
      s.scorings.push_back({member, candidate, in.position, in.effective, r.getTotal(),
                            s.committee_position, on});
      break;
    }
    case Payload::SHORTLIST_SUBMITTED:
      s.shortlist_position = in.position;
      s.shortlist_effective = in.effective;
      s.shortlist.clear();
      for (auto n : p.getShortlistSubmitted().getRanked()) s.shortlist.push_back(Str(n));
      break;
    default:
      break;
  }
}

SelectionState FoldSelection(std::string_view id, std::span<const projection::FoldInput> events) {
  SelectionState s;
  s.id = id;
  for (const auto& in : events) ApplySelection(s, in);
  return s;
}

}  // namespace jejak::audit
