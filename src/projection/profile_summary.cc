// SummaryOf: the one definition of a profile's summary (profile_summary.h).
#include "jejak/projection/profile_summary.h"

#include "jejak/projection/profile_view.h"

namespace jejak::projection {

uint32_t ProfileSummary::JpInYear(uint16_t year) const {
  for (const YearJp& y : jp_by_year) {
    if (y.year == year) return y.jp;
  }
  return 0;
}

ProfileSummary SummaryOf(const ProfileState& s) {
  ProfileSummary out;
  out.nip = s.nip;
  out.name = s.name;
  if (const Placement* p = CurrentPlacement(s)) {
    out.placed = true;
    out.agency = p->agency;
    out.unit = p->unit;
    out.position_id = p->position_id;
    out.position_name = p->position_name;
    out.position_tmt = p->key.effective;
    out.level = p->level;
  }
  if (const RankFact* r = CurrentRank(s)) {
    out.has_rank = true;
    out.rank = r->rank;
    out.rank_tmt = r->key.effective;
  }
  out.employment_type = s.employment_type;
  out.confirmed = s.confirmed.position != 0;
  out.birth_date = s.birth_date;
  out.recruited = s.recruited.effective;
  if (!s.ratings.empty()) {  // sorted by year
    out.rating_year = s.ratings.back().year;
    out.predikat = s.ratings.back().predikat;
  }
  // training_jp is sorted by (year, kind): one entry per run of a year.
  for (const TrainingJp& t : s.training_jp) {
    if (out.jp_by_year.empty() || out.jp_by_year.back().year != t.year) {
      out.jp_by_year.push_back({t.year, 0});
    }
    out.jp_by_year.back().jp += t.jp;
  }
  out.separated = s.separation.key.position != 0;
  if (out.separated) {
    out.separation_reason = s.separation.reason;
    out.separation_date = s.separation.key.effective;
  }
  out.last_position = s.last_position;
  return out;
}

ProfileSummary SummaryOf(const ProfileRecord& rec) {
  ProfileSummary out = SummaryOf(rec.state);
  out.known_position = rec.known_position;
  return out;
}

}  // namespace jejak::projection
