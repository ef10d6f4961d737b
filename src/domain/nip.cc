// NIP / NI PPPK / NIK validation. Every error names the part that failed
// and shows the offending value.
#include "jejak/domain/nip.h"

#include <string>

#include "jejak/domain/date.h"

namespace jejak::domain {

namespace {

constexpr size_t kNipLength = 18;
constexpr size_t kNikLength = 16;
// A CPNS is at least 18 at appointment in practice; 15 is the bound below
// which an appointment is impossible rather than merely irregular.
constexpr uint32_t kMinAppointmentAge = 15;

// The value as echoed in messages (bounded, so garbage stays short).
std::string Echo(std::string_view s) {
  constexpr size_t kMax = 24;
  std::string out(s.substr(0, kMax));
  if (s.size() > kMax) out += "...";
  return out;
}

// Checks `s` is exactly `n` ASCII digits.
Status CheckDigits(std::string_view what, std::string_view s, size_t n) {
  if (s.size() != n) {
    return Status::InvalidArgument(std::string(what) + " \"" + Echo(s) + "\" must be " +
                                   std::to_string(n) + " digits, has " +
                                   std::to_string(s.size()) + " characters");
  }
  for (char c : s) {
    if (c < '0' || c > '9') {
      return Status::InvalidArgument(std::string(what) + " \"" + Echo(s) +
                                     "\" must be digits only");
    }
  }
  return Status::Ok();
}

uint32_t Number(std::string_view digits) {
  uint32_t v = 0;
  for (char c : digits) v = v * 10 + static_cast<uint32_t>(c - '0');
  return v;
}

}  // namespace

Result<NipParts> ParseNip(std::string_view nip, bool pppk) {
  const char* what = pppk ? "NI PPPK" : "NIP";
  JEJAK_RETURN_IF_ERROR(CheckDigits(what, nip, kNipLength));
  const std::string prefix = std::string(what) + " " + std::string(nip) + ": ";
  NipParts parts;
  parts.birth_date = Number(nip.substr(0, 8));
  if (!IsValidDate(parts.birth_date)) {
    return Status::InvalidArgument(prefix + "digits 1-8 (birth date " +
                                   std::string(nip.substr(0, 8)) + ") are not a valid date");
  }
  parts.appointment_ym = Number(nip.substr(8, 6));
  const uint32_t year = parts.appointment_ym / 100, month = parts.appointment_ym % 100;
  const char* tmt = pppk ? "appointment year" : "CPNS TMT";
  if (!pppk && (month < 1 || month > 12)) {
    return Status::InvalidArgument(prefix + "digits 9-14 (" + tmt + " " +
                                   std::string(nip.substr(8, 6)) + ") are not a month");
  }
  const uint32_t birth_year = parts.birth_date / 10000;
  if (year < birth_year + kMinAppointmentAge || year > 2199) {
    return Status::InvalidArgument(
        prefix + "digits 9-14 (" + tmt + " " + std::string(nip.substr(8, 6)) +
        ") are before the birth year + " + std::to_string(kMinAppointmentAge) +
        " or after 2199");
  }
  switch (nip[14]) {
    case '1': parts.gender = schema::Gender::MALE; break;
    case '2': parts.gender = schema::Gender::FEMALE; break;
    default:
      return Status::InvalidArgument(prefix + "digit 15 (gender " + std::string(1, nip[14]) +
                                     ") must be 1 or 2");
  }
  parts.serial = Number(nip.substr(15, 3));
  if (parts.serial == 0) {
    return Status::InvalidArgument(prefix + "digits 16-18 (serial 000) must be 001 or more");
  }
  return parts;
}

Result<NikParts> ParseNik(std::string_view nik, uint32_t reference_date) {
  JEJAK_RETURN_IF_ERROR(CheckDigits("NIK", nik, kNikLength));
  const std::string prefix = "NIK " + std::string(nik) + ": ";
  NikParts parts;
  parts.region = Number(nik.substr(0, 6));
  const uint32_t province = parts.region / 10000;
  if (province < 11 || province > 94) {
    return Status::InvalidArgument(prefix + "digits 1-2 (province " +
                                   std::string(nik.substr(0, 2)) + ") must be 11-94");
  }
  uint32_t day = Number(nik.substr(6, 2));
  const uint32_t month = Number(nik.substr(8, 2));
  const uint32_t yy = Number(nik.substr(10, 2));
  parts.gender = schema::Gender::MALE;
  if (day > 40) {
    day -= 40;
    parts.gender = schema::Gender::FEMALE;
  }
  // Century: the latest one that does not put the birth after the
  // reference date (age 0-99 on that date).
  if (!IsValidDate(reference_date)) reference_date = 21991231;
  const uint32_t year = reference_date / 10000 / 100 * 100 + yy;
  uint32_t birth = year * 10000 + month * 100 + day;
  if (birth > reference_date) birth -= 100 * 10000;
  if (!IsValidDate(birth)) {
    return Status::InvalidArgument(prefix + "digits 7-12 (birth date DDMMYY " +
                                   std::string(nik.substr(6, 6)) +
                                   ", women +40 on the day) are not a valid date");
  }
  parts.birth_date = birth;
  parts.serial = Number(nik.substr(12, 4));
  if (parts.serial == 0) {
    return Status::InvalidArgument(prefix + "digits 13-16 (serial 0000) must be 0001 or more");
  }
  return parts;
}

Status CheckNikMatchesNip(const NikParts& nik, const NipParts& nip) {
  if (nik.birth_date != nip.birth_date) {
    return Status::InvalidArgument("NIK birth date " + FormatDate(nik.birth_date) +
                                   " differs from NIP birth date " +
                                   FormatDate(nip.birth_date));
  }
  if (nik.gender != nip.gender) {
    auto name = [](schema::Gender g) { return g == schema::Gender::FEMALE ? "female" : "male"; };
    return Status::InvalidArgument(std::string("NIK gender ") + name(nik.gender) +
                                   " differs from NIP gender " + name(nip.gender));
  }
  return Status::Ok();
}

}  // namespace jejak::domain
