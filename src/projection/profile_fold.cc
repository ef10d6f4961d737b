// ApplyProfile: one effective event into an employee's facts.
//
// Invariant: every change is a commutative "insert in canonical order" or a
// "keep the greatest key" update, so the state after a set of events does
// not depend on the order they were folded in (see fold.h).
#include <algorithm>

#include "jejak/projection/fold.h"
#include "jejak/text_view.h"

namespace jejak::projection {

namespace {

using schema::Payload;

FactKey KeyOf(const FoldInput& in) { return FactKey{in.effective, in.position}; }

// Inserts `fact` keeping `list` sorted by key.
template <typename T>
void InsertByKey(std::vector<T>& list, T fact) {
  auto it = std::upper_bound(list.begin(), list.end(), fact.key,
                             [](const FactKey& k, const T& f) { return k < f.key; });
  list.insert(it, std::move(fact));
}

RankValue RankOf(schema::Rank::Reader r) {
  RankValue v;
  if (r.isGolongan()) v.golongan = r.getGolongan();
  if (r.isPppkGrade()) v.pppk_grade = r.getPppkGrade();
  return v;
}

void AddPlacement(ProfileState& s, const FoldInput& in, PlacementKind kind,
                  std::string agency, std::string unit, std::string position_id,
                  std::string position_name, schema::JabatanLevel level,
                  std::string selection_id = {}) {
  Placement p;
  p.key = KeyOf(in);
  p.agency = std::move(agency);
  p.unit = std::move(unit);
  p.position_id = std::move(position_id);
  p.position_name = std::move(position_name);
  p.level = level;
  p.kind = kind;
  p.selection_id = std::move(selection_id);
  InsertByKey(s.placements, std::move(p));
}

void ApplyRecruited(ProfileState& s, const FoldInput& in, schema::Recruited::Reader r) {
  const FactKey key = KeyOf(in);
  // A stream has one recruited event; should a correction leave two, the
  // greatest key states the identity.
  if (s.recruited.position == 0 || s.recruited < key) {
    s.recruited = key;
    s.nip = r.getNip();
    s.nik = r.getNik();
    s.name = r.getName();
    s.birth_date = r.getBirthDate().getYyyymmdd();
    s.gender = r.getGender();
    s.education = r.getEducation();
    s.education_major = r.getEducationMajor();
    s.employment_type = r.getEmploymentType();
    s.selection_score = r.getSelectionScore();
  }
  AddPlacement(s, in, PlacementKind::kRecruited, r.getAgency(), r.getUnit(),
               r.getPositionId(), "", schema::JabatanLevel::UNSPECIFIED);
  RankFact rank;
  rank.key = key;
  rank.rank = RankOf(r.getStartingRank());
  InsertByKey(s.ranks, std::move(rank));
}

void ApplyCompetency(ProfileState& s, const FoldInput& in,
                     schema::CompetencyAssessed::Reader a) {
  const FactKey key = KeyOf(in);
  const auto levels = a.getLevels();
  // The first assessment states most of the codes a career will have: one
  // allocation of that size, not a doubling series (and no slack). Capped:
  // a damaged body can claim a list of millions of empty elements.
  if (s.competencies.empty()) s.competencies.reserve(std::min<size_t>(levels.size(), 64));
  for (auto level : levels) {
    const std::string_view code = View(level.getCode());
    auto it = std::lower_bound(
        s.competencies.begin(), s.competencies.end(), code,
        [](const CompetencyFact& f, std::string_view c) { return f.code < c; });
    if (it != s.competencies.end() && it->code == code) {
      // Updated in place: a reassessment allocates nothing.
      if (it->key < key) {
        it->key = key;
        it->kind = level.getKind();
        it->level = level.getLevel();
      }
    } else {
      s.competencies.insert(it, CompetencyFact{key, std::string(code), level.getKind(),
                                               level.getLevel()});
    }
  }
  if (s.assessment.key.position == 0 || s.assessment.key < key) {
    s.assessment.key = key;
    s.assessment.potential = a.getPotential();
    s.assessment.potential_score = a.getPotentialScore();
    s.assessment.assessor.assign(View(a.getAssessor()));
  }
}

void ApplyRating(ProfileState& s, const FoldInput& in, schema::PerformanceRated::Reader r) {
  RatingFact f{KeyOf(in),         r.getYear(),     r.getPredikat(), r.getWorkResult(),
               r.getBehaviour(), r.getDp3Score(), r.getSkpScore()};
  auto it = std::lower_bound(s.ratings.begin(), s.ratings.end(), f.year,
                             [](const RatingFact& x, uint16_t y) { return x.year < y; });
  if (it != s.ratings.end() && it->year == f.year) {
    if (it->key < f.key) *it = f;
  } else {
    s.ratings.insert(it, f);
  }
}

bool IsLeadership(schema::TrainingKind k) {
  using schema::TrainingKind;
  return k == TrainingKind::PKP || k == TrainingKind::PKA || k == TrainingKind::PKN_I_I ||
         k == TrainingKind::PKN_I;
}

// A training's hours, in the row of its TMT's year and its kind.
void AddTrainingJp(ProfileState& s, uint32_t effective, schema::TrainingKind kind, uint32_t jp) {
  const auto year = static_cast<uint16_t>(effective / 10000);
  auto it = std::lower_bound(s.training_jp.begin(), s.training_jp.end(), std::pair(year, kind),
                             [](const TrainingJp& x, const std::pair<uint16_t, schema::TrainingKind>& k) {
                               return std::pair(x.year, x.kind) < k;
                             });
  if (it == s.training_jp.end() || it->year != year || it->kind != kind) {
    it = s.training_jp.insert(it, TrainingJp{year, kind, 0, 0});
  }
  it->jp += jp;
  it->count += 1;
}

void ApplyTraining(ProfileState& s, const FoldInput& in, schema::TrainingCompleted::Reader t) {
  const auto kind = t.getKind();
  AddTrainingJp(s, in.effective, kind, t.getJp());
  if (IsLeadership(kind)) {
    InsertByKey(s.leadership, LeadershipTraining{KeyOf(in), kind, t.getName(), t.getProvider()});
  }
}

}  // namespace

bool FoldsTrainingHoursOnly(const FoldInput& in) {
  return in.payload.isTrainingCompleted() &&
         !IsLeadership(in.payload.getTrainingCompleted().getKind());
}

TrainingHours TrainingHoursOf(const FoldInput& in) {
  const auto t = in.payload.getTrainingCompleted();
  return TrainingHours{in.position, in.effective, t.getJp(), t.getKind()};
}

void ApplyTrainingHours(ProfileState& s, const TrainingHours& t) {
  // ApplyProfile's fold of a training that is not a leadership training.
  s.last_position = std::max(s.last_position, t.position);
  AddTrainingJp(s, t.effective, t.kind, t.jp);
  s.event_count += 1;
}

bool TakeBackTrainingHours(ProfileState& s, const FoldInput& in) {
  if (!FoldsTrainingHoursOnly(in) || s.event_count == 0) return false;
  const auto t = in.payload.getTrainingCompleted();
  const auto year = static_cast<uint16_t>(in.effective / 10000);
  auto it = std::find_if(s.training_jp.begin(), s.training_jp.end(), [&](const TrainingJp& x) {
    return x.year == year && x.kind == t.getKind();
  });
  if (it == s.training_jp.end() || it->count == 0) return false;
  it->jp -= t.getJp();
  if (--it->count == 0) s.training_jp.erase(it);
  s.event_count -= 1;
  return true;
}

void ApplyProfile(ProfileState& s, const FoldInput& in) {
  if (FoldsTrainingHoursOnly(in)) {
    ApplyTrainingHours(s, TrainingHoursOf(in));
    return;
  }
  s.last_position = std::max(s.last_position, in.position);
  const Payload::Reader p = in.payload;
  switch (p.which()) {
    case Payload::RECRUITED:
      ApplyRecruited(s, in, p.getRecruited());
      break;
    case Payload::CIVIL_SERVANT_CONFIRMED:
      if (s.confirmed.position == 0 || s.confirmed < KeyOf(in)) s.confirmed = KeyOf(in);
      break;
    case Payload::POSITION_ASSIGNED: {
      auto a = p.getPositionAssigned();
      AddPlacement(s, in, PlacementKind::kAssigned, a.getAgency(), a.getUnit(), a.getPositionId(),
                   a.getPositionName(), a.getLevel());
      break;
    }
    case Payload::TRANSFERRED: {
      auto t = p.getTransferred();
      AddPlacement(s, in, PlacementKind::kTransferred, t.getToAgency(), t.getToUnit(),
                   t.getPositionId(), t.getPositionName(), t.getLevel());
      break;
    }
    case Payload::RANK_PROMOTED: {
      auto r = p.getRankPromoted();
      InsertByKey(s.ranks, RankFact{KeyOf(in), RankOf(r.getTo()), r.getKind(), r.getCreditPoints()});
      break;
    }
    case Payload::POSITION_PROMOTED: {
      auto a = p.getPositionPromoted();
      AddPlacement(s, in, PlacementKind::kPromoted, a.getAgency(), a.getUnit(), a.getPositionId(),
                   a.getPositionName(), a.getLevel(), a.getSelectionId());
      break;
    }
    case Payload::COMPETENCY_ASSESSED:
      ApplyCompetency(s, in, p.getCompetencyAssessed());
      break;
    case Payload::PERFORMANCE_RATED:
      ApplyRating(s, in, p.getPerformanceRated());
      break;
    case Payload::TRAINING_COMPLETED:
      ApplyTraining(s, in, p.getTrainingCompleted());
      break;
    case Payload::MENTORING_RECORDED: {
      auto m = p.getMentoringRecorded();
      InsertByKey(s.mentoring,
                  MentoringFact{KeyOf(in), m.getMentorNip(), m.getMenteeNip(),
                                m.getPeriodStart().getYyyymmdd(), m.getPeriodEnd().getYyyymmdd(),
                                m.getTopic()});
      break;
    }
    case Payload::SANCTION_IMPOSED: {
      auto x = p.getSanctionImposed();
      InsertByKey(s.sanctions, SanctionFact{KeyOf(in), x.getLevel(), x.getKind(),
                                            x.getStart().getYyyymmdd(), x.getEnd().getYyyymmdd(),
                                            x.getReason()});
      break;
    }
    case Payload::SANCTION_LIFTED: {
      auto x = p.getSanctionLifted();
      InsertByKey(s.lifts, SanctionLift{KeyOf(in), x.getSanctionPosition(), x.getReason()});
      break;
    }
    case Payload::RELATIONSHIP_DECLARED: {
      auto x = p.getRelationshipDeclared();
      InsertByKey(s.relations,
                  RelationFact{KeyOf(in), x.getOtherNip(), x.getOtherName(), x.getRelation()});
      break;
    }
    case Payload::SEPARATED: {
      auto x = p.getSeparated();
      if (s.separation.key.position == 0 || s.separation.key < KeyOf(in)) {
        s.separation = SeparationFact{KeyOf(in), x.getReason(), x.getNote()};
      }
      break;
    }
    case Payload::EXAM_PASSED: {
      auto x = p.getExamPassed();
      InsertByKey(s.exams, ExamFact{KeyOf(in), x.getKind(), x.getCertificateNo(), x.getEducation()});
      break;
    }
    case Payload::CREDIT_POINTS_AWARDED: {
      auto x = p.getCreditPointsAwarded();
      InsertByKey(s.credit_points,
                  CreditPointsFact{KeyOf(in), x.getPoints(), x.getPeriodStart().getYyyymmdd(),
                                   x.getPeriodEnd().getYyyymmdd(), x.getPositionId()});
      break;
    }
    default:
      return;  // not an employee fact: counts for last_position only
  }
  s.event_count += 1;
}

}  // namespace jejak::projection
