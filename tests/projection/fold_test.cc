// A fold test per event kind, corrections and retractions, and order
// independence of the profile fold.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <span>

#include "jejak/projection/fold.h"
#include "jejak/projection/profile_view.h"
#include "projection/state_codec.h"
#include "projection/event_builder.h"

namespace jejak::projection {
namespace {

using testing::EventLog;
using testing::FillRecruited;
namespace s = ::jejak::schema;

using testing::kNip;
using testing::kStream;

class FoldTest : public ::testing::Test {
 protected:
  FoldTest() { FillRecruited(log_.Add(kStream, 20150301), kNip); }

  ProfileState Fold(const Cut& cut = {}) {
    auto events = log_.Stream(kStream);
    auto effective = EffectiveEvents(events, cut);
    return FoldProfile(kNip, effective);
  }

  EventLog log_;
  Rules rules_ = Rules::Default();
};

TEST_F(FoldTest, RecruitedSetsIdentityRankAndPlacement) {
  auto s = Fold();
  EXPECT_EQ(s.name, "Siti Rahma");
  EXPECT_EQ(s.birth_date, 19900101u);
  EXPECT_EQ(s.recruited.effective, 20150301u);
  ASSERT_EQ(s.ranks.size(), 1u);
  EXPECT_EQ(s.ranks[0].rank.golongan, s::Golongan::IIIA);
  ASSERT_EQ(s.placements.size(), 1u);
  EXPECT_EQ(s.placements[0].agency, "kemenkeu");
  auto v = Derive(s, nullptr, 20160101, rules_);
  EXPECT_EQ(v.status, "CPNS");
  EXPECT_TRUE(v.active);
}

TEST_F(FoldTest, CivilServantConfirmedMakesPns) {
  log_.Add(kStream, 20160301).initCivilServantConfirmed().setLatsarCertificate("L-1");
  const ProfileState s = Fold();  // the view points into it
  auto v = Derive(s, nullptr, 20170101, rules_);
  EXPECT_EQ(v.status, "PNS");
}

TEST_F(FoldTest, PositionAssignedIsTheCurrentPosition) {
  auto a = log_.Add(kStream, 20170101).initPositionAssigned();
  a.setPositionId("anl-1");
  a.setPositionName("Analis Keuangan");
  a.setLevel(s::JabatanLevel::AHLI_PERTAMA);
  a.setAgency("kemenkeu");
  a.setUnit("u1");
  auto s = Fold();
  auto v = Derive(s, nullptr, 20180101, rules_);
  ASSERT_NE(v.placement, nullptr);
  EXPECT_EQ(v.placement->position_id, "anl-1");
  EXPECT_EQ(v.position_since, 20170101u);
  EXPECT_EQ(v.unit_since, 20150301u);  // same unit since recruitment
  EXPECT_EQ(v.level, s::JabatanLevel::AHLI_PERTAMA);
}

TEST_F(FoldTest, TransferredChangesUnitAndItsSinceDate) {
  auto t = log_.Add(kStream, 20180701).initTransferred();
  t.setFromAgency("kemenkeu");
  t.setFromUnit("u1");
  t.setToAgency("kemenkeu");
  t.setToUnit("u7");
  t.setPositionId("pel-1");
  const ProfileState s = Fold();  // the view points into it
  auto v = Derive(s, nullptr, 20190101, rules_);
  EXPECT_EQ(v.placement->unit, "u7");
  EXPECT_EQ(v.unit_since, 20180701u);
  EXPECT_EQ(v.position_since, 20150301u);  // same position id throughout
}

TEST_F(FoldTest, BackdatedRankPromotionRecordedLaterDoesNotOverrideNewerTmt) {
  auto later = log_.Add(kStream, 20230401).initRankPromoted();
  later.setKind(s::PromotionKind::REGULAR);
  later.initTo().setGolongan(s::Golongan::IIIC);
  auto earlier = log_.Add(kStream, 20190401).initRankPromoted();  // recorded after
  earlier.setKind(s::PromotionKind::REGULAR);
  earlier.initTo().setGolongan(s::Golongan::IIIB);
  auto s = Fold();
  ASSERT_EQ(s.ranks.size(), 3u);
  EXPECT_EQ(CurrentRank(s)->rank.golongan, s::Golongan::IIIC);
  auto v = Derive(s, nullptr, 20250501, rules_);
  EXPECT_EQ(v.years_in_rank, 2);
  EXPECT_EQ(v.months_in_rank, 1);
  // Valid at 2020: only the backdated one is in effect.
  auto s2020 = Fold(Cut{UINT64_MAX, 20200101});
  EXPECT_EQ(CurrentRank(s2020)->rank.golongan, s::Golongan::IIIB);
}

TEST_F(FoldTest, PositionPromotedRecordsTheSelection) {
  auto p = log_.Add(kStream, 20240101).initPositionPromoted();
  p.setSelectionId("sel-9");
  p.setPositionId("kabag-1");
  p.setLevel(s::JabatanLevel::ADMINISTRATOR);
  p.setAgency("kemenkeu");
  p.setUnit("u2");
  auto s = Fold();
  EXPECT_EQ(CurrentPlacement(s)->selection_id, "sel-9");
  EXPECT_EQ(CurrentPlacement(s)->kind, PlacementKind::kPromoted);
}

TEST_F(FoldTest, CompetencyAssessedKeepsTheLatestLevelPerCompetencyAndGivesTheGap) {
  auto a1 = log_.Add(kStream, 20200101).initCompetencyAssessed();
  auto l1 = a1.initLevels(2);
  l1[0].setCode("integritas");
  l1[0].setLevel(2);
  l1[1].setCode("komunikasi");
  l1[1].setLevel(4);
  a1.setPotential(s::PotentialLevel::MEDIUM);
  auto a2 = log_.Add(kStream, 20220101).initCompetencyAssessed();
  auto l2 = a2.initLevels(1);
  l2[0].setCode("integritas");
  l2[0].setLevel(3);
  a2.setPotential(s::PotentialLevel::HIGH);
  auto s = Fold();
  ASSERT_EQ(s.competencies.size(), 2u);
  EXPECT_EQ(s.competencies[0].code, "integritas");
  EXPECT_EQ(s.competencies[0].level, 3);
  EXPECT_EQ(s.assessment.potential, s::PotentialLevel::HIGH);

  PositionVersion standard;
  standard.required = {{"integritas", s::CompetencyKind::MANAGERIAL, 3},
                       {"komunikasi", s::CompetencyKind::MANAGERIAL, 4},
                       {"kerjaSama", s::CompetencyKind::MANAGERIAL, 3}};
  auto gaps = GapAgainst(s, standard);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].code, "kerjaSama");
  EXPECT_EQ(gaps[0].actual, 0);
}

TEST_F(FoldTest, PerformanceRatedKeepsOneRatingPerYearAndFeedsTheTalentBox) {
  auto r1 = log_.Add(kStream, 20221231).initPerformanceRated();
  r1.setYear(2022);
  r1.setPredikat(s::PredikatKinerja::BAIK);
  auto r2 = log_.Add(kStream, 20221231).initPerformanceRated();  // re-rated
  r2.setYear(2022);
  r2.setPredikat(s::PredikatKinerja::SANGAT_BAIK);
  auto a = log_.Add(kStream, 20230101).initCompetencyAssessed();
  a.setPotential(s::PotentialLevel::HIGH);
  auto s = Fold();
  ASSERT_EQ(s.ratings.size(), 1u);
  EXPECT_EQ(s.ratings[0].predikat, s::PredikatKinerja::SANGAT_BAIK);
  EXPECT_EQ(TalentBox(s, rules_), 9);
  Rules custom = rules_;
  custom.nine_box[2][2] = 1;  // an agency numbering the other way round
  EXPECT_EQ(TalentBox(s, custom), 1);
}

TEST_F(FoldTest, TrainingCompletedSumsJpPerYearAndKindAndListsLeadership) {
  auto add = [&](uint32_t date, s::TrainingKind kind, uint16_t jp) {
    auto t = log_.Add(kStream, date).initTrainingCompleted();
    t.setKind(kind);
    t.setJp(jp);
    t.setName("t");
  };
  add(20230310, s::TrainingKind::TECHNICAL, 8);
  add(20230910, s::TrainingKind::TECHNICAL, 6);
  add(20231010, s::TrainingKind::PKP, 40);
  add(20240110, s::TrainingKind::SEMINAR, 4);
  auto s = Fold();
  EXPECT_EQ(JpInYear(s, 2023), 54u);
  EXPECT_EQ(JpInYear(s, 2024), 4u);
  EXPECT_EQ(JpInYear(s, 2022), 0u);
  ASSERT_EQ(s.training_jp.size(), 3u);
  EXPECT_EQ(s.training_jp[0].kind, s::TrainingKind::PKP);  // sorted by (year, kind)
  EXPECT_EQ(s.training_jp[1].count, 2u);
  ASSERT_EQ(s.leadership.size(), 1u);
  EXPECT_EQ(s.leadership[0].kind, s::TrainingKind::PKP);
}

// A training that counts for hours only folds from its hours alone
// (TrainingHours) into exactly the state its event folds into.
TEST_F(FoldTest, ATrainingFoldsFromItsHoursAsFromItsEvent) {
  const uint32_t dates[] = {20230310, 20230910, 20240110, 20230311};
  const s::TrainingKind kinds[] = {s::TrainingKind::TECHNICAL, s::TrainingKind::SEMINAR,
                                   s::TrainingKind::TECHNICAL, s::TrainingKind::TECHNICAL};
  for (int i = 0; i < 4; ++i) {
    auto t = log_.Add(kStream, dates[i]).initTrainingCompleted();
    t.setKind(kinds[i]);
    t.setJp(static_cast<uint16_t>(5 + i));
    t.setName("t");
  }
  const auto events = log_.Stream(kStream);
  const auto effective = EffectiveEvents(events, {});
  ASSERT_EQ(effective.size(), 5u);
  ProfileState by_hours = FoldProfile(kNip, std::span(effective).first(1));
  for (size_t i = 1; i < effective.size(); ++i) {
    ASSERT_TRUE(FoldsTrainingHoursOnly(effective[i]));
    const TrainingHours t = TrainingHoursOf(effective[i]);
    EXPECT_EQ(t.position, effective[i].position);
    EXPECT_EQ(t.jp, 5u + (i - 1));
    ApplyTrainingHours(by_hours, t);
  }
  EXPECT_EQ(by_hours, FoldProfile(kNip, effective));
  EXPECT_EQ(by_hours.event_count, 5u);
  EXPECT_EQ(by_hours.last_position, effective.back().position);
}

TEST_F(FoldTest, MentoringAndRelationsAreListed) {
  auto m = log_.Add(kStream, 20200101).initMentoringRecorded();
  m.setMentorNip("198001012005011001");
  m.setMenteeNip(kNip);
  auto r = log_.Add(kStream, 20200101).initRelationshipDeclared();
  r.setOtherNip("198001012005011001");
  r.setRelation(s::Relation::COUSIN);
  auto s = Fold();
  ASSERT_EQ(s.mentoring.size(), 1u);
  EXPECT_EQ(s.mentoring[0].mentee_nip, kNip);
  ASSERT_EQ(s.relations.size(), 1u);
  EXPECT_EQ(s.relations[0].relation, s::Relation::COUSIN);
}

TEST_F(FoldTest, SanctionImposedIsActiveUntilItEndsOrIsLifted) {
  auto x = log_.Add(kStream, 20230101).initSanctionImposed();
  x.setLevel(s::SanctionLevel::MEDIUM);
  x.setKind(s::SanctionKind::ALLOWANCE_CUT12_MONTHS);
  x.getStart().setYyyymmdd(20230101);
  x.getEnd().setYyyymmdd(20231231);
  const uint64_t sanction = log_.last_position();
  auto s = Fold();
  EXPECT_TRUE(Derive(s, nullptr, 20230601, rules_).sanctions[0].active);
  EXPECT_FALSE(Derive(s, nullptr, 20240601, rules_).sanctions[0].active);
  auto lift = log_.Add(kStream, 20230701).initSanctionLifted();
  lift.setSanctionPosition(sanction);
  s = Fold();
  EXPECT_TRUE(Derive(s, nullptr, 20230601, rules_).sanctions[0].active);
  auto v = Derive(s, nullptr, 20230801, rules_);
  EXPECT_FALSE(v.sanctions[0].active);
  EXPECT_EQ(v.sanctions[0].lifted_on, 20230701u);
}

TEST_F(FoldTest, SeparatedMakesInactiveAndBlocksPromotion) {
  log_.Add(kStream, 20240101).initSeparated().setReason(s::SeparationReason::RESIGNATION);
  const ProfileState s = Fold();  // the view points into it
  auto v = Derive(s, nullptr, 20240601, rules_);
  EXPECT_FALSE(v.active);
  ASSERT_EQ(v.next_promotion.blockers.size(), 1u);
  EXPECT_NE(v.next_promotion.blockers[0].Text().find("resigned"), std::string::npos);
}

TEST_F(FoldTest, SelectionAndAgencyEventsDoNotChangeAProfile) {
  auto before = EncodeProfile(Fold());
  log_.Add("sel/s1", 20240101).initSelectionOpened().setPositionId("x");
  log_.Add("org/kemenkeu", 20240101).initUnitDefined().setUnitId("u1");
  ProfileState s = Fold();
  ApplyProfile(s, log_.At(2));
  ApplyProfile(s, log_.At(3));
  EXPECT_EQ(s.event_count, 1u);
  s.last_position = 1;
  EXPECT_EQ(EncodeProfile(s), before);
}

TEST(OrgFoldTest, PositionDefinedKeepsVersionsAndTheStandardInForce) {
  EventLog log;
  auto d1 = log.Add("org/kemenkeu", 20200101).initPositionDefined();
  d1.setPositionId("kabag-1");
  d1.setName("Kepala Bagian");
  d1.setLevel(s::JabatanLevel::ADMINISTRATOR);
  d1.initRequiredCompetencies(1)[0].setCode("integritas");
  auto d2 = log.Add("org/kemenkeu", 20240101).initPositionDefined();
  d2.setPositionId("kabag-1");
  d2.setName("Kepala Bagian Umum");
  auto u = log.Add("org/kemenkeu", 20200101).initUnitDefined();
  u.setUnitId("u1");
  u.setName("Sekretariat");
  auto events = log.Stream("org/kemenkeu");
  auto org = FoldOrg("kemenkeu", EffectiveEvents(events));
  const PositionDef* p = org.FindPosition("kabag-1");
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(p->versions.size(), 2u);
  EXPECT_EQ(p->InForce(20230101)->name, "Kepala Bagian");
  EXPECT_EQ(p->InForce(20250101)->name, "Kepala Bagian Umum");
  EXPECT_EQ(p->InForce(20190101), nullptr);
  ASSERT_EQ(org.units.size(), 1u);
  EXPECT_EQ(org.units[0].name, "Sekretariat");
  auto bytes = EncodePosition(*p);
  auto back = DecodePosition(bytes);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, *p);
}

TEST_F(FoldTest, CorrectedReplacesTheOriginalKeepingItsPosition) {
  auto r = log_.Add(kStream, 20190401).initRankPromoted();
  r.initTo().setGolongan(s::Golongan::IIIC);  // wrong: should be III/b
  const uint64_t target = log_.last_position();
  auto c = log_.Add(kStream, 20190401).initCorrected();
  c.setTarget(target);
  c.initReplacement().initRankPromoted().initTo().setGolongan(s::Golongan::IIIB);
  auto s = Fold();
  ASSERT_EQ(s.ranks.size(), 2u);
  EXPECT_EQ(s.ranks[1].rank.golongan, s::Golongan::IIIB);
  EXPECT_EQ(s.ranks[1].key.position, target);
  // Known before the correction: the original.
  auto before = Fold(Cut{target, UINT32_MAX});
  EXPECT_EQ(before.ranks[1].rank.golongan, s::Golongan::IIIC);
}

TEST_F(FoldTest, RetractedRemovesTheEffectAndRetractingTheRetractionRestoresIt) {
  auto t = log_.Add(kStream, 20200101).initTrainingCompleted();
  t.setJp(30);
  const uint64_t training = log_.last_position();
  log_.Add(kStream, 20200101).initRetracted().setTarget(training);
  const uint64_t retraction = log_.last_position();
  EXPECT_EQ(JpInYear(Fold(), 2020), 0u);
  log_.Add(kStream, 20200101).initRetracted().setTarget(retraction);
  EXPECT_EQ(JpInYear(Fold(), 2020), 30u);
}

TEST_F(FoldTest, LatestCorrectionWinsAndACorrectionOfACorrectionCorrectsTheOriginal) {
  auto t = log_.Add(kStream, 20200101).initTrainingCompleted();
  t.setJp(10);
  const uint64_t original = log_.last_position();
  auto c1 = log_.Add(kStream, 20200101).initCorrected();
  c1.setTarget(original);
  c1.initReplacement().initTrainingCompleted().setJp(12);
  const uint64_t first = log_.last_position();
  auto c2 = log_.Add(kStream, 20200101).initCorrected();
  c2.setTarget(first);
  auto inner = c2.initReplacement().initCorrected();
  inner.setTarget(original);
  inner.initReplacement().initTrainingCompleted().setJp(14);
  const uint64_t second = log_.last_position();
  EXPECT_EQ(JpInYear(Fold(), 2020), 14u);
  // Retract the second correction: the first applies again.
  log_.Add(kStream, 20200101).initRetracted().setTarget(second);
  EXPECT_EQ(JpInYear(Fold(), 2020), 12u);
}

TEST_F(FoldTest, CorrectionMovesTheTmtToTheCorrectionsEffectiveDate) {
  auto r = log_.Add(kStream, 20200401).initRankPromoted();
  r.initTo().setGolongan(s::Golongan::IIIB);
  const uint64_t target = log_.last_position();
  auto c = log_.Add(kStream, 20191001).initCorrected();
  c.setTarget(target);
  c.initReplacement().initRankPromoted().initTo().setGolongan(s::Golongan::IIIB);
  EXPECT_EQ(CurrentRank(Fold())->key.effective, 20191001u);
  EXPECT_EQ(CurrentRank(Fold(Cut{UINT64_MAX, 20200101}))->rank.golongan, s::Golongan::IIIB);
}

// Only a damaged or legacy log has chains (validation forbids a correction
// as a replacement): a chain of corrected targets that ends at an event
// not earlier than the correction does not let it change that event.
TEST_F(FoldTest, ACorrectionChainEndingAtALaterEventHasNoEffect) {
  auto forward = log_.Add(kStream, 20200101).initCorrected();  // position 2
  forward.setTarget(4);  // not earlier: no effect
  forward.initReplacement().initTrainingCompleted().setJp(11);
  auto chain = log_.Add(kStream, 20200101).initCorrected();  // position 3
  chain.setTarget(2);
  auto inner = chain.initReplacement().initCorrected();
  inner.setTarget(4);
  inner.initReplacement().initTrainingCompleted().setJp(22);
  log_.Add(kStream, 20200101).initTrainingCompleted().setJp(33);  // position 4
  ASSERT_EQ(log_.last_position(), 4u);
  EXPECT_EQ(JpInYear(Fold(), 2020), 33u);
}

// A model of the rules in fold.h, written as their definitions (what is
// dead, which alive correction claims an event) rather than as one pass.
struct ModelEvent {
  uint64_t position;
  uint32_t effective;
  s::Payload::Which which;
  uint32_t jp;  // of the (replacement) training, 0 otherwise
  friend bool operator==(const ModelEvent&, const ModelEvent&) = default;
};

uint32_t JpOf(s::Payload::Reader p) {
  return p.isTrainingCompleted() ? uint32_t{p.getTrainingCompleted().getJp()} : 0u;
}

std::vector<ModelEvent> ModelEffective(const std::vector<s::Event::Reader>& stream, const Cut& cut) {
  std::map<uint64_t, s::Event::Reader> known;
  for (auto e : stream) {
    if (e.getPosition() <= cut.known_position) known.emplace(e.getPosition(), e);
  }
  auto amendment = [&](uint64_t p) {
    auto it = known.find(p);
    return it != known.end() && (it->second.getPayload().isCorrected() ||
                                 it->second.getPayload().isRetracted());
  };
  std::map<uint64_t, bool> dead_memo;
  std::function<bool(uint64_t)> dead = [&](uint64_t x) {
    if (auto m = dead_memo.find(x); m != dead_memo.end()) return m->second;
    bool d = false;
    for (auto it = known.upper_bound(x); it != known.end() && !d; ++it) {
      auto p = it->second.getPayload();
      d = p.isRetracted() && p.getRetracted().getTarget() == x && !dead(it->first);
    }
    return dead_memo[x] = d;
  };
  // The event an alive correction at `c` claims, or 0.
  auto claims = [&](uint64_t c) -> uint64_t {
    uint64_t t = known.at(c).getPayload().getCorrected().getTarget();
    if (t >= c) return 0;  // a target not earlier than the correction
    std::set<uint64_t> visited;
    while (amendment(t) && known.at(t).getPayload().isCorrected() && visited.insert(t).second) {
      t = known.at(t).getPayload().getCorrected().getTarget();
    }
    return t < c && known.contains(t) && !amendment(t) ? t : 0;
  };
  std::vector<ModelEvent> out;
  for (const auto& [pos, e] : known) {
    if (amendment(pos) || dead(pos)) continue;
    auto payload = e.getPayload();
    uint32_t effective = e.getEffectiveDate().getYyyymmdd();
    for (auto it = known.rbegin(); it != known.rend(); ++it) {  // newest first
      if (!it->second.getPayload().isCorrected() || dead(it->first) || claims(it->first) != pos) {
        continue;
      }
      payload = it->second.getPayload().getCorrected().getReplacement();
      while (payload.isCorrected()) payload = payload.getCorrected().getReplacement();
      if (it->second.getEffectiveDate().getYyyymmdd() != 0) {
        effective = it->second.getEffectiveDate().getYyyymmdd();
      }
      break;
    }
    if (effective > cut.valid_date) continue;
    out.push_back({pos, effective, payload.which(), JpOf(payload)});
  }
  return out;
}

std::vector<ModelEvent> AsModel(const std::vector<FoldInput>& effective) {
  std::vector<ModelEvent> out;
  for (const auto& in : effective) {
    out.push_back({in.position, in.effective, in.payload.which(), JpOf(in.payload)});
  }
  return out;
}

// Random streams of trainings, corrections (forward, missing and chained
// targets, nested replacements, effective date 0 or not) and retractions:
// EffectiveEvents, and Amendments told each event in position order with
// every amendment held (also those after the cut, as a rebuild holds them),
// both equal the model at every cut.
TEST(AmendmentsTest, EffectiveFormsMatchTheRulesAtEveryCut) {
  std::mt19937 rng(11);
  const uint32_t dates[] = {20200101, 20200601, 20201201};
  for (int seed = 0; seed < 1500; ++seed) {
    EventLog log;
    FillRecruited(log.Add(kStream, 20150301), kNip);
    const uint64_t n = 2 + rng() % 12;
    for (uint64_t i = 0; i < n; ++i) {
      const uint64_t pos = log.last_position() + 1;
      const uint32_t r = rng() % 8;
      const uint64_t target = 1 + rng() % (n + 2);  // earlier, later or missing
      if (r < 4) {
        log.Add(kStream, dates[rng() % 3]).initTrainingCompleted().setJp(static_cast<uint32_t>(pos * 10));
      } else if (r < 6) {
        auto c = log.Add(kStream, rng() % 3 == 0 ? 0 : dates[rng() % 3]).initCorrected();
        c.setTarget(target);
        if (rng() % 3 == 0) {
          auto inner = c.initReplacement().initCorrected();
          inner.setTarget(1 + rng() % (n + 2));
          inner.initReplacement().initTrainingCompleted().setJp(static_cast<uint32_t>(2000 + pos));
        } else {
          c.initReplacement().initTrainingCompleted().setJp(static_cast<uint32_t>(1000 + pos));
        }
      } else {
        log.Add(kStream, dates[rng() % 3]).initRetracted().setTarget(target);
      }
    }
    const auto stream = log.Stream(kStream);
    std::vector<s::Event::Reader> held;
    for (auto e : stream) {
      if (e.getPayload().isCorrected() || e.getPayload().isRetracted()) held.push_back(e);
    }
    for (uint64_t known = 0; known <= log.last_position() + 1; ++known) {
      for (uint32_t valid : {20191231u, 20200101u, 20200601u, UINT32_MAX}) {
        const Cut cut{known, valid};
        const auto expected = ModelEffective(stream, cut);
        ASSERT_EQ(AsModel(EffectiveEvents(stream, cut)), expected)
            << "seed " << seed << " known " << known << " valid " << valid;
        const Amendments resolved(held, known);
        std::vector<FoldInput> told;
        FoldInput in;
        for (auto e : stream) {
          if (resolved.Effective(e, cut, &in)) told.push_back(in);
        }
        ASSERT_EQ(AsModel(told), expected) << "seed " << seed << " known " << known << " valid " << valid;
      }
    }
  }
}

TEST_F(FoldTest, FoldIsOrderIndependentAndTheCodecIsLossless) {
  std::mt19937 rng(7);
  for (int i = 0; i < 60; ++i) {
    uint32_t date = 20160101 + static_cast<uint32_t>(rng() % 9) * 10000 + rng() % 12 * 100;
    switch (rng() % 6) {
      case 0: log_.Add(kStream, date).initRankPromoted().initTo().setGolongan(
                  static_cast<s::Golongan>(9 + rng() % 4)); break;
      case 1: {
        auto a = log_.Add(kStream, date).initPositionAssigned();
        a.setPositionId("p" + std::to_string(rng() % 3));
        a.setUnit("u" + std::to_string(rng() % 2));
        break;
      }
      case 2: {
        auto t = log_.Add(kStream, date).initTrainingCompleted();
        t.setJp(static_cast<uint16_t>(rng() % 30));
        t.setKind(static_cast<s::TrainingKind>(1 + rng() % 8));
        break;
      }
      case 3: {
        auto r = log_.Add(kStream, date).initPerformanceRated();
        r.setYear(static_cast<uint16_t>(date / 10000));
        r.setPredikat(static_cast<s::PredikatKinerja>(1 + rng() % 5));
        break;
      }
      case 4: {
        auto a = log_.Add(kStream, date).initCompetencyAssessed();
        auto l = a.initLevels(1);
        l[0].setCode("c" + std::to_string(rng() % 4));
        l[0].setLevel(static_cast<uint8_t>(1 + rng() % 5));
        break;
      }
      default: {
        auto x = log_.Add(kStream, date).initSanctionImposed();
        x.getStart().setYyyymmdd(date);
        break;
      }
    }
  }
  auto events = log_.Stream(kStream);
  auto effective = EffectiveEvents(events);
  const std::string expected = EncodeProfile(FoldProfile(kNip, effective));
  for (int round = 0; round < 5; ++round) {
    std::shuffle(effective.begin(), effective.end(), rng);
    EXPECT_EQ(EncodeProfile(FoldProfile(kNip, effective)), expected);
  }
  auto decoded = DecodeProfile(expected);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(EncodeProfile(*decoded), expected);
  EXPECT_EQ(*decoded, FoldProfile(kNip, effective));
}

TEST(StateCodecTest, MalformedBytesAreCorruptionNotACrash) {
  EXPECT_TRUE(DecodeProfile("").status().IsCorruption());
  EXPECT_TRUE(DecodeProfile("1234567").status().IsCorruption());
  EXPECT_TRUE(DecodeProfile(std::string(16, '\xff')).status().IsCorruption());
}

}  // namespace
}  // namespace jejak::projection
