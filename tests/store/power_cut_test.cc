// Durability: a simulated power cut (every byte not fsync'ed is lost, see
// fault_fs.h) keeps every append acknowledged with sync=true; with
// sync=false acknowledged appends may be lost, but the ledger reopens as a
// consistent prefix and verifies.
#include <gtest/gtest.h>

#include "jejak/store/event_store.h"
#include "store/event_store_impl.h"
#include "store/fault_fs.h"
#include "store/test_events.h"

namespace jejak::store {
namespace {

using testing::EmpStream;

// Appends the histories of employees [first, first + count): returns the
// (event id, position) of every acknowledged event.
std::vector<std::pair<std::string, uint64_t>> AppendHistories(EventStore& store, int first,
                                                              int count) {
  std::vector<std::pair<std::string, uint64_t>> acked;
  for (int e = first; e < first + count; ++e) {
    const std::string prefix = "e" + std::to_string(e);
    auto events = testing::EmployeeHistory(prefix, e, 4);
    auto r = store.Append(EmpStream(e), ExpectedVersion::NoStream(), events);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) break;
    for (size_t i = 0; i < r->positions.size(); ++i) {
      acked.emplace_back(prefix + "-" + std::to_string(i), r->positions[i]);
    }
  }
  return acked;
}

class PowerCutTest : public ::testing::Test {
 protected:
  std::unique_ptr<EventStore> OpenFaulty(bool sync) {
    StoreOptions options = testing::TestOptions();
    options.sync = sync;
    auto store = EventStoreImpl::Open(options, dir_.ledger(), env_.get());
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  // Cuts the power, lets `store` go (its writes vanish), drops what was
  // not synced, and reopens the ledger normally.
  std::unique_ptr<EventStore> CutPowerAndReopen(std::unique_ptr<EventStore> store,
                                                int employee_after_cut) {
    fs_->SetActive(false);
    // Appended after the cut: acknowledged by a machine already off.
    (void)AppendHistories(*store, employee_after_cut, 2);
    store.reset();
    fs_->DropUnsyncedData();
    fs_->SetActive(true);
    return testing::OpenOrDie(testing::TestOptions(), dir_.ledger());
  }

  void ExpectPresent(EventStore& store,
                     const std::vector<std::pair<std::string, uint64_t>>& acked) {
    for (const auto& [id, position] : acked) {
      auto found = store.FindEventId(id);
      ASSERT_TRUE(found.ok()) << id << ": " << found.status().ToString();
      EXPECT_EQ(*found, position) << id;
      EXPECT_EQ(testing::IdOf(*store.ReadAt(position)), id);
    }
  }

  testing::TempDir dir_;
  std::shared_ptr<testing::FaultFs> fs_ = std::make_shared<testing::FaultFs>();
  std::unique_ptr<rocksdb::Env> env_ = testing::NewFaultEnv(fs_);
};

TEST_F(PowerCutTest, SyncedAppendsSurvivePowerCut) {
  auto store = OpenFaulty(/*sync=*/true);
  ASSERT_NE(store, nullptr);
  const auto acked = AppendHistories(*store, 1, 30);
  ASSERT_EQ(acked.size(), 150u);
  store = CutPowerAndReopen(std::move(store), 100);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->GetHead().position, 150u);
  ExpectPresent(*store, acked);
  VerifyReport report;
  Status s = store->Verify(&report);
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_F(PowerCutTest, UnsyncedAppendsMayBeLostButLedgerStaysConsistent) {
  auto store = OpenFaulty(/*sync=*/true);
  ASSERT_NE(store, nullptr);
  const auto synced = AppendHistories(*store, 1, 10);  // 50 events, synced
  store.reset();
  store = OpenFaulty(/*sync=*/false);
  ASSERT_NE(store, nullptr);
  const auto unsynced = AppendHistories(*store, 11, 10);  // 50 more, not synced
  ASSERT_EQ(unsynced.size(), 50u);
  EXPECT_GT(fs_->UnsyncedBytes(), 0u);
  store = CutPowerAndReopen(std::move(store), 100);
  ASSERT_NE(store, nullptr);

  const uint64_t head = store->GetHead().position;
  EXPECT_GE(head, 50u);
  EXPECT_LT(head, 100u) << "nothing was lost: the test did not drop unsynced data";
  ExpectPresent(*store, synced);
  for (const auto& [id, position] : unsynced) {
    if (position <= head) EXPECT_EQ(*store->FindEventId(id), position);
    else EXPECT_TRUE(store->FindEventId(id).status().IsNotFound()) << id;
  }
  VerifyReport report;
  Status s = store->Verify(&report);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(report.events_checked, head);

  // The ledger goes on from its recovered head.
  auto more = AppendHistories(*store, 200, 1);
  ASSERT_EQ(more.size(), 5u);
  EXPECT_EQ(more[0].second, head + 1);
}

}  // namespace
}  // namespace jejak::store
