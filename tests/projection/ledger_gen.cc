#include "projection/ledger_gen.h"

#include <cstdio>
#include <set>

#include "jejak/domain/date.h"
#include "jejak/store/new_event.h"

namespace jejak::projection::testing {

namespace s = ::jejak::schema;

namespace {

const char* kCompetencies[] = {"integritas", "kerjaSama", "komunikasi", "orientasiPadaHasil",
                               "pengambilanKeputusan"};

void FillEnvelope(s::EventInput::Builder in, const std::string& stream, const std::string& id,
                  uint32_t effective) {
  in.setStream(stream);
  in.setEventId(id);
  in.initEffectiveDate().setYyyymmdd(effective);
  auto actor = in.initActor();
  actor.setUser("tester");
  actor.setRole("hr-officer");
  actor.setAgency("bkn");
  in.initSource().setDecreeNumber("SK/" + id);
}

}  // namespace

store::NewEvent MakeEvent(const std::string& stream, const std::string& event_id,
                          uint32_t effective) {
  store::NewEvent e;
  FillEnvelope(e.builder(), stream, event_id, effective);
  return e;
}

LedgerGen::LedgerGen(GenOptions options) : opt_(options), rng_(options.seed) {
  for (int a = 0; a < opt_.agencies; ++a) agencies_.push_back("ag" + std::to_string(a));
  std::set<std::string> seen;
  for (int i = 0; i < opt_.employees; ++i) {
    Emp e;
    do {
      e.nip = NewNip(&e.tmt);
    } while (!seen.insert(e.nip).second);
    e.agency = static_cast<int>(rng_() % agencies_.size());
    emps_.push_back(std::move(e));
  }
}

std::string LedgerGen::NewNip(uint32_t* tmt) {
  const uint32_t by = 1965 + rng_() % 33;
  const uint32_t birth = by * 10000 + (1 + rng_() % 12) * 100 + 1 + rng_() % 28;
  const uint32_t cy = std::min<uint32_t>(by + 20 + rng_() % 12, 2024);
  const uint32_t cm = 1 + rng_() % 12;
  *tmt = cy * 10000 + cm * 100 + 1;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%08u%04u%02u%u%03u", birth, cy, cm,
                static_cast<unsigned>(1 + rng_() % 2),
                1 + static_cast<unsigned>(rng_() % 999));
  return buf;
}

uint32_t LedgerGen::RandomDate(uint32_t from) {
  const int32_t lo = domain::ToDays(from);
  const int32_t hi = domain::ToDays(20261231);
  return domain::FromDays(lo + static_cast<int32_t>(rng_() % static_cast<uint32_t>(hi - lo + 1)));
}

std::vector<std::string> LedgerGen::Nips() const {
  std::vector<std::string> out;
  for (const auto& e : emps_) {
    if (e.recruited) out.push_back(e.nip);
  }
  return out;
}

namespace {

// Fills a random employee payload of kind `kind` (never recruited).
void FillEmployeePayload(s::Payload::Builder p, int kind, std::mt19937& rng,
                         const std::string& agency, uint32_t date,
                         const std::vector<uint64_t>& sanctions, const std::string& nip) {
  const std::string pos = "pos" + std::to_string(rng() % 6);
  const std::string unit = "u" + std::to_string(rng() % 3);
  switch (kind) {
    case s::Payload::CIVIL_SERVANT_CONFIRMED:
      p.initCivilServantConfirmed().setLatsarCertificate("L-1");
      break;
    case s::Payload::POSITION_ASSIGNED: {
      auto a = p.initPositionAssigned();
      a.setPositionId(pos);
      a.setPositionName("Jabatan " + pos);
      a.setLevel(static_cast<s::JabatanLevel>(1 + rng() % 14));
      a.setAgency(agency);
      a.setUnit(unit);
      break;
    }
    case s::Payload::TRANSFERRED: {
      auto t = p.initTransferred();
      t.setFromAgency(agency);
      t.setToAgency(agency);
      t.setToUnit(unit);
      t.setPositionId(pos);
      t.setPositionName("Jabatan " + pos);
      t.setLevel(s::JabatanLevel::PELAKSANA);
      break;
    }
    case s::Payload::RANK_PROMOTED: {
      auto r = p.initRankPromoted();
      r.setKind(rng() % 3 == 0 ? s::PromotionKind::SELECTIVE_STRUCTURAL : s::PromotionKind::REGULAR);
      r.initTo().setGolongan(static_cast<s::Golongan>(10 + rng() % 5));
      break;
    }
    case s::Payload::COMPETENCY_ASSESSED: {
      auto a = p.initCompetencyAssessed();
      auto levels = a.initLevels(2);
      const unsigned first = rng() % 4;
      for (unsigned i = 0; i < 2; ++i) {
        levels[i].setCode(kCompetencies[first + i]);
        levels[i].setKind(s::CompetencyKind::MANAGERIAL);
        levels[i].setLevel(static_cast<uint8_t>(1 + rng() % 5));
      }
      a.setPotential(static_cast<s::PotentialLevel>(1 + rng() % 3));
      a.setPotentialScore(rng() % 100);
      break;
    }
    case s::Payload::PERFORMANCE_RATED: {
      auto r = p.initPerformanceRated();
      r.setYear(static_cast<uint16_t>(date / 10000));
      r.setWorkResult(static_cast<s::Rating>(1 + rng() % 3));
      r.setBehaviour(static_cast<s::Rating>(1 + rng() % 3));
      r.setPredikat(rng() % 4 == 0 ? s::PredikatKinerja::BUTUH_PERBAIKAN
                    : rng() % 2    ? s::PredikatKinerja::BAIK
                                   : s::PredikatKinerja::SANGAT_BAIK);
      break;
    }
    case s::Payload::TRAINING_COMPLETED: {
      auto t = p.initTrainingCompleted();
      t.setKind(static_cast<s::TrainingKind>(1 + rng() % 8));
      t.setName("Pelatihan");
      t.setJp(static_cast<uint16_t>(2 + rng() % 30));
      break;
    }
    case s::Payload::MENTORING_RECORDED: {
      auto m = p.initMentoringRecorded();
      m.setMentorNip("198001012005011001");
      m.setMenteeNip(nip);
      m.initPeriodStart().setYyyymmdd(date);
      break;
    }
    case s::Payload::SANCTION_IMPOSED: {
      auto x = p.initSanctionImposed();
      x.setKind(s::SanctionKind::ALLOWANCE_CUT6_MONTHS);
      x.setLevel(s::SanctionLevel::MEDIUM);
      x.initStart().setYyyymmdd(date);
      x.initEnd().setYyyymmdd(domain::AddMonths(date, 6));
      break;
    }
    case s::Payload::SANCTION_LIFTED:
      p.initSanctionLifted().setSanctionPosition(sanctions[rng() % sanctions.size()]);
      break;
    case s::Payload::RELATIONSHIP_DECLARED: {
      auto r = p.initRelationshipDeclared();
      r.setOtherName("Saudara");
      r.setRelation(s::Relation::COUSIN);
      break;
    }
    case s::Payload::EXAM_PASSED:
      p.initExamPassed().setKind(static_cast<s::ExamKind>(1 + rng() % 2));
      break;
    case s::Payload::CREDIT_POINTS_AWARDED:
      p.initCreditPointsAwarded().setPoints(static_cast<double>(1 + rng() % 40) / 4);
      break;
    default: {
      auto x = p.initSeparated();
      x.setReason(s::SeparationReason::RESIGNATION);
      break;
    }
  }
}

}  // namespace

Status LedgerGen::Run(store::EventStore& store, int events,
                      const std::function<void(uint64_t)>& after_append) {
  std::vector<store::NewEvent> batch;
  std::string batch_stream;
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    auto r = store.Append(batch_stream, store::ExpectedVersion::Any(), batch);
    batch.clear();
    if (!r.ok()) return r.status();
    if (after_append) after_append(r->last_position);
    return Status::Ok();
  };
  auto id = [&] { return "g" + std::to_string(opt_.seed) + "-" + std::to_string(next_id_++); };

  if (!setup_done_) {
    setup_done_ = true;
    for (const auto& agency : agencies_) {
      batch_stream = "org/" + agency;
      for (int u = 0; u < 3; ++u) {
        auto& e = batch.emplace_back();
        FillEnvelope(e.builder(), batch_stream, id(), 20000101);
        auto d = e.builder().initPayload().initUnitDefined();
        d.setUnitId("u" + std::to_string(u));
        d.setName("Unit " + std::to_string(u));
      }
      for (int i = 0; i < opt_.positions_per_agency; ++i) {
        auto& e = batch.emplace_back();
        FillEnvelope(e.builder(), batch_stream, id(), 20000101 + static_cast<uint32_t>(i) * 30000);
        auto d = e.builder().initPayload().initPositionDefined();
        d.setPositionId("pos" + std::to_string(i));
        d.setName("Jabatan " + std::to_string(i));
        d.setLevel(static_cast<s::JabatanLevel>(4 + i % 3));
        d.setUnitId("u" + std::to_string(i % 3));
        auto req = d.initRequiredCompetencies(2);
        for (unsigned k = 0; k < 2; ++k) {
          req[k].setCode(kCompetencies[(static_cast<unsigned>(i) + k) % 5]);
          req[k].setKind(s::CompetencyKind::MANAGERIAL);
          req[k].setLevel(static_cast<uint8_t>(2 + (i + static_cast<int>(k)) % 3));
        }
      }
      JEJAK_RETURN_IF_ERROR(flush());
    }
  }

  int written = 0;
  while (written < events) {
    Emp& emp = emps_[rng_() % emps_.size()];
    batch_stream = "emp/" + emp.nip;
    const int n = 1 + static_cast<int>(rng_() % static_cast<unsigned>(opt_.max_batch));
    const uint64_t head = store.GetHead().position;
    for (int i = 0; i < n; ++i, ++written) {
      auto& e = batch.emplace_back();
      auto in = e.builder();
      if (!emp.recruited) {
        emp.recruited = true;
        FillEnvelope(in, batch_stream, id(), emp.tmt);
        auto r = in.initPayload().initRecruited();
        r.setNip(emp.nip);
        r.setName("Pegawai " + emp.nip.substr(15));
        r.initBirthDate().setYyyymmdd(static_cast<uint32_t>(std::stoul(emp.nip.substr(0, 8))));
        r.setGender(emp.nip[14] == '1' ? s::Gender::MALE : s::Gender::FEMALE);
        r.setEducation(static_cast<s::EducationLevel>(4 + rng_() % 8));
        r.setAgency(agencies_[static_cast<size_t>(emp.agency)]);
        r.setUnit("u" + std::to_string(rng_() % 3));
        r.setEmploymentType(s::EmploymentType::PNS);
        r.initStartingRank().setGolongan(s::Golongan::IIIA);
        r.setPositionId("pos0");
        emp.facts.push_back({head + static_cast<uint64_t>(i) + 1, s::Payload::RECRUITED});
        continue;
      }
      const uint32_t date = RandomDate(emp.tmt);
      FillEnvelope(in, batch_stream, id(), date);
      const bool amend = !emp.facts.empty() &&
                         static_cast<int>(rng_() % 100) < opt_.amendment_percent;
      // Amendments only target events already committed (before this call).
      std::vector<Fact> committed;
      for (const auto& f : emp.facts) {
        if (f.position <= head) committed.push_back(f);
      }
      if (amend && !committed.empty()) {
        const Fact target = committed[rng_() % committed.size()];
        if (rng_() % 3 == 0 && target.kind != s::Payload::RECRUITED) {
          in.initPayload().initRetracted().setTarget(target.position);
          in.getPayload().getRetracted().setReason("salah input");
          in.getPayload().getRetracted().setAuthority("Kepala BKD");
        } else {
          auto c = in.initPayload().initCorrected();
          c.setTarget(target.position);
          c.setReason("salah ketik");
          c.setAuthority("Kepala BKD");
          auto rep = c.initReplacement();
          if (target.kind == s::Payload::RECRUITED) {
            // Rewrite the same recruitment with another unit.
            in.getEffectiveDate().setYyyymmdd(emp.tmt);
            auto r = rep.initRecruited();
            r.setNip(emp.nip);
            r.setName("Pegawai Koreksi " + emp.nip.substr(15));
            r.initBirthDate().setYyyymmdd(static_cast<uint32_t>(std::stoul(emp.nip.substr(0, 8))));
            r.setGender(emp.nip[14] == '1' ? s::Gender::MALE : s::Gender::FEMALE);
            r.setEducation(s::EducationLevel::S1);
            r.setAgency(agencies_[static_cast<size_t>(emp.agency)]);
            r.setUnit("u1");
            r.setEmploymentType(s::EmploymentType::PNS);
            r.initStartingRank().setGolongan(s::Golongan::IIIA);
          } else {
            FillEmployeePayload(rep, target.kind, rng_, agencies_[static_cast<size_t>(emp.agency)],
                                date, emp.sanctions, emp.nip);
          }
        }
        continue;
      }
      static const int kKinds[] = {
          s::Payload::CIVIL_SERVANT_CONFIRMED, s::Payload::POSITION_ASSIGNED,
          s::Payload::TRANSFERRED,             s::Payload::RANK_PROMOTED,
          s::Payload::COMPETENCY_ASSESSED,     s::Payload::PERFORMANCE_RATED,
          s::Payload::PERFORMANCE_RATED,       s::Payload::TRAINING_COMPLETED,
          s::Payload::TRAINING_COMPLETED,      s::Payload::MENTORING_RECORDED,
          s::Payload::SANCTION_IMPOSED,        s::Payload::SANCTION_LIFTED,
          s::Payload::RELATIONSHIP_DECLARED,   s::Payload::SEPARATED,
          s::Payload::EXAM_PASSED,             s::Payload::CREDIT_POINTS_AWARDED};
      int kind = kKinds[rng_() % (sizeof kKinds / sizeof kKinds[0])];
      std::vector<uint64_t> committed_sanctions;
      for (uint64_t p : emp.sanctions) {
        if (p <= head) committed_sanctions.push_back(p);
      }
      if (kind == s::Payload::SANCTION_LIFTED && committed_sanctions.empty()) {
        kind = s::Payload::TRAINING_COMPLETED;
      }
      if (kind == s::Payload::SEPARATED && rng_() % 4 != 0) kind = s::Payload::PERFORMANCE_RATED;
      FillEmployeePayload(in.initPayload(), kind, rng_, agencies_[static_cast<size_t>(emp.agency)],
                          date, committed_sanctions, emp.nip);
      const uint64_t position = head + static_cast<uint64_t>(i) + 1;
      emp.facts.push_back({position, kind});
      if (kind == s::Payload::SANCTION_IMPOSED) emp.sanctions.push_back(position);
    }
    JEJAK_RETURN_IF_ERROR(flush());
  }
  return Status::Ok();
}

}  // namespace jejak::projection::testing
