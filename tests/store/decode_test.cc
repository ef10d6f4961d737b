// RecordedEvent::Decode on malformed input: every truncation and many
// random corruptions return OK or Corruption, never crash (run under ASan).
#include <gtest/gtest.h>

#include <random>

#include <kj/exception.h>

#include "jejak/store/recorded_event.h"
#include "store/frame.h"
#include "store/test_events.h"

namespace jejak::store {
namespace {

// The stored value of a real record: a correction (nested payload).
std::string RealRecord(uint64_t* position) {
  testing::TempDir dir;
  auto store = testing::OpenOrDie(testing::TestOptions(), dir.ledger());
  if (store == nullptr) return "";
  auto events = testing::EmployeeHistory("a", 1, 1);
  events.push_back(testing::CorrectedRating("a-fix", 2, 2016));
  auto r = store->Append(testing::EmpStream(1), ExpectedVersion::Any(), events);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  auto ev = store->ReadAt(3);
  EXPECT_TRUE(ev.ok());
  std::string value;
  AppendFrame(ev->leaf_hash(), ev->chain_hash(), ev->body(), &value);
  *position = 3;
  return value;
}


// Reads every field a projection might, catching what the reader throws.
void TouchEverything(const RecordedEvent& rec) {
  (void)kj::runCatchingExceptions([&] {
    auto ev = rec.event();
    (void)ev.getStream().size();
    (void)ev.getEventId().size();
    (void)ev.getVersion();
    (void)ev.getRecordedAt().getUnixMicros();
    (void)ev.getActor().getUser().size();
    (void)ev.getSource().getDecreeNumber().size();
    auto payload = ev.getPayload();
    if (payload.isCorrected()) {
      auto c = payload.getCorrected();
      (void)c.getReason().size();
      auto rep = c.getReplacement();
      if (rep.isPerformanceRated()) (void)rep.getPerformanceRated().getEvaluatorNip().size();
    }
  });
}

TEST(DecodeTest, RealRecordDecodes) {
  uint64_t position = 0;
  const std::string value = RealRecord(&position);
  RecordedEvent rec;
  ASSERT_TRUE(rec.Decode(position, value).ok());
  EXPECT_TRUE(rec.event().getPayload().isCorrected());
  EXPECT_EQ(rec.event().getPayload().getCorrected().getTarget(), 2u);
  // At another key position it is Corruption naming the key.
  Status s = rec.Decode(4, value);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find("position 4"), std::string::npos) << s.message();
}

TEST(DecodeTest, EveryTruncationIsCorruption) {
  uint64_t position = 0;
  const std::string value = RealRecord(&position);
  ASSERT_FALSE(value.empty());
  RecordedEvent rec;
  for (size_t len = 0; len < value.size(); ++len) {
    Status s = rec.Decode(position, std::string_view(value).substr(0, len));
    ASSERT_TRUE(s.IsCorruption()) << "length " << len;
  }
}

TEST(DecodeTest, TruncatedBodiesWithMatchingLengthNeverCrash) {
  uint64_t position = 0;
  const std::string value = RealRecord(&position);
  const std::string_view body = std::string_view(value).substr(kFrameHeaderBytes);
  RecordedEvent rec;
  Hash zero{};
  for (size_t len = 8; len < body.size(); len += 8) {
    std::string framed;
    AppendFrame(zero, zero, body.substr(0, len), &framed);
    Status s = rec.Decode(position, framed);
    if (s.ok()) TouchEverything(rec);
    else EXPECT_TRUE(s.IsCorruption());
  }
}

TEST(DecodeTest, RandomByteFlipsNeverCrash) {
  uint64_t position = 0;
  const std::string value = RealRecord(&position);
  std::mt19937 rng(20240611);
  RecordedEvent rec;
  int ok = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string bad = value;
    const int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f) {
      const size_t at = rng() % bad.size();
      bad[at] = static_cast<char>(bad[at] ^ (1u << (rng() % 8)));
    }
    Status s = rec.Decode(position, bad);
    if (s.ok()) {
      ++ok;
      TouchEverything(rec);
      RecordedEvent copy = rec;  // copying a decoded record re-reads it
      TouchEverything(copy);
    } else {
      ASSERT_TRUE(s.IsCorruption()) << s.ToString();
    }
  }
  EXPECT_GT(ok, 0);  // flips in text or hashes still decode
}

TEST(DecodeTest, RandomBodiesNeverCrash) {
  std::mt19937 rng(7);
  RecordedEvent rec;
  Hash zero{};
  for (int round = 0; round < 5000; ++round) {
    std::string body(8 * (1 + rng() % 32), '\0');
    for (auto& c : body) c = static_cast<char>(rng());
    // Often give it a plausible root pointer so the parser goes deeper.
    if (round % 2 == 0) body.replace(0, 8, std::string("\x00\x00\x00\x00\x03\x00\x07\x00", 8));
    std::string framed;
    AppendFrame(zero, zero, body, &framed);
    Status s = rec.Decode(0, framed);
    if (s.ok()) TouchEverything(rec);
  }
}

TEST(DecodeTest, FrameHeaderChecks) {
  uint64_t position = 0;
  const std::string value = RealRecord(&position);
  RecordedEvent rec;
  std::string bad = value;
  bad[0] = 2;
  EXPECT_NE(rec.Decode(position, bad).message().find("frame version 2"), std::string::npos);
  bad = value;
  bad[2] = 1;
  EXPECT_NE(rec.Decode(position, bad).message().find("reserved"), std::string::npos);
  bad = value + std::string(8, '\0');
  EXPECT_NE(rec.Decode(position, bad).message().find("body length"), std::string::npos);
}

}  // namespace
}  // namespace jejak::store
