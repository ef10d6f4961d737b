// EmployeeBook::AmendTrainingInPlace: an amendment of a training that
// counts for hours only, applied to a folded state in place, gives exactly
// the state a refold of the stream's effective events gives; what it
// cannot do exactly it refuses, leaving the entry as it was.
#include "audit/employee_book.h"

#include <gtest/gtest.h>

#include <tuple>

#include "projection/event_builder.h"

namespace jejak::audit {
namespace {

namespace s = schema;
using projection::FoldInput;
using projection::testing::EventLog;
using projection::testing::FillRecruited;
using projection::testing::kNip;
using projection::testing::kStream;

class AmendTrainingInPlaceTest : public ::testing::Test {
 protected:
  AmendTrainingInPlaceTest() {
    FillRecruited(log_.Add(kStream, 20150301), kNip);
    Train(20160310, s::TrainingKind::TECHNICAL, 8);
    Train(20160910, s::TrainingKind::TECHNICAL, 6);
    Train(20170110, s::TrainingKind::SEMINAR, 4);
    auto r = log_.Add(kStream, 20171231).initPerformanceRated();
    r.setYear(2017);
    r.setPredikat(s::PredikatKinerja::BAIK);
    Train(20180210, s::TrainingKind::PKP, 40);
    Train(20180310, s::TrainingKind::SEMINAR, 3);
  }

  uint64_t Train(uint32_t date, s::TrainingKind kind, uint16_t jp) {
    auto t = log_.Add(kStream, date).initTrainingCompleted();
    t.setKind(kind);
    t.setJp(jp);
    t.setName("t");
    return log_.last_position();
  }
  uint64_t Retract(uint64_t target) {
    log_.Add(kStream, 20190101).initRetracted().setTarget(target);
    return log_.last_position();
  }
  // A correction to a training of `kind` and `jp`, effective `date` (0:
  // the target's).
  uint64_t Correct(uint64_t target, uint32_t date, s::TrainingKind kind, uint16_t jp) {
    auto c = log_.Add(kStream, date).initCorrected();
    c.setTarget(target);
    auto t = c.initReplacement().initTrainingCompleted();
    t.setKind(kind);
    t.setJp(jp);
    t.setName("t");
    return log_.last_position();
  }

  // The entry as the replay holds it before position `before`: every
  // effective event folded one by one.
  EmployeeBook::Entry EntryBefore(uint64_t before) {
    EmployeeBook::Entry e;
    e.state = projection::FoldProfile(kNip, {});
    const auto events = log_.Stream(kStream);
    for (const auto& in : projection::EffectiveEvents(events, {before - 1, UINT32_MAX})) {
      EmployeeBook::Fold(e, in);
    }
    return e;
  }
  projection::ProfileState RefoldedAt(uint64_t position) {
    const auto events = log_.Stream(kStream);
    return projection::FoldProfile(kNip,
                                   projection::EffectiveEvents(events, {position, UINT32_MAX}));
  }
  FoldInput Original(uint64_t position) { return projection::FoldInputOf(log_.At(position)); }
  // The corrected form of the correction at `position`.
  FoldInput Corrected(uint64_t position) {
    const auto c = log_.At(position);
    const uint64_t target = c.getPayload().getCorrected().getTarget();
    const uint32_t date = c.getEffectiveDate().getYyyymmdd();
    return FoldInput{target, date != 0 ? date : Original(target).effective,
                     c.getPayload().getCorrected().getReplacement()};
  }

  EventLog log_;
};

TEST_F(AmendTrainingInPlaceTest, ARetractedTrainingBeforeTheLastEqualsTheRefold) {
  const uint64_t x = Retract(2);
  EmployeeBook::Entry e = EntryBefore(x);
  ASSERT_TRUE(EmployeeBook::AmendTrainingInPlace(e, Original(2), nullptr));
  EXPECT_EQ(e.state, RefoldedAt(x));
}

TEST_F(AmendTrainingInPlaceTest, ARetractedLastTrainingTakesItsPositionAwayOnce) {
  const uint64_t second = Train(20180410, s::TrainingKind::TECHNICAL, 2);
  const uint64_t last = Train(20180510, s::TrainingKind::SEMINAR, 1);
  const uint64_t x = Retract(last);
  EmployeeBook::Entry e = EntryBefore(x);
  ASSERT_TRUE(EmployeeBook::AmendTrainingInPlace(e, Original(last), nullptr));
  EXPECT_EQ(e.state, RefoldedAt(x));
  EXPECT_EQ(e.state.last_position, second);
  // The greatest position below the new last one is not known: refused.
  const projection::ProfileState before = e.state;
  EXPECT_FALSE(EmployeeBook::AmendTrainingInPlace(e, Original(second), nullptr));
  EXPECT_EQ(e.state, before);
  // An earlier training still comes off exactly.
  const uint64_t y = Retract(3);
  ASSERT_TRUE(EmployeeBook::AmendTrainingInPlace(e, Original(3), nullptr));
  EXPECT_EQ(e.state, RefoldedAt(y));
}

TEST_F(AmendTrainingInPlaceTest, ACorrectedTrainingEqualsTheRefold) {
  // Moved to another year and kind; then one keeping its target's date.
  for (auto [target, date, kind, jp] :
       {std::tuple{uint64_t{3}, 20170310u, s::TrainingKind::SEMINAR, uint16_t{9}},
        std::tuple{uint64_t{7}, 0u, s::TrainingKind::TECHNICAL, uint16_t{2}}}) {
    const uint64_t c = Correct(target, date, kind, jp);
    EmployeeBook::Entry e = EntryBefore(c);
    const FoldInput now = Corrected(c);
    ASSERT_TRUE(EmployeeBook::AmendTrainingInPlace(e, Original(target), &now)) << target;
    EXPECT_EQ(e.state, RefoldedAt(c)) << target;
  }
}

TEST_F(AmendTrainingInPlaceTest, LeadershipTrainingsAndOtherEventsAreRefused) {
  const uint64_t c = Correct(4, 0, s::TrainingKind::PKA, 40);  // to a leadership kind
  EmployeeBook::Entry e = EntryBefore(c);
  const EmployeeBook::Entry untouched = e;
  const FoldInput now = Corrected(c);
  EXPECT_FALSE(EmployeeBook::AmendTrainingInPlace(e, Original(4), &now));
  EXPECT_FALSE(EmployeeBook::AmendTrainingInPlace(e, Original(6), nullptr));  // the PKP
  EXPECT_FALSE(EmployeeBook::AmendTrainingInPlace(e, Original(5), nullptr));  // a rating
  EXPECT_EQ(e.state, untouched.state);
}

TEST_F(AmendTrainingInPlaceTest, TakingBackHoursTheStateDoesNotHoldIsRefused) {
  projection::ProfileState empty = projection::FoldProfile(kNip, {});
  EXPECT_FALSE(projection::TakeBackTrainingHours(empty, Original(2)));
  EXPECT_EQ(empty, projection::FoldProfile(kNip, {}));
}

}  // namespace
}  // namespace jejak::audit
