#include "gen/world.h"

#include <algorithm>

#include "jejak/domain/date.h"
#include "jejak/domain/golongan.h"

namespace jejak::gen {

uint32_t AddDays(uint32_t date, int days) {
  return domain::FromDays(domain::ToDays(date) + days);
}

uint32_t RandomDate(Rng& rng, uint32_t from, uint32_t to) {
  if (to <= from) return from;
  const int32_t a = domain::ToDays(from), b = domain::ToDays(to);
  return domain::FromDays(a + static_cast<int32_t>(rng.Below(static_cast<uint32_t>(b - a + 1))));
}

schema::Golongan GolonganOfStep(int step) {
  // The schema numbers the ranks I/a..IV/e as 1..17 (frozen), as
  // domain::GolonganStep does.
  return static_cast<schema::Golongan>(std::clamp(step, 1, 17));
}

int32_t World::Superior(int32_t index) const {
  const Employee& e = employees[static_cast<size_t>(index)];
  const Agency& a = region.agencies[e.agency];
  int u = e.post >= 0 ? a.units[static_cast<size_t>(a.posts[static_cast<size_t>(e.post)].unit)].parent
                      : e.unit;
  while (u >= 0) {
    const Unit& unit = a.units[static_cast<size_t>(u)];
    if (unit.head_post >= 0) {
      const int32_t h = a.posts[static_cast<size_t>(unit.head_post)].holder;
      if (h >= 0 && h != index) return h;
    }
    u = unit.parent;
  }
  // Heads of top-level units answer to the Sekretaris Daerah, who answers
  // to the PPK.
  const int own_top = a.units[static_cast<size_t>(e.unit)].top;
  if (own_top != a.secretariat) {
    const Unit& setda = a.units[static_cast<size_t>(a.tops[static_cast<size_t>(a.secretariat)].unit)];
    if (setda.head_post >= 0) {
      const int32_t h = a.posts[static_cast<size_t>(setda.head_post)].holder;
      if (h >= 0 && h != index) return h;
    }
  }
  return -1;
}

const std::string& World::SuperiorNip(const Employee& e, int32_t superior, uint32_t date) const {
  return superior >= 0 ? employees[static_cast<size_t>(superior)].nip
                       : region.agencies[e.agency].PpkOn(date).nip;
}

const std::string& World::SuperiorName(const Employee& e, int32_t superior,
                                       uint32_t date) const {
  return superior >= 0 ? employees[static_cast<size_t>(superior)].name
                       : region.agencies[e.agency].PpkOn(date).name;
}

schema::JabatanLevel World::Level(const Employee& e) const {
  const Agency& a = region.agencies[e.agency];
  if (e.post >= 0) return a.posts[static_cast<size_t>(e.post)].level;
  if (e.staff >= 0) return a.staff[static_cast<size_t>(e.staff)].level;
  return schema::JabatanLevel::PELAKSANA;
}

std::string_view World::PostName(const Employee& e) const {
  const Agency& a = region.agencies[e.agency];
  if (e.post >= 0) return a.posts[static_cast<size_t>(e.post)].name;
  if (e.staff >= 0) return a.staff[static_cast<size_t>(e.staff)].name;
  return "";
}

int World::EducationCap(const Employee& e) const {
  auto range = domain::RankRangeForEducation(e.education);
  return range ? domain::GolonganStep(range->max_regular) : 0;
}

int World::NaturalCap(const Employee& e) const {
  const Agency& a = region.agencies[e.agency];
  int position_max = 17;
  if (e.post >= 0) {
    position_max = domain::GolonganStep(a.posts[static_cast<size_t>(e.post)].max_rank);
  } else if (e.staff >= 0) {
    int s = e.staff;
    while (a.staff[static_cast<size_t>(s)].next >= 0) s = a.staff[static_cast<size_t>(s)].next;
    position_max = domain::GolonganStep(a.staff[static_cast<size_t>(s)].max_rank);
  }
  return std::min(EducationCap(e), position_max);
}

uint32_t World::RetirementOn(const Employee& e) const {
  return projection::RetirementDate(e.birth, rules.RetirementAge(Level(e), PostName(e)));
}

uint32_t World::EarliestLeave(const Employee& e) const {
  const uint32_t retire = projection::RetirementDate(e.birth, rules.default_retirement_age);
  return e.leave != 0 ? std::min(e.leave, retire) : retire;
}

int World::Predikat(const Employee& e, int year) {
  const size_t i = static_cast<size_t>(year) % 4;
  return e.predikat_year[i] == year ? e.predikat[i] : 0;
}

bool World::RatingsOk(const Employee& e, int year) {
  return Predikat(e, year - 1) >= 4 && Predikat(e, year - 2) >= 4;
}

bool World::SanctionOverlaps(const Employee& e, uint32_t from, uint32_t to) {
  if (e.sanction_start == 0 || e.sanction_start > to) return false;
  return e.sanction_end == 0 || e.sanction_end >= from;
}

bool World::InEvidenceWindow(const Employee& e, uint32_t date) {
  for (const auto& [from, to] : e.evidence_windows) {
    if (from <= date && date <= to) return true;
  }
  return false;
}

}  // namespace jejak::gen
