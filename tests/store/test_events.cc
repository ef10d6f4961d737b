#include "store/test_events.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "jejak/integrity/merkle.h"

namespace jejak::store::testing {

std::string Nip(int serial) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%03d", serial);
  return std::string("199001012015031") + buf;
}

std::string EmpStream(int serial) { return "emp/" + Nip(serial); }

void FillEnvelope(schema::EventInput::Builder in, std::string_view event_id,
                  uint32_t effective_date) {
  in.setEventId(std::string(event_id));
  in.initEffectiveDate().setYyyymmdd(effective_date);
  auto actor = in.initActor();
  actor.setUser("budi.santoso");
  actor.setRole("hr-officer");
  actor.setAgency("bkd-jabar");
  auto source = in.initSource();
  source.setDecreeNumber("800/1234/BKD/2015");
  source.setSigner("Kepala BKD Provinsi Jawa Barat");
  source.initSigningDate().setYyyymmdd(effective_date);
}

NewEvent Recruited(std::string_view event_id, std::string_view nip) {
  NewEvent e;
  auto in = e.builder();
  FillEnvelope(in, event_id);
  auto r = in.initPayload().initRecruited();
  r.setNip(std::string(nip));
  r.setName("Siti Rahmawati");
  r.initBirthDate().setYyyymmdd(19900101);
  r.setGender(schema::Gender::MALE);
  r.setEducation(schema::EducationLevel::S1);
  r.setEducationMajor("Akuntansi");
  r.setAgency("bkd-jabar");
  r.setUnit("bidang-mutasi");
  r.setEmploymentType(schema::EmploymentType::PNS);
  r.initStartingRank().setGolongan(schema::Golongan::IIIA);
  r.setSelectionScore(412.5);
  return e;
}

NewEvent PerformanceRated(std::string_view event_id, uint16_t year,
                          schema::PredikatKinerja predikat) {
  NewEvent e;
  auto in = e.builder();
  FillEnvelope(in, event_id, year * 10000u + 1231);
  auto r = in.initPayload().initPerformanceRated();
  r.setYear(year);
  r.initPeriodStart().setYyyymmdd(year * 10000u + 101);
  r.initPeriodEnd().setYyyymmdd(year * 10000u + 1231);
  r.setWorkResult(schema::Rating::MEETS);
  r.setBehaviour(schema::Rating::MEETS);
  r.setPredikat(predikat);
  r.setEvaluatorNip("198001012005011002");
  return e;
}

NewEvent TrainingCompleted(std::string_view event_id, std::string_view name) {
  NewEvent e;
  auto in = e.builder();
  FillEnvelope(in, event_id, 20160601);
  auto t = in.initPayload().initTrainingCompleted();
  t.setKind(schema::TrainingKind::TECHNICAL);
  t.setName(std::string(name));
  t.setJp(24);
  t.setProvider("BPSDM Jawa Barat");
  t.initStartDate().setYyyymmdd(20160520);
  t.initEndDate().setYyyymmdd(20160601);
  return e;
}

NewEvent SanctionImposed(std::string_view event_id) {
  NewEvent e;
  auto in = e.builder();
  FillEnvelope(in, event_id, 20180101);
  auto s = in.initPayload().initSanctionImposed();
  s.setLevel(schema::SanctionLevel::LIGHT);
  s.setKind(schema::SanctionKind::WRITTEN_WARNING);
  s.initStart().setYyyymmdd(20180101);
  s.initEnd().setYyyymmdd(20181231);
  s.setReason("absent without leave");
  return e;
}

NewEvent SanctionLifted(std::string_view event_id, uint64_t sanction_position) {
  NewEvent e;
  auto in = e.builder();
  FillEnvelope(in, event_id, 20180601);
  auto s = in.initPayload().initSanctionLifted();
  s.setSanctionPosition(sanction_position);
  s.setReason("appeal granted");
  return e;
}

NewEvent CorrectedRating(std::string_view event_id, uint64_t target, uint16_t year) {
  NewEvent e;
  auto in = e.builder();
  FillEnvelope(in, event_id, 20200101);
  auto c = in.initPayload().initCorrected();
  c.setTarget(target);
  c.setReason("typo in the rating");
  c.setAuthority("Kepala BKD");
  NewEvent replacement = PerformanceRated("unused", year, schema::PredikatKinerja::SANGAT_BAIK);
  c.setReplacement(replacement.reader().getPayload());
  return e;
}

NewEvent Retracted(std::string_view event_id, uint64_t target) {
  NewEvent e;
  auto in = e.builder();
  FillEnvelope(in, event_id, 20200101);
  auto r = in.initPayload().initRetracted();
  r.setTarget(target);
  r.setReason("entered on the wrong employee");
  r.setAuthority("Kepala BKD");
  return e;
}

NewEvent SelectionOpened(std::string_view event_id) {
  NewEvent e;
  auto in = e.builder();
  FillEnvelope(in, event_id, 20220101);
  auto s = in.initPayload().initSelectionOpened();
  s.setPositionId("kabid-mutasi");
  s.setPositionName("Kepala Bidang Mutasi");
  s.setLevel(schema::JabatanLevel::ADMINISTRATOR);
  s.setAgency("bkd-jabar");
  s.setKind(schema::SelectionKind::PROMOTION_BOARD);
  s.setAnnouncement("PENG-01/2022");
  return e;
}

NewEvent PositionPromoted(std::string_view event_id, std::string_view selection_id) {
  NewEvent e;
  auto in = e.builder();
  FillEnvelope(in, event_id, 20220401);
  auto p = in.initPayload().initPositionPromoted();
  p.setSelectionId(std::string(selection_id));
  p.setPositionId("kabid-mutasi");
  p.setPositionName("Kepala Bidang Mutasi");
  p.setLevel(schema::JabatanLevel::ADMINISTRATOR);
  p.setAgency("bkd-jabar");
  return e;
}

NewEvent UnitDefined(std::string_view event_id, std::string_view unit_id) {
  NewEvent e;
  auto in = e.builder();
  FillEnvelope(in, event_id, 20100101);
  auto u = in.initPayload().initUnitDefined();
  u.setUnitId(std::string(unit_id));
  u.setName("Bidang " + std::string(unit_id));
  return e;
}

std::vector<NewEvent> EmployeeHistory(std::string_view prefix, int serial,
                                      int ratings) {
  std::vector<NewEvent> events;
  const std::string p(prefix);
  events.push_back(Recruited(p + "-0", Nip(serial)));
  for (int i = 1; i <= ratings; ++i) {
    events.push_back(PerformanceRated(p + "-" + std::to_string(i),
                                      static_cast<uint16_t>(2015 + i)));
  }
  return events;
}

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string templ = std::string(base != nullptr ? base : "/tmp") + "/jejak-store-XXXXXX";
  if (mkdtemp(templ.data()) == nullptr) std::abort();
  path_ = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

StoreOptions TestOptions(Clock* clock) {
  StoreOptions options;
  options.sync = false;
  options.block_cache_bytes = 8u << 20;
  options.clock = clock;
  return options;
}

std::unique_ptr<EventStore> OpenOrDie(const StoreOptions& options,
                                      const std::string& path) {
  auto store = EventStore::Open(options, path);
  if (!store.ok()) {
    ADD_FAILURE() << "open " << path << ": " << store.status().ToString();
    return nullptr;
  }
  return std::move(store).value();
}

std::string IdOf(const RecordedEvent& e) {
  const auto id = e.event().getEventId();
  return std::string(id.cStr(), id.size());
}

Hash NaiveTreeRoot(std::span<const Hash> leaves) {
  if (leaves.empty()) return integrity::Sha256("");
  if (leaves.size() == 1) return leaves[0];
  size_t k = 1;
  while (k * 2 < leaves.size()) k *= 2;
  return integrity::NodeHash(NaiveTreeRoot(leaves.first(k)), NaiveTreeRoot(leaves.subspan(k)));
}

std::vector<Hash> EntryLeafHashes(EventStore& store, uint64_t size) {
  std::vector<Hash> leaves;
  leaves.reserve(size);
  for (uint64_t p = 1; p <= size; ++p) {
    auto entry = store.ReadEntry(p);
    if (!entry.ok()) {
      ADD_FAILURE() << "entry of position " << p << ": " << entry.status().ToString();
      return leaves;
    }
    leaves.push_back(integrity::RecordHash(*entry));
  }
  return leaves;
}

std::vector<NewEvent> UnitEvents(std::string_view prefix, size_t count) {
  std::vector<NewEvent> events;
  events.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const std::string id = std::string(prefix) + "-" + std::to_string(i);
    events.push_back(UnitDefined(id, "u" + std::to_string(i)));
  }
  return events;
}

}  // namespace jejak::store::testing
