#include "gen/career_events.h"

#include <algorithm>
#include <cmath>

#include "gen/envelope.h"
#include "jejak/domain/credit_points.h"
#include "jejak/domain/date.h"
#include "jejak/domain/discipline.h"
#include "jejak/domain/golongan.h"

namespace jejak::gen {

namespace {

using schema::TrainingKind;
using SV = std::string_view;

constexpr SV kTechnicalCourses[] = {
    "Bimbingan Teknis Penyusunan SKP",
    "Pelatihan Pengelolaan Keuangan Daerah",
    "Bimbingan Teknis Aplikasi Kepegawaian",
    "Pelatihan Pelayanan Prima",
    "Pelatihan Pengadaan Barang/Jasa Pemerintah",
    "Pelatihan Analisis Jabatan dan Beban Kerja",
    "Bimbingan Teknis Penyusunan Rencana Strategis",
    "Pelatihan Manajemen Arsip Dinamis",
    "Pelatihan Penyusunan Standar Operasional Prosedur",
    "Pelatihan Akuntabilitas Kinerja Instansi Pemerintah",
};
constexpr SV kSeminars[] = {
    "Seminar Reformasi Birokrasi",      "Workshop Pembangunan Zona Integritas",
    "Sosialisasi Disiplin PNS",         "Webinar Manajemen Talenta ASN",
    "Coaching Clinic Penilaian Kinerja", "Seminar Pelayanan Publik Berbasis Digital",
};
constexpr SV kSanctionReasons[] = {
    "Tidak masuk kerja tanpa alasan yang sah",
    "Tidak menaati ketentuan jam kerja",
    "Tidak mencapai target kinerja",
    "Penyalahgunaan wewenang dalam pelayanan",
    "Menerima gratifikasi",
};

std::string Provider(const Agency& a, int year) {
  switch (a.regency / 100) {
    case 12: return "BPSDM Provinsi Sumatera Utara";
    case 13: return "BPSDM Provinsi Sumatera Barat";
    case 19: return "BPSDMD Provinsi Kepulauan Bangka Belitung";
    default: break;
  }
  return (year < 2017 ? "BKD " : "BKPSDM ") + a.place;
}

std::string HrHead(const Agency& a, uint32_t date) {
  return (YearOf(date) < 2017 ? "Kepala BKD " : "Kepala BKPSDM ") + a.place;
}

uint8_t Clamp5(int v) { return static_cast<uint8_t>(std::clamp(v, 1, 5)); }

double Round1(double v) { return std::round(v * 10.0) / 10.0; }

// The post of a placement (positionAssigned, positionPromoted): `pos` (a
// Post or StaffPosition of `a`) in unit `unit` of `a`.
template <typename Builder, typename Position>
void SetPost(Builder p, const Position& pos, const Agency& a, int unit) {
  p.setPositionId(pos.id);
  p.setPositionName(pos.name);
  p.setLevel(pos.level);
  p.setAgency(a.code);
  p.setUnit(a.units[static_cast<size_t>(unit)].id);
}

const char* Roman(int rank_step) {
  return rank_step >= 9 ? "III" : rank_step >= 5 ? "II" : "I";
}

}  // namespace

Levels DrawLevels(Rng& rng, const Levels& standard, float talent) {
  Levels out;
  for (size_t i = 0; i < out.size(); ++i) {
    const double delta = (talent - 0.5) * 2.4 + 0.6 * rng.Gauss();
    out[i] = Clamp5(standard[i] + static_cast<int>(std::floor(delta + 0.5)));
  }
  return out;
}

Levels MeetingLevels(Rng& rng, const Levels& standard, float talent) {
  Levels out = DrawLevels(rng, standard, talent);
  for (size_t i = 0; i < out.size(); ++i) out[i] = std::max(out[i], standard[i]);
  return out;
}

Levels GapLevels(Rng& rng, const Levels& standard, float talent, int* gap_index) {
  Levels out = MeetingLevels(rng, standard, talent);
  int pick = static_cast<int>(rng.Below(kCompetencies));
  for (int k = 0; k < kCompetencies && standard[static_cast<size_t>(pick)] < 2; ++k) {
    pick = (pick + 1) % kCompetencies;
  }
  out[static_cast<size_t>(pick)] = Clamp5(standard[static_cast<size_t>(pick)] - 1);
  *gap_index = pick;
  return out;
}

bool Meets(const Levels& assessed, const Levels& standard) {
  for (size_t i = 0; i < assessed.size(); ++i) {
    if (assessed[i] < standard[i]) return false;
  }
  return true;
}

CareerEvents::CareerEvents(World& w, int32_t index)
    : w_(w), i_(index), e_(w.employees[static_cast<size_t>(index)]), stream_("emp/" + e_.nip) {}

schema::EventInput::Builder CareerEvents::Begin(uint32_t effective, uint32_t recorded) {
  return w_.sink->Begin(stream_, effective, std::max(recorded, e_.first_record));
}

void CareerEvents::Operator(Rng& rng, schema::EventInput::Builder in) {
  const Agency& a = w_.AgencyOf(e_);
  SetActor(in, a.code + ".op" + std::to_string(rng.Range(1, 4)), "operator kepegawaian", a.code);
}

const Levels& CareerEvents::PositionStandard() const {
  const Agency& a = w_.AgencyOf(e_);
  if (e_.post >= 0) return a.posts[static_cast<size_t>(e_.post)].standard;
  return a.staff[static_cast<size_t>(e_.staff)].standard;
}

const std::string& CareerEvents::Technical() const {
  const Agency& a = w_.AgencyOf(e_);
  return a.tops[static_cast<size_t>(a.units[static_cast<size_t>(e_.unit)].top)].technical;
}

void CareerEvents::Recruit(Rng& rng) {
  Agency& a = w_.AgencyOf(e_);
  const uint32_t rec = AddDays(e_.tmt, rng.Range(10, 45));
  const StaffPosition& pos = a.staff[static_cast<size_t>(e_.staff)];
  const Unit& unit = a.units[static_cast<size_t>(e_.unit)];
  {
    auto in = Begin(e_.tmt, rec);
    Operator(rng, in);
    SetSource(in, DecreeNumber(&a, DecreeKind::kAppointment, e_.tmt), a.PpkOn(e_.tmt).name,
              AddDays(e_.tmt, rng.Range(-20, 25)));
    auto r = in.initPayload().initRecruited();
    r.setNip(e_.nip);
    r.setNik(e_.nik);
    r.setName(e_.name);
    r.initBirthDate().setYyyymmdd(e_.birth);
    r.setGender(e_.gender);
    r.setEducation(e_.education);
    if (e_.education >= schema::EducationLevel::D1) {
      r.setEducationMajor(T(e_.major->name));
    } else if (e_.education == schema::EducationLevel::SLTA) {
      static constexpr SV kSchools[] = {"IPA", "IPS", "SMK Administrasi Perkantoran",
                                        "SMK Akuntansi"};
      r.setEducationMajor(T(kSchools[rng.Below(4)]));
    }
    r.setAgency(a.code);
    r.setUnit(unit.id);
    r.setEmploymentType(e_.pppk ? schema::EmploymentType::PPPK : schema::EmploymentType::PNS);
    if (e_.pppk) {
      r.initStartingRank().setPppkGrade(static_cast<uint8_t>(e_.rank));
    } else {
      r.initStartingRank().setGolongan(GolonganOfStep(e_.rank));
    }
    const int year = YearOf(e_.tmt);
    if (year >= 2014) {
      r.setSelectionScore(std::round(260 + 200 * e_.talent + 10 * rng.Gauss()));
    } else if (year >= 2004) {
      r.setSelectionScore(Round1(55 + 35 * e_.talent + 3 * rng.Gauss()));
    }
    r.setPositionId(pos.id);
    w_.sink->Commit();
  }
  auto in = Begin(e_.tmt, rec);
  Operator(rng, in);
  SetSource(in, DecreeNumber(&a, DecreeKind::kPosition, e_.tmt), a.PpkOn(e_.tmt).name,
            AddDays(e_.tmt, rng.Range(-20, 25)));
  SetPost(in.initPayload().initPositionAssigned(), pos, a, e_.unit);
  w_.sink->Commit();
  e_.active = true;
  e_.first_record = rec;
  e_.position_since = e_.tmt;
}

void CareerEvents::Latsar(Rng& rng) {
  const Agency& a = w_.AgencyOf(e_);
  const int year = YearOf(e_.latsar);
  auto in = Begin(e_.latsar, AddDays(e_.latsar, rng.Range(7, 30)));
  Operator(rng, in);
  const std::string provider = Provider(a, year);
  SetSource(in, "STTPP/" + std::to_string(year) + "/" + e_.nip.substr(14), "Kepala " + provider,
            e_.latsar);
  auto t = in.initPayload().initTrainingCompleted();
  t.setKind(TrainingKind::LATSAR);
  t.setName(std::string(year < 2018 ? "Diklat Prajabatan Golongan " : "Pelatihan Dasar CPNS Golongan ") +
            Roman(e_.rank));
  t.setJp(static_cast<uint16_t>(year < 2018 ? 180 : 285));
  t.setProvider(provider);
  t.initStartDate().setYyyymmdd(AddDays(e_.latsar, -rng.Range(20, 45)));
  t.initEndDate().setYyyymmdd(e_.latsar);
  w_.sink->Commit();
}

void CareerEvents::Confirm(Rng& rng) {
  Agency& a = w_.AgencyOf(e_);
  auto in = Begin(e_.confirm, AddDays(e_.confirm, rng.Range(5, 40)));
  Operator(rng, in);
  SetSource(in, DecreeNumber(&a, DecreeKind::kAppointment, e_.confirm), a.PpkOn(e_.confirm).name,
            AddDays(e_.confirm, rng.Range(-15, 20)));
  in.initPayload().initCivilServantConfirmed().setLatsarCertificate(
      "STTPP/" + std::to_string(YearOf(e_.latsar)) + "/" + e_.nip.substr(14));
  w_.sink->Commit();
}

uint64_t CareerEvents::Declare(uint32_t date, uint32_t recorded, const std::string& other_nip,
                               const std::string& other_name, schema::Relation relation) {
  const Agency& a = w_.AgencyOf(e_);
  auto in = Begin(date, recorded);
  SetActor(in, a.code + ".op1", "operator kepegawaian", a.code);
  SetSource(in, "Daftar Riwayat Hidup " + std::to_string(YearOf(date)), e_.name, date);
  auto r = in.initPayload().initRelationshipDeclared();
  if (!other_nip.empty()) r.setOtherNip(other_nip);
  r.setOtherName(other_name);
  r.setRelation(relation);
  return w_.sink->Commit();
}

void CareerEvents::DeclareRelation(Rng& rng, const Action& act) {
  const auto relation = static_cast<schema::Relation>(act.b);
  const uint32_t rec = AddDays(act.date, rng.Range(0, 10));
  if (act.a >= 0) {
    const Employee& o = w_.employees[static_cast<size_t>(act.a)];
    Declare(act.date, rec, o.nip, o.name, relation);
    return;
  }
  // A spouse who is not an ASN; now and then the name is mistyped and
  // corrected later.
  const auto other_gender =
      e_.gender == schema::Gender::MALE ? schema::Gender::FEMALE : schema::Gender::MALE;
  const std::string name = PlainName(rng, e_.ethnicity, other_gender);
  if (name.size() < 6 || !rng.Chance(0.08)) {
    Declare(act.date, rec, "", name, relation);
    return;
  }
  std::string typo = name;
  typo.erase(typo.size() / 2, 1);
  const uint32_t slot = w_.sink->NewSlot();
  {
    const Agency& a = w_.AgencyOf(e_);
    auto in = Begin(act.date, rec);
    SetActor(in, a.code + ".op1", "operator kepegawaian", a.code);
    SetSource(in, "Daftar Riwayat Hidup " + std::to_string(YearOf(act.date)), e_.name, act.date);
    auto r = in.initPayload().initRelationshipDeclared();
    r.setOtherName(typo);
    r.setRelation(relation);
    w_.sink->Commit({slot, 0});
  }
  const uint32_t fix = AddDays(rec, rng.Range(20, 200));
  const Agency& a = w_.AgencyOf(e_);
  auto in = Begin(act.date, fix);
  Operator(rng, in);
  SetSource(in, "Nota Dinas " + std::to_string(YearOf(fix)), HrHead(a, fix), fix);
  auto c = in.initPayload().initCorrected();
  auto r = c.initReplacement().initRelationshipDeclared();
  r.setOtherName(name);
  r.setRelation(relation);
  c.setReason("Perbaikan penulisan nama sesuai akta nikah");
  c.setAuthority(HrHead(a, fix));
  w_.sink->Commit({0, slot});
}

void CareerEvents::Appoint(Rng& rng, const Selection& s) {
  Agency& a = w_.region.agencies[s.agency];
  Post& post = a.posts[static_cast<size_t>(s.post)];
  const Unit& unit = a.units[static_cast<size_t>(post.unit)];
  // The appointee completed the leadership training of the post before
  // installation (PP 11/2017 as amended by PP 17/2020: an entry
  // requirement), in the year of the TMT, recorded on the day; or, when
  // entry_requirements is injected, only after it.
  if (s.late_training != 0) {
    LeadershipTraining(rng, s.late_training, post.training);
  } else if (post.training != TrainingKind::UNSPECIFIED) {
    const uint32_t done = std::max(Ymd(YearOf(s.tmt), 1, 1), AddDays(s.tmt, -rng.Range(20, 90)));
    LeadershipTraining(rng, done, post.training, done);
  }
  uint64_t n;
  {
    auto in = Begin(s.tmt, s.promoted_rec);
    SetActor(in, a.code + ".op" + std::to_string(rng.Range(1, 4)), "operator kepegawaian", a.code);
    SetSource(in, DecreeNumber(&a, DecreeKind::kPosition, s.tmt), a.PpkOn(s.decided).name,
              AddDays(s.decided, rng.Range(1, 6)));
    auto p = in.initPayload().initPositionPromoted();
    p.setSelectionId(s.id);
    SetPost(p, post, a, post.unit);
    n = w_.sink->Commit();
  }
  if (!s.violation.empty()) w_.sink->Answer(n, s.violation, stream_, s.violation_detail);
  // The new post's state.
  if (e_.post >= 0) w_.AgencyOf(e_).posts[static_cast<size_t>(e_.post)].holder = -1;
  e_.agency = s.agency;
  e_.post = s.post;
  e_.staff = -1;
  e_.unit = post.unit;
  e_.position_since = s.tmt;
  post.holder = i_;
  post.holder_since = s.tmt;
  post.selection_running = false;
  if (s.late_assessment != 0) {
    Assessment(rng, s.late_assessment, s.late_rec, MeetingLevels(rng, post.standard, e_.talent),
               a.tops[static_cast<size_t>(unit.top)].technical);
  }
}

void CareerEvents::Relieve(Rng& rng, const Selection& s) {
  Agency& a = w_.region.agencies[s.agency];
  Post& post = a.posts[static_cast<size_t>(s.post)];
  if (e_.agency != s.agency || e_.post != s.post) return;
  const TopUnit& top = a.tops[static_cast<size_t>(a.units[static_cast<size_t>(post.unit)].top)];
  const int leaf = top.leaves[rng.Below(static_cast<uint32_t>(top.leaves.size()))];
  const int staff = top.pelaksana.back();  // the S1 analyst post
  const StaffPosition& pos = a.staff[static_cast<size_t>(staff)];
  auto in = Begin(s.tmt, s.promoted_rec);
  Operator(rng, in);
  SetSource(in, DecreeNumber(&a, DecreeKind::kPosition, s.tmt), a.PpkOn(s.decided).name,
            AddDays(s.decided, rng.Range(1, 6)));
  SetPost(in.initPayload().initPositionAssigned(), pos, a, leaf);
  w_.sink->Commit();
  if (post.holder == i_) post.holder = -1;  // else the successor is installed already
  e_.post = -1;
  e_.staff = staff;
  e_.unit = leaf;
  e_.position_since = s.tmt;
}

void CareerEvents::LeadershipTraining(Rng& rng, uint32_t date, TrainingKind kind,
                                      uint32_t recorded) {
  const Agency& a = w_.AgencyOf(e_);
  e_.leadership = std::max(e_.leadership, kind);
  const int year = YearOf(date);
  std::string name;
  uint16_t jp;
  std::string provider = Provider(a, year);
  switch (kind) {
    case TrainingKind::PKP:
      name = year < 2019 ? "Diklat Kepemimpinan Tingkat IV" : "Pelatihan Kepemimpinan Pengawas";
      jp = 240;
      break;
    case TrainingKind::PKA:
      name = year < 2019 ? "Diklat Kepemimpinan Tingkat III" : "Pelatihan Kepemimpinan Administrator";
      jp = 330;
      break;
    default:
      name = year < 2019 ? "Diklat Kepemimpinan Tingkat II"
                         : "Pelatihan Kepemimpinan Nasional Tingkat II";
      jp = 420;
      provider = "Lembaga Administrasi Negara";
      break;
  }
  const uint32_t rec = AddDays(date, rng.Range(7, 30));
  auto in = Begin(date, recorded != 0 ? recorded : rec);
  Operator(rng, in);
  SetSource(in, "STTPP/" + std::to_string(year) + "/" + e_.nip.substr(12), "Kepala " + provider,
            date);
  auto t = in.initPayload().initTrainingCompleted();
  t.setKind(kind);
  t.setName(name);
  t.setJp(jp);
  t.setProvider(provider);
  t.initStartDate().setYyyymmdd(AddDays(date, -rng.Range(60, 100)));
  t.initEndDate().setYyyymmdd(date);
  w_.sink->Commit();
}

void CareerEvents::Sanction(Rng& rng, uint32_t start, schema::SanctionKind kind, uint32_t end) {
  Agency& a = w_.AgencyOf(e_);
  using K = schema::SanctionKind;
  const schema::SanctionLevel level =
      domain::SanctionLevelUnder(domain::DisciplineRegulationOn(start), kind);
  const uint32_t slot = kind == K::TEMPORARY_SUSPENSION ? w_.sink->NewSlot() : 0;
  const uint32_t rec = AddDays(start, rng.Range(3, 20));
  {
    auto in = Begin(start, rec);
    Operator(rng, in);
    SetSource(in, DecreeNumber(&a, DecreeKind::kDiscipline, start), a.PpkOn(start).name,
              AddDays(start, -rng.Range(0, 10)));
    auto s = in.initPayload().initSanctionImposed();
    s.setLevel(level);
    s.setKind(kind);
    s.initStart().setYyyymmdd(start);
    if (end != 0) s.initEnd().setYyyymmdd(end);
    s.setReason(T(kind == K::TEMPORARY_SUSPENSION ? SV("Ditahan sebagai tersangka tindak pidana")
                                                  : kSanctionReasons[rng.Below(5)]));
    w_.sink->Commit({slot, 0});
  }
  e_.sanction_start = start;
  e_.sanction_end = end;
  if (kind != K::TEMPORARY_SUSPENSION) return;
  const uint32_t lift = domain::AddMonths(start, rng.Range(3, 9));
  if (w_.EarliestLeave(e_) <= lift) return;
  auto in = Begin(lift, AddDays(lift, rng.Range(3, 15)));
  Operator(rng, in);
  SetSource(in, DecreeNumber(&a, DecreeKind::kDiscipline, lift), a.PpkOn(lift).name, lift);
  auto l = in.initPayload().initSanctionLifted();
  l.setReason("Dinyatakan tidak bersalah oleh putusan pengadilan");
  w_.sink->Commit({0, slot});
  e_.sanction_end = lift;
}

uint64_t CareerEvents::RankPromoted(Rng& rng, uint32_t tmt, int to, bool functional, int from) {
  Agency& a = w_.AgencyOf(e_);
  const uint32_t rec =
      AddDays(tmt, rng.Chance(0.05) ? rng.Range(60, 200) : rng.Range(3, 30));
  auto in = Begin(tmt, rec);
  Operator(rng, in);
  SetSource(in, DecreeNumber(&a, DecreeKind::kRank, tmt), a.PpkOn(tmt).name,
            AddDays(tmt, rng.Range(-30, 20)));
  auto p = in.initPayload().initRankPromoted();
  // A functional-post holder is promoted through credit points (PP 99/2000
  // Art. 13), never by regular promotion.
  p.setKind(functional ? schema::PromotionKind::SELECTIVE_FUNCTIONAL
                       : schema::PromotionKind::REGULAR);
  p.initFrom().setGolongan(GolonganOfStep(from != 0 ? from : e_.rank));
  p.initTo().setGolongan(GolonganOfStep(to));
  if (functional) p.setCreditPoints(e_.credit);  // earned since the last step
  return w_.sink->Commit();
}

bool CareerEvents::FunctionalStaff(int32_t staff) const {
  const Agency& a = w_.AgencyOf(e_);
  return staff >= 0 && a.staff[static_cast<size_t>(staff)].level != schema::JabatanLevel::PELAKSANA;
}

void CareerEvents::ApplyRank(uint32_t tmt, int to) {
  e_.rank = to;
  e_.rank_tmt = tmt;
  e_.credit = 0;
}

bool CareerEvents::CreditsMet(int32_t staff) const {
  if (!FunctionalStaff(staff)) return false;
  const StaffPosition& pos = w_.AgencyOf(e_).staff[static_cast<size_t>(staff)];
  const double needed =
      domain::CreditPointsForStep(GolonganOfStep(e_.rank), domain::IsExpertiseLevel(pos.level));
  return needed > 0 && e_.credit >= needed;
}

void CareerEvents::FunctionalStep(Rng& rng, uint32_t tmt) {
  Agency& a = w_.AgencyOf(e_);
  if (e_.staff < 0) return;
  int s = e_.staff;
  while (domain::GolonganStep(a.staff[static_cast<size_t>(s)].max_rank) < e_.rank &&
         a.staff[static_cast<size_t>(s)].next >= 0) {
    s = a.staff[static_cast<size_t>(s)].next;
  }
  if (s == e_.staff) return;
  const StaffPosition& pos = a.staff[static_cast<size_t>(s)];
  auto in = Begin(tmt, AddDays(tmt, rng.Range(10, 45)));
  Operator(rng, in);
  SetSource(in, DecreeNumber(&a, DecreeKind::kPosition, tmt), a.PpkOn(tmt).name,
            AddDays(tmt, rng.Range(0, 20)));
  SetPost(in.initPayload().initPositionAssigned(), pos, a, e_.unit);
  w_.sink->Commit();
  e_.staff = s;
  e_.position_since = tmt;
}

void CareerEvents::ExamPassed(Rng& rng, uint32_t date, schema::ExamKind kind) {
  Agency& a = w_.AgencyOf(e_);
  auto in = Begin(date, AddDays(date, rng.Range(5, 20)));
  Operator(rng, in);
  const bool first = kind == schema::ExamKind::UJIAN_DINAS_TINGKAT_I;
  SetSource(in, DecreeNumber(&a, DecreeKind::kTraining, date), "Kepala Kantor Regional BKN",
            AddDays(date, rng.Range(0, 10)));
  auto p = in.initPayload().initExamPassed();
  p.setKind(kind);
  p.setCertificateNo(T(std::string(first ? "UD-I/" : "UD-II/") + std::to_string(YearOf(date)) +
                       "/" + std::to_string(rng.Range(1, 9999))));
  p.setOrganiser("BKN Kantor Regional");
  w_.sink->Commit();
}

void CareerEvents::CreditPoints(Rng& rng, uint32_t date, int year, int predikat) {
  Agency& a = w_.AgencyOf(e_);
  const StaffPosition& pos = a.staff[static_cast<size_t>(e_.staff)];
  // The predikat of score 1..5 (domain::PredikatScore: 5 Sangat Baik).
  static constexpr schema::PredikatKinerja kPredikat[] = {
      schema::PredikatKinerja::UNSPECIFIED,     schema::PredikatKinerja::SANGAT_KURANG,
      schema::PredikatKinerja::KURANG,          schema::PredikatKinerja::BUTUH_PERBAIKAN,
      schema::PredikatKinerja::BAIK,            schema::PredikatKinerja::SANGAT_BAIK};
  const double points = domain::AnnualCreditCoefficient(pos.level) *
                        domain::CreditShare(kPredikat[std::clamp(predikat, 0, 5)]);
  if (points <= 0) return;
  auto in = Begin(date, AddDays(date, rng.Range(3, 20)));
  Operator(rng, in);
  SetSource(in, DecreeNumber(&a, DecreeKind::kPosition, date), a.PpkOn(date).name,
            AddDays(date, rng.Range(-5, 0)));
  auto p = in.initPayload().initCreditPointsAwarded();
  p.setPoints(points);
  p.initPeriodStart().setYyyymmdd(std::max(Ymd(year, 1, 1), e_.position_since));
  p.initPeriodEnd().setYyyymmdd(Ymd(year, 12, 31));
  p.setPositionId(T(pos.id));
  w_.sink->Commit();
  e_.credit += points;
}

void CareerEvents::Training(Rng& rng, uint32_t done, int jp) {
  const Agency& a = w_.AgencyOf(e_);
  const int year = YearOf(done);
  const bool functional =
      e_.staff >= 0 && a.staff[static_cast<size_t>(e_.staff)].level != schema::JabatanLevel::PELAKSANA;
  TrainingKind kind = jp < 20 ? TrainingKind::SEMINAR : TrainingKind::TECHNICAL;
  std::string name;
  if (kind == TrainingKind::TECHNICAL && functional && rng.Chance(0.3)) {
    kind = TrainingKind::FUNCTIONAL;
    name = "Pelatihan Fungsional " + a.staff[static_cast<size_t>(e_.staff)].name;
  } else if (kind == TrainingKind::TECHNICAL) {
    name = std::string(kTechnicalCourses[rng.Below(std::size(kTechnicalCourses))]);
  } else {
    name = std::string(kSeminars[rng.Below(std::size(kSeminars))]);
  }
  const std::string provider = rng.Chance(0.6) ? Provider(a, year)
                                                : (year < 2017 ? "BKD " : "BKPSDM ") + a.place;
  const uint32_t rec = AddDays(done, rng.Range(3, 21));
  const uint32_t start = AddDays(done, -std::max(0, jp / 8 - 1));
  auto fill = [&](schema::TrainingCompleted::Builder t, uint16_t hours) {
    t.setKind(kind);
    t.setName(name);
    t.setJp(hours);
    t.setProvider(provider);
    t.initStartDate().setYyyymmdd(start);
    t.initEndDate().setYyyymmdd(done);
  };
  auto envelope = [&](schema::EventInput::Builder in) {
    Operator(rng, in);
    SetSource(in, "SRT/" + std::to_string(rng.Range(100, 9999)) + "/" + std::to_string(year),
              "Kepala " + provider, done);
  };
  // Now and then the JP are mistyped (corrected later), or the certificate
  // is entered twice (the duplicate is retracted).
  const double r = rng.Unit();
  const bool typo = r < 0.004 && jp < 100;
  const bool duplicate = !typo && r < 0.008;
  const uint32_t slot = typo || duplicate ? w_.sink->NewSlot() : 0;
  {
    auto in = Begin(done, rec);
    envelope(in);
    fill(in.initPayload().initTrainingCompleted(), static_cast<uint16_t>(typo ? jp * 10 : jp));
    w_.sink->Commit({duplicate ? 0u : slot, 0});
  }
  if (duplicate) {
    auto in = Begin(done, AddDays(rec, rng.Range(1, 5)));
    envelope(in);
    fill(in.initPayload().initTrainingCompleted(), static_cast<uint16_t>(jp));
    w_.sink->Commit({slot, 0});
  }
  if (slot == 0) return;
  const uint32_t fix = AddDays(rec, rng.Range(15, 120));
  auto in = Begin(done, fix);
  Operator(rng, in);
  SetSource(in, "Nota Dinas " + std::to_string(YearOf(fix)), HrHead(a, fix), fix);
  if (typo) {
    auto c = in.initPayload().initCorrected();
    fill(c.initReplacement().initTrainingCompleted(), static_cast<uint16_t>(jp));
    c.setReason("Perbaikan jumlah JP sesuai sertifikat");
    c.setAuthority(HrHead(a, fix));
  } else {
    auto x = in.initPayload().initRetracted();
    x.setReason("Duplikasi input data pelatihan");
    x.setAuthority(HrHead(a, fix));
  }
  w_.sink->Commit({0, slot});
}

uint64_t CareerEvents::Assessment(Rng& rng, uint32_t date, uint32_t recorded,
                                  const Levels& levels, std::string_view technical) {
  Agency& a = w_.AgencyOf(e_);
  const int year = YearOf(date);
  if (recorded == 0) recorded = AddDays(date, rng.Range(3, 12));
  auto in = Begin(date, recorded);
  Operator(rng, in);
  const std::string assessor = year >= 2018 ? "UPT Penilaian Kompetensi BKPSDM " + a.place
                                            : std::string("Kantor Regional BKN");
  SetSource(in, "LHA/" + std::to_string(rng.Range(100, 9999)) + "/" + std::to_string(year),
            assessor, recorded);
  auto c = in.initPayload().initCompetencyAssessed();
  FillCompetencies(c.initLevels(kCompetencies), levels, technical);
  const double score = std::clamp(Round1(35 + 60 * e_.talent + 4 * rng.Gauss()), 0.0, 100.0);
  c.setPotentialScore(score);
  c.setPotential(score < 55   ? schema::PotentialLevel::LOW
                 : score < 75 ? schema::PotentialLevel::MEDIUM
                              : schema::PotentialLevel::HIGH);
  c.setAssessor(assessor);
  c.setMethod(rng.Chance(0.7) ? "assessment center" : "uji kompetensi");
  e_.assessed = levels;
  e_.assessed_on = date;
  return w_.sink->Commit();
}

void CareerEvents::Assess(Rng& rng, uint32_t date) {
  Assessment(rng, date, 0, DrawLevels(rng, PositionStandard(), e_.talent), Technical());
}

void CareerEvents::Mentored(Rng& rng, uint32_t start, int32_t mentor) {
  const Employee& m = w_.employees[static_cast<size_t>(mentor)];
  auto in = Begin(start, AddDays(start, rng.Range(5, 20)));
  Operator(rng, in);
  SetSource(in, "Nota Dinas " + std::to_string(YearOf(start)), m.name, start);
  auto p = in.initPayload().initMentoringRecorded();
  p.setMentorNip(m.nip);
  p.setMenteeNip(e_.nip);
  p.initPeriodStart().setYyyymmdd(start);
  p.initPeriodEnd().setYyyymmdd(AddDays(domain::AddMonths(start, rng.Range(6, 12)), -1));
  p.setTopic(rng.Chance(0.5) ? "Orientasi tugas dan budaya kerja"
                              : "Pendampingan aktualisasi nilai dasar ASN");
  w_.sink->Commit();
}

void CareerEvents::Transfer(Rng& rng, uint32_t date, bool other_agency) {
  const Agency& from = w_.AgencyOf(e_);
  const std::string from_agency = from.code;
  const std::string from_unit = from.units[static_cast<size_t>(e_.unit)].id;
  const int from_top = from.units[static_cast<size_t>(e_.unit)].top;
  const schema::JabatanLevel level = from.staff[static_cast<size_t>(e_.staff)].level;
  uint8_t to_index = e_.agency;
  if (other_agency) {
    to_index = static_cast<uint8_t>((e_.agency + 1 + rng.Below(static_cast<uint32_t>(
                                         w_.region.agencies.size() - 1))) %
                                    w_.region.agencies.size());
  }
  Agency& to = w_.region.agencies[to_index];
  if (to.OrgDate() > date) return;  // not created yet
  int top = static_cast<int>(rng.Below(static_cast<uint32_t>(to.tops.size())));
  if (!other_agency && top == from_top) top = (top + 1) % static_cast<int>(to.tops.size());
  const TopUnit& t = to.tops[static_cast<size_t>(top)];
  const int leaf = t.leaves[rng.Below(static_cast<uint32_t>(t.leaves.size()))];
  // The same kind of position in the new unit: its functional family at
  // the jenjang the rank fits, or the pelaksana post of the same rung.
  int staff = -1;
  const bool expertise = level == schema::JabatanLevel::AHLI_PERTAMA ||
                         level == schema::JabatanLevel::AHLI_MUDA ||
                         level == schema::JabatanLevel::AHLI_MADYA;
  const bool skills = level == schema::JabatanLevel::TERAMPIL ||
                      level == schema::JabatanLevel::MAHIR || level == schema::JabatanLevel::PENYELIA;
  // Only a graduate of a major that fits the new unit's family keeps a
  // functional post; anyone else becomes a pelaksana there.
  const int entry = expertise && t.Fits(true, e_.major)   ? t.ahli_entry
                    : skills && t.Fits(false, e_.major) ? t.terampil_entry
                                                        : -1;
  if (entry >= 0) {
    staff = entry;
    while (to.staff[static_cast<size_t>(staff)].level != level &&
           to.staff[static_cast<size_t>(staff)].next >= 0) {
      staff = to.staff[static_cast<size_t>(staff)].next;
    }
  } else {
    const auto& old_list = from.tops[static_cast<size_t>(from_top)].pelaksana;
    size_t rung = 0;
    for (size_t k = 0; k < old_list.size(); ++k) {
      if (old_list[k] == e_.staff) rung = k;
    }
    if (expertise) rung = 4;
    if (skills) rung = 3;
    staff = t.pelaksana[rung];
  }
  const StaffPosition& pos = to.staff[static_cast<size_t>(staff)];
  auto in = Begin(date, AddDays(date, rng.Range(5, 30)));
  SetActor(in, to.code + ".op" + std::to_string(rng.Range(1, 4)), "operator kepegawaian", to.code);
  SetSource(in, DecreeNumber(&to, DecreeKind::kTransfer, date), to.PpkOn(date).name,
            AddDays(date, -rng.Range(0, 20)));
  auto p = in.initPayload().initTransferred();
  p.setFromAgency(from_agency);
  p.setFromUnit(from_unit);
  p.setToAgency(to.code);
  p.setToUnit(to.units[static_cast<size_t>(leaf)].id);
  p.setPositionId(pos.id);
  p.setPositionName(pos.name);
  p.setLevel(pos.level);
  static constexpr SV kReasons[] = {"Penyegaran organisasi", "Kebutuhan organisasi",
                                    "Atas permintaan sendiri"};
  p.setReason(T(other_agency ? SV("Mutasi antar instansi atas permintaan sendiri")
                             : kReasons[rng.Below(3)]));
  w_.sink->Commit();
  e_.agency = to_index;
  e_.unit = leaf;
  e_.staff = staff;
  e_.position_since = date;
}

void CareerEvents::Separate(Rng& rng, uint32_t date, schema::SeparationReason reason) {
  Agency& a = w_.AgencyOf(e_);
  auto in = Begin(date, AddDays(date, rng.Range(5, 40)));
  Operator(rng, in);
  const bool pension = reason == schema::SeparationReason::RETIREMENT;
  SetSource(in, DecreeNumber(&a, pension ? DecreeKind::kPension : DecreeKind::kAppointment, date),
            a.PpkOn(date).name, AddDays(date, -rng.Range(10, 60)));
  auto s = in.initPayload().initSeparated();
  s.setReason(reason);
  switch (reason) {
    case schema::SeparationReason::RETIREMENT: s.setNote("Mencapai batas usia pensiun"); break;
    case schema::SeparationReason::DEATH: s.setNote("Meninggal dunia"); break;
    case schema::SeparationReason::RESIGNATION: s.setNote("Berhenti atas permintaan sendiri"); break;
    case schema::SeparationReason::CONTRACT_ENDED: s.setNote("Masa perjanjian kerja berakhir"); break;
    case schema::SeparationReason::DISMISSAL:
      s.setNote("Diberhentikan tidak dengan hormat sebagai PNS");
      break;
    default: break;
  }
  w_.sink->Commit();
  if (e_.post >= 0) a.posts[static_cast<size_t>(e_.post)].holder = -1;
  e_.post = -1;
  e_.active = false;
  e_.separated = true;
}

}  // namespace jejak::gen
