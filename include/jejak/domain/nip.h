// NIP (PNS), NI (PPPK) and NIK: parsing and validation (DOMAIN.md).
#pragma once

#include <cstdint>
#include <string_view>

#include "jejak/schema/common.capnp.h"
#include "jejak/status.h"

namespace jejak::domain {

struct NipParts {
  uint32_t birth_date = 0;      // YYYYMMDD, digits 1-8
  uint32_t appointment_ym = 0;  // YYYYMM, digits 9-14 (for PPPK digits
                                // 13-14 are not a month)
  schema::Gender gender = schema::Gender::UNSPECIFIED;  // digit 15
  uint32_t serial = 0;          // digits 16-18, from 1
};

// Validates all four parts of an 18-digit NIP. For PPPK (`pppk` true) the
// month of digits 9-14 is not checked. InvalidArgument says which part.
[[nodiscard]] Result<NipParts> ParseNip(std::string_view nip, bool pppk = false);

struct NikParts {
  uint32_t region = 0;      // digits 1-6 (province, regency, district)
  uint32_t birth_date = 0;  // YYYYMMDD resolved from DDMMYY (+40 for women);
                            // the century is chosen so the person is 0-99
                            // years old on `reference_date`
  schema::Gender gender = schema::Gender::UNSPECIFIED;
  uint32_t serial = 0;      // digits 13-16
};

// Validates a 16-digit NIK.
[[nodiscard]] Result<NikParts> ParseNik(std::string_view nik,
                                        uint32_t reference_date);

// When both are known: NIK birth date and gender must agree with the NIP.
[[nodiscard]] Status CheckNikMatchesNip(const NikParts& nik,
                                        const NipParts& nip);

}  // namespace jejak::domain
