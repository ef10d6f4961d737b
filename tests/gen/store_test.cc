// A whole generated region appends into a fresh store with no rejection,
// every event at the position the generator numbered it, and verifies.
#include <gtest/gtest.h>

#include <sstream>

#include "gen/generator.h"
#include "jejak/codec/event_json.h"
#include "store/test_events.h"

namespace jejak::gen {
namespace {

TEST(GeneratedRegionTest, AppendsIntoAFreshStoreWithoutRejectionAndVerifies) {
  GenOptions o;
  o.employees = 300;
  o.seed = 21;
  o.violation_rate = 0.05;
  std::ostringstream out;
  auto summary = Generate(o, out, nullptr);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();

  store::testing::TempDir dir;
  auto db = store::testing::OpenOrDie(store::testing::TestOptions(), dir.ledger());
  codec::EventJson json;
  std::istringstream in(out.str());
  std::string line;
  uint64_t line_no = 0;
  std::vector<store::NewEvent> batch;
  auto flush = [&] {
    // One StreamAppend per run of consecutive events of a stream, in file
    // order: positions follow the lines.
    std::vector<std::string> streams;
    std::vector<std::pair<size_t, size_t>> runs;
    for (size_t i = 0; i < batch.size(); ++i) {
      std::string s = batch[i].reader().getStream();
      if (runs.empty() || streams.back() != s) {
        streams.push_back(s);
        runs.emplace_back(i, 0);
      }
      ++runs.back().second;
    }
    std::vector<store::StreamAppend> appends;
    for (size_t r = 0; r < runs.size(); ++r) {
      appends.push_back({streams[r], store::ExpectedVersion::Any(),
                         std::span<const store::NewEvent>(batch.data() + runs[r].first,
                                                          runs[r].second)});
    }
    auto result = db->Append(appends);
    ASSERT_TRUE(result.ok()) << "before line " << line_no << ": " << result.status().ToString();
    EXPECT_EQ(result->duplicates, 0u);
    EXPECT_EQ(result->last_position, line_no);
    batch.clear();
  };
  while (std::getline(in, line)) {
    ++line_no;
    auto ev = json.ParseInput(line);
    ASSERT_TRUE(ev.ok()) << "line " << line_no << ": " << ev.status().ToString();
    batch.push_back(std::move(*ev));
    if (batch.size() == 1000) flush();
  }
  if (!batch.empty()) flush();
  EXPECT_EQ(line_no, summary->events);
  EXPECT_EQ(db->GetHead().position, summary->events);

  store::VerifyReport report;
  Status v = db->Verify(&report);
  EXPECT_TRUE(v.ok()) << v.ToString();
  EXPECT_EQ(report.events_checked, summary->events);
}

}  // namespace
}  // namespace jejak::gen
