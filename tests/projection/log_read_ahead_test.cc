// LogReadAhead and LogIterator::TakeEvents: the events handed to the fold are
// the log's, whole and in order, whether read on a helper thread (decoded
// straight into the read-ahead queue's slots) or in the caller's.
#include <gtest/gtest.h>

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "projection/ledger_gen.h"
#include "projection/log_read_ahead.h"
#include "projection/store_fixture.h"
#include "store/raw_db.h"

namespace jejak::projection {
namespace {

using testing::GenOptions;
using testing::LedgerGen;

class LogReadAheadTest : public testing::StoreFixture {
 protected:
  void SetUp() override {
    GenOptions o;
    o.employees = 30;
    LedgerGen gen(o);
    ASSERT_TRUE(gen.Run(*store_, 3000).ok());
    head_ = store_->GetHead().position;
    ASSERT_GT(head_, 2500u);  // several read-ahead chunks of 1,024
  }

  // Position and body of the event at `position`, read on its own.
  std::string Body(uint64_t position) {
    auto e = store_->ReadAt(position);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return e.ok() ? std::string(e->body()) : "";
  }

  uint64_t head_ = 0;
};

TEST_F(LogReadAheadTest, TakenEventsKeepTheirOwnBytesAndTheIteratorGoesOnAfterThem) {
  for (store::LogDecoding decoding : {store::LogDecoding::kParsed, store::LogDecoding::kLoaded}) {
    SCOPED_TRACE(static_cast<int>(decoding));
    // Every event taken is kept: the iterator decodes later ones into other
    // slots or its own buffers, never into a kept event. Takes of several
    // sizes, some cut by a last position, alternate with plain Next calls.
    std::vector<store::RecordedEvent> kept;
    auto it = store_->ReadLog(1, decoding);
    uint64_t expect = 1;
    for (size_t round = 0; it->Valid(); ++round) {
      ASSERT_EQ(it->event().position(), expect);
      if (round % 3 == 2) {  // one event the ordinary way
        kept.push_back(it->event());
        it->Next();
        ++expect;
        continue;
      }
      std::vector<store::RecordedEvent> slots(1 + round % 11 * 37);
      // Every fourth take stops at a last position inside its slots.
      const uint64_t last = round % 4 == 1 ? expect + slots.size() / 2 : UINT64_MAX;
      const size_t taken = it->TakeEvents(slots, last);
      ASSERT_EQ(taken, std::min<uint64_t>({slots.size(), last - expect + 1, head_ - expect + 1}));
      for (size_t i = 0; i < taken; ++i) kept.push_back(std::move(slots[i]));
      expect += taken;
      ASSERT_EQ(it->Valid(), expect <= head_);
    }
    ASSERT_TRUE(it->status().ok()) << it->status().ToString();
    ASSERT_EQ(kept.size(), head_);
    for (uint64_t p = 1; p <= head_; ++p) {
      store::RecordedEvent& e = kept[p - 1];
      ASSERT_EQ(e.position(), p);
      ASSERT_EQ(std::string(e.body()), Body(p)) << "position " << p;
      if (decoding == store::LogDecoding::kLoaded) {
        ASSERT_TRUE(e.Parse().ok());
      }
      ASSERT_EQ(e.event().getPosition(), p);  // the reader points at its own bytes
    }
    // A take at a last position before the current event takes nothing and
    // leaves the iterator where it was.
    auto again = store_->ReadLog(5, decoding);
    std::vector<store::RecordedEvent> slots(4);
    EXPECT_EQ(again->TakeEvents(slots, 4), 0u);
    ASSERT_TRUE(again->Valid());
    EXPECT_EQ(again->event().position(), 5u);
    EXPECT_EQ(again->TakeEvents(slots, 6), 2u);
    EXPECT_EQ(again->event().position(), 7u);
    // No slots: nothing taken, the iterator stays on its event.
    EXPECT_EQ(again->TakeEvents(std::span<store::RecordedEvent>(slots.data(), 0), UINT64_MAX), 0u);
    ASSERT_TRUE(again->Valid());
    EXPECT_EQ(again->event().position(), 7u);
    // A last position at the last slot: all four taken, on to the next.
    EXPECT_EQ(again->TakeEvents(slots, 10), 4u);
    EXPECT_EQ(slots[3].position(), 10u);
    EXPECT_EQ(again->event().position(), 11u);
  }
}

TEST_F(LogReadAheadTest, SlotsReusedTakeAfterTakeHoldEachNewEvent) {
  // As the read-ahead does: the same slots, Loaded over events already
  // parsed (bodies of other sizes; the old message reader replaced by the
  // next Parse), then parsed in place, take after take.
  for (store::LogDecoding decoding : {store::LogDecoding::kParsed, store::LogDecoding::kLoaded}) {
    SCOPED_TRACE(static_cast<int>(decoding));
    std::vector<store::RecordedEvent> slots(37);
    auto it = store_->ReadLog(1, decoding);
    uint64_t expect = 1;
    while (const size_t taken = it->TakeEvents(slots, UINT64_MAX)) {
      for (size_t i = 0; i < taken; ++i, ++expect) {
        store::RecordedEvent& e = slots[i];
        ASSERT_EQ(e.position(), expect);
        if (decoding == store::LogDecoding::kLoaded) {
          ASSERT_TRUE(e.Parse().ok()) << "position " << expect;
        }
        ASSERT_EQ(e.event().getPosition(), expect);
        ASSERT_EQ(std::string(e.body()), Body(expect)) << "position " << expect;
      }
    }
    ASSERT_TRUE(it->status().ok()) << it->status().ToString();
    EXPECT_EQ(expect, head_ + 1);
  }
}

TEST_F(LogReadAheadTest, ThreadedAndInlineReadsGiveTheLogRange) {
  for (bool threaded : {false, true}) {
    SCOPED_TRACE(threaded);
    const uint64_t from = 7, to = head_ - 3;
    LogReadAhead log(*store_, from, to, threaded);
    uint64_t expect = from;
    while (const store::RecordedEvent* e = log.Next()) {
      ASSERT_EQ(e->position(), expect);
      ASSERT_EQ(std::string(e->body()), Body(expect));
      ++expect;
    }
    EXPECT_TRUE(log.status().ok()) << log.status().ToString();
    EXPECT_EQ(expect, to + 1);
  }
}

TEST_F(LogReadAheadTest, ABodyThatFailsToParseEndsTheRangeThereInBothModes) {
  // The record of position 2001 stored under key 2000: its frame is sound
  // (the threaded reader's Load passes it), its body says 2001. Threaded,
  // the consumer's Parse finds it, however far ahead it parsed.
  const uint64_t bad = 2000;
  store_.reset();
  {
    store::testing::RawDb raw(dir_ + "/ledger");
    raw.Put("log", store::testing::LogKey(bad), raw.Get("log", store::testing::LogKey(bad + 1)));
  }
  Open();
  for (bool threaded : {false, true}) {
    SCOPED_TRACE(threaded);
    LogReadAhead log(*store_, 1, head_, threaded);
    uint64_t expect = 1;
    while (const store::RecordedEvent* e = log.Next()) {
      ASSERT_EQ(e->position(), expect);
      ASSERT_EQ(e->event().getPosition(), expect);
      if (threaded && e->position() % 2 == 0) (void)log.Peek(40, true);  // parse ahead, past the bad one
      ++expect;
    }
    EXPECT_EQ(expect, bad);
    EXPECT_TRUE(log.status().IsCorruption()) << log.status().ToString();
    EXPECT_NE(log.status().ToString().find("position 2000: body says position 2001"), std::string::npos)
        << log.status().ToString();
    EXPECT_EQ(log.Next(), nullptr);  // stays ended
  }
  // Decoding in the iterator (kParsed), a take across it stops there: the
  // events before it taken, the iterator not Valid, the error its status.
  auto it = store_->ReadLog(bad - 10, store::LogDecoding::kParsed);
  std::vector<store::RecordedEvent> slots(64);
  EXPECT_EQ(it->TakeEvents(slots, UINT64_MAX), 10u);
  EXPECT_EQ(slots[9].position(), bad - 1);
  EXPECT_FALSE(it->Valid());
  EXPECT_TRUE(it->status().IsCorruption()) << it->status().ToString();
  EXPECT_NE(it->status().ToString().find("position 2000: body says position 2001"), std::string::npos)
      << it->status().ToString();
}

TEST_F(LogReadAheadTest, ATruncatedFrameEndsATakeInBothDecodings) {
  const uint64_t bad = 1500;
  store_.reset();
  {
    store::testing::RawDb raw(dir_ + "/ledger");
    const std::string record = raw.Get("log", store::testing::LogKey(bad));
    raw.Put("log", store::testing::LogKey(bad), record.substr(0, record.size() - 8));
  }
  Open();
  for (store::LogDecoding decoding : {store::LogDecoding::kParsed, store::LogDecoding::kLoaded}) {
    SCOPED_TRACE(static_cast<int>(decoding));
    auto it = store_->ReadLog(bad - 3, decoding);
    std::vector<store::RecordedEvent> slots(16);
    EXPECT_EQ(it->TakeEvents(slots, UINT64_MAX), 3u);
    EXPECT_FALSE(it->Valid());
    EXPECT_TRUE(it->status().IsCorruption()) << it->status().ToString();
    EXPECT_NE(it->status().ToString().find("position 1500"), std::string::npos) << it->status().ToString();
  }
}

}  // namespace
}  // namespace jejak::projection
