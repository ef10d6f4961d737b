// NIPs, PPPK NIs and NIKs that pass domain::ParseNip / ParseNik, unique in
// the generated region.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "jejak/schema/common.capnp.h"

namespace jejak::gen {

class IdentityAllocator {
 public:
  // NIP of a PNS: birth date, CPNS TMT year+month, gender digit, and the
  // next free serial for that (birth date, TMT month, gender). Serials stay
  // unique up to 999 people per triple (then wrap, which a region of a
  // million careers does not reach).
  std::string Nip(uint32_t birth_date, uint32_t tmt_cpns, schema::Gender g);

  // NI of a PPPK: birth date, appointment year, "21" (positions 13-14 are
  // not a month), gender, serial.
  std::string PppkNi(uint32_t birth_date, uint32_t appointment_date, schema::Gender g);

  // NIK: `regency` (4 digits: province + regency), district 01..12 chosen by
  // the caller, DDMMYY with women's day + 40, serial unique for the prefix.
  std::string Nik(uint32_t regency, uint32_t district, uint32_t birth_date, schema::Gender g);

 private:
  std::string Next18(uint32_t birth_date, uint32_t middle6, schema::Gender g);
  std::unordered_map<uint64_t, uint32_t> nip_serials_;
  std::unordered_map<uint64_t, uint32_t> nik_serials_;
};

}  // namespace jejak::gen
