// JudgeSelection: DOMAIN.md "Open selection for JPT" and the conflict-of-
// interest rule for one selectionDecided: the appointee on the shortlist
// and not preferred by seniority over a better-scored junior, the steps in
// order, no relation (kinship.h) between the deciding official and the
// appointee, no related member scoring a candidate, an open JPT committee
// of the make-up and the internal members' levels in force.
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>

#include "audit/judge.h"
#include "audit/kinship.h"
#include "audit/post_level.h"
#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"
#include "jejak/projection/names.h"

namespace jejak::audit {

namespace {

constexpr uint32_t kUu5_2014 = 20140115;  // UU 5/2014: the committee names 3

std::string NameOf(const SelectionState& sel, const std::string& id) {
  for (const auto& m : sel.members) {
    if (m.id == id && !m.name.empty()) return id + " (" + m.name + ")";
  }
  return id;
}

std::string Score2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string RankText(const projection::RankValue& r) {
  if (r.golongan != schema::Golongan::UNSPECIFIED) {
    return std::string(domain::GolonganName(r.golongan));
  }
  return r.pppk_grade != 0 ? "grade " + std::to_string(r.pppk_grade) : "no rank on record";
}

// Whether `a` is a lower rank than `b` on the same scale.
bool LowerRank(const projection::RankValue& a, const projection::RankValue& b) {
  if (a.golongan != schema::Golongan::UNSPECIFIED && b.golongan != schema::Golongan::UNSPECIFIED) {
    return domain::GolonganStep(a.golongan) < domain::GolonganStep(b.golongan);
  }
  return a.pppk_grade != 0 && b.pppk_grade != 0 && a.pppk_grade < b.pppk_grade;
}

// The committee's mean total per candidate: the latest score of each
// member on the committee when scoring.
std::map<uint32_t, double> MeanScores(const SelectionState& sel) {
  std::map<std::pair<uint32_t, uint32_t>, double> latest;
  for (const auto& s : sel.scorings) {
    if (s.by_member) latest[{s.member, s.candidate}] = s.total;
  }
  std::map<uint32_t, std::pair<double, int>> sum;
  for (const auto& [key, total] : latest) {
    sum[key.second].first += total;
    ++sum[key.second].second;
  }
  std::map<uint32_t, double> out;
  for (const auto& [c, s] : sum) out[c] = s.first / s.second;
  return out;
}

class SelectionJudge {
 public:
  SelectionJudge(const JudgeContext& ctx, const SelectionState& sel,
                 const projection::FoldInput& decision, const PersonLookup& lookup,
                 DecisionVerdict* v)
      : ctx_(ctx), sel_(sel), decision_(decision), people_(lookup), v_(v) {
    const auto d = decision.payload.getSelectionDecided();
    date_ = decision.effective;
    appointee_ = d.getAppointeeNip();
    official_ = d.getDecidingOfficialNip();
    if (official_.empty()) official_ = sel.ppk_nip;
  }

  Status Run() {
    Describe();
    Sequence();
    JEJAK_RETURN_IF_ERROR(Shortlist());
    JEJAK_RETURN_IF_ERROR(Official());
    JEJAK_RETURN_IF_ERROR(Members());
    Composition();
    Levels();
    return Status::Ok();
  }

 private:
  void Describe() {
    v_->subject = appointee_;
    v_->agency = sel_.agency;
    v_->summary = "appointee " + appointee_ + " for " +
                  (sel_.position_name.empty() ? sel_.position_id : sel_.position_name) + " (" +
                  projection::EnumName(sel_.kind) + "), decided " + domain::FormatDate(date_) +
                  (official_.empty() ? std::string() : " by " + official_);
    for (const auto& m : sel_.members) internal_ += m.internal ? 1 : 0;
    if (sel_.committee_position != 0) {
      committee_ = {sel_.committee_position,
                    "committee of " + std::to_string(sel_.members.size()) + " (" +
                        std::to_string(internal_) + " internal)"};
      v_->evidence.push_back(committee_);
    }
    for (size_t i = 0; i < sel_.shortlist.size(); ++i) {
      ranked_ += (i > 0 ? ", " : "") + std::to_string(i + 1) + ". " + sel_.shortlist[i];
    }
    if (sel_.shortlist_position != 0) {
      shortlist_ = {sel_.shortlist_position, "shortlist: " + ranked_};
      v_->evidence.push_back(shortlist_);
    }
  }

  Finding Make(RuleId r) const { return ctx_.Make(r, date_); }
  // How rule `r` fared (for --decision; a finding of `r` overrides it).
  void Check(RuleId r, CheckOutcome o, std::string why) const {
    ctx_.Checked(v_, r, o, std::move(why));
  }

  // The steps in order: registered, scored by the committee, shortlisted,
  // then decided.
  void Sequence() {
    if (!ctx_.On(RuleId::kSelectionSequence)) return;
    if (sel_.shortlist_position == 0) {
      if (sel_.kind == schema::SelectionKind::OPEN_JPT && date_ >= kUu5_2014) {
        Finding f = Make(RuleId::kSelectionSequence);
        f.explanation = "The decision was recorded with no shortlist on record: an open JPT "
                        "selection's committee names three candidates before the official "
                        "picks one (UU 5/2014 Art. 108-120).";
        v_->findings.push_back(std::move(f));
      } else {
        v_->missing.push_back("no shortlist on record when the decision was recorded");
      }
    } else if (date_ < sel_.shortlist_effective) {
      Finding f = Make(RuleId::kSelectionSequence);
      f.explanation = "The decision is effective " + domain::FormatDate(date_) +
                      ", before the shortlist was submitted on " +
                      domain::FormatDate(sel_.shortlist_effective) +
                      ": it cannot be a pick among the committee's three.";
      f.evidence.push_back(shortlist_);
      v_->findings.push_back(std::move(f));
    }
    if (sel_.Registration(appointee_) == nullptr) {
      Finding f = Make(RuleId::kSelectionSequence);
      f.explanation = "The appointee " + appointee_ +
                      " never registered as a candidate (no candidateRegistered before the "
                      "decision).";
      v_->findings.push_back(std::move(f));
    }
    Finding outside = Make(RuleId::kSelectionSequence);
    std::vector<std::string> why;
    for (const auto& s : sel_.scorings) {
      const std::string& member = sel_.people[s.member];
      const std::string& candidate = sel_.people[s.candidate];
      const SelectionState::Act* r = sel_.Recusal(s.member, UINT32_MAX);
      if (!s.by_member) {
        why.push_back(member + " scored " + candidate + " (position " +
                      std::to_string(s.position) + ") without being on the committee " +
                      (s.committee == 0 ? std::string("(none appointed yet)")
                                        : "appointed at position " + std::to_string(s.committee)));
      } else if (r != nullptr && r->position < s.position) {
        why.push_back(member + " scored " + candidate + " (position " +
                      std::to_string(s.position) +
                      ") after recusing from the whole selection (position " +
                      std::to_string(r->position) + ")");
        outside.evidence.push_back({r->position, "recusal of " + member + " from the selection"});
      } else {
        continue;
      }
      outside.evidence.push_back({s.position, "score given by " + member + " to " + candidate});
    }
    if (!why.empty()) {
      outside.explanation = "Scores from someone not sitting on the committee when scoring: ";
      for (size_t i = 0; i < why.size(); ++i) outside.explanation += (i > 0 ? "; " : "") + why[i];
      outside.explanation += ".";
      if (sel_.committee_position != 0) outside.evidence.insert(outside.evidence.begin(), committee_);
      v_->findings.push_back(std::move(outside));
    }
    Check(RuleId::kSelectionSequence,
          sel_.shortlist_position != 0 ? CheckOutcome::kPass : CheckOutcome::kNotJudged,
          sel_.shortlist_position != 0
              ? "registered, scored by members on the committee, shortlisted on " +
                    domain::FormatDate(sel_.shortlist_effective) + ", then decided"
              : "no shortlist on record when the decision was recorded");
  }

  // The appointee among the three, and not preferred by seniority.
  Status Shortlist() {
    if (sel_.shortlist_position == 0) {
      for (RuleId r : {RuleId::kAppointeeNotShortlisted, RuleId::kSeniorityOverMerit}) {
        Check(r, CheckOutcome::kNotJudged, "no shortlist on record");
      }
      return Status::Ok();
    }
    const auto at = std::find(sel_.shortlist.begin(), sel_.shortlist.end(), appointee_);
    if (at == sel_.shortlist.end()) {
      if (ctx_.On(RuleId::kAppointeeNotShortlisted)) {
        Finding f = Make(RuleId::kAppointeeNotShortlisted);
        f.explanation = "The appointee " + appointee_ +
                        " is not on the shortlist the committee submitted (" + ranked_ +
                        "); the official picks one of the committee's candidates.";
        f.evidence.push_back(shortlist_);
        v_->findings.push_back(std::move(f));
      }
      Check(RuleId::kSeniorityOverMerit, CheckOutcome::kNotApplicable,
            "the appointee is not on the shortlist");
      return Status::Ok();
    }
    const size_t mine = static_cast<size_t>(at - sel_.shortlist.begin());
    Check(RuleId::kAppointeeNotShortlisted, CheckOutcome::kPass,
          "the appointee is number " + std::to_string(mine + 1) + " on the shortlist (" +
              ranked_ + ")");
    if (!ctx_.On(RuleId::kSeniorityOverMerit)) return Status::Ok();
    const auto means = MeanScores(sel_);
    auto mean = [&](const std::string& nip) -> const double* {
      for (uint32_t i = 0; i < sel_.people.size(); ++i) {
        if (sel_.people[i] == nip) {
          auto it = means.find(i);
          return it != means.end() ? &it->second : nullptr;
        }
      }
      return nullptr;
    };
    const double* a_score = mean(appointee_);
    Finding f = Make(RuleId::kSeniorityOverMerit);
    std::vector<std::string> over;
    for (size_t k = 0; k < sel_.shortlist.size(); ++k) {
      const std::string& other = sel_.shortlist[k];
      if (k == mine) continue;
      const double* o_score = mean(other);
      const bool scored = a_score != nullptr && o_score != nullptr;
      if (scored ? !(*o_score > *a_score) : k > mine) continue;
      auto a = people_.Get(appointee_);
      if (!a.ok()) return a.status();
      auto o = people_.Get(other);
      if (!o.ok()) return o.status();
      if (!(*a)->exists || !(*o)->exists) {
        v_->missing.push_back("no recruitment record of " +
                              ((*a)->exists ? other : appointee_) +
                              " to compare service (seniority_over_merit)");
        continue;
      }
      const bool less_service = (*o)->recruited > (*a)->recruited;
      const bool lower_rank = LowerRank((*o)->rank, (*a)->rank);
      if (!less_service && !lower_rank) continue;
      std::string why = other + " (" +
                        (scored ? "committee score " + Score2(*o_score) + " against " +
                                      Score2(*a_score)
                                : "ranked " + std::to_string(k + 1) + " against " +
                                      std::to_string(mine + 1) + ", no scores on record") +
                        ")";
      if (less_service) {
        why += ", in service since " + domain::FormatDate((*o)->recruited) + " against " +
               domain::FormatDate((*a)->recruited);
        f.evidence.push_back({(*o)->recruited_position,
                              other + " in service since " + domain::FormatDate((*o)->recruited)});
      }
      if (lower_rank) {
        why += std::string(less_service ? " and" : ",") + " in rank " + RankText((*o)->rank) +
               " against " + RankText((*a)->rank);
        f.evidence.push_back({(*o)->rank_position, other + " in rank " + RankText((*o)->rank)});
      }
      over.push_back(why);
    }
    if (over.empty()) {
      Check(RuleId::kSeniorityOverMerit, CheckOutcome::kPass,
            "no shortlisted candidate who out-scored the appointee has less service or a lower "
            "rank on record");
      return Status::Ok();
    }
    auto a = people_.Get(appointee_);
    if (!a.ok()) return a.status();
    f.evidence.insert(f.evidence.begin(), shortlist_);
    f.evidence.push_back({(*a)->recruited_position,
                          "appointee in service since " + domain::FormatDate((*a)->recruited)});
    if ((*a)->rank_position != 0) {
      f.evidence.push_back({(*a)->rank_position, "appointee in rank " + RankText((*a)->rank)});
    }
    f.explanation = "The appointee " + appointee_ +
                    " was preferred over a better-scored, junior shortlisted candidate: ";
    for (size_t i = 0; i < over.size(); ++i) f.explanation += (i > 0 ? "; " : "") + over[i];
    f.explanation += ". The pick is among the three, but merit follows the committee's "
                     "scores, not seniority.";
    v_->findings.push_back(std::move(f));
    return Status::Ok();
  }

  // The deciding official and the appointee.
  Status Official() {
    auto k = people_.Related(appointee_, official_, decision_.position);
    if (!k.ok()) return k.status();
    if (!*k) {
      Check(RuleId::kPpkRelatedToAppointee, CheckOutcome::kPass,
            "no relation declared before the decision links the deciding official " +
                (official_.empty() ? std::string("(not named)") : official_) +
                " and the appointee");
      return Status::Ok();
    }
    const std::string text = (*k)->Text();
    for (const Tie& t : (*k)->chain) v_->evidence.push_back({t.fact.key.position, text});
    if (!ctx_.On(RuleId::kPpkRelatedToAppointee)) return Status::Ok();
    Finding f = Make(RuleId::kPpkRelatedToAppointee);
    f.explanation = "The deciding official " + official_ + " and the appointee " + appointee_ +
                    " are related, as declared before the decision: " + text +
                    ". The official should not have decided on a relative.";
    for (const Tie& t : (*k)->chain) f.evidence.push_back({t.fact.key.position, text});
    v_->findings.push_back(std::move(f));
    return Status::Ok();
  }

  // Members scoring relatives: a recusal excuses only a member who then
  // does not score.
  Status Members() {
    std::vector<std::string> conflicts;
    Finding conflict = Make(RuleId::kRelatedCommitteeMember);
    std::vector<std::pair<uint32_t, uint32_t>> seen;
    for (const auto& s : sel_.scorings) {
      if (std::find(seen.begin(), seen.end(), std::pair(s.member, s.candidate)) != seen.end()) {
        continue;
      }
      const std::string& member = sel_.people[s.member];
      const std::string& candidate = sel_.people[s.candidate];
      auto k = people_.Related(member, candidate, s.position);
      if (!k.ok()) return k.status();
      if (!*k) continue;
      seen.emplace_back(s.member, s.candidate);
      const std::string text = (*k)->Text();
      std::string line = "member " + NameOf(sel_, member) + " scored candidate " + candidate +
                         " (position " + std::to_string(s.position) + ") though " + text;
      if (const SelectionState::Act* r = sel_.Recusal(s.member, s.candidate)) {
        line += std::string("; the member had recused ") +
                (r->candidate == UINT32_MAX ? "from the whole selection" : "from this candidate") +
                (r->position < s.position ? " before (position " : " only after (position ") +
                std::to_string(r->position) + ") and scored anyway: a recusal excuses only a "
                "member who does not score";
        conflict.evidence.push_back({r->position, "recusal of " + member});
      }
      conflicts.push_back(line);
      for (const Tie& t : (*k)->chain) conflict.evidence.push_back({t.fact.key.position, text});
      conflict.evidence.push_back({s.position, "score given by " + member + " to " + candidate});
    }
    if (conflicts.empty()) {
      Check(RuleId::kRelatedCommitteeMember, CheckOutcome::kPass,
            "no member scored a candidate related to them by the relations declared before");
      return Status::Ok();
    }
    v_->evidence.insert(v_->evidence.end(), conflict.evidence.begin(), conflict.evidence.end());
    if (!ctx_.On(RuleId::kRelatedCommitteeMember)) return Status::Ok();
    conflict.explanation = "A committee member related to a candidate scored them: ";
    for (size_t i = 0; i < conflicts.size(); ++i) {
      conflict.explanation += (i > 0 ? "; " : "") + conflicts[i];
    }
    conflict.explanation += ".";
    if (sel_.committee_position != 0) conflict.evidence.insert(conflict.evidence.begin(), committee_);
    v_->findings.push_back(std::move(conflict));
    return Status::Ok();
  }

  // The make-up of an open JPT committee.
  void Composition() {
    const CommitteeRule* rule = ctx_.rules.CommitteeRuleOn(date_);
    if (!ctx_.On(RuleId::kCommitteeComposition) ||
        sel_.kind != schema::SelectionKind::OPEN_JPT || rule == nullptr) {
      Check(RuleId::kCommitteeComposition, CheckOutcome::kNotApplicable,
            rule == nullptr ? "no committee rule in force on the decision's date"
                            : "not an open JPT selection");
      return;
    }
    const int n = static_cast<int>(sel_.members.size());
    std::vector<std::string> why;
    if (n < rule->min_members || n > rule->max_members) {
      why.push_back(std::to_string(n) + " members, not " + std::to_string(rule->min_members) +
                    " to " + std::to_string(rule->max_members));
    }
    if (rule->odd && n % 2 == 0 && n > 0) {
      why.push_back(std::to_string(n) + " members, an even number");
    }
    if (static_cast<double>(internal_) > rule->max_internal_share * n) {
      why.push_back(std::to_string(internal_) + " internal of " + std::to_string(n) +
                    ", more than " +
                    std::to_string(static_cast<int>(rule->max_internal_share * 100 + 0.5)) + "%");
    }
    if (why.empty()) {
      Check(RuleId::kCommitteeComposition, CheckOutcome::kPass,
            std::to_string(n) + " members, " + std::to_string(internal_) +
                " internal: the make-up the rule in force requires");
      return;
    }
    Finding f = Make(RuleId::kCommitteeComposition);
    f.explanation = "The open selection's committee has ";
    for (size_t i = 0; i < why.size(); ++i) f.explanation += (i > 0 ? "; " : "") + why[i];
    f.explanation += sel_.committee_position == 0 ? " (no committee on record)." : ".";
    if (sel_.committee_position != 0) f.evidence.push_back(committee_);
    v_->findings.push_back(std::move(f));
  }

  // Internal members of an open JPT committee hold a post at least as high
  // as the one being filled (post_level.h orders the levels).
  void Levels() {
    if (!ctx_.On(RuleId::kCommitteeMemberLevel) ||
        sel_.kind != schema::SelectionKind::OPEN_JPT ||
        ctx_.rules.CommitteeRuleOn(date_) == nullptr || sel_.committee_position == 0) {
      Check(RuleId::kCommitteeMemberLevel, CheckOutcome::kNotApplicable,
            "not an open JPT selection with a committee on record under UU 5/2014");
      return;
    }
    const int post = PostHeight(sel_.level);
    if (post == 0) {
      v_->missing.push_back("the level of the post being filled (selectionOpened.level)");
      return;
    }
    bool unknown_level = false;
    for (const auto& m : sel_.members) {
      if (!m.internal) continue;
      if (m.level == schema::JabatanLevel::UNSPECIFIED) {
        v_->missing.push_back("the post held by internal committee member " + NameOf(sel_, m.id) +
                              " (committeeAppointed.members[].level)");
        unknown_level = true;
        continue;
      }
      if (PostHeight(m.level) >= post) continue;
      Finding f = Make(RuleId::kCommitteeMemberLevel);
      const std::string held = projection::EnumName(m.level);
      const bool vowel = !held.empty() && std::string_view("aeiou").find(held[0]) != std::string_view::npos;
      f.explanation = "Internal committee member " + NameOf(sel_, m.id) + " holds " +
                      (vowel ? "an " : "a ") + held + " post, below the " +
                      projection::EnumName(sel_.level) +
                      " post being filled; internal members hold a post at least as high.";
      f.evidence.push_back(committee_);
      if (sel_.opened_position != 0) {
        f.evidence.push_back({sel_.opened_position,
                              "post being filled: " + projection::EnumName(sel_.level)});
      }
      v_->findings.push_back(std::move(f));
    }
    Check(RuleId::kCommitteeMemberLevel,
          unknown_level ? CheckOutcome::kNotJudged : CheckOutcome::kPass,
          unknown_level ? "the post of an internal member is not on record (see missing)"
                        : "every internal member holds a post at least as high as the " +
                              projection::EnumName(sel_.level) + " post being filled");
  }

  const JudgeContext& ctx_;
  const SelectionState& sel_;
  const projection::FoldInput& decision_;
  KinshipGraph people_;
  DecisionVerdict* v_;
  uint32_t date_ = 0;
  std::string appointee_, official_, ranked_;
  size_t internal_ = 0;
  Evidence committee_, shortlist_;
};

}  // namespace

Status JudgeSelection(const JudgeContext& ctx, const SelectionState& sel,
                      const projection::FoldInput& decision, const PersonLookup& lookup,
                      DecisionVerdict* v) {
  return SelectionJudge(ctx, sel, decision, lookup, v).Run();
}

}  // namespace jejak::audit
