// CheckEntryRequirements: DOMAIN.md's table of entry requirements, for one
// appointment. Data a requirement needs and the ledger did not hold is
// missing evidence, never a pass.
#include "audit/entry_requirements.h"

#include <algorithm>

#include "audit/judge.h"
#include "audit/post_level.h"
#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"
#include "jejak/projection/names.h"
#include "jejak/projection/profile_view.h"
#include "jejak/projection/promotion_check.h"

namespace jejak::audit {

namespace {

using schema::EducationLevel;
using schema::JabatanLevel;
using schema::TrainingKind;

std::string Date(uint32_t d) { return domain::FormatDate(d); }

// Education on one scale: SLTP Kejuruan beside SLTP, D4 beside S1.
int EducationOrder(EducationLevel e) {
  switch (e) {
    case EducationLevel::SLTP_KEJURUAN: return static_cast<int>(EducationLevel::SLTP);
    case EducationLevel::D4: return static_cast<int>(EducationLevel::S1);
    default: return static_cast<int>(e);
  }
}

std::string RequiredEducationText(EducationLevel e) {
  if (e == EducationLevel::S1 || e == EducationLevel::D4) return "S1/D4";
  return EducationText(e);
}

// PKP 1 .. PKN I 4; 0 for other kinds.
int LeadershipOrder(TrainingKind k) {
  switch (k) {
    case TrainingKind::PKP: return 1;
    case TrainingKind::PKA: return 2;
    case TrainingKind::PKN_I_I: return 3;
    case TrainingKind::PKN_I: return 4;
    default: return 0;
  }
}

std::string TrainingText(TrainingKind k) {
  switch (k) {
    case TrainingKind::PKP: return "PKP (Pelatihan Kepemimpinan Pengawas)";
    case TrainingKind::PKA: return "PKA (Pelatihan Kepemimpinan Administrator)";
    case TrainingKind::PKN_I_I: return "PKN II (Pelatihan Kepemimpinan Nasional Tingkat II)";
    case TrainingKind::PKN_I: return "PKN I (Pelatihan Kepemimpinan Nasional Tingkat I)";
    default: return projection::EnumName(k);
  }
}

std::string LevelText(JabatanLevel l) { return projection::EnumName(l); }

// The birth date in a NIP (DOMAIN.md "Identifiers"), 0 if not a date.
uint32_t BirthDateOfNip(const std::string& nip) {
  if (nip.size() < 8) return 0;
  uint32_t d = 0;
  for (size_t i = 0; i < 8; ++i) {
    if (nip[i] < '0' || nip[i] > '9') return 0;
    d = d * 10 + static_cast<uint32_t>(nip[i] - '0');
  }
  return domain::IsValidDate(d) ? d : 0;
}

// "4 years 2 months" of `days`, at 365.25 days a year.
std::string DaysText(int64_t days) {
  const int64_t months = days * 12 * 100 / 36525;
  std::string out = std::to_string(months / 12) + (months / 12 == 1 ? " year" : " years");
  if (months % 12 != 0) out += " " + std::to_string(months % 12) + " months";
  return out;
}

bool Qualifies(const EntryRule& rule, JabatanLevel l) {
  return PostHeight(l) >= rule.experience_height ||
         (rule.ahli_utama_counts && l == JabatanLevel::AHLI_UTAMA);
}

void CheckExperience(const EntryRule& rule, const projection::ProfileState& known, uint32_t tmt,
                     const AppointmentFacts& facts, EntryCheck* out) {
  std::vector<const projection::Placement*> held;
  for (const auto& p : known.placements) {
    if (p.key.effective < tmt) held.push_back(&p);
  }
  if (held.empty()) {
    out->missing.push_back("position history before " + Date(tmt) +
                           " (experience in the lower post)");
    return;
  }
  int64_t days = 0, unknown_days = 0;
  std::vector<std::string> unknown;
  for (size_t i = 0; i < held.size(); ++i) {
    const projection::Placement& p = *held[i];
    const uint32_t end = i + 1 < held.size() ? held[i + 1]->key.effective : tmt;
    const int64_t span = domain::ToDays(end) - domain::ToDays(p.key.effective);
    if (span <= 0) continue;
    JabatanLevel level = p.level;
    if (level == JabatanLevel::UNSPECIFIED && !p.position_id.empty() && facts.level_of) {
      level = facts.level_of(p);
    }
    if (level == JabatanLevel::UNSPECIFIED) {
      unknown_days += span;
      unknown.push_back((p.position_id.empty() ? std::string("no post") : p.position_id) +
                        " from " + Date(p.key.effective));
      continue;
    }
    if (Qualifies(rule, level)) {
      days += span;
      out->evidence.push_back({p.key.position, "held " + LevelText(level) + " post " +
                                                   p.position_id + " from " +
                                                   Date(p.key.effective) + " to " + Date(end)});
    }
  }
  // Years counted at 365.25 days (the spans may be several posts).
  const int64_t needed = rule.experience_years * 36525 / 100;
  if (days >= needed) return;
  const std::string lower = rule.experience_height == 1   ? "pelaksana or a higher post"
                            : rule.experience_height == 2 ? "pengawas (or Ahli Muda) or higher"
                            : rule.experience_height == 3
                                ? "administrator (or Ahli Madya) or higher"
                            : rule.ahli_utama_counts ? "JPT madya or Ahli Utama"
                                                     : "JPT pratama (or Ahli Utama) or higher";
  if (days + unknown_days >= needed) {
    out->missing.push_back("the level of post(s) held (" + [&] {
      std::string s;
      for (const auto& u : unknown) s += (s.empty() ? "" : ", ") + u;
      return s;
    }() + "): no definition on record, so the " + std::to_string(rule.experience_years) +
                           " years in " + lower + " cannot be counted");
    return;
  }
  out->unmet.push_back("experience: " + DaysText(days) + " in " + lower + " by " + Date(tmt) +
                       ", needs " + std::to_string(rule.experience_years) + " years");
}

}  // namespace

bool LeadershipCovers(TrainingKind done, TrainingKind required) {
  return LeadershipOrder(required) > 0 && LeadershipOrder(done) >= LeadershipOrder(required);
}

EntryCheck CheckEntryRequirements(const AuditRules& rules, const projection::ProfileState& known,
                                  const projection::PositionVersion* post, uint32_t tmt,
                                  const AppointmentFacts& facts) {
  EntryCheck out;
  if (post == nullptr) {
    out.applies = true;
    out.missing.push_back("the post's definition in force on " + Date(tmt) +
                          " (its level, education, rank range and training)");
    return out;
  }
  const EntryRule* rule = rules.EntryRuleOn(post->level, tmt);
  if (rule == nullptr) return out;  // no entry rule for this level then
  out.applies = true;
  out.evidence.push_back({post->key.position, "definition of the post (" + LevelText(post->level) +
                                                  "), in force from " +
                                                  Date(post->key.effective)});

  // Education: the level's minimum and the post's own.
  const EducationLevel need_edu =
      EducationOrder(post->min_education) > EducationOrder(rule->min_education)
          ? post->min_education
          : rule->min_education;
  if (need_edu != EducationLevel::UNSPECIFIED) {
    if (known.education == EducationLevel::UNSPECIFIED) {
      out.missing.push_back("the appointee's education");
    } else {
      out.evidence.push_back({known.recruited.position,
                              "education " + EducationText(known.education) + " on recruitment"});
      if (EducationOrder(known.education) < EducationOrder(need_edu)) {
        out.unmet.push_back("education " + EducationText(known.education) + ", needs at least " +
                            RequiredEducationText(need_edu));
      }
    }
  }

  // Experience in the lower post.
  if (rule->experience_years > 0) CheckExperience(*rule, known, tmt, facts, &out);

  // Maximum age on the TMT, from the NIP's birth date.
  if (rule->max_age > 0) {
    const uint32_t born = BirthDateOfNip(known.nip);
    if (born == 0) {
      out.missing.push_back("a birth date in the NIP (maximum age " +
                            std::to_string(rule->max_age) + ")");
    } else {
      const int age = domain::FullYearsBetween(born, tmt);
      if (age > rule->max_age) {
        out.unmet.push_back("age " + std::to_string(age) + " on " + Date(tmt) + " (born " +
                            Date(born) + "), at most " + std::to_string(rule->max_age));
      }
    }
  }

  // At least Baik in each of the years before the TMT's year.
  const int year = static_cast<int>(tmt / 10000);
  for (int y = year - rule->baik_years; y < year; ++y) {
    auto r = std::find_if(known.ratings.begin(), known.ratings.end(),
                          [&](const projection::RatingFact& f) { return f.year == y; });
    if (r == known.ratings.end()) {
      out.missing.push_back("predikat for " + std::to_string(y) + " (Baik for " +
                            std::to_string(rule->baik_years) + " years)");
      continue;
    }
    // Judged by the DP3 score's band where a score is on record.
    const schema::PredikatKinerja counted = projection::CountedPredikat(*r);
    const std::string dp3 =
        r->dp3_score != 0 ? " (DP3 " + std::to_string(r->dp3_score) + ")" : std::string();
    out.evidence.push_back({r->key.position, "predikat " + std::to_string(y) + ": " +
                                                 PredikatText(r->predikat) + dp3});
    if (domain::PredikatScore(counted) < 4) {
      out.unmet.push_back("predikat " + std::to_string(y) + " " + PredikatText(counted) +
                          (r->dp3_score != 0 ? " by DP3 score " + std::to_string(r->dp3_score)
                                             : std::string()) +
                          ", needs at least Baik");
    }
  }

  // The rank on record within the post's range.
  if (post->min_rank != schema::Golongan::UNSPECIFIED ||
      post->max_rank != schema::Golongan::UNSPECIFIED) {
    const projection::RankFact* rank = projection::CurrentRank(known);
    if (rank == nullptr || rank->rank.golongan == schema::Golongan::UNSPECIFIED) {
      if (rank == nullptr || rank->rank.pppk_grade == 0) {
        out.missing.push_back("the appointee's rank on " + Date(tmt));
      }  // a PPPK grade: the golongan range does not apply
    } else {
      const int step = domain::GolonganStep(rank->rank.golongan);
      const int lo = domain::GolonganStep(post->min_rank);
      const int hi = domain::GolonganStep(post->max_rank);
      out.evidence.push_back({rank->key.position, "rank " + projection::RankName(rank->rank) +
                                                      " since " + Date(rank->key.effective)});
      if ((lo != 0 && step < lo) || (hi != 0 && step > hi)) {
        out.unmet.push_back("rank " + projection::RankName(rank->rank) +
                            " outside the post's range " +
                            std::string(domain::GolonganName(post->min_rank)) + "-" +
                            std::string(domain::GolonganName(post->max_rank)));
      }
    }
  }

  // The leadership training of the level (or the post's own).
  if (rule->training != TrainingKind::UNSPECIFIED) {
    // A post naming a non-leadership kind keeps its level's leadership
    // training (only leadership trainings are on record with their dates).
    const TrainingKind need = LeadershipOrder(post->required_training) > 0
                                  ? post->required_training
                                  : rule->training;
    const projection::LeadershipTraining* done = nullptr;
    const projection::LeadershipTraining* late = nullptr;
    const uint32_t grace_end =
        domain::FromDays(domain::ToDays(tmt) + std::max(0, rules.training_grace_days));
    for (const auto& t : facts.trainings) {
      if (!LeadershipCovers(t.kind, need)) continue;
      if (t.key.effective <= tmt) {
        if (done == nullptr) done = &t;
      } else if (t.key.effective <= grace_end && late == nullptr) {
        late = &t;
      }
    }
    if (done != nullptr) {
      out.evidence.push_back({done->key.position, TrainingText(done->kind) + " completed " +
                                                      Date(done->key.effective)});
    } else {
      out.training_due = need;
      out.unmet.push_back("no " + TrainingText(need) + " completed by " + Date(tmt));
      if (late != nullptr) {
        out.training_late = late->key.effective;
        out.training_late_position = late->key.position;
      }
    }
  }
  return out;
}

// ------------------------------------------------------------- awaiting

void AwaitedTrainings::Await(const std::string& nip, uint64_t decision, TrainingKind kind,
                             uint32_t tmt, uint32_t until) {
  Drop(nip, decision);
  waits_[nip].push_back({decision, kind, tmt, until});
}

void AwaitedTrainings::Drop(const std::string& nip, uint64_t decision) {
  auto it = waits_.find(nip);
  if (it == waits_.end()) return;
  auto& list = it->second;
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const Wait& w) { return w.decision == decision; }),
             list.end());
  if (list.empty()) waits_.erase(it);
}

std::vector<uint64_t> AwaitedTrainings::Completed(const std::string& nip, TrainingKind kind,
                                                  uint32_t date) {
  std::vector<uint64_t> out;
  auto it = waits_.find(nip);
  if (it == waits_.end()) return out;
  auto& list = it->second;
  for (auto w = list.begin(); w != list.end();) {
    if (LeadershipCovers(kind, w->kind) && w->tmt < date &&
        date <= w->until) {
      out.push_back(w->decision);
      w = list.erase(w);
    } else {
      ++w;
    }
  }
  if (list.empty()) waits_.erase(it);
  return out;
}

void LowerForLateTraining(DecisionVerdict* v, uint64_t position, uint32_t date,
                          TrainingKind training) {
  if (v == nullptr || v->retracted) return;
  for (Finding& f : v->findings) {
    if (f.rule != RuleId::kEntryRequirements || f.severity != Severity::kHigh) continue;
    f.severity = Severity::kMedium;
    f.explanation += " The " + TrainingText(training) + " was completed on " + Date(date) +
                     " (position " + std::to_string(position) +
                     "), within the grace period after installation: medium, not high.";
    f.evidence.push_back({position, TrainingText(training) + " completed " + Date(date) +
                                        ", after installation"});
  }
}

}  // namespace jejak::audit
