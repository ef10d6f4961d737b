#include "bench_events.h"

#include <array>
#include <cstdio>

#include "jejak/domain/date.h"

namespace jejak::bench {

namespace {

using schema::Payload;

constexpr uint32_t kBirthDays = 12000;  // birth dates spread over ~33 years
constexpr uint32_t kSerials = 999;

constexpr std::array<const char*, 12> kGivenNames = {
    "Budi", "Siti", "Agus", "Dewi", "Rina", "Eko",
    "Sri", "Ahmad", "Nur", "Wahyu", "Indah", "Dedi"};
constexpr std::array<const char*, 10> kFamilyNames = {
    "Santoso", "Wulandari", "Saputra", "Lestari", "Hidayat",
    "Rahmawati", "Kurniawan", "Pratama", "Setiawan", "Susanti"};
constexpr std::array<const char*, 5> kAgencies = {
    "kab-sleman", "kab-bantul", "kota-yogyakarta", "prov-diy", "kab-kulon-progo"};
constexpr std::array<const char*, 5> kUnits = {"bkpsdm", "dinkes", "disdik", "bappeda",
                                               "dpupr"};

// The kinds after `recruited`, in the order a stream cycles through them.
constexpr std::array<Payload::Which, 8> kCycle = {
    Payload::PERFORMANCE_RATED,   Payload::TRAINING_COMPLETED, Payload::POSITION_ASSIGNED,
    Payload::PERFORMANCE_RATED,   Payload::COMPETENCY_ASSESSED, Payload::RANK_PROMOTED,
    Payload::TRAINING_COMPLETED,  Payload::TRANSFERRED};

uint64_t SplitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

struct NipFields {
  uint32_t birth = 0;  // YYYYMMDD
  uint32_t tmt = 0;    // YYYYMM01, the CPNS TMT
  int gender = 1;      // NIP digit 15
  uint32_t serial = 1;
};

// Bijective for e < kMaxEmployees: (birth day, serial, gender, TMT year
// offset) are digits of e in a mixed radix.
NipFields NipOf(uint64_t e) {
  NipFields f;
  const int32_t base = domain::ToDays(19650101);
  f.birth = domain::FromDays(base + static_cast<int32_t>(e % kBirthDays));
  const uint64_t rest = e / kBirthDays;
  f.serial = static_cast<uint32_t>(rest % kSerials) + 1;
  const uint64_t top = rest / kSerials;  // < 17
  f.gender = 1 + static_cast<int>(top % 2);
  const uint32_t year = f.birth / 10000 + 22 + static_cast<uint32_t>(top / 2);
  const uint32_t month = 1 + static_cast<uint32_t>(SplitMix(e) % 12);
  f.tmt = year * 10000 + month * 100 + 1;
  return f;
}

// "xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx", unique per (e, seq).
std::string EventId(uint64_t e, uint32_t seq) {
  const uint64_t a = SplitMix(e * 1024 + seq);
  const uint64_t b = SplitMix(a ^ (e + 0x51ed27));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-8%03x-%012llx",
                static_cast<unsigned>(a >> 32), static_cast<unsigned>((a >> 16) & 0xffff),
                static_cast<unsigned>(a & 0xfff), static_cast<unsigned>(b >> 52),
                static_cast<unsigned long long>(b & 0xffffffffffffull));
  return buf;
}

std::string Pick(const auto& list, uint64_t h) { return list[h % list.size()]; }

void SetDate(schema::Date::Builder d, uint32_t yyyymmdd) { d.setYyyymmdd(yyyymmdd); }

void FillRecruited(schema::Recruited::Builder r, uint64_t e, const NipFields& nip,
                   const std::string& agency, const std::string& unit) {
  r.setNip(EmployeeNip(e));
  r.setName(Pick(kGivenNames, SplitMix(e + 1)) + " " + Pick(kFamilyNames, SplitMix(e + 2)) +
            ", S.E.");
  SetDate(r.initBirthDate(), nip.birth);
  r.setGender(nip.gender == 1 ? schema::Gender::MALE : schema::Gender::FEMALE);
  r.setEducation(schema::EducationLevel::S1);
  r.setEducationMajor("Akuntansi");
  r.setAgency(agency);
  r.setUnit(unit);
  r.setEmploymentType(schema::EmploymentType::PNS);
  r.initStartingRank().setGolongan(schema::Golongan::IIIA);
  r.setSelectionScore(380.0 + static_cast<double>(SplitMix(e) % 120));
  r.setPositionId("pelaksana-pengadministrasi-umum");
}

void FillPerformance(schema::PerformanceRated::Builder p, uint64_t e, uint32_t effective,
                     uint64_t h) {
  const uint16_t year = static_cast<uint16_t>(effective / 10000 - 1);
  p.setYear(year);
  SetDate(p.initPeriodStart(), year * 10000u + 101);
  SetDate(p.initPeriodEnd(), year * 10000u + 1231);
  const bool above = h % 3 == 0;
  p.setWorkResult(above ? schema::Rating::ABOVE : schema::Rating::MEETS);
  p.setBehaviour(above ? schema::Rating::ABOVE : schema::Rating::MEETS);
  p.setPredikat(above ? schema::PredikatKinerja::SANGAT_BAIK : schema::PredikatKinerja::BAIK);
  p.setEvaluatorNip(EmployeeNip(e + 1));
}

void FillTraining(schema::TrainingCompleted::Builder t, uint32_t effective, uint64_t h) {
  const bool technical = h % 2 == 0;
  t.setKind(technical ? schema::TrainingKind::TECHNICAL : schema::TrainingKind::FUNCTIONAL);
  t.setName(technical ? "Pelatihan Teknis Pengelolaan Keuangan Daerah"
                      : "Pelatihan Fungsional Analis Kebijakan");
  t.setJp(static_cast<uint16_t>(24 + h % 60));
  t.setProvider("BPSDM Provinsi Daerah Istimewa Yogyakarta");
  SetDate(t.initStartDate(), domain::AddMonths(effective, -1));
  SetDate(t.initEndDate(), effective);
}

void FillPosition(schema::PositionAssigned::Builder p, const std::string& agency,
                  const std::string& unit) {
  p.setPositionId("jf-analis-kebijakan-ahli-pertama");
  p.setPositionName("Analis Kebijakan Ahli Pertama");
  p.setLevel(schema::JabatanLevel::AHLI_PERTAMA);
  p.setAgency(agency);
  p.setUnit(unit);
}

void FillCompetency(schema::CompetencyAssessed::Builder c, uint64_t h) {
  struct Item {
    const char* code;
    schema::CompetencyKind kind;
  };
  static constexpr Item kItems[] = {
      {"integritas", schema::CompetencyKind::MANAGERIAL},
      {"kerjaSama", schema::CompetencyKind::MANAGERIAL},
      {"komunikasi", schema::CompetencyKind::MANAGERIAL},
      {"orientasiPadaHasil", schema::CompetencyKind::MANAGERIAL},
      {"perekatBangsa", schema::CompetencyKind::SOCIO_CULTURAL},
      {"pengelolaan-keuangan-daerah", schema::CompetencyKind::TECHNICAL}};
  auto levels = c.initLevels(std::size(kItems));
  for (unsigned i = 0; i < std::size(kItems); ++i) {
    levels[i].setCode(kItems[i].code);
    levels[i].setKind(kItems[i].kind);
    levels[i].setLevel(static_cast<uint8_t>(2 + (h >> (3 * i)) % 3));
  }
  c.setPotentialScore(55.0 + static_cast<double>(h % 40));
  c.setPotential(schema::PotentialLevel::MEDIUM);
  c.setAssessor("UPT Penilaian Kompetensi BKD DIY");
  c.setMethod("assessment center");
}

void FillRankPromoted(schema::RankPromoted::Builder r, uint32_t seq) {
  // Promotions so far in the stream, so each goes up exactly one step.
  uint32_t before = 0;
  for (uint32_t s = 1; s < seq; ++s) before += kCycle[(s - 1) % kCycle.size()] == Payload::RANK_PROMOTED;
  const auto from = static_cast<uint16_t>(schema::Golongan::IIIA) + before % 8;
  r.setKind(schema::PromotionKind::REGULAR);
  r.initFrom().setGolongan(static_cast<schema::Golongan>(from));
  r.initTo().setGolongan(static_cast<schema::Golongan>(from + 1));
}

void FillTransferred(schema::Transferred::Builder t, const std::string& agency,
                     const std::string& unit, uint64_t h) {
  t.setFromAgency(agency);
  t.setFromUnit(unit);
  t.setToAgency(agency);
  t.setToUnit(Pick(kUnits, h));
  t.setPositionId("jf-analis-kebijakan-ahli-pertama");
  t.setPositionName("Analis Kebijakan Ahli Pertama");
  t.setLevel(schema::JabatanLevel::AHLI_PERTAMA);
  t.setReason("Rotasi dalam rangka pengembangan karier dan penyegaran organisasi");
}

}  // namespace

std::string EmployeeNip(uint64_t e) {
  const NipFields f = NipOf(e);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%08u%06u%d%03u", f.birth, f.tmt / 100, f.gender, f.serial);
  return buf;
}

std::string EmployeeStream(uint64_t e) { return "emp/" + EmployeeNip(e); }

store::NewEvent MakeEmployeeEvent(uint64_t e, uint32_t seq) {
  const NipFields nip = NipOf(e);
  const uint64_t h = SplitMix(e * 131 + seq);
  const std::string agency = Pick(kAgencies, SplitMix(e + 3));
  const std::string unit = Pick(kUnits, SplitMix(e + 4));
  const uint32_t effective = domain::AddMonths(nip.tmt, 6 * static_cast<int>(seq));

  store::NewEvent ev;
  auto in = ev.builder();
  in.setStream(EmployeeStream(e));
  in.setEventId(EventId(e, seq));
  SetDate(in.initEffectiveDate(), effective);
  auto actor = in.initActor();
  actor.setUser("operator." + agency);
  actor.setRole("operator-kepegawaian");
  actor.setAgency(agency);
  auto source = in.initSource();
  source.setDecreeNumber("800.1.3/" + std::to_string(h % 9000 + 100) + "/KEP/BKPSDM/" +
                         std::to_string(effective / 10000));
  source.setSigner("Drs. H. Suparman Wibisono, M.M.");
  SetDate(source.initSigningDate(), domain::AddMonths(effective, -1));

  auto payload = in.initPayload();
  const Payload::Which kind = seq == 0 ? Payload::RECRUITED : kCycle[(seq - 1) % kCycle.size()];
  switch (kind) {
    case Payload::RECRUITED: FillRecruited(payload.initRecruited(), e, nip, agency, unit); break;
    case Payload::PERFORMANCE_RATED:
      FillPerformance(payload.initPerformanceRated(), e, effective, h);
      break;
    case Payload::TRAINING_COMPLETED:
      FillTraining(payload.initTrainingCompleted(), effective, h);
      break;
    case Payload::POSITION_ASSIGNED: FillPosition(payload.initPositionAssigned(), agency, unit); break;
    case Payload::COMPETENCY_ASSESSED: FillCompetency(payload.initCompetencyAssessed(), h); break;
    case Payload::RANK_PROMOTED: FillRankPromoted(payload.initRankPromoted(), seq); break;
    default: FillTransferred(payload.initTransferred(), agency, unit, h); break;
  }
  return ev;
}

std::vector<EventRef> LedgerOrder(uint64_t total, uint32_t per_stream) {
  std::vector<EventRef> order;
  order.reserve(total);
  for (uint64_t i = 0; i < total; ++i) {
    order.push_back({i / per_stream, static_cast<uint32_t>(i % per_stream)});
  }
  return order;
}

}  // namespace jejak::bench
