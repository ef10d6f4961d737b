#include "gen/envelope.h"

#include <cstdio>

namespace jejak::gen {

void SetActor(schema::EventInput::Builder in, std::string_view user, std::string_view role,
              std::string_view agency) {
  auto a = in.initActor();
  a.setUser(T(user));
  a.setRole(T(role));
  a.setAgency(T(agency));
}

void SetSource(schema::EventInput::Builder in, std::string_view decree,
               std::string_view signer, uint32_t signing_date) {
  auto s = in.initSource();
  s.setDecreeNumber(T(decree));
  s.setSigner(T(signer));
  if (signing_date != 0) s.initSigningDate().setYyyymmdd(signing_date);
}

std::string DecreeNumber(Agency* agency, DecreeKind kind, uint32_t date) {
  const char* klass = "800";
  switch (kind) {
    case DecreeKind::kAppointment: klass = "813.3"; break;
    case DecreeKind::kRank: klass = "823.3"; break;
    case DecreeKind::kPosition: klass = "821.2"; break;
    case DecreeKind::kTransfer: klass = "824"; break;
    case DecreeKind::kDiscipline: klass = "862"; break;
    case DecreeKind::kPension: klass = "882"; break;
    case DecreeKind::kTraining: klass = "893"; break;
    case DecreeKind::kPerformance: klass = "800"; break;
    case DecreeKind::kSelection: klass = "800.1"; break;
  }
  const unsigned year = date / 10000;
  const unsigned n = ++agency->decree_counter % 10000;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s/%04u/%s/%u", klass, n, year < 2017 ? "BKD" : "BKPSDM", year);
  return buf;
}

}  // namespace jejak::gen
