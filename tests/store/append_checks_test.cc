// The stateful checks the writer makes against the ledger's state.
#include <gtest/gtest.h>

#include "jejak/store/event_store.h"
#include "store/test_events.h"

namespace jejak::store {
namespace {

using testing::EmpStream;
using testing::Nip;

class AppendChecksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::OpenOrDie(testing::TestOptions(), dir_.ledger());
    ASSERT_NE(store_, nullptr);
  }

  Result<AppendResult> AppendOne(const std::string& stream, NewEvent event) {
    std::vector<NewEvent> events;
    events.push_back(std::move(event));
    return store_->Append(stream, ExpectedVersion::Any(), events);
  }

  // Recruits employee `serial` with `ratings` ratings; returns positions.
  std::vector<uint64_t> Hire(int serial, int ratings) {
    auto events = testing::EmployeeHistory("e" + std::to_string(serial), serial, ratings);
    auto r = store_->Append(EmpStream(serial), ExpectedVersion::NoStream(), events);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->positions : std::vector<uint64_t>{};
  }

  void ExpectRejected(const Result<AppendResult>& r, const std::string& fragment) {
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.status().IsInvalidArgument()) << r.status().ToString();
    EXPECT_NE(r.status().message().find(fragment), std::string::npos)
        << r.status().message();
  }

  testing::TempDir dir_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(AppendChecksTest, EmployeeEventBeforeRecruitmentIsRejected) {
  auto r = AppendOne(EmpStream(1), testing::PerformanceRated("x", 2016));
  ExpectRejected(r, "employee never recruited");
  EXPECT_NE(r.status().message().find(EmpStream(1)), std::string::npos);
  EXPECT_EQ(store_->GetHead().position, 0u);
  EXPECT_TRUE(store_->GetStreamInfo(EmpStream(1)).status().IsNotFound());
}

TEST_F(AppendChecksTest, RecruitedOnlyAsFirstEvent) {
  Hire(1, 1);
  ExpectRejected(AppendOne(EmpStream(1), testing::Recruited("again", Nip(1))),
                 "only allowed as version 1");
}

TEST_F(AppendChecksTest, SelectionEventBeforeOpeningIsRejected) {
  NewEvent reg;
  testing::FillEnvelope(reg.builder(), "c1");
  auto c = reg.builder().initPayload().initCandidateRegistered();
  c.setNip(Nip(1));
  c.setName("Siti");
  ExpectRejected(AppendOne("sel/2022-kabid", std::move(reg)), "selection never opened");
  ASSERT_TRUE(AppendOne("sel/2022-kabid", testing::SelectionOpened("s1")).ok());
}

TEST_F(AppendChecksTest, CorrectionNamingEventOfOtherStreamIsRejected) {
  const auto one = Hire(1, 1);
  Hire(2, 1);
  ExpectRejected(AppendOne(EmpStream(2), testing::CorrectedRating("fix", one[1], 2016)),
                 "belongs to stream " + EmpStream(1));
}

TEST_F(AppendChecksTest, CorrectionOfOtherKindIsRejected) {
  const auto p = Hire(1, 1);
  // Target is the `recruited` at p[0]; the replacement is a rating.
  auto r = AppendOne(EmpStream(1), testing::CorrectedRating("fix", p[0], 2016));
  ExpectRejected(r, "replacement: is performanceRated");
  EXPECT_NE(r.status().message().find("is recruited"), std::string::npos);
  // The same kind is accepted.
  auto ok = AppendOne(EmpStream(1), testing::CorrectedRating("fix", p[1], 2016));
  EXPECT_TRUE(ok.ok()) << ok.status().ToString();
}

TEST_F(AppendChecksTest, CorrectionOfMissingPositionIsRejected) {
  Hire(1, 1);
  ExpectRejected(AppendOne(EmpStream(1), testing::CorrectedRating("fix", 99, 2016)),
                 "position 99 does not exist");
}

TEST_F(AppendChecksTest, RetractionOfRetractionIsAcceptedCorrectionOfRetractionIsNot) {
  // A retracted retraction restores its target (docs/audit.md); a
  // retraction has nothing to correct.
  const auto p = Hire(1, 1);
  auto r = AppendOne(EmpStream(1), testing::Retracted("r1", p[1]));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ExpectRejected(AppendOne(EmpStream(1), testing::CorrectedRating("c1", r->positions[0], 2016)),
                 "is a retraction, which cannot be corrected");
  auto rr = AppendOne(EmpStream(1), testing::Retracted("r2", r->positions[0]));
  ASSERT_TRUE(rr.ok()) << rr.status().ToString();
  // And that one may be retracted in turn.
  auto rrr = AppendOne(EmpStream(1), testing::Retracted("r3", rr->positions[0]));
  EXPECT_TRUE(rrr.ok()) << rrr.status().ToString();
}

// ---------------------------------------------------------------- rank scales

NewEvent PppkRecruited(std::string_view event_id, std::string_view nip) {
  NewEvent e = testing::Recruited(event_id, nip);
  auto r = e.builder().getPayload().getRecruited();
  r.setEmploymentType(schema::EmploymentType::PPPK);
  r.initStartingRank().setPppkGrade(9);
  return e;
}

void SetRank(schema::Rank::Builder rank, int value) {
  // Negative: a PPPK grade; positive: a golongan; 0: left out.
  if (value < 0) rank.setPppkGrade(static_cast<uint8_t>(-value));
  if (value > 0) rank.setGolongan(static_cast<schema::Golongan>(value));
}

// A rankPromoted `from` -> `to` (see SetRank).
NewEvent RankPromoted(std::string_view event_id, int from, int to) {
  NewEvent e;
  auto in = e.builder();
  testing::FillEnvelope(in, event_id, 20190401);
  auto r = in.initPayload().initRankPromoted();
  r.setKind(schema::PromotionKind::REGULAR);
  SetRank(r.initFrom(), from);
  SetRank(r.initTo(), to);
  return e;
}

constexpr int kIIIa = static_cast<int>(schema::Golongan::IIIA);
constexpr int kIIIb = static_cast<int>(schema::Golongan::IIIB);

TEST_F(AppendChecksTest, GolonganPromotionOfPppkEmployeeIsRejected) {
  ASSERT_TRUE(AppendOne(EmpStream(1), PppkRecruited("p0", Nip(1))).ok());
  auto r = AppendOne(EmpStream(1), RankPromoted("p1", kIIIa, kIIIb));
  ExpectRejected(r, "event 0: payload.rankPromoted: a golongan rank for an employee "
                    "recruited as pppk (the recruited at position 1)");
  // Without `from` too: the decree's `to` alone decides.
  ExpectRejected(AppendOne(EmpStream(1), RankPromoted("p1", 0, kIIIb)), "recruited as pppk");
  auto ok = AppendOne(EmpStream(1), RankPromoted("p1", -9, -10));
  EXPECT_TRUE(ok.ok()) << ok.status().ToString();
}

TEST_F(AppendChecksTest, PppkGradePromotionOfPnsEmployeeIsRejected) {
  Hire(1, 0);
  ExpectRejected(AppendOne(EmpStream(1), RankPromoted("p1", -9, -10)),
                 "a pppkGrade rank for an employee recruited as pns");
  ExpectRejected(AppendOne(EmpStream(1), RankPromoted("p1", 0, -10)), "recruited as pns");
  auto ok = AppendOne(EmpStream(1), RankPromoted("p1", kIIIa, kIIIb));
  EXPECT_TRUE(ok.ok()) << ok.status().ToString();
}

TEST_F(AppendChecksTest, PromotionWhoseFromAndToAreOnDifferentScalesIsRejected) {
  Hire(1, 0);
  ExpectRejected(AppendOne(EmpStream(1), RankPromoted("p1", kIIIa, -10)), "different scale");
}

TEST_F(AppendChecksTest, RankScaleIsCheckedAgainstRecruitedEarlierInTheSameCall) {
  // The recruited is pending in the same part, and in another part of the
  // same call; the bad event's index is its submission index.
  std::vector<NewEvent> events;
  events.push_back(PppkRecruited("a0", Nip(1)));
  events.push_back(RankPromoted("a1", -9, -10));
  events.push_back(RankPromoted("a2", -10, kIIIb));
  ExpectRejected(store_->Append(EmpStream(1), ExpectedVersion::NoStream(), events),
                 "event 2: payload.rankPromoted");
  events.pop_back();
  std::vector<NewEvent> other;
  other.push_back(RankPromoted("b1", kIIIa, kIIIb));
  StreamAppend parts[] = {{EmpStream(1), ExpectedVersion::NoStream(), events},
                          {EmpStream(1), ExpectedVersion::Any(), other}};
  auto r = store_->Append(parts);
  ExpectRejected(r, "event 2: payload.rankPromoted: a golongan rank for an employee recruited "
                    "as pppk");
  auto ok = store_->Append(EmpStream(1), ExpectedVersion::NoStream(), events);
  EXPECT_TRUE(ok.ok()) << ok.status().ToString();
}

TEST_F(AppendChecksTest, CorrectionToARankOfTheOtherScaleIsRejected) {
  ASSERT_TRUE(AppendOne(EmpStream(1), PppkRecruited("p0", Nip(1))).ok());
  auto promoted = AppendOne(EmpStream(1), RankPromoted("p1", -9, -10));
  ASSERT_TRUE(promoted.ok()) << promoted.status().ToString();
  auto correction = [&](int from, int to) {
    NewEvent e;
    auto in = e.builder();
    testing::FillEnvelope(in, "p2", 20190401);
    auto c = in.initPayload().initCorrected();
    c.setTarget(promoted->positions[0]);
    c.setReason("wrong grade typed");
    c.setAuthority("Kepala BKD");
    c.setReplacement(RankPromoted("unused", from, to).reader().getPayload());
    return e;
  };
  ExpectRejected(AppendOne(EmpStream(1), correction(kIIIa, kIIIb)),
                 "payload.corrected.replacement.rankPromoted: a golongan rank for an employee "
                 "recruited as pppk");
  auto ok = AppendOne(EmpStream(1), correction(-9, -11));
  EXPECT_TRUE(ok.ok()) << ok.status().ToString();
}

TEST_F(AppendChecksTest, CorrectionOfRecruitedCannotChangeTheEmploymentType) {
  Hire(1, 0);
  auto correction = [&](NewEvent replacement) {
    NewEvent e;
    auto in = e.builder();
    testing::FillEnvelope(in, "fix", 20150301);
    auto c = in.initPayload().initCorrected();
    c.setTarget(1);
    c.setReason("wrong type");
    c.setAuthority("Kepala BKD");
    c.setReplacement(replacement.reader().getPayload());
    return e;
  };
  ExpectRejected(AppendOne(EmpStream(1), correction(PppkRecruited("x", Nip(1)))),
                 "employmentType: is pppk, the recruited at position 1 is pns");
  auto same = testing::Recruited("x", Nip(1));
  same.builder().getPayload().getRecruited().setName("Siti Rahmawati Putri");
  auto ok = AppendOne(EmpStream(1), correction(std::move(same)));
  EXPECT_TRUE(ok.ok()) << ok.status().ToString();
}

TEST_F(AppendChecksTest, CorrectionOfEventEarlierInSameRequestIsAccepted) {
  auto events = testing::EmployeeHistory("a", 1, 1);  // positions 1, 2
  events.push_back(testing::CorrectedRating("a-fix", 2, 2016));
  events.push_back(testing::CorrectedRating("a-bad", 5, 2016));  // itself / later
  auto bad = store_->Append(EmpStream(1), ExpectedVersion::Any(), events);
  ExpectRejected(bad, "event 3");
  events.pop_back();
  auto r = store_->Append(EmpStream(1), ExpectedVersion::Any(), events);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->positions, (std::vector<uint64_t>{1, 2, 3}));
}

TEST_F(AppendChecksTest, SanctionLiftedMustNameSanctionImposed) {
  const auto p = Hire(1, 1);
  ExpectRejected(AppendOne(EmpStream(1), testing::SanctionLifted("l0", p[1])),
                 "not sanctionImposed");
  auto imposed = AppendOne(EmpStream(1), testing::SanctionImposed("s1"));
  ASSERT_TRUE(imposed.ok());
  auto lifted = AppendOne(EmpStream(1), testing::SanctionLifted("l1", imposed->positions[0]));
  EXPECT_TRUE(lifted.ok()) << lifted.status().ToString();
}

TEST_F(AppendChecksTest, PositionPromotedNeedsExistingSelection) {
  Hire(1, 0);
  ExpectRejected(AppendOne(EmpStream(1), testing::PositionPromoted("pp", "2022-kabid")),
                 "selection sel/2022-kabid does not exist");
  ASSERT_TRUE(AppendOne("sel/2022-kabid", testing::SelectionOpened("s1")).ok());
  EXPECT_TRUE(AppendOne(EmpStream(1), testing::PositionPromoted("pp", "2022-kabid")).ok());
  EXPECT_TRUE(
      AppendOne(EmpStream(1), testing::PositionPromoted("pp2", "sel/2022-kabid")).ok());
}

TEST_F(AppendChecksTest, OneBadPartFailsTheWholeCall) {
  // One call with a good part and a bad one: nothing is written, and the
  // good part alone later gets the positions the failed call did not use.
  auto good = testing::EmployeeHistory("g", 1, 1);
  std::vector<NewEvent> bad;
  bad.push_back(testing::PerformanceRated("b", 2016));
  StreamAppend parts[] = {{EmpStream(1), ExpectedVersion::Any(), good},
                          {EmpStream(2), ExpectedVersion::Any(), bad}};
  ExpectRejected(store_->Append(parts), "employee never recruited");
  auto r = store_->Append(EmpStream(1), ExpectedVersion::Any(), good);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->positions, (std::vector<uint64_t>{1, 2}));
  VerifyReport report;
  EXPECT_TRUE(store_->Verify(&report).ok());
}

}  // namespace
}  // namespace jejak::store
