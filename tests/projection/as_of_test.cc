// Bitemporal reconstruction: valid-at and known-at, with a correction
// recorded after a promotion decision.
#include <gtest/gtest.h>

#include "jejak/projection/profile_view.h"
#include "projection/projector.h"
#include "projection/event_builder.h"
#include "projection/ledger_gen.h"
#include "projection/store_fixture.h"

namespace jejak::projection {
namespace {

namespace s = ::jejak::schema;
using testing::kNip;
using testing::kStream;
using testing::MakeEvent;

class AsOfTest : public testing::StoreFixture {
 protected:
  // Appends one event at transaction time `at_us`; returns its position.
  uint64_t Append(int64_t at_us, uint32_t effective,
                  const std::function<void(s::Payload::Builder)>& fill) {
    clock_.Set(at_us);
    std::vector<store::NewEvent> events;
    events.push_back(MakeEvent(kStream, "e" + std::to_string(++ids_), effective));
    fill(events.back().builder().initPayload());
    auto r = store_->Append(kStream, store::ExpectedVersion::Any(), events);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->positions[0] : 0;
  }
  void Rate(int64_t at, uint16_t year, s::PredikatKinerja p) {
    Append(at, year * 10000u + 1231, [&](s::Payload::Builder b) {
      auto r = b.initPerformanceRated();
      r.setYear(year);
      r.setWorkResult(s::Rating::MEETS);
      r.setBehaviour(s::Rating::MEETS);
      r.setPredikat(p);
    });
  }
  PromotionOutlook OutlookAsOf(uint64_t known, uint32_t valid) {
    auto rec = ProfileAsOf(*store_, kNip, Cut{known, valid});
    EXPECT_TRUE(rec.ok()) << rec.status().ToString();
    return NextPromotion(rec->state, valid, rules_);
  }
  int ids_ = 0;
  Rules rules_ = Rules::Default();
};

constexpr int64_t kDay = 86'400'000'000;
constexpr int64_t k2019 = 1'546'300'800'000'000;  // 2019-01-01T00:00:00Z

TEST_F(AsOfTest, CorrectionRecordedAfterTheDecisionChangesTheAnswerOnlyWhenKnown) {
  Append(k2019 - 900 * kDay, 20150301, [](s::Payload::Builder b) {
    testing::FillRecruited(b, kNip);
    b.getRecruited().setPositionId("");
  });
  Append(k2019 - 800 * kDay, 20160301,
         [](s::Payload::Builder b) { b.initCivilServantConfirmed().setLatsarCertificate("L"); });
  Rate(k2019 - 300 * kDay, 2017, s::PredikatKinerja::BAIK);
  Rate(k2019 + 10 * kDay, 2018, s::PredikatKinerja::BUTUH_PERBAIKAN);  // a typo
  const uint64_t wrong_rating = store_->GetHead().position;
  // The promotion decision, recorded 2019-03-15 with TMT 2019-04-01.
  const uint64_t decision = Append(k2019 + 73 * kDay, 20190401, [](s::Payload::Builder b) {
    auto r = b.initRankPromoted();
    r.setKind(s::PromotionKind::REGULAR);
    r.initFrom().setGolongan(s::Golongan::IIIA);
    r.initTo().setGolongan(s::Golongan::IIIB);
  });
  // A year later the 2018 rating is corrected to Baik.
  const uint64_t correction = Append(k2019 + 400 * kDay, 20181231, [&](s::Payload::Builder b) {
    auto c = b.initCorrected();
    c.setTarget(wrong_rating);
    c.setReason("salah input");
    c.setAuthority("BKD");
    auto r = c.initReplacement().initPerformanceRated();
    r.setYear(2018);
    r.setWorkResult(s::Rating::MEETS);
    r.setBehaviour(s::Rating::MEETS);
    r.setPredikat(s::PredikatKinerja::BAIK);
  });

  // As known when the decision was made: 2018 was Butuh Perbaikan.
  auto known_then = PositionKnownAt(*store_, k2019 + 73 * kDay + 5);
  ASSERT_TRUE(known_then.ok());
  EXPECT_EQ(*known_then, decision);
  auto before = OutlookAsOf(*known_then, 20190331);
  EXPECT_EQ(before.date, 20190401u);
  ASSERT_EQ(before.blockers.size(), 1u);
  EXPECT_NE(before.blockers[0].Text().find("2018 Butuh Perbaikan"), std::string::npos);

  // As known today: the correction makes the same date eligible.
  auto after = OutlookAsOf(correction, 20190331);
  EXPECT_EQ(after.date, 20190401u);
  EXPECT_TRUE(after.eligible());

  // Valid time: the promotion is in effect from its TMT only.
  auto rank_on = [&](uint32_t valid) {
    auto rec = ProfileAsOf(*store_, kNip, Cut{UINT64_MAX, valid});
    return CurrentRank(rec->state)->rank.golongan;
  };
  EXPECT_EQ(rank_on(20190331), s::Golongan::IIIA);
  EXPECT_EQ(rank_on(20190401), s::Golongan::IIIB);
  // Before the decision was recorded, nobody knew of III/b.
  auto rec = ProfileAsOf(*store_, kNip, Cut{decision - 1, UINT32_MAX});
  EXPECT_EQ(CurrentRank(rec->state)->rank.golongan, s::Golongan::IIIA);
}

TEST_F(AsOfTest, UnknownEmployeeOrBeforeRecruitmentIsNotFound) {
  EXPECT_TRUE(ProfileAsOf(*store_, kNip, Cut{}).status().IsNotFound());
  Append(k2019, 20150301, [](s::Payload::Builder b) { testing::FillRecruited(b, kNip); });
  EXPECT_TRUE(ProfileAsOf(*store_, kNip, Cut{UINT64_MAX, 20140101}).status().IsNotFound());
  EXPECT_TRUE(ProfileAsOf(*store_, kNip, Cut{}).ok());
}

TEST_F(AsOfTest, PositionKnownAtFindsTheLastEventRecordedByThen) {
  EXPECT_EQ(*PositionKnownAt(*store_, k2019), 0u);
  Append(k2019, 20150301, [](s::Payload::Builder b) { testing::FillRecruited(b, kNip); });
  Rate(k2019 + kDay, 2016, s::PredikatKinerja::BAIK);
  Rate(k2019 + 2 * kDay, 2017, s::PredikatKinerja::BAIK);
  EXPECT_EQ(*PositionKnownAt(*store_, k2019 - 1), 0u);
  EXPECT_EQ(*PositionKnownAt(*store_, k2019), 1u);
  EXPECT_EQ(*PositionKnownAt(*store_, k2019 + kDay + 1), 2u);
  EXPECT_EQ(*PositionKnownAt(*store_, k2019 + 9 * kDay), 3u);
}

TEST_F(AsOfTest, RetractingTheRetractionOfAPromotionBringsTheRankBack) {
  Append(k2019, 20150301, [](s::Payload::Builder b) { testing::FillRecruited(b, kNip); });
  const uint64_t decision = Append(k2019 + kDay, 20190401, [](s::Payload::Builder b) {
    auto r = b.initRankPromoted();
    r.setKind(s::PromotionKind::REGULAR);
    r.initFrom().setGolongan(s::Golongan::IIIA);
    r.initTo().setGolongan(s::Golongan::IIIB);
  });
  auto retract = [&](int64_t at, uint64_t target) {
    return Append(at, 20190501, [&](s::Payload::Builder b) {
      auto r = b.initRetracted();
      r.setTarget(target);
      r.setReason("keputusan dibatalkan");
      r.setAuthority("BKD");
    });
  };
  const uint64_t retraction = retract(k2019 + 2 * kDay, decision);
  ASSERT_NE(retraction, 0u);
  auto projector = NewProjector();
  ASSERT_NE(projector, nullptr);
  auto live_rank = [&] {
    auto rec = projector->GetProfile(kNip, store_->GetHead().position);
    EXPECT_TRUE(rec.ok()) << rec.status().ToString();
    return rec.ok() ? CurrentRank(rec->state)->rank.golongan : s::Golongan::UNSPECIFIED;
  };
  auto rank_known_at = [&](uint64_t known) {
    auto rec = ProfileAsOf(*store_, kNip, Cut{known, UINT32_MAX});
    EXPECT_TRUE(rec.ok()) << rec.status().ToString();
    return rec.ok() ? CurrentRank(rec->state)->rank.golongan : s::Golongan::UNSPECIFIED;
  };
  EXPECT_EQ(live_rank(), s::Golongan::IIIA);
  // The retraction is retracted (the store accepts it): III/b is back, in
  // the live projection (incremental, then rebuilt) and as of today, but
  // not as known before.
  const uint64_t restored = retract(k2019 + 3 * kDay, retraction);
  ASSERT_NE(restored, 0u);
  EXPECT_EQ(live_rank(), s::Golongan::IIIB);
  EXPECT_EQ(rank_known_at(restored), s::Golongan::IIIB);
  EXPECT_EQ(rank_known_at(retraction), s::Golongan::IIIA);
  ASSERT_TRUE(projector->Rebuild().ok());
  EXPECT_EQ(live_rank(), s::Golongan::IIIB);
  // Retracting the restoring retraction takes it away again.
  ASSERT_NE(retract(k2019 + 4 * kDay, restored), 0u);
  EXPECT_EQ(live_rank(), s::Golongan::IIIA);
}

}  // namespace
}  // namespace jejak::projection
