#include "gen/identity.h"

#include <cstdio>

namespace jejak::gen {

namespace {

int GenderDigit(schema::Gender g) { return g == schema::Gender::FEMALE ? 2 : 1; }

}  // namespace

std::string IdentityAllocator::Next18(uint32_t birth_date, uint32_t middle6, schema::Gender g) {
  const uint64_t key = (static_cast<uint64_t>(birth_date) * 1000000 + middle6) * 10 +
                       static_cast<uint64_t>(GenderDigit(g));
  const uint32_t serial = nip_serials_[key]++ % 999 + 1;
  char buf[24];
  std::snprintf(buf, sizeof buf, "%08u%06u%d%03u", birth_date, middle6, GenderDigit(g), serial);
  return buf;
}

std::string IdentityAllocator::Nip(uint32_t birth_date, uint32_t tmt_cpns, schema::Gender g) {
  return Next18(birth_date, tmt_cpns / 100, g);
}

std::string IdentityAllocator::PppkNi(uint32_t birth_date, uint32_t appointment_date,
                                      schema::Gender g) {
  return Next18(birth_date, appointment_date / 10000 * 100 + 21, g);
}

std::string IdentityAllocator::Nik(uint32_t regency, uint32_t district, uint32_t birth_date,
                                   schema::Gender g) {
  const uint32_t day = birth_date % 100 + (g == schema::Gender::FEMALE ? 40 : 0);
  const uint32_t ddmmyy = day * 10000 + birth_date / 100 % 100 * 100 + birth_date / 10000 % 100;
  const uint64_t key = (static_cast<uint64_t>(regency) * 100 + district) * 1000000 + ddmmyy;
  const uint32_t serial = nik_serials_[key]++ % 9999 + 1;
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04u%02u%06u%04u", regency, district, ddmmyy, serial);
  return buf;
}

}  // namespace jejak::gen
