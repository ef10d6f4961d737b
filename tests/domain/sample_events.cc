#include "domain/sample_events.h"

#include <capnp/schema.h>

#include <string>

#include "jejak/domain/payload_kind.h"

namespace jejak::testing {

namespace {

using schema::Payload;

void FillCompetency(schema::CompetencyLevel::Builder c, const char* code,
                    schema::CompetencyKind kind, uint8_t level) {
  c.setCode(code);
  c.setKind(kind);
  c.setLevel(level);
}

void FillRankPromoted(schema::RankPromoted::Builder r) {
  r.setKind(schema::PromotionKind::REGULAR);
  r.initFrom().setGolongan(schema::Golongan::IIIA);
  r.initTo().setGolongan(schema::Golongan::IIIB);
  r.setCreditPoints(0);
}

void FillEmployee(Payload::Which kind, Payload::Builder p) {
  switch (kind) {
    case Payload::RECRUITED: {
      auto r = p.initRecruited();
      r.setNip(kNip);
      r.setNik(kNik);
      r.setName("Andi Saputra");
      r.initBirthDate().setYyyymmdd(19850312);
      r.setGender(schema::Gender::MALE);
      r.setEducation(schema::EducationLevel::S1);
      r.setEducationMajor("Akuntansi");
      r.setAgency("pemko-sawahlunto");
      r.setUnit("bkpsdm");
      r.setEmploymentType(schema::EmploymentType::PNS);
      r.initStartingRank().setGolongan(schema::Golongan::IIIA);
      r.setSelectionScore(412.5);
      r.setPositionId("bkpsdm-analis-sdm");
      break;
    }
    case Payload::CIVIL_SERVANT_CONFIRMED:
      p.initCivilServantConfirmed().setLatsarCertificate("LATSAR/2011/0412");
      break;
    case Payload::POSITION_ASSIGNED: {
      auto r = p.initPositionAssigned();
      r.setPositionId("bkpsdm-analis-sdm");
      r.setPositionName("Analis SDM Aparatur Ahli Pertama");
      r.setLevel(schema::JabatanLevel::AHLI_PERTAMA);
      r.setAgency("pemko-sawahlunto");
      r.setUnit("bkpsdm");
      break;
    }
    case Payload::TRANSFERRED: {
      auto r = p.initTransferred();
      r.setFromAgency("pemko-sawahlunto");
      r.setFromUnit("bkpsdm");
      r.setToAgency("pemko-sawahlunto");
      r.setToUnit("bappeda");
      r.setPositionId("bappeda-perencana");
      r.setPositionName("Perencana Ahli Pertama");
      r.setLevel(schema::JabatanLevel::AHLI_PERTAMA);
      r.setReason("Penyegaran organisasi");
      break;
    }
    case Payload::RANK_PROMOTED: FillRankPromoted(p.initRankPromoted()); break;
    case Payload::POSITION_PROMOTED: {
      auto r = p.initPositionPromoted();
      r.setSelectionId("jpt-2023-01");
      r.setPositionId("sekda-asisten-3");
      r.setPositionName("Asisten Administrasi Umum");
      r.setLevel(schema::JabatanLevel::JPT_PRATAMA);
      r.setAgency("pemko-sawahlunto");
      r.setUnit("setda");
      break;
    }
    case Payload::COMPETENCY_ASSESSED: {
      auto r = p.initCompetencyAssessed();
      auto l = r.initLevels(3);
      FillCompetency(l[0], "integritas", schema::CompetencyKind::MANAGERIAL, 3);
      FillCompetency(l[1], "kerjaSama", schema::CompetencyKind::MANAGERIAL, 3);
      FillCompetency(l[2], "perekatBangsa", schema::CompetencyKind::SOCIO_CULTURAL, 2);
      r.setPotentialScore(72.5);
      r.setPotential(schema::PotentialLevel::MEDIUM);
      r.setAssessor("UPT Penilaian Kompetensi BKD Sumatera Barat");
      r.setMethod("assessment center");
      break;
    }
    case Payload::PERFORMANCE_RATED: {
      auto r = p.initPerformanceRated();
      r.setYear(2022);
      r.initPeriodStart().setYyyymmdd(20220101);
      r.initPeriodEnd().setYyyymmdd(20221231);
      r.setWorkResult(schema::Rating::MEETS);
      r.setBehaviour(schema::Rating::ABOVE);
      r.setPredikat(schema::PredikatKinerja::BAIK);
      r.setEvaluatorNip(kNipFemale);
      break;
    }
    case Payload::TRAINING_COMPLETED: {
      auto r = p.initTrainingCompleted();
      r.setKind(schema::TrainingKind::TECHNICAL);
      r.setName("Manajemen Kinerja ASN");
      r.setJp(40);
      r.setProvider("BPSDM Provinsi Sumatera Barat");
      r.initStartDate().setYyyymmdd(20230605);
      r.initEndDate().setYyyymmdd(20230609);
      break;
    }
    case Payload::MENTORING_RECORDED: {
      auto r = p.initMentoringRecorded();
      r.setMentorNip(kNipFemale);
      r.setMenteeNip(kNip);
      r.initPeriodStart().setYyyymmdd(20230101);
      r.initPeriodEnd().setYyyymmdd(20230630);
      r.setTopic("Penyusunan analisis jabatan");
      break;
    }
    case Payload::SANCTION_IMPOSED: {
      auto r = p.initSanctionImposed();
      r.setLevel(schema::SanctionLevel::LIGHT);
      r.setKind(schema::SanctionKind::WRITTEN_WARNING);
      r.initStart().setYyyymmdd(20230301);
      r.initEnd().setYyyymmdd(20230831);
      r.setReason("Tidak masuk kerja 5 hari tanpa keterangan");
      break;
    }
    case Payload::SANCTION_LIFTED: {
      auto r = p.initSanctionLifted();
      r.setSanctionPosition(42);
      r.setReason("Masa hukuman selesai");
      break;
    }
    case Payload::RELATIONSHIP_DECLARED: {
      auto r = p.initRelationshipDeclared();
      r.setOtherNip(kNipFemale);
      r.setOtherName("Sri Wahyuni");
      r.setRelation(schema::Relation::SPOUSE);
      break;
    }
    case Payload::SEPARATED: {
      auto r = p.initSeparated();
      r.setReason(schema::SeparationReason::RESIGNATION);
      r.setNote("Mengundurkan diri atas permintaan sendiri");
      break;
    }
    case Payload::EXAM_PASSED: {
      auto r = p.initExamPassed();
      r.setKind(schema::ExamKind::UJIAN_DINAS_TINGKAT_I);
      r.setCertificateNo("UD-I/2019/0412");
      r.setOrganiser("BKN Kantor Regional XII Pekanbaru");
      break;
    }
    case Payload::CREDIT_POINTS_AWARDED: {
      auto r = p.initCreditPointsAwarded();
      r.setPoints(12.5);
      r.initPeriodStart().setYyyymmdd(20220101);
      r.initPeriodEnd().setYyyymmdd(20221231);
      r.setPositionId("bkpsdm-analis-sdm");
      break;
    }
    default: break;
  }
}

void FillSelection(Payload::Which kind, Payload::Builder p) {
  switch (kind) {
    case Payload::SELECTION_OPENED: {
      auto r = p.initSelectionOpened();
      r.setPositionId("sekda-asisten-3");
      r.setPositionName("Asisten Administrasi Umum");
      r.setLevel(schema::JabatanLevel::JPT_PRATAMA);
      r.setAgency("pemko-sawahlunto");
      r.setKind(schema::SelectionKind::OPEN_JPT);
      r.setAnnouncement("PENG/01/PANSEL-JPT/2023");
      break;
    }
    case Payload::COMMITTEE_APPOINTED: {
      auto r = p.initCommitteeAppointed();
      auto m = r.initMembers(2);
      m[0].setMemberId(kNipFemale);
      m[0].setName("Sri Wahyuni");
      m[0].setInternal(true);
      m[0].setRole(schema::CommitteeRole::CHAIR);
      m[0].setLevel(schema::JabatanLevel::JPT_PRATAMA);
      m[1].setMemberId("ext-unand-01");
      m[1].setName("Prof. Hendra Gunawan");
      m[1].setInternal(false);
      m[1].setRole(schema::CommitteeRole::MEMBER);
      r.setPpkNip("196805141990031003");
      break;
    }
    case Payload::CANDIDATE_REGISTERED: {
      auto r = p.initCandidateRegistered();
      r.setNip(kNip);
      r.setName("Andi Saputra");
      break;
    }
    case Payload::MEMBER_RECUSED: {
      auto r = p.initMemberRecused();
      r.setMemberId(kNipFemale);
      r.setCandidateNip(kNip);
      r.setReason("Suami dari kandidat");
      break;
    }
    case Payload::CANDIDATE_SCORED: {
      auto r = p.initCandidateScored();
      r.setMemberId("ext-unand-01");
      r.setCandidateNip(kNip);
      auto s = r.initScores(2);
      s[0].setCriterion("makalah");
      s[0].setScore(80);
      s[0].setWeight(0.4);
      s[1].setCriterion("wawancara");
      s[1].setScore(75);
      s[1].setWeight(0.6);
      r.setTotal(77);
      break;
    }
    case Payload::SHORTLIST_SUBMITTED: {
      auto r = p.initShortlistSubmitted().initRanked(3);
      r.set(0, kNip);
      r.set(1, kNipFemale);
      r.set(2, "196805141990031003");
      break;
    }
    case Payload::SELECTION_DECIDED: {
      auto r = p.initSelectionDecided();
      r.setAppointeeNip(kNip);
      r.setDecidingOfficialNip("196805141990031003");
      r.setJustification("Peringkat pertama dari pansel");
      break;
    }
    default: break;
  }
}

void FillAgency(Payload::Which kind, Payload::Builder p) {
  if (kind == Payload::AGENCY_DEFINED) {
    auto r = p.initAgencyDefined();
    r.setName("Pemerintah Kota Sawahlunto");
    r.initEstablished().setYyyymmdd(19560319);
    r.setLegalBasis("UU 8/1956");
    r.setRegionCode("13.73");
    return;
  }
  if (kind == Payload::UNIT_DEFINED) {
    auto r = p.initUnitDefined();
    r.setUnitId("bkpsdm");
    r.setName("Badan Kepegawaian dan Pengembangan SDM");
    r.setParentUnitId("setda");
    return;
  }
  auto r = p.initPositionDefined();
  r.setPositionId("bkpsdm-kabid-mutasi");
  r.setName("Kepala Bidang Mutasi dan Promosi");
  r.setLevel(schema::JabatanLevel::ADMINISTRATOR);
  r.setUnitId("bkpsdm");
  r.setMinRank(schema::Golongan::IIIC);
  r.setMaxRank(schema::Golongan::IVB);
  auto l = r.initRequiredCompetencies(2);
  FillCompetency(l[0], "integritas", schema::CompetencyKind::MANAGERIAL, 3);
  FillCompetency(l[1], "manajemenAsn", schema::CompetencyKind::TECHNICAL, 3);
  r.setRequiredTraining(schema::TrainingKind::PKA);
  r.setMinEducation(schema::EducationLevel::S1);
}

}  // namespace

std::vector<Payload::Which> AllKinds() {
  std::vector<Payload::Which> out;
  for (const auto field : capnp::Schema::from<Payload>().getUnionFields()) {
    const auto kind = static_cast<Payload::Which>(field.getProto().getDiscriminantValue());
    if (kind != Payload::UNSPECIFIED) out.push_back(kind);
  }
  return out;
}

store::NewEvent SampleEvent(Payload::Which kind) {
  store::NewEvent ev;
  auto b = ev.builder();
  const auto k = static_cast<uint16_t>(kind);
  const domain::PayloadHome home = domain::HomeOf(kind);
  if (home == domain::PayloadHome::kSelection) {
    b.setStream("sel/jpt-2023-01");
  } else if (home == domain::PayloadHome::kAgency) {
    b.setStream("org/pemko-sawahlunto");
  } else {
    b.setStream(std::string("emp/") + kNip);
  }
  b.setEventId("sample-" + std::to_string(k));
  b.initExpectedVersion().setExact(4);
  b.initEffectiveDate().setYyyymmdd(kind == Payload::RECRUITED ? 20100301 : 20230401);
  auto actor = b.initActor();
  actor.setUser("operator.bkpsdm");
  actor.setRole("hr");
  actor.setAgency("pemko-sawahlunto");
  auto source = b.initSource();
  source.setDecreeNumber("800/112/BKPSDM-SWL/2023");
  source.setSigner("Wali Kota Sawahlunto");
  source.initSigningDate().setYyyymmdd(20230320);
  auto p = b.initPayload();
  if (kind == Payload::CORRECTED) {
    auto c = p.initCorrected();
    c.setTarget(3);
    FillRankPromoted(c.initReplacement().initRankPromoted());
    c.setReason("Golongan asal salah ketik");
    c.setAuthority("Kepala BKPSDM");
  } else if (kind == Payload::RETRACTED) {
    auto r = p.initRetracted();
    r.setTarget(5);
    r.setReason("Dicatat pada pegawai yang salah");
    r.setAuthority("Kepala BKPSDM");
  } else if (home == domain::PayloadHome::kSelection) {
    FillSelection(kind, p);
  } else if (home == domain::PayloadHome::kAgency) {
    FillAgency(kind, p);
  } else {
    FillEmployee(kind, p);
  }
  return ev;
}

}  // namespace jejak::testing
