// Everyone the region will ever employ: identity, recruitment, education,
// first position, drawn departures, and family ties between employees.
#include <algorithm>
#include <numeric>

#include "gen/world.h"
#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"

namespace jejak::gen {

namespace {

using schema::EducationLevel;
using schema::Gender;
using schema::Relation;

struct Draft {
  uint32_t tmt;
  uint64_t index;  // draw order, breaks ties
};

EducationLevel DrawEducation(Rng& rng, int year, bool pppk) {
  static constexpr EducationLevel kLevels[] = {
      EducationLevel::SD, EducationLevel::SLTP, EducationLevel::SLTA, EducationLevel::D3,
      EducationLevel::S1, EducationLevel::S2,   EducationLevel::S3};
  static constexpr uint32_t kEarly[] = {3, 4, 35, 15, 38, 4, 1};
  static constexpr uint32_t kLate[] = {0, 1, 18, 18, 55, 7, 1};
  static constexpr uint32_t kPppk[] = {0, 0, 10, 25, 60, 5, 0};
  std::span<const uint32_t> w = pppk ? kPppk : year < 2005 ? kEarly : kLate;
  return kLevels[rng.Weighted(w)];
}

// Age range at recruitment by education.
std::pair<int, int> RecruitAge(EducationLevel e) {
  switch (e) {
    case EducationLevel::SD:
    case EducationLevel::SLTP: return {18, 28};
    case EducationLevel::SLTA: return {19, 30};
    case EducationLevel::D3: return {21, 32};
    case EducationLevel::S2: return {25, 35};
    case EducationLevel::S3: return {29, 38};
    default: return {22, 34};
  }
}

uint32_t DrawTmt(Rng& rng, const World& w, bool* pppk) {
  const int first = w.first_year, last = w.last_year;
  const uint32_t today = w.options.today;
  // PPPK were first appointed in 2021.
  const int pppk_last = std::min(last, 2025);
  *pppk = pppk_last >= 2021 && YearOf(today) >= 2022 && rng.Chance(0.12);
  int year;
  int month;
  if (*pppk) {
    year = rng.Range(2021, pppk_last);
    static constexpr int kMonths[] = {1, 3, 4, 7};
    month = kMonths[rng.Below(4)];
  } else {
    // A large first cohort builds the workforce, then steady hiring, with
    // the 2015-2016 moratorium.
    std::vector<uint32_t> weights;
    for (int y = first; y <= last; ++y) {
      uint32_t wgt = y - first < 3 ? 12 : 4;
      if (y == 2015 || y == 2016) wgt = 1;
      weights.push_back(wgt);
    }
    year = first + static_cast<int>(rng.Weighted(weights));
    static constexpr int kMonths[] = {1, 3, 3, 4, 12};
    month = kMonths[rng.Below(5)];
  }
  uint32_t tmt = Ymd(year, month, 1);
  // Nothing starts in the last two months before "today".
  const uint32_t latest = domain::AddMonths(today - today % 100 + 1, -2);
  if (tmt > latest) tmt = latest;
  return tmt;
}

// A major of `list` that offers a degree of `education`, null if none.
const Major* PickFitting(Rng& rng, const std::vector<const Major*>& list, EducationLevel education) {
  std::vector<const Major*> fitting;
  for (const Major* m : list) {
    if (OffersDegree(*m, education)) fitting.push_back(m);
  }
  return fitting.empty() ? nullptr : fitting[rng.Below(static_cast<uint32_t>(fitting.size()))];
}

// The staff position a recruit starts in, the unit they sit in, and the
// major they studied: a functional post only for a graduate of a major
// that fits it (a doctor studied Kedokteran).
void Place(Rng& rng, const Agency& a, Employee& e) {
  std::vector<uint32_t> weights;
  for (const TopUnit& t : a.tops) weights.push_back(t.weight);
  const TopUnit& top = a.tops[rng.Weighted(weights)];
  e.unit = top.leaves[rng.Below(static_cast<uint32_t>(top.leaves.size()))];
  const bool graduate = e.education >= EducationLevel::D4;
  int entry = -1;
  const Major* major = nullptr;
  if (graduate && top.ahli_entry >= 0 && rng.Chance(0.6)) {
    major = PickFitting(rng, top.ahli_majors, e.education);
    if (major != nullptr) entry = top.ahli_entry;
  } else if (e.education == EducationLevel::D3 && top.terampil_entry >= 0 && rng.Chance(0.65)) {
    major = PickFitting(rng, top.terampil_majors, e.education);
    if (major != nullptr) entry = top.terampil_entry;
  }
  e.major = major != nullptr
                ? major
                : &PickMajor(rng, rng.Chance(0.75) ? top.major_family : 0, e.education);
  if (entry >= 0) {
    // The jenjang whose range holds the starting rank (PPPK: the entry).
    int s = entry;
    while (!e.pppk && domain::GolonganStep(a.staff[static_cast<size_t>(s)].max_rank) < e.rank &&
           a.staff[static_cast<size_t>(s)].next >= 0) {
      s = a.staff[static_cast<size_t>(s)].next;
    }
    e.staff = s;
    return;
  }
  // Pelaksana posts are listed by minimum education: SD, SLTA, SLTA, D3, S1.
  size_t k;
  switch (e.education) {
    case EducationLevel::SD:
    case EducationLevel::SLTP: k = 0; break;
    case EducationLevel::D3: k = 3; break;
    case EducationLevel::SLTA:
    case EducationLevel::D1:
    case EducationLevel::D2: k = 1 + rng.Below(2); break;
    default: k = 4; break;
  }
  e.staff = top.pelaksana[k];
}

Relation Reciprocal(Relation r, Gender) {
  switch (r) {
    case Relation::UNCLE_AUNT: return Relation::NIECE_NEPHEW;
    case Relation::NIECE_NEPHEW: return Relation::UNCLE_AUNT;
    case Relation::PARENT: return Relation::CHILD;
    case Relation::CHILD: return Relation::PARENT;
    default: return r;  // spouse, sibling, cousin, siblingInLaw
  }
}

void Tie(World& w, Rng& rng, int32_t i, int32_t j, Relation rel_of_j_to_i) {
  Employee& ei = w.employees[static_cast<size_t>(i)];
  Employee& ej = w.employees[static_cast<size_t>(j)];
  const Relation back = Reciprocal(rel_of_j_to_i, ei.gender);
  ei.kin.push_back({j, rel_of_j_to_i});
  ej.kin.push_back({i, back});
  // The later recruit declares it some months in; the other follows.
  const uint32_t when = AddDays(ei.tmt, rng.Range(30, 200));
  ei.actions.push_back({when, Action::Kind::kDeclareRelation, j, static_cast<int32_t>(rel_of_j_to_i)});
  ej.actions.push_back({AddDays(when, rng.Range(3, 40)), Action::Kind::kDeclareRelation, i,
                        static_cast<int32_t>(back)});
}

}  // namespace

void BuildRoster(World& w) {
  const uint64_t n = w.options.employees;
  const uint64_t seed = w.options.seed;
  std::vector<uint32_t> agency_weights;
  for (const Agency& a : w.region.agencies) agency_weights.push_back(a.weight);
  // A recruit joins an agency that exists on the TMT.
  std::vector<uint32_t> existing(agency_weights.size());
  auto agency_on = [&](Rng& rng, uint32_t tmt) {
    for (size_t k = 0; k < existing.size(); ++k) {
      existing[k] = w.region.agencies[k].OrgDate() <= tmt ? agency_weights[k] : 0;
    }
    return static_cast<uint8_t>(rng.Weighted(existing));
  };

  // Draw everyone, then order by TMT so that indexes follow recruitment.
  std::vector<Employee> drawn(n);
  std::vector<Draft> order(n);
  for (uint64_t i = 0; i < n; ++i) {
    Rng rng = Rng::Stream(seed, 1, i);
    Employee& e = drawn[i];
    e.tmt = DrawTmt(rng, w, &e.pppk);
    e.education = DrawEducation(rng, YearOf(e.tmt), e.pppk);
    e.gender = rng.Chance(0.52) ? Gender::FEMALE : Gender::MALE;
    auto [lo, hi] = RecruitAge(e.education);
    const int age = rng.Range(lo, hi);
    e.birth = AddDays(domain::AddYears(e.tmt, -age), -static_cast<int>(rng.Below(365)));
    e.agency = agency_on(rng, e.tmt);
    e.talent = static_cast<float>(std::clamp(0.5 + 0.18 * rng.Gauss(), 0.02, 0.98));
    if (e.pppk) {
      if (rng.Chance(0.3)) {
        e.leave = domain::AddYears(e.tmt, 5);
        e.leave_reason = schema::SeparationReason::CONTRACT_ENDED;
      }
    } else if (rng.Chance(0.03)) {
      e.leave = RandomDate(rng, domain::AddYears(e.tmt, 3), domain::AddYears(e.tmt, 30));
      e.leave_reason = schema::SeparationReason::DEATH;
    } else if (rng.Chance(0.02)) {
      e.leave = RandomDate(rng, domain::AddYears(e.tmt, 2), domain::AddYears(e.tmt, 12));
      e.leave_reason = schema::SeparationReason::RESIGNATION;
    }
    e.latsar = e.pppk ? 0 : AddDays(e.tmt, rng.Range(120, 300));
    e.confirm = e.pppk ? 0 : domain::AddMonths(e.tmt, rng.Range(13, 24));
    order[i] = {e.tmt, i};
  }
  std::sort(order.begin(), order.end(), [](const Draft& a, const Draft& b) {
    return a.tmt != b.tmt ? a.tmt < b.tmt : a.index < b.index;
  });
  w.employees.clear();
  w.employees.reserve(n);
  for (const Draft& d : order) w.employees.push_back(std::move(drawn[d.index]));
  drawn.clear();
  drawn.shrink_to_fit();

  // Identities in recruitment order (serials are allocated in that order).
  for (uint64_t i = 0; i < n; ++i) {
    Employee& e = w.employees[i];
    Rng rng = Rng::Stream(seed, 3, i);
    const Agency& a = w.region.agencies[e.agency];
    e.ethnicity = a.PickEthnicity(rng);
    e.nip = e.pppk ? w.ids.PppkNi(e.birth, e.tmt, e.gender) : w.ids.Nip(e.birth, e.tmt, e.gender);
    const uint32_t born_in = rng.Chance(0.8) ? a.regency : w.region.agencies[rng.Below(
                                 static_cast<uint32_t>(w.region.agencies.size()))].regency;
    e.nik = w.ids.Nik(born_in, static_cast<uint32_t>(rng.Range(1, 12)), e.birth, e.gender);
    if (e.pppk) {
      e.rank = e.education >= EducationLevel::S2   ? 10
               : e.education >= EducationLevel::D4 ? 9
               : e.education == EducationLevel::D3 ? 7
                                                   : 5;
    } else {
      e.rank = domain::GolonganStep(domain::RankRangeForEducation(e.education)->start);
    }
    e.rank_tmt = e.tmt;
    Place(rng, a, e);
    const int graduation = YearOf(e.tmt) - rng.Range(0, 3);
    e.name = PersonName(rng, e.ethnicity, e.gender, e.education, *e.major, graduation);
  }

  // Family ties: some recruits are related to someone recruited before
  // them, mostly in the same agency; some marry someone outside the ASN.
  for (uint64_t i = 1; i < n; ++i) {
    Rng rng = Rng::Stream(seed, 4, i);
    Employee& e = w.employees[i];
    if (rng.Chance(0.07)) {
      const uint64_t window = std::min<uint64_t>(i, 3000);
      for (int attempt = 0; attempt < 6; ++attempt) {
        const auto j = static_cast<int32_t>(i - 1 - rng.Below(static_cast<uint32_t>(window)));
        const Employee& o = w.employees[static_cast<size_t>(j)];
        if (o.agency != e.agency && !rng.Chance(0.1)) continue;
        if (o.ethnicity != e.ethnicity && !rng.Chance(0.2)) continue;
        const int gap = YearOf(o.birth) - YearOf(e.birth);  // > 0: o is younger
        Relation r;
        const bool married = std::any_of(e.kin.begin(), e.kin.end(), [](const Kin& k) {
          return k.relation == Relation::SPOUSE;
        }) || std::any_of(o.kin.begin(), o.kin.end(), [](const Kin& k) {
          return k.relation == Relation::SPOUSE;
        });
        if (o.gender != e.gender && gap > -9 && gap < 9 && !married && rng.Chance(0.5)) {
          r = Relation::SPOUSE;
        } else if (gap <= -16) {
          r = Relation::UNCLE_AUNT;
        } else if (gap > -12 && gap < 12) {
          static constexpr Relation kPeers[] = {Relation::SIBLING, Relation::COUSIN,
                                                Relation::COUSIN, Relation::SIBLING_IN_LAW};
          r = kPeers[rng.Below(4)];
        } else {
          continue;
        }
        Tie(w, rng, static_cast<int32_t>(i), j, r);
        break;
      }
    }
    const bool has_spouse = std::any_of(e.kin.begin(), e.kin.end(), [](const Kin& k) {
      return k.relation == Relation::SPOUSE;
    });
    if (!has_spouse && rng.Chance(0.3)) {
      e.actions.push_back({AddDays(e.tmt, rng.Range(60, 1500)), Action::Kind::kDeclareRelation, -1,
                           static_cast<int32_t>(Relation::SPOUSE)});
    }
  }
}

}  // namespace jejak::gen
