// Replay: dispatch of the log's events to the employee, selection and
// agency states, the judges and the evidence checks.
#include "audit/replay.h"

#include <algorithm>

#include "audit/event_ref.h"
#include "jejak/domain/date.h"
#include "jejak/projection/profile_view.h"
#include "projection/log_read_ahead.h"

namespace jejak::audit {

namespace {

using projection::FoldInput;
using schema::Payload;

std::string Str(capnp::Text::Reader t) { return std::string(t.cStr(), t.size()); }

bool IsAmendment(Payload::Which w) {
  return w == Payload::CORRECTED || w == Payload::RETRACTED;
}

bool IsEmployeeDecision(Payload::Which w) {
  return w == Payload::RANK_PROMOTED || w == Payload::POSITION_PROMOTED;
}

// The employee events Replay::OnEmployee handles without reading the
// employee's state, before or after folding them: they may wait beside a
// parked state (EmployeeBook::FoldLater). An event that needs the state
// (a decision, a rating, an assessment, a placement, an amendment) is not
// listed.
bool ReadsNoState(Payload::Which w) {
  switch (w) {
    case Payload::TRAINING_COMPLETED:
    case Payload::MENTORING_RECORDED:
    case Payload::CREDIT_POINTS_AWARDED:
    case Payload::EXAM_PASSED:
    case Payload::CIVIL_SERVANT_CONFIRMED:
    case Payload::RELATIONSHIP_DECLARED:
    case Payload::SANCTION_IMPOSED:
    case Payload::SANCTION_LIFTED:
      return true;
    default:
      return false;
  }
}

// What a judgement of a decision depends on in its own payload: equal keys
// give equal verdicts.
std::string DecisionKey(const FoldInput& in) {
  std::string k = std::to_string(in.effective) + "|";
  const Payload::Reader p = in.payload;
  switch (p.which()) {
    case Payload::RANK_PROMOTED: {
      auto r = p.getRankPromoted();
      auto rank = [](schema::Rank::Reader x) {
        return x.isGolongan()    ? "g" + std::to_string(static_cast<int>(x.getGolongan()))
               : x.isPppkGrade() ? "p" + std::to_string(x.getPppkGrade())
                                 : std::string("-");
      };
      k += std::to_string(static_cast<int>(r.getKind())) + "|" + rank(r.getFrom()) + "|" +
           rank(r.getTo());
      break;
    }
    case Payload::POSITION_PROMOTED: {
      auto r = p.getPositionPromoted();
      k += Str(r.getSelectionId()) + "|" + Str(r.getPositionId()) + "|" + Str(r.getAgency()) +
           "|" + std::to_string(static_cast<int>(r.getLevel()));
      break;
    }
    case Payload::SELECTION_DECIDED: {
      auto r = p.getSelectionDecided();
      k += Str(r.getAppointeeNip()) + "|" + Str(r.getDecidingOfficialNip());
      break;
    }
    case Payload::PERFORMANCE_RATED: {
      auto r = p.getPerformanceRated();
      k += Str(r.getEvaluatorNip()) + "|" + std::to_string(r.getYear()) + "|" +
           std::to_string(static_cast<int>(r.getPredikat()));
      break;
    }
    default:
      break;
  }
  return k;
}

// The effective events of `kind`s, by position.
std::map<uint64_t, FoldInput> ByPosition(const std::vector<FoldInput>& effective,
                                         std::initializer_list<Payload::Which> kinds) {
  std::map<uint64_t, FoldInput> out;
  for (const auto& in : effective) {
    if (std::find(kinds.begin(), kinds.end(), in.payload.which()) != kinds.end()) {
      out.emplace(in.position, in);
    }
  }
  return out;
}

std::string AmendmentNote(const store::RecordedEvent& rec) {
  const auto p = rec.event().getPayload();
  const std::string at = " at position " + std::to_string(rec.position());
  if (p.isRetracted()) {
    return "retracted" + at + " (" + Str(p.getRetracted().getReason()) + "; " +
           Str(p.getRetracted().getAuthority()) + "): not judged";
  }
  return "corrected" + at + " (" + Str(p.getCorrected().getReason()) + "; " +
         Str(p.getCorrected().getAuthority()) + "): judged as corrected, on the facts known "
         "when the decision was first recorded";
}

// The NIP a relationshipDeclared (or a correction to one) names; "" if none.
std::string NamedRelative(Payload::Reader p) {
  if (p.isCorrected() && p.getCorrected().hasReplacement()) p = p.getCorrected().getReplacement();
  return p.isRelationshipDeclared() ? Str(p.getRelationshipDeclared().getOtherNip()) : "";
}

}  // namespace

Replay::Replay(store::EventStore& store, const AuditOptions& options)
    : store_(store),
      options_(options),
      ctx_{options.rules, {}, options.explain},
      book_(store, options.max_cached_employees, options.max_parked_state_bytes) {
  for (int r = 0; r < kRuleCount; ++r) {
    const auto id = static_cast<RuleId>(r);
    ctx_.enabled[static_cast<size_t>(r)] =
        options.only.empty() ||
        std::find(options.only.begin(), options.only.end(), id) != options.only.end();
  }
}

Status Replay::Run(uint64_t head) {
  // The log is read and its records framed on a helper thread, a few
  // chunks ahead of the judging (as the projector's rebuild reads it).
  projection::LogReadAhead log(store_, 1, head, /*threaded=*/true);
  while (const store::RecordedEvent* next = log.Next()) {
    const store::RecordedEvent& rec = *next;
    try {
      Status s = check_.Add(rec);  // integrity first: nothing unchecked is judged
      if (s.ok()) s = OnEvent(rec);
      if (!s.ok()) return s.WithContext("audit at position " + std::to_string(rec.position()));
    } catch (const kj::Exception& e) {
      return Status::Corruption("audit at position " + std::to_string(rec.position()) + ": " +
                                e.getDescription().cStr());
    }
    if ((++events_read_ & 0xffff) == 0 && options_.progress) options_.progress(events_read_, head);
  }
  if (options_.progress) options_.progress(events_read_, head);
  return log.status();
}

Status Replay::OnEvent(const store::RecordedEvent& rec) {
  position_ = rec.position();
  book_.Advance(position_);
  const std::string stream = rec.event().getStream().cStr();
  if (stream.starts_with("emp/")) return OnEmployee(rec, stream.substr(4));
  if (stream.starts_with("sel/")) return OnSelection(rec, stream.substr(4));
  if (stream.starts_with("org/")) return OnAgency(rec, stream.substr(4));
  return Status::Ok();
}

// ------------------------------------------------------------- employees

Status Replay::OnEmployee(const store::RecordedEvent& rec, const std::string& nip) {
  const FoldInput in = projection::FoldInputOf(rec.event());
  const Payload::Which w = in.payload.which();
  if (const std::string named = NamedRelative(rec.event().getPayload()); !named.empty()) {
    named_by_[named].emplace_back(nip, position_);
  }
  // A rating or an assessment reads the state's sketch only: a parked one
  // is not unpacked for it.
  const bool evidence = w == Payload::PERFORMANCE_RATED || w == Payload::COMPETENCY_ASSESSED;
  bool checked = false;
  if (evidence) {
    if (const StateSketch* sketch = book_.ParkedSketch(nip)) {
      CheckEvidence(rec, in, *sketch);
      checked = true;
    }
  }
  if (ReadsNoState(w) || checked) {
    auto later = book_.FoldLater(nip, rec);
    if (!later.ok()) return later.status();
    if (*later) {
      if (w == Payload::TRAINING_COMPLETED) OnTrainingCompleted(nip, in);
      return Status::Ok();
    }
  }
  auto entry = book_.Current(nip, position_);
  if (!entry.ok()) return entry.status();
  if (IsAmendment(w)) return OnEmployeeAmendment(rec, nip, *entry);
  if (IsEmployeeDecision(w) && InScope(in.effective)) {
    JEJAK_RETURN_IF_ERROR(JudgeEmployeeDecision(rec, nip, in));
  } else if (evidence && !checked) {
    SketchOf((*entry)->state, &sketch_);
    CheckEvidence(rec, in, sketch_);
  }
  EmployeeBook::Fold(**entry, in);
  AfterEmployeeFold(nip, (*entry)->state, in);
  return Status::Ok();
}

void Replay::AfterEmployeeFold(const std::string& nip, const projection::ProfileState& s,
                               const FoldInput& in) {
  switch (in.payload.which()) {
    case Payload::RECRUITED:
    case Payload::POSITION_ASSIGNED:
    case Payload::TRANSFERRED:
    case Payload::POSITION_PROMOTED:
    case Payload::SEPARATED:
      holders_.Update(nip, s, [this](const projection::Placement& p) { return MayBeJpt(p); });
      break;
    case Payload::TRAINING_COMPLETED:
      OnTrainingCompleted(nip, in);
      break;
    default:
      break;
  }
}

void Replay::OnTrainingCompleted(const std::string& nip, const FoldInput& in) {
  // A leadership training an entry finding awaited, completed within the
  // grace period after installation: the finding is lowered.
  const auto kind = in.payload.getTrainingCompleted().getKind();
  for (uint64_t d : awaited_.Completed(nip, kind, in.effective)) {
    LowerForLateTraining(FindVerdict(d), in.position, in.effective, kind);
  }
}

schema::JabatanLevel Replay::LevelOf(const projection::Placement& p) const {
  auto org = orgs_.find(p.agency);
  if (org == orgs_.end()) return schema::JabatanLevel::UNSPECIFIED;
  const projection::PositionDef* def = org->second.FindPosition(p.position_id);
  if (def == nullptr) return schema::JabatanLevel::UNSPECIFIED;
  const projection::PositionVersion* v = def->InForce(p.key.effective);
  if (v == nullptr) v = def->InForce(UINT32_MAX);  // defined after the placement
  return v != nullptr ? v->level : schema::JabatanLevel::UNSPECIFIED;
}

bool Replay::MayBeJpt(const projection::Placement& p) const {
  using L = schema::JabatanLevel;
  const L level = p.level != L::UNSPECIFIED ? p.level : LevelOf(p);
  return level == L::UNSPECIFIED || level == L::JPT_UTAMA || level == L::JPT_MADYA ||
         level == L::JPT_PRATAMA;
}

Status Replay::JudgeEmployeeDecision(const store::RecordedEvent& rec, const std::string& nip,
                                     const FoldInput& in) {
  projection::ProfileState scratch;
  auto known = book_.KnownBefore(nip, rec.position(), in.effective, &scratch);
  if (!known.ok()) return known.status();
  DecisionVerdict v;
  v.decision = RefOf(rec);
  v.decision.effective = in.effective;
  if (const std::string m = Str(rec.event().getSource().getMigration()); !m.empty()) {
    const auto [id, fresh] =
        migration_index_.try_emplace(m, static_cast<uint32_t>(migrations_.size()));
    if (fresh) migrations_.push_back(m);
    const auto key = std::make_pair(rec.position(), id->second);
    auto at = std::lower_bound(migrated_decisions_.begin(), migrated_decisions_.end(), key);
    if (at == migrated_decisions_.end() || at->first != rec.position()) {
      migrated_decisions_.insert(at, key);
    }
  }
  if (*known == nullptr) scratch = projection::FoldProfile(nip, {});
  const projection::ProfileState& s = *known != nullptr ? **known : scratch;
  if (in.payload.isRankPromoted()) {
    v.kind = DecisionKind::kRankPromoted;
    const auto* held = projection::CurrentPlacement(s);  // the post held on the TMT
    Result<std::optional<projection::PositionVersion>> post = std::optional<projection::PositionVersion>();
    if (held != nullptr && !held->position_id.empty()) {
      post = StandardAt(held->agency, held->position_id, in.effective, rec.position());
      if (!post.ok()) return post.status();
    }
    const bool migrated = rec.event().getSource().getMigration().size() > 0;
    JudgeRankPromotion(ctx_, s, *post ? &**post : nullptr, in, migrated, &v);
  } else {
    v.kind = DecisionKind::kPositionPromoted;
    auto p = in.payload.getPositionPromoted();
    auto standard = StandardAt(Str(p.getAgency()), Str(p.getPositionId()), in.effective,
                               rec.position());
    if (!standard.ok()) return standard.status();
    AppointmentFacts facts;
    facts.previous_holder =
        holders_.PreviousHolder(Str(p.getAgency()), Str(p.getPositionId()), nip, in.effective);
    facts.level_of = [this](const projection::Placement& pl) { return LevelOf(pl); };
    // Every leadership training known then, whatever its date (a training
    // after the TMT may lower the entry finding).
    projection::ProfileState all_scratch;
    auto all = book_.KnownBefore(nip, rec.position(), UINT32_MAX, &all_scratch);
    if (!all.ok()) return all.status();
    if (*all != nullptr) facts.trainings = (*all)->leadership;
    JudgeAppointment(ctx_, s, *standard ? &**standard : nullptr, facts, in, &v);
    if (facts.awaited != schema::TrainingKind::UNSPECIFIED) {
      awaited_.Await(nip, rec.position(), facts.awaited, in.effective, facts.awaited_until);
    } else {
      awaited_.Drop(nip, rec.position());
    }
  }
  Store(std::move(v));
  return Status::Ok();
}

const std::string& Replay::MigrationOf(uint64_t position) const {
  static const std::string kLive;
  auto at = std::lower_bound(migrated_decisions_.begin(), migrated_decisions_.end(),
                             std::make_pair(position, uint32_t{0}));
  return at != migrated_decisions_.end() && at->first == position ? migrations_[at->second]
                                                                  : kLive;
}

void Replay::CheckEvidence(const store::RecordedEvent& rec, const FoldInput& in,
                           const StateSketch& s) {
  const std::string migration = Str(rec.event().getSource().getMigration());
  if (in.payload.isPerformanceRated()) {
    AddRating(in, s);
    CheckBackdated(s, in,
                   "rating for " + std::to_string(in.payload.getPerformanceRated().getYear()),
                   migration);
  } else {
    CheckBackdated(s, in, "competency assessment", migration);
  }
}

void Replay::CheckBackdated(const StateSketch& s, const FoldInput& in, const std::string& kind,
                            const std::string& migration) {
  auto flag = [&](const projection::FactKey& key) {
    if (key.effective <= in.effective) return;
    // A migration's records are known together; a live decision whose
    // evidence arrives later (even by a migration) is still backdated.
    if (!migration.empty() && MigrationOf(key.position) == migration) return;
    if (DecisionVerdict* v = FindVerdict(key.position)) {
      AddBackdatedEvidence(ctx_, v, in.position, in.effective, kind);
    }
  };
  for (const projection::FactKey& key : s.decisions) flag(key);
}

void Replay::AddRating(const FoldInput& in, const StateSketch& ratee) {
  auto r = in.payload.getPerformanceRated();
  // The ratee's unit on record on the rated year's 31 December (else the
  // first placement on record).
  const uint32_t year_end = static_cast<uint32_t>(r.getYear()) * 10000 + 1231;
  const StateSketch::Unit* at = nullptr;
  for (const auto& u : ratee.units) {
    if (at == nullptr || u.effective <= year_end) at = &u;
  }
  groups_.Add(Str(r.getEvaluatorNip()), r.getYear(), in.position, r.getPredikat(),
              at != nullptr ? *at->agency : std::string(), at != nullptr ? *at->unit : std::string());
}

void Replay::RemoveRating(const FoldInput& in) {
  auto r = in.payload.getPerformanceRated();
  groups_.Remove(Str(r.getEvaluatorNip()), r.getYear(), in.position);
}

Result<bool> Replay::AmendTrainingInPlace(const store::RecordedEvent& rec, const std::string& nip,
                                          EmployeeBook::Entry* entry) {
  const Payload::Reader p = rec.event().getPayload();
  const uint64_t target = p.isRetracted() ? p.getRetracted().getTarget()
                                          : p.getCorrected().getTarget();
  // The first amendment of an event: its effective form is the event as
  // recorded (EffectiveEvents' rules otherwise: refold).
  auto& targets = amended_targets_[nip];
  const bool first = std::find(targets.begin(), targets.end(), target) == targets.end();
  targets.push_back(target);
  if (!first || target == 0 || target >= position_) return false;
  if (p.isCorrected() && (!p.getCorrected().hasReplacement() ||
                          p.getCorrected().getReplacement().isCorrected())) {
    return false;
  }
  auto original = store_.ReadAt(target);
  if (!original.ok()) return original.status().WithContext("reading the target of an amendment");
  if (original->event().getStream() != rec.event().getStream()) return false;
  const FoldInput before = projection::FoldInputOf(original->event());
  if (!projection::FoldsTrainingHoursOnly(before)) return false;
  FoldInput after;
  if (p.isCorrected()) {
    const uint32_t eff = rec.event().getEffectiveDate().getYyyymmdd();
    after = FoldInput{target, eff != 0 ? eff : before.effective,
                      p.getCorrected().getReplacement()};
  }
  if (!EmployeeBook::AmendTrainingInPlace(*entry, before, p.isCorrected() ? &after : nullptr)) {
    return false;
  }
  holders_.Update(nip, entry->state,
                  [this](const projection::Placement& pl) { return MayBeJpt(pl); });
  return true;
}

Status Replay::OnEmployeeAmendment(const store::RecordedEvent& rec, const std::string& nip,
                                   EmployeeBook::Entry* entry) {
  auto in_place = AmendTrainingInPlace(rec, nip, entry);
  if (!in_place.ok()) return in_place.status();
  if (*in_place) return Status::Ok();
  StreamCut cut;
  JEJAK_RETURN_IF_ERROR(ReadStreamCut(store_, "emp/" + nip, {position_ - 1, UINT32_MAX}, &cut));
  std::vector<schema::Event::Reader> readers;
  for (const auto& e : cut.hold) readers.push_back(e.event());
  const auto after = projection::EffectiveEvents(readers, {position_, UINT32_MAX});

  // Ratings moved between evaluator groups.
  const auto old_ratings = ByPosition(cut.effective, {Payload::PERFORMANCE_RATED});
  const auto new_ratings = ByPosition(after, {Payload::PERFORMANCE_RATED});
  for (const auto& [pos, in] : old_ratings) {
    auto n = new_ratings.find(pos);
    if (n == new_ratings.end() || DecisionKey(n->second) != DecisionKey(in)) RemoveRating(in);
  }
  SketchOf(entry->state, &sketch_);
  for (const auto& [pos, in] : new_ratings) {
    auto o = old_ratings.find(pos);
    if (o == old_ratings.end() || DecisionKey(o->second) != DecisionKey(in)) AddRating(in, sketch_);
  }

  // Decisions retracted, restored or corrected.
  JEJAK_RETURN_IF_ERROR(AmendDecisions(
      rec, cut.effective, after, {Payload::RANK_PROMOTED, Payload::POSITION_PROMOTED},
      [&](const store::RecordedEvent& original, const FoldInput& in) {
        return JudgeEmployeeDecision(original, nip, in);
      }));

  entry->state = projection::FoldProfile(nip, {});
  entry->max_effective = 0;
  for (const auto& in : after) EmployeeBook::Fold(*entry, in);
  holders_.Update(nip, entry->state,
                  [this](const projection::Placement& p) { return MayBeJpt(p); });
  return Status::Ok();
}

Status Replay::AmendDecisions(const store::RecordedEvent& amendment,
                              const std::vector<FoldInput>& before,
                              const std::vector<FoldInput>& after,
                              std::initializer_list<Payload::Which> kinds, const Rejudge& rejudge) {
  const auto old_decisions = ByPosition(before, kinds);
  const auto new_decisions = ByPosition(after, kinds);
  for (const auto& [pos, in] : old_decisions) {
    auto n = new_decisions.find(pos);
    if (n == new_decisions.end()) {
      JEJAK_RETURN_IF_ERROR(Amended(amendment, pos, nullptr, rejudge));
    } else if (DecisionKey(n->second) != DecisionKey(in)) {
      JEJAK_RETURN_IF_ERROR(Amended(amendment, pos, &n->second, rejudge));
    }
  }
  for (const auto& [pos, in] : new_decisions) {
    if (!old_decisions.count(pos)) JEJAK_RETURN_IF_ERROR(Amended(amendment, pos, &in, rejudge));
  }
  return Status::Ok();
}

Status Replay::Amended(const store::RecordedEvent& amendment, uint64_t decision_position,
                       const FoldInput* now, const Rejudge& rejudge) {
  DecisionVerdict* v = FindVerdict(decision_position);
  if (now == nullptr) {
    if (v == nullptr) return Status::Ok();  // out of scope
    v->retracted = true;
    v->findings.clear();
    v->amended_by = amendment.position();
    v->note = AmendmentNote(amendment);
    return Status::Ok();
  }
  if (!InScope(now->effective)) {
    if (v != nullptr) {
      // Corrected out of the audit's date range: drop it.
      verdicts_.erase(verdicts_.begin() + (v - verdicts_.data()));
    }
    return Status::Ok();
  }
  auto original = store_.ReadAt(decision_position);
  if (!original.ok()) return original.status();
  std::vector<Finding> backdated;
  if (v != nullptr) {
    for (auto& f : v->findings) {
      if (f.rule == RuleId::kBackdatedEvidence) backdated.push_back(std::move(f));
    }
  }
  JEJAK_RETURN_IF_ERROR(rejudge(*original, *now));
  v = FindVerdict(decision_position);
  if (v == nullptr) return Status::Ok();
  v->findings.insert(v->findings.end(), backdated.begin(), backdated.end());
  v->amended_by = amendment.position();
  const std::string note =
      amendment.event().getPayload().isRetracted()
          ? "restored at position " + std::to_string(amendment.position()) +
                " (a retraction was retracted): judged"
          : AmendmentNote(amendment);
  v->note = note + (v->note.empty() ? "" : "; " + v->note);
  return Status::Ok();
}

// ------------------------------------------------------------ selections

Status Replay::OnSelection(const store::RecordedEvent& rec, const std::string& id) {
  auto [it, fresh] = sels_.try_emplace(id);
  if (fresh) it->second.id = id;
  const FoldInput in = projection::FoldInputOf(rec.event());
  if (IsAmendment(in.payload.which())) return OnSelectionAmendment(rec, id);
  if (in.payload.isSelectionDecided() && InScope(in.effective)) {
    JEJAK_RETURN_IF_ERROR(JudgeSelectionDecision(rec, it->second, in));
  }
  ApplySelection(it->second, in);
  return Status::Ok();
}

Status Replay::JudgeSelectionDecision(const store::RecordedEvent& rec, const SelectionState& sel,
                                      const FoldInput& in) {
  DecisionVerdict v;
  v.kind = DecisionKind::kSelectionDecided;
  v.decision = RefOf(rec);
  v.decision.effective = in.effective;
  JEJAK_RETURN_IF_ERROR(JudgeSelection(ctx_, sel, in, PeopleBefore(rec.position()), &v));
  Store(std::move(v));
  return Status::Ok();
}

PersonLookup Replay::PeopleBefore(uint64_t position) {
  return [this, position](const std::string& nip) -> Result<Person> {
    Person out;
    if (auto it = named_by_.find(nip); it != named_by_.end()) {
      for (const auto& [declarer, at] : it->second) {
        if (at < position) out.declared_by.push_back(declarer);
      }
    }
    projection::ProfileState scratch;
    auto s = book_.KnownBefore(nip, position, UINT32_MAX, &scratch);
    if (!s.ok()) return s.status();
    if (*s == nullptr) return out;
    const projection::ProfileState& st = **s;
    out.exists = true;
    out.name = st.name;
    out.recruited = st.recruited.effective;
    out.recruited_position = st.recruited.position;
    out.relations = st.relations;
    if (const auto* rank = projection::CurrentRank(st)) {
      out.rank = rank->rank;
      out.rank_position = rank->key.position;
    }
    return out;
  };
}

Status Replay::OnSelectionAmendment(const store::RecordedEvent& rec, const std::string& id) {
  StreamCut cut;
  JEJAK_RETURN_IF_ERROR(ReadStreamCut(store_, "sel/" + id, {position_ - 1, UINT32_MAX}, &cut));
  std::vector<schema::Event::Reader> readers;
  for (const auto& e : cut.hold) readers.push_back(e.event());
  const auto after = projection::EffectiveEvents(readers, {position_, UINT32_MAX});
  auto rejudge = [&](const store::RecordedEvent& original, const FoldInput& in) {
    const auto before = projection::EffectiveEvents(readers, {original.position() - 1, UINT32_MAX});
    const SelectionState then = FoldSelection(id, before);
    return JudgeSelectionDecision(original, then, in);
  };
  JEJAK_RETURN_IF_ERROR(
      AmendDecisions(rec, cut.effective, after, {Payload::SELECTION_DECIDED}, rejudge));
  sels_[id] = FoldSelection(id, after);
  return Status::Ok();
}

// ---------------------------------------------------------------- agencies

Status Replay::OnAgency(const store::RecordedEvent& rec, const std::string& agency) {
  auto [it, fresh] = orgs_.try_emplace(agency);
  if (fresh) it->second = projection::FoldOrg(agency, {});
  const FoldInput in = projection::FoldInputOf(rec.event());
  if (!IsAmendment(in.payload.which())) {
    projection::ApplyOrg(it->second, in);
    return Status::Ok();
  }
  StreamCut cut;
  JEJAK_RETURN_IF_ERROR(ReadStreamCut(store_, "org/" + agency, {position_, UINT32_MAX}, &cut));
  it->second = projection::FoldOrg(agency, cut.effective);
  return Status::Ok();
}

Result<std::optional<projection::PositionVersion>> Replay::StandardAt(
    const std::string& agency, const std::string& position_id, uint32_t date,
    uint64_t position) {
  using Out = std::optional<projection::PositionVersion>;
  const projection::OrgState* org = nullptr;
  projection::OrgState then;
  if (position == position_) {
    auto it = orgs_.find(agency);
    if (it == orgs_.end()) return Out();
    org = &it->second;
  } else {
    StreamCut cut;
    Status s = ReadStreamCut(store_, "org/" + agency, {position - 1, UINT32_MAX}, &cut);
    if (s.IsNotFound()) return Out();
    JEJAK_RETURN_IF_ERROR(s);
    then = projection::FoldOrg(agency, cut.effective);
    org = &then;
  }
  const projection::PositionDef* def = org->FindPosition(position_id);
  if (def == nullptr) return Out();
  const projection::PositionVersion* version = def->InForce(date);
  return version != nullptr ? Out(*version) : Out();
}

// ---------------------------------------------------------------- verdicts

DecisionVerdict* Replay::FindVerdict(uint64_t position) {
  auto it = std::lower_bound(
      verdicts_.begin(), verdicts_.end(), position,
      [](const DecisionVerdict& v, uint64_t p) { return v.decision.position < p; });
  return it != verdicts_.end() && it->decision.position == position ? &*it : nullptr;
}

void Replay::Store(DecisionVerdict v) {
  if (verdicts_.empty() || verdicts_.back().decision.position < v.decision.position) {
    verdicts_.push_back(std::move(v));
    return;
  }
  auto it = std::lower_bound(
      verdicts_.begin(), verdicts_.end(), v.decision.position,
      [](const DecisionVerdict& x, uint64_t p) { return x.decision.position < p; });
  if (it != verdicts_.end() && it->decision.position == v.decision.position) {
    *it = std::move(v);
  } else {
    verdicts_.insert(it, std::move(v));
  }
}

}  // namespace jejak::audit
