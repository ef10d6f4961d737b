// Pipelined appends (kPipelineEvents or more events: the writer stages the
// first chunks while the caller and the preparation helper prepare the
// rest) record what appends
// prepared whole record, and report the same errors: a preparation error
// anywhere comes before any error the writer finds, and nothing of a
// failed call is written.
#include <algorithm>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "jejak/store/event_store.h"
#include "store/append_request.h"
#include "store/test_events.h"

namespace jejak::store {
namespace {

using testing::EmpStream;

constexpr int kEmployees = 15;
constexpr int kRatings = 20;  // 15 x 21 = 315 events
static_assert(kEmployees * (kRatings + 1) >= static_cast<int>(kPipelineEvents));
static_assert(kEmployees * (kRatings + 1) > static_cast<int>(2 * kPipelineChunk));

class PipelinedAppendTest : public ::testing::Test {
 protected:
  // Reopens the ledger and rebuilds the (unspoiled) histories.
  void SetUp() override {
    store_.reset();
    store_ = testing::OpenOrDie(testing::TestOptions(&clock_), dir_.ledger());
    ASSERT_NE(store_, nullptr);
    histories_.clear();
    for (int e = 1; e <= kEmployees; ++e) {
      histories_.push_back(testing::EmployeeHistory("e" + std::to_string(e), e, kRatings));
    }
  }

  // One part per employee, expected version `expected`.
  std::vector<StreamAppend> Parts(ExpectedVersion expected) {
    std::vector<StreamAppend> parts;
    for (int e = 1; e <= kEmployees; ++e) {
      parts.push_back({EmpStream(e), expected, histories_[static_cast<size_t>(e - 1)]});
    }
    return parts;
  }

  // Submission index `index` gets an impossible rating year.
  void Spoil(size_t index) {
    auto& event = histories_[index / (kRatings + 1)][index % (kRatings + 1)];
    event.builder().getPayload().getPerformanceRated().setYear(1200);
  }

  testing::FakeClock clock_{1'700'000'000'000'000};
  testing::TempDir dir_;
  std::unique_ptr<EventStore> store_;
  std::vector<std::vector<NewEvent>> histories_;
};

TEST_F(PipelinedAppendTest, RecordsWhatSmallAppendsRecord) {
  auto r = store_->Append(Parts(ExpectedVersion::NoStream()));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->positions.size(), static_cast<size_t>(kEmployees * (kRatings + 1)));
  for (size_t i = 0; i < r->positions.size(); ++i) EXPECT_EQ(r->positions[i], i + 1);
  VerifyReport report;
  Status verified = store_->Verify(&report);
  ASSERT_TRUE(verified.ok()) << verified.ToString();

  // The same events, one (unpipelined) call per employee, same clock.
  testing::TempDir other_dir;
  auto other = testing::OpenOrDie(testing::TestOptions(&clock_), other_dir.ledger());
  ASSERT_NE(other, nullptr);
  for (int e = 1; e <= kEmployees; ++e) {
    ASSERT_TRUE(other
                    ->Append(EmpStream(e), ExpectedVersion::NoStream(),
                             histories_[static_cast<size_t>(e - 1)])
                    .ok());
  }
  EXPECT_EQ(other->GetHead().position, store_->GetHead().position);
  EXPECT_EQ(other->GetHead().chain, store_->GetHead().chain);

  // A retry is all duplicates.
  r = store_->Append(Parts(ExpectedVersion::NoStream()));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->duplicates, static_cast<size_t>(kEmployees * (kRatings + 1)));
}

TEST_F(PipelinedAppendTest, PreparationErrorInAnyChunkWritesNothing) {
  for (size_t bad : {size_t{3}, kPipelineChunk, kPipelineChunk + 1, size_t{300}, size_t{314}}) {
    SetUp();
    Spoil(bad);
    auto r = store_->Append(Parts(ExpectedVersion::NoStream()));
    ASSERT_TRUE(r.status().IsInvalidArgument()) << r.status().ToString();
    const std::string want = "event " + std::to_string(bad) + ": payload";
    EXPECT_NE(r.status().message().find(want), std::string::npos)
        << r.status().message() << " (want " << want << ")";
    EXPECT_EQ(store_->GetHead().position, 0u);
  }
}

TEST_F(PipelinedAppendTest, TheFirstOfSeveralPreparationErrorsIsReported) {
  // Two threads prepare the chunks; whichever finds its error first, the
  // answer is the error of least submission index. Pairs: both halves of
  // the first chunk; the last event of a chunk and the first of the next
  // (the next chunk's thread finds its error long before the other thread
  // reaches the end of its chunk); two later chunks; one chunk; the first
  // and the last chunk.
  static_assert(kPipelineChunk == 64);
  const std::vector<std::pair<size_t, size_t>> pairs = {
      {10, 40}, {127, 128}, {191, 192}, {100, 250}, {199, 200}, {5, 314}, {130, 129}};
  for (int round = 0; round < 3; ++round) {
    for (const auto& [a, b] : pairs) {
      SetUp();
      Spoil(a);
      Spoil(b);
      auto r = store_->Append(Parts(ExpectedVersion::NoStream()));
      ASSERT_TRUE(r.status().IsInvalidArgument()) << r.status().ToString();
      const std::string want = "event " + std::to_string(std::min(a, b)) + ": payload";
      EXPECT_NE(r.status().message().find(want), std::string::npos)
          << r.status().message() << " (want " << want << ")";
      EXPECT_EQ(store_->GetHead().position, 0u);
    }
  }
}

TEST_F(PipelinedAppendTest, PreparationErrorComesBeforeTheWritersError) {
  // Employee 1 exists: the first part's NoStream fails in the writer, long
  // before event 310 is prepared; the answer is still event 310's error.
  std::vector<NewEvent> first;
  first.push_back(testing::Recruited("pre-0", testing::Nip(1)));
  ASSERT_TRUE(store_->Append(EmpStream(1), ExpectedVersion::NoStream(), first).ok());
  Spoil(310);
  auto r = store_->Append(Parts(ExpectedVersion::NoStream()));
  ASSERT_TRUE(r.status().IsInvalidArgument()) << r.status().ToString();
  EXPECT_NE(r.status().message().find("event 310: payload"), std::string::npos)
      << r.status().message();
  EXPECT_EQ(store_->GetHead().position, 1u);

  // Without the bad event, the writer's error, and nothing written.
  SetUp();
  ASSERT_TRUE(store_->Append(EmpStream(1), ExpectedVersion::NoStream(), first).ok());
  r = store_->Append(Parts(ExpectedVersion::NoStream()));
  EXPECT_TRUE(r.status().IsConflict()) << r.status().ToString();
  EXPECT_EQ(store_->GetHead().position, 1u);
  VerifyReport report;
  Status verified = store_->Verify(&report);
  EXPECT_TRUE(verified.ok()) << verified.ToString();
}

}  // namespace
}  // namespace jejak::store
