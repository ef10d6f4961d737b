// LogReadAhead and LogIterator::SwapEvent: the events handed to the fold are
// the log's, whole and in order, whether read on a helper thread (buffers
// swapped between the iterator and the read-ahead queue) or in the caller's.
#include <gtest/gtest.h>

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

TEST_F(LogReadAheadTest, SwappedEventsKeepTheirOwnBytes) {
  // Every event swapped out of the iterator is kept: the iterator decodes
  // the next one into the buffers it got back, never into a kept event.
  std::vector<store::RecordedEvent> kept;
  auto it = store_->ReadLog(1);
  for (; it->Valid(); it->Next()) {
    kept.emplace_back();
    it->SwapEvent(&kept.back());
  }
  ASSERT_TRUE(it->status().ok()) << it->status().ToString();
  ASSERT_EQ(kept.size(), head_);
  for (uint64_t p = 1; p <= head_; ++p) {
    const store::RecordedEvent& e = kept[p - 1];
    ASSERT_EQ(e.position(), p);
    ASSERT_EQ(e.event().getPosition(), p);  // the reader points at its own bytes
    ASSERT_EQ(std::string(e.body()), Body(p)) << "position " << p;
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
}

}  // namespace
}  // namespace jejak::projection
