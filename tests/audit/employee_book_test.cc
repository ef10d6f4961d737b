// EmployeeBook::AmendTrainingInPlace: an amendment of a training that
// counts for hours only, applied to a folded state in place, gives exactly
// the state a refold of the stream's effective events gives; what it
// cannot do exactly it refuses, leaving the entry as it was. Parked
// states: a state evicted from the cache and unpacked again is the state
// it was, and answers KnownBefore as a cached one would.
#include "audit/employee_book.h"

#include <gtest/gtest.h>

#include <tuple>

#include "audit/audit_fixture.h"
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

// ------------------------------------------------------------ parked states

class ParkedStatesTest : public testing::AuditFixture {
 protected:
  // Replays positions [from, to] into `book` as the audit does: Current,
  // then Fold, for each employee event.
  void ReplayInto(EmployeeBook& book, uint64_t from, uint64_t to) {
    for (uint64_t p = from; p <= to; ++p) {
      auto rec = store_->ReadAt(p);
      ASSERT_TRUE(rec.ok()) << rec.status().ToString();
      const std::string stream = rec->event().getStream();
      book.Advance(p);
      if (!stream.starts_with("emp/")) continue;
      auto e = book.Current(stream.substr(4), p);
      ASSERT_TRUE(e.ok()) << e.status().ToString();
      EmployeeBook::Fold(**e, projection::FoldInputOf(rec->event()));
    }
  }
  // The state of `nip` refolded from the store: known before `before`, in
  // effect on `valid`.
  projection::ProfileState Exact(const std::string& nip, uint64_t before, uint32_t valid) {
    StreamCut sc;
    Status s = ReadStreamCut(*store_, "emp/" + nip, {before - 1, valid}, &sc);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return projection::FoldProfile(nip, sc.effective);
  }
  // Employee `a` (a rating effective 2003-12-31), then 20 others: with a
  // cache of 16, `a` is evicted. Returns the next position.
  uint64_t LoadAThenTwentyOthers() {
    Recruit(a_, "2000-03-01");
    Rate(a_, 2002);
    Rate(a_, 2003);
    uint64_t last = 0;
    for (int i = 0; i < 20; ++i) last = Recruit(testing::Nip(200 + 20 * i), "2001-01-01");
    return last + 1;
  }

  // `n` trainings of `a_` in 2004, every other one a leadership training
  // (those wait as their bodies and grow the packed state by their name
  // and provider when folded in). Returns the last one's position.
  uint64_t TrainA(int n) {
    uint64_t last = 0;
    for (int i = 0; i < n; ++i) {
      last = Add("emp/" + a_, "2004-0" + std::to_string(1 + i % 9) + "-01",
                 R"({"trainingCompleted":{"kind":")" + std::string(i % 2 ? "technical" : "pka") +
                     R"(","name":"Pelatihan Kepemimpinan Administrator angkatan )" +
                     std::to_string(i) + R"(","jp":)" + std::to_string(10 + i) +
                     R"(,"provider":"Badan Pengembangan Sumber Daya Manusia"}})");
    }
    return last;
  }

  const std::string a_ = testing::Nip(1);
};

TEST_F(ParkedStatesTest, AnEvictedStateIsParkedAndUnpackedAsItWas) {
  const uint64_t next = LoadAThenTwentyOthers();
  EmployeeBook book(*store_, 16, size_t{1} << 20);
  ReplayInto(book, 1, next - 1);
  EXPECT_EQ(book.peak(), 16u);
  EXPECT_GT(book.parked_peak_bytes(), 0u);
  book.Advance(next);
  // Valid after every fact it holds: the parked state, unpacked.
  projection::ProfileState scratch;
  auto known = book.KnownBefore(a_, next, 20040101, &scratch);
  ASSERT_TRUE(known.ok()) << known.status().ToString();
  ASSERT_NE(*known, nullptr);
  EXPECT_EQ(**known, Exact(a_, next, UINT32_MAX));
  EXPECT_EQ(book.unpacks(), 1u);
  EXPECT_EQ(book.refolds(), 0u);
  // Back in the cache for its stream's next event: the same state.
  auto entry = book.Current(a_, next);
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  EXPECT_EQ((*entry)->state, Exact(a_, next, UINT32_MAX));
  EXPECT_EQ((*entry)->max_effective, 20031231u);
  EXPECT_EQ(book.unpacks(), 2u);
  EXPECT_EQ(book.refolds(), 0u);
}

TEST_F(ParkedStatesTest, AParkedOrUnpackedStateHoldingLaterFactsIsRefoldedExactly) {
  const uint64_t next = LoadAThenTwentyOthers();
  EmployeeBook book(*store_, 16, size_t{1} << 20);
  ReplayInto(book, 1, next - 1);
  book.Advance(next);
  // Parked: valid before its 2003 rating, so refolded without it.
  projection::ProfileState scratch;
  auto parked = book.KnownBefore(a_, next, 20030601, &scratch);
  ASSERT_TRUE(parked.ok()) << parked.status().ToString();
  ASSERT_NE(*parked, nullptr);
  EXPECT_EQ(**parked, Exact(a_, next, 20030601));
  EXPECT_EQ((*parked)->ratings.size(), 1u);
  EXPECT_EQ(book.refolds(), 1u);
  // Unpacked into the cache, it still knows what it holds effective later.
  ASSERT_TRUE(book.Current(a_, next).ok());
  auto cached = book.KnownBefore(a_, next, 20030601, &scratch);
  ASSERT_TRUE(cached.ok()) << cached.status().ToString();
  ASSERT_NE(*cached, nullptr);
  EXPECT_EQ(**cached, Exact(a_, next, 20030601));
  EXPECT_EQ(book.refolds(), 2u);
}

// Trainings of a parked employee wait beside its state (folded into it
// and packed again whenever they outweigh it) and are folded when it is
// unpacked: the state is the one an immediate fold gives.
TEST_F(ParkedStatesTest, EventsFoldedLaterGiveTheStateAnImmediateFoldGives) {
  const uint64_t next = LoadAThenTwentyOthers();
  uint64_t last = TrainA(40);
  // An exam effective late waits too (a judged kind: max_effective).
  last = Add("emp/" + a_, "2009-05-01",
             R"({"examPassed":{"kind":"ujianDinasTingkatI","certificateNo":"UD-1"}})");
  EmployeeBook book(*store_, 16, size_t{1} << 20);
  ReplayInto(book, 1, next - 1);
  const StateSketch* sketch = book.ParkedSketch(a_);
  ASSERT_NE(sketch, nullptr);
  ASSERT_EQ(sketch->units.size(), 1u);
  EXPECT_EQ(*sketch->units[0].agency, "kota-a");
  for (uint64_t p = next; p <= last; ++p) {
    auto rec = store_->ReadAt(p);
    ASSERT_TRUE(rec.ok()) << rec.status().ToString();
    book.Advance(p);
    auto later = book.FoldLater(a_, *rec);
    ASSERT_TRUE(later.ok()) << later.status().ToString();
    EXPECT_TRUE(*later) << p;
  }
  EXPECT_EQ(book.folded_later(), 41u);
  EXPECT_GT(book.unpacks(), 0u);  // packed again with what waited
  const uint64_t repacks = book.unpacks();
  book.Advance(last + 1);
  projection::ProfileState scratch;
  auto known = book.KnownBefore(a_, last + 1, UINT32_MAX, &scratch);
  ASSERT_TRUE(known.ok()) << known.status().ToString();
  ASSERT_NE(*known, nullptr);
  EXPECT_EQ(**known, Exact(a_, last + 1, UINT32_MAX));
  // Valid before the exam: refolded without it.
  auto before_exam = book.KnownBefore(a_, last + 1, 20090101, &scratch);
  ASSERT_TRUE(before_exam.ok()) << before_exam.status().ToString();
  EXPECT_EQ(**before_exam, Exact(a_, last + 1, 20090101));
  EXPECT_EQ(book.refolds(), 1u);
  auto entry = book.Current(a_, last + 1);
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  EXPECT_EQ((*entry)->state, Exact(a_, last + 1, UINT32_MAX));
  EXPECT_EQ((*entry)->state.last_position, last);
  EXPECT_EQ(book.unpacks(), repacks + 2);
  EXPECT_EQ(book.refolds(), 1u);
  // Its other fields as a refold from the store gives them.
  EmployeeBook refolded(*store_, 16, 0);
  ReplayInto(refolded, 1, next - 1);
  refolded.Advance(last + 1);
  auto exact = refolded.Current(a_, last + 1);
  ASSERT_TRUE(exact.ok()) << exact.status().ToString();
  EXPECT_EQ(refolded.refolds(), 1u);
  EXPECT_EQ((*entry)->max_effective, 20090501u);
  EXPECT_EQ((*entry)->max_effective, (*exact)->max_effective);
  EXPECT_EQ((*entry)->previous_position, (*exact)->previous_position);
  // Held folded now: nothing waits beside it.
  EXPECT_EQ(book.ParkedSketch(a_), nullptr);
  auto rec = store_->ReadAt(last);
  ASSERT_TRUE(rec.ok());
  auto cached = book.FoldLater(a_, *rec);
  ASSERT_TRUE(cached.ok());
  EXPECT_FALSE(*cached);
}

// A pool with little room left: an event that finds no room to wait
// unpacks the state (the caller folds it through Current), and a repacked
// state that no longer fits is dropped and refolded from the store. Either
// way the state is the one an immediate fold gives.
TEST_F(ParkedStatesTest, WaitingWithoutRoomOrDroppedOnRepackGivesTheSameState) {
  const uint64_t next = LoadAThenTwentyOthers();
  const uint64_t last = TrainA(40);
  size_t full = 0;  // the pool's bytes once the first events are replayed
  {
    EmployeeBook book(*store_, 16, size_t{1} << 20);
    ReplayInto(book, 1, next - 1);
    full = book.parked_peak_bytes();
  }
  bool no_room = false;
  bool dropped = false;
  for (size_t extra = 0; extra <= 4096; extra += 32) {
    SCOPED_TRACE(extra);
    EmployeeBook book(*store_, 16, full + extra);
    ReplayInto(book, 1, next - 1);
    for (uint64_t p = next; p <= last; ++p) {
      auto rec = store_->ReadAt(p);
      ASSERT_TRUE(rec.ok()) << rec.status().ToString();
      book.Advance(p);
      auto later = book.FoldLater(a_, *rec);
      ASSERT_TRUE(later.ok()) << later.status().ToString();
      if (*later) {
        // Folded; gone from the pool: dropped by a repack.
        dropped = dropped || book.ParkedSketch(a_) == nullptr;
        continue;
      }
      no_room = no_room || book.ParkedSketch(a_) != nullptr;
      auto e = book.Current(a_, p);  // as the replay does
      ASSERT_TRUE(e.ok()) << e.status().ToString();
      EmployeeBook::Fold(**e, projection::FoldInputOf(rec->event()));
    }
    auto entry = book.Current(a_, last + 1);
    ASSERT_TRUE(entry.ok()) << entry.status().ToString();
    EXPECT_EQ((*entry)->state, Exact(a_, last + 1, UINT32_MAX));
    EXPECT_LE(book.parked_peak_bytes(), full + extra);
  }
  EXPECT_TRUE(no_room);
  EXPECT_TRUE(dropped);
}

TEST_F(ParkedStatesTest, WithoutRoomInThePoolAnEvictedStateIsRefolded) {
  const uint64_t next = LoadAThenTwentyOthers();
  for (size_t pool : {size_t{0}, size_t{200}}) {  // none; smaller than any state
    SCOPED_TRACE(pool);
    EmployeeBook book(*store_, 16, pool);
    ReplayInto(book, 1, next - 1);
    EXPECT_EQ(book.parked_peak_bytes(), 0u);
    auto entry = book.Current(a_, next);
    ASSERT_TRUE(entry.ok()) << entry.status().ToString();
    EXPECT_EQ((*entry)->state, Exact(a_, next, UINT32_MAX));
    EXPECT_EQ((*entry)->max_effective, 20031231u);
    EXPECT_EQ(book.unpacks(), 0u);
    EXPECT_EQ(book.refolds(), 1u);
  }
}

}  // namespace
}  // namespace jejak::audit
