// JudgeSelection: DOMAIN.md "Open selection for JPT" and the conflict-of-
// interest rule for one selectionDecided: the appointee among the
// committee's best ranked, no declared relation between the deciding
// official and the appointee, no related member scoring a candidate
// without having recused before, an open JPT committee of the make-up in
// force.
#include <algorithm>
#include <map>
#include <string>

#include "audit/judge.h"
#include "jejak/domain/date.h"
#include "jejak/projection/names.h"

namespace jejak::audit {

namespace {

std::string RelationText(schema::Relation r) {
  switch (r) {
    case schema::Relation::UNCLE_AUNT: return "uncle or aunt";
    case schema::Relation::NIECE_NEPHEW: return "niece or nephew";
    case schema::Relation::PARENT_IN_LAW: return "parent-in-law";
    case schema::Relation::CHILD_IN_LAW: return "child-in-law";
    case schema::Relation::SIBLING_IN_LAW: return "sibling-in-law";
    case schema::Relation::OTHER: return "relative";
    default: return projection::EnumName(r);
  }
}

// A declared relation between two people: who declared it, and the fact.
struct Tie {
  std::string declarer;
  projection::RelationFact fact;
};

class People {
 public:
  explicit People(const PersonLookup& lookup) : lookup_(lookup) {}

  Result<const Person*> Get(const std::string& nip) {
    auto it = cache_.find(nip);
    if (it == cache_.end()) {
      auto p = lookup_(nip);
      if (!p.ok()) return p.status();
      it = cache_.emplace(nip, std::move(p).value()).first;
    }
    return &it->second;
  }

  // A relation between `a` and `b` declared on either's stream at a
  // position before `before`; nullopt if none.
  Result<std::optional<Tie>> Related(const std::string& a, const std::string& b,
                                     uint64_t before) {
    if (a.empty() || b.empty() || a == b) return std::optional<Tie>();
    for (const auto& [x, y] : {std::pair(a, b), std::pair(b, a)}) {
      auto p = Get(x);
      if (!p.ok()) return p.status();
      for (const auto& r : (*p)->relations) {
        if (r.other_nip == y && r.key.position < before) return std::optional<Tie>(Tie{x, r});
      }
    }
    return std::optional<Tie>();
  }

 private:
  const PersonLookup& lookup_;
  std::map<std::string, Person> cache_;
};

std::string NameOf(const SelectionState& sel, const std::string& id) {
  for (const auto& m : sel.members) {
    if (m.id == id && !m.name.empty()) return id + " (" + m.name + ")";
  }
  return id;
}

std::string TieText(const Tie& t, const std::string& other) {
  return t.declarer + " declared " + other + " as " + RelationText(t.fact.relation) +
         " (position " + std::to_string(t.fact.key.position) + ")";
}

}  // namespace

Status JudgeSelection(const JudgeContext& ctx, const SelectionState& sel,
                      const projection::FoldInput& decision, const PersonLookup& lookup,
                      DecisionVerdict* v) {
  const auto d = decision.payload.getSelectionDecided();
  const uint32_t date = decision.effective;
  const std::string appointee = d.getAppointeeNip();
  std::string official = d.getDecidingOfficialNip();
  if (official.empty()) official = sel.ppk_nip;
  People people(lookup);

  v->subject = appointee;
  v->agency = sel.agency;
  v->summary = "appointee " + appointee + " for " +
               (sel.position_name.empty() ? sel.position_id : sel.position_name) + " (" +
               projection::EnumName(sel.kind) + "), decided " + domain::FormatDate(date) +
               (official.empty() ? std::string() : " by " + official);
  size_t internal = 0;
  for (const auto& m : sel.members) internal += m.internal ? 1 : 0;
  if (sel.committee_position != 0) {
    v->evidence.push_back({sel.committee_position,
                           "committee of " + std::to_string(sel.members.size()) + " (" +
                               std::to_string(internal) + " internal)"});
  }
  std::string ranked;
  for (size_t i = 0; i < sel.shortlist.size(); ++i) {
    ranked += (i > 0 ? ", " : "") + std::to_string(i + 1) + ". " + sel.shortlist[i];
  }
  if (sel.shortlist_position != 0) {
    v->evidence.push_back({sel.shortlist_position, "shortlist: " + ranked});
  }

  // The appointee among the committee's best ranked.
  const auto at = std::find(sel.shortlist.begin(), sel.shortlist.end(), appointee);
  const size_t rank = static_cast<size_t>(at - sel.shortlist.begin());
  if (ctx.On(RuleId::kSeniorityOverMerit) &&
      (at == sel.shortlist.end() || rank >= static_cast<size_t>(ctx.rules.merit_ranks))) {
    Finding f = ctx.Make(RuleId::kSeniorityOverMerit, date);
    if (sel.shortlist_position != 0) f.evidence.push_back(v->evidence.back());
    if (at == sel.shortlist.end()) {
      f.severity = Severity::kHigh;
      f.explanation = "The appointee " + appointee + " is not on the committee's shortlist" +
                      (ranked.empty() ? std::string(" (none on record)") : " (" + ranked + ")");
    } else {
      f.explanation = "The appointee " + appointee + " ranked " + std::to_string(rank + 1) +
                      " on the committee's shortlist (" + ranked + "), below the first " +
                      std::to_string(ctx.rules.merit_ranks);
    }
    auto a = people.Get(appointee);
    if (!a.ok()) return a.status();
    if (!sel.shortlist.empty() && sel.shortlist.front() != appointee) {
      auto top = people.Get(sel.shortlist.front());
      if (!top.ok()) return top.status();
      if ((*a)->exists && (*top)->exists) {
        f.explanation += "; chosen over " + sel.shortlist.front() + ", ranked first, " +
                         ((*a)->recruited < (*top)->recruited ? "though junior in service: "
                                                              : "in service ") +
                         "since " + domain::FormatDate((*top)->recruited) + " against " +
                         domain::FormatDate((*a)->recruited) + " for the appointee";
        f.evidence.push_back({(*a)->recruited_position, "appointee in service since " +
                                                            domain::FormatDate((*a)->recruited)});
        f.evidence.push_back({(*top)->recruited_position,
                              "first of the shortlist in service since " +
                                  domain::FormatDate((*top)->recruited)});
      }
    }
    f.explanation += ". Appointment by merit follows the committee's ranking.";
    v->findings.push_back(std::move(f));
  }

  // The deciding official and the appointee.
  auto tie = people.Related(appointee, official, decision.position);
  if (!tie.ok()) return tie.status();
  if (*tie) {
    const Tie& t = **tie;
    const std::string role = TieText(t, t.declarer == appointee ? official : appointee);
    v->evidence.push_back({t.fact.key.position, role});
    if (ctx.On(RuleId::kPpkRelatedToAppointee)) {
      Finding f = ctx.Make(RuleId::kPpkRelatedToAppointee, date);
      f.explanation = "The deciding official " + official + " and the appointee " + appointee +
                      " are related, as declared before the decision: " + role +
                      ". The official should not have decided on a relative.";
      f.evidence.push_back(v->evidence.back());
      v->findings.push_back(std::move(f));
    }
  }

  // Members scoring relatives without having recused before.
  std::vector<std::string> conflicts;
  Finding conflict = ctx.Make(RuleId::kRelatedCommitteeMember, date);
  std::vector<std::pair<uint32_t, uint32_t>> seen;
  for (const auto& s : sel.scorings) {
    if (std::find(seen.begin(), seen.end(), std::pair(s.member, s.candidate)) != seen.end()) {
      continue;
    }
    if (sel.RecusedBefore(s.member, s.candidate, s.position)) continue;
    const std::string& member = sel.people[s.member];
    const std::string& candidate = sel.people[s.candidate];
    auto t = people.Related(member, candidate, s.position);
    if (!t.ok()) return t.status();
    if (!*t) continue;
    seen.emplace_back(s.member, s.candidate);
    const Tie& tt = **t;
    const std::string role = TieText(tt, tt.declarer == member ? candidate : member);
    conflicts.push_back("member " + NameOf(sel, member) + " scored candidate " + candidate +
                        " (position " + std::to_string(s.position) + ") though " + role);
    conflict.evidence.push_back({tt.fact.key.position, role});
    conflict.evidence.push_back({s.position, "score given by " + member + " to " + candidate});
  }
  if (!conflicts.empty()) {
    v->evidence.insert(v->evidence.end(), conflict.evidence.begin(), conflict.evidence.end());
    if (ctx.On(RuleId::kRelatedCommitteeMember)) {
      conflict.explanation = "A committee member related to a candidate scored them without "
                             "having recused: ";
      for (size_t i = 0; i < conflicts.size(); ++i) {
        conflict.explanation += (i > 0 ? "; " : "") + conflicts[i];
      }
      conflict.explanation += ".";
      if (sel.committee_position != 0) conflict.evidence.insert(conflict.evidence.begin(), v->evidence.front());
      v->findings.push_back(std::move(conflict));
    }
  }

  // The make-up of an open JPT committee.
  const CommitteeRule* rule = ctx.rules.CommitteeRuleOn(date);
  if (ctx.On(RuleId::kCommitteeComposition) && sel.kind == schema::SelectionKind::OPEN_JPT &&
      rule != nullptr) {
    const int n = static_cast<int>(sel.members.size());
    std::vector<std::string> why;
    if (n < rule->min_members || n > rule->max_members) {
      why.push_back(std::to_string(n) + " members, not " + std::to_string(rule->min_members) +
                    " to " + std::to_string(rule->max_members));
    }
    if (rule->odd && n % 2 == 0 && n > 0) why.push_back(std::to_string(n) + " members, an even number");
    if (static_cast<double>(internal) > rule->max_internal_share * n) {
      why.push_back(std::to_string(internal) + " internal of " + std::to_string(n) +
                    ", more than " + std::to_string(static_cast<int>(rule->max_internal_share * 100 + 0.5)) + "%");
    }
    if (!why.empty()) {
      Finding f = ctx.Make(RuleId::kCommitteeComposition, date);
      f.explanation = "The open selection's committee has ";
      for (size_t i = 0; i < why.size(); ++i) f.explanation += (i > 0 ? "; " : "") + why[i];
      f.explanation += sel.committee_position == 0 ? " (no committee on record)." : ".";
      if (sel.committee_position != 0) f.evidence.push_back(v->evidence.front());
      v->findings.push_back(std::move(f));
    }
  }
  return Status::Ok();
}

}  // namespace jejak::audit
