// Ledger::ProfileAsOf and Ledger::Profile read from the projection (copied
// employee events, stored and cached position definitions): the same
// answers as the folds of the log, around corrections and retractions
// known before and after the cut, in the employee's stream and in the
// agency's.
#include <rocksdb/db.h>

#include <string>
#include <vector>

#include "jejak/projection/profile_view.h"
#include "ledger/ledger_fixture.h"
#include "projection/career_events.h"
#include "projection/event_builder.h"
#include "projection/generation.h"
#include "projection/keys.h"
#include "projection/projector.h"
#include "projection/state_codec.h"

namespace jejak::testing {
namespace {

namespace s = ::jejak::schema;
using projection::Cut;
using projection::testing::GenOptions;
using projection::testing::LedgerGen;
using projection::testing::MakeEvent;

constexpr const char* kAgency = "kemenkeu";
constexpr const char* kOrg = "org/kemenkeu";
constexpr const char* kPosition = "pel-1";
const std::string kNip = projection::testing::kNip;
const std::string kEmp = projection::testing::kStream;

class LedgerAsOfTest : public LedgerFixture {
 protected:
  uint64_t Append(const std::string& stream, uint32_t effective,
                  const std::function<void(s::Payload::Builder)>& fill) {
    store::NewEvent e = MakeEvent(stream, "t" + std::to_string(++ids_), effective);
    fill(e.builder().initPayload());
    auto r = ledger_->store().Append(stream, store::ExpectedVersion::Any(), std::span(&e, 1));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->last_position : 0;
  }
  static void Define(s::Payload::Builder p, const std::string& name) {
    auto d = p.initPositionDefined();
    d.setPositionId(kPosition);
    d.setName(name);
    d.setLevel(s::JabatanLevel::PELAKSANA);
    d.setUnitId("u1");
  }
  uint64_t Correct(const std::string& stream, uint64_t target, uint32_t effective,
                   const std::function<void(s::Payload::Builder)>& replacement) {
    return Append(stream, effective, [&](s::Payload::Builder p) {
      auto c = p.initCorrected();
      c.setTarget(target);
      c.setReason("salah ketik");
      c.setAuthority("Kepala BKD");
      replacement(c.initReplacement());
    });
  }
  uint64_t Retract(const std::string& stream, uint64_t target) {
    return Append(stream, 20250101, [&](s::Payload::Builder p) {
      auto r = p.initRetracted();
      r.setTarget(target);
      r.setReason("keliru");
      r.setAuthority("Kepala BKD");
    });
  }
  // The name of the employee's position in force on `valid` as known at
  // `known` ("" when none), through the ledger; EXPECTs the fold of the
  // log to give the same profile and definition.
  std::string PositionNameAsOf(uint64_t known, uint32_t valid) {
    const Cut cut{known, valid};
    auto rec = ledger_->ProfileAsOf(kNip, cut);
    auto fold = projection::ProfileAsOf(ledger_->store(), kNip, cut);
    EXPECT_TRUE(rec.ok()) << rec.status().ToString();
    EXPECT_TRUE(fold.ok()) << fold.status().ToString();
    if (!rec.ok() || !fold.ok()) return "?";
    EXPECT_EQ(projection::EncodeProfile(rec->state), projection::EncodeProfile(fold->state));
    EXPECT_EQ(rec->position, fold->position) << "known at " << known << ", valid " << valid;
    if (!rec->position) return "";
    const projection::PositionVersion* v = rec->position->InForce(valid);
    return v == nullptr ? "" : v->name;
  }
  // Whether the projection answers the employee part of the cut itself.
  bool AnsweredFromCopies(uint64_t known) {
    auto copied = ledger_->projector().EmployeeAsOf(kNip, Cut{known, UINT32_MAX});
    EXPECT_TRUE(copied.ok()) << copied.status().ToString();
    return copied.ok() && copied->has_value();
  }
  int ids_ = 0;
};

// A positionDefined corrected and a later version retracted in the agency's
// stream: a cut before each amendment sees the definition as it was
// recorded, a cut after it sees the amendment; the same after a rebuild.
TEST_F(LedgerAsOfTest, OrgCorrectionsAndRetractionsCountOnlyWhenKnownAtTheCut) {
  const uint64_t defined = Append(kOrg, 20150101, [](auto p) { Define(p, "Pengadministrasi"); });
  const uint64_t recruited = Append(kEmp, 20150301, [](auto p) {
    projection::testing::FillRecruited(p, kNip, s::EducationLevel::S1, s::Golongan::IIIA, kAgency);
  });
  const uint64_t corrected = Correct(kOrg, defined, 20150101, [](auto p) { Define(p, "Pengolah Data"); });
  const uint64_t redefined = Append(kOrg, 20200101, [](auto p) { Define(p, "Analis"); });
  const uint64_t retracted = Retract(kOrg, redefined);
  ASSERT_TRUE(ledger_->CatchUp().ok());

  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE(round == 0 ? "caught up" : "rebuilt");
    EXPECT_EQ(PositionNameAsOf(recruited, UINT32_MAX), "Pengadministrasi");
    EXPECT_EQ(PositionNameAsOf(corrected - 1, UINT32_MAX), "Pengadministrasi");
    EXPECT_EQ(PositionNameAsOf(corrected, UINT32_MAX), "Pengolah Data");
    EXPECT_EQ(PositionNameAsOf(redefined, 20210101), "Analis");
    EXPECT_EQ(PositionNameAsOf(redefined, 20190101), "Pengolah Data");
    EXPECT_EQ(PositionNameAsOf(retracted - 1, 20210101), "Analis");
    EXPECT_EQ(PositionNameAsOf(retracted, 20210101), "Pengolah Data");
    EXPECT_EQ(PositionNameAsOf(UINT64_MAX, 20210101), "Pengolah Data");
    for (uint64_t known : {recruited, corrected, retracted}) {
      EXPECT_TRUE(AnsweredFromCopies(known)) << known;
    }
    EXPECT_FALSE(AnsweredFromCopies(defined));  // the employee's first event is later
    ASSERT_TRUE(ledger_->Rebuild().ok());
  }
}

// The employee's own corrections and retractions, each side of the cut.
TEST_F(LedgerAsOfTest, EmployeeCorrectionsAndRetractionsCountOnlyWhenKnownAtTheCut) {
  Append(kOrg, 20150101, [](auto p) { Define(p, "Pengadministrasi"); });
  Append(kEmp, 20150301, [](auto p) {
    projection::testing::FillRecruited(p, kNip, s::EducationLevel::S1, s::Golongan::IIIA, kAgency);
  });
  auto rate = [](s::PredikatKinerja predikat) {
    return [predikat](s::Payload::Builder p) {
      auto r = p.initPerformanceRated();
      r.setYear(2018);
      r.setWorkResult(s::Rating::MEETS);
      r.setBehaviour(s::Rating::MEETS);
      r.setPredikat(predikat);
    };
  };
  const uint64_t rated = Append(kEmp, 20181231, rate(s::PredikatKinerja::BUTUH_PERBAIKAN));
  const uint64_t fixed = Correct(kEmp, rated, 20181231, rate(s::PredikatKinerja::BAIK));
  const uint64_t dropped = Retract(kEmp, rated);
  ASSERT_TRUE(ledger_->CatchUp().ok());
  auto predikat = [&](uint64_t known) {
    auto rec = ledger_->ProfileAsOf(kNip, Cut{known, UINT32_MAX});
    auto fold = projection::ProfileAsOf(ledger_->store(), kNip, Cut{known, UINT32_MAX});
    EXPECT_TRUE(rec.ok() && fold.ok());
    if (!rec.ok() || !fold.ok()) return s::PredikatKinerja::UNSPECIFIED;
    EXPECT_TRUE(rec->state == fold->state) << "known at " << known;
    EXPECT_TRUE(AnsweredFromCopies(known));
    return rec->state.ratings.empty() ? s::PredikatKinerja::UNSPECIFIED
                                      : rec->state.ratings.back().predikat;
  };
  EXPECT_EQ(predikat(rated), s::PredikatKinerja::BUTUH_PERBAIKAN);
  EXPECT_EQ(predikat(fixed - 1), s::PredikatKinerja::BUTUH_PERBAIKAN);
  EXPECT_EQ(predikat(fixed), s::PredikatKinerja::BAIK);
  EXPECT_EQ(predikat(dropped), s::PredikatKinerja::UNSPECIFIED);
}

// Random ledgers with amendments: every cut along the log gives the same
// reconstruction from the projection as from the log.
TEST_F(LedgerAsOfTest, EveryCutFromCopiesEqualsTheLogFold) {
  GenOptions o;
  o.employees = 12;
  o.amendment_percent = 15;
  LedgerGen gen(o);
  ASSERT_TRUE(gen.Run(ledger_->store(), 400, [&](uint64_t) { (void)ledger_->CatchUp(); }).ok());
  ASSERT_TRUE(ledger_->CatchUp().ok());
  const uint64_t head = ledger_->Head().position;
  int answered = 0;
  for (uint64_t known = 1; known <= head + 1; known += 3) {
    for (uint32_t valid : {20100101u, 20200101u, UINT32_MAX}) {
      for (const auto& nip : gen.Nips()) {
        const Cut cut{known, valid};
        auto fast = ledger_->ProfileAsOf(nip, cut);
        auto fold = projection::ProfileAsOf(ledger_->store(), nip, cut);
        ASSERT_EQ(fast.ok(), fold.ok()) << nip << " at " << known;
        if (!fast.ok()) {
          EXPECT_EQ(fast.status().code(), fold.status().code());
          continue;
        }
        EXPECT_TRUE(fast->state == fold->state) << nip << " at " << known << " valid " << valid;
        EXPECT_EQ(fast->position, fold->position) << nip << " at " << known;
        EXPECT_EQ(fast->known_position, fold->known_position);
        auto copied = ledger_->projector().EmployeeAsOf(nip, cut);
        ASSERT_TRUE(copied.ok());
        answered += copied->has_value() ? 1 : 0;
      }
    }
  }
  EXPECT_GT(answered, 1000);
}

// A profile read after an org correction shows the corrected definition
// (the cached one of the earlier read is not used again).
TEST_F(LedgerAsOfTest, ProfileReadsSeeADefinitionCorrectedAfterAnEarlierRead) {
  const uint64_t defined = Append(kOrg, 20150101, [](auto p) { Define(p, "Pengadministrasi"); });
  Append(kEmp, 20150301, [](auto p) {
    projection::testing::FillRecruited(p, kNip, s::EducationLevel::S1, s::Golongan::IIIA, kAgency);
  });
  auto name = [&] {
    auto rec = ledger_->Profile(kNip);
    EXPECT_TRUE(rec.ok()) << rec.status().ToString();
    return rec.ok() && rec->position ? rec->position->InForce(UINT32_MAX)->name : std::string();
  };
  EXPECT_EQ(name(), "Pengadministrasi");
  EXPECT_EQ(name(), "Pengadministrasi");
  Correct(kOrg, defined, 20150101, [](auto p) { Define(p, "Pengolah Data"); });
  EXPECT_EQ(name(), "Pengolah Data");
  ASSERT_TRUE(ledger_->Rebuild().ok());
  EXPECT_EQ(name(), "Pengolah Data");
  Append(kOrg, 20160101, [](auto p) { Define(p, "Analis"); });
  EXPECT_EQ(name(), "Analis");
}

// A damaged or misplaced copy is Corruption naming its position, not a
// different career.
TEST_F(LedgerAsOfTest, ADamagedCopyIsCorruption) {
  Append(kOrg, 20150101, [](auto p) { Define(p, "Pengadministrasi"); });
  const uint64_t recruited = Append(kEmp, 20150301, [](auto p) {
    projection::testing::FillRecruited(p, kNip, s::EducationLevel::S1, s::Golongan::IIIA, kAgency);
  });
  const uint64_t confirmed = Append(kEmp, 20160301, [](auto p) {
    p.initCivilServantConfirmed().setLatsarCertificate("L");
  });
  ASSERT_TRUE(ledger_->CatchUp().ok());
  auto gen = ledger_->projector().Pin();
  rocksdb::DB* db = gen->db();
  const std::string first = projection::keys::CareerEvent(kNip, recruited);
  const std::string second = projection::keys::CareerEvent(kNip, confirmed);
  std::string value;
  ASSERT_TRUE(db->Get(rocksdb::ReadOptions(), gen->family(), first, &value).ok());
  const std::string original = value;
  for (const std::string& bad : {std::string(), std::string("\x01", 1), original.substr(0, 9),
                                 std::string(1, '\xC1') + std::string(24, '\xff')}) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), gen->family(), first, bad).ok());
    auto rec = ledger_->ProfileAsOf(kNip, Cut{});
    EXPECT_TRUE(rec.status().IsCorruption()) << rec.status().ToString();
  }
  // The first copy planted under the second's key.
  ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), gen->family(), first, original).ok());
  ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), gen->family(), second, original).ok());
  auto rec = ledger_->ProfileAsOf(kNip, Cut{});
  ASSERT_TRUE(rec.status().IsCorruption()) << rec.status().ToString();
  EXPECT_NE(rec.status().ToString().find(std::to_string(confirmed)), std::string::npos);
}

// A generation an older version folded (no copies kept) is read from the
// log, with the same answers.
TEST_F(LedgerAsOfTest, AGenerationWithoutCopiesIsReadFromTheLog) {
  GenOptions o;
  o.employees = 8;
  LedgerGen gen(o);
  ASSERT_TRUE(gen.Run(ledger_->store(), 200).ok());
  ASSERT_TRUE(ledger_->CatchUp().ok());
  {
    auto pinned = ledger_->projector().Pin();
    const std::string older(1, static_cast<char>(projection::keys::kFeatureAmendments));
    ASSERT_TRUE(pinned->db()
                    ->Put(rocksdb::WriteOptions(), pinned->family(), projection::keys::Features(),
                          older)
                    .ok());
  }
  Reopen();
  EXPECT_FALSE(ledger_->projector().Pin()->Has(projection::keys::kFeatureCareerEvents));
  for (const auto& nip : gen.Nips()) {
    const Cut cut{ledger_->Head().position / 2, UINT32_MAX};
    auto copied = ledger_->projector().EmployeeAsOf(nip, cut);
    ASSERT_TRUE(copied.ok());
    EXPECT_FALSE(copied->has_value());
    auto fast = ledger_->ProfileAsOf(nip, cut);
    auto fold = projection::ProfileAsOf(ledger_->store(), nip, cut);
    ASSERT_EQ(fast.ok(), fold.ok());
    if (fast.ok()) {
      EXPECT_TRUE(fast->state == fold->state);
    }
  }
  ASSERT_TRUE(ledger_->Rebuild().ok());
  EXPECT_TRUE(ledger_->projector().Pin()->Has(projection::keys::kFeatureCareerEvents));
}

}  // namespace
}  // namespace jejak::testing
