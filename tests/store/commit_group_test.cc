// CommitGroup: records are hashed after staging (on two threads in a large
// group); a request that fails in the middle of a group leaves no trace,
// and a group writes the very records that committing its requests one
// group each writes.
#include <gtest/gtest.h>

#include <rocksdb/db.h>

#include "store/append_request.h"
#include "store/commit_group.h"
#include "store/keys.h"
#include "store/ledger_db.h"
#include "store/test_events.h"
#include "store/verify.h"

namespace jejak::store {
namespace {

using testing::EmpStream;

constexpr int64_t kRecordedAt = 1'700'000'000'000'000;

// One StreamAppend with the events it spans.
struct Part {
  std::string stream;
  ExpectedVersion expected;
  std::vector<NewEvent> events;
};

// Employee `serial`: recruited and `ratings` ratings, ids "e<serial>-<i>".
Part Employee(int serial, int ratings,
              ExpectedVersion expected = ExpectedVersion::NoStream()) {
  return {EmpStream(serial), expected,
          testing::EmployeeHistory("e" + std::to_string(serial), serial, ratings)};
}

// The parts of one Append call (NewEvent is move-only: no initializer list).
template <typename... P>
std::vector<Part> Parts(P... parts) {
  std::vector<Part> out;
  (out.push_back(std::move(parts)), ...);
  return out;
}

class CommitGroupTest : public ::testing::Test {
 protected:
  struct Ledger {
    testing::TempDir dir;
    std::unique_ptr<LedgerDb> db;
    Head head;
  };

  static void Open(Ledger& l) {
    auto opened = LedgerDb::Open(testing::TestOptions(), l.dir.ledger(), &l.head);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    l.db = std::move(opened).value();
  }

  // Prepares `parts` as one Append call.
  static std::unique_ptr<AppendRequest> Request(std::vector<Part> parts) {
    parts_.push_back(std::move(parts));
    std::vector<StreamAppend> appends;
    for (const Part& p : parts_.back()) appends.push_back({p.stream, p.expected, p.events});
    auto r = PrepareAppend(appends, testing::TestOptions());
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : nullptr;
  }

  // Stages `requests` into one group and writes it; the status of each.
  static std::vector<Status> CommitOneGroup(
      Ledger& l, const std::vector<std::unique_ptr<AppendRequest>>& requests) {
    StreamHeadCache cache;
    GroupBuffers buffers;
    HelperThread helper;
    auto tree = TreeWriter::Load(l.db->view(), l.head.position);
    EXPECT_TRUE(tree.ok()) << tree.status().ToString();
    if (!tree.ok()) return {};
    CommitGroup group(l.db->view(), cache, l.head, kRecordedAt,
                      StoreOptions().max_event_bytes, buffers, helper, tree->get());
    std::vector<Status> statuses;
    for (const auto& request : requests) statuses.push_back(group.Stage(*request).status());
    if (group.staged_events() > 0) {
      auto batch = group.Finish();
      EXPECT_TRUE(batch.ok()) << batch.status().ToString();
      if (!batch.ok()) return statuses;
      EXPECT_TRUE(l.db->db()->Write(rocksdb::WriteOptions(), *batch).ok());
      l.head = group.head();
    }
    return statuses;
  }

  static void ExpectVerifies(const Ledger& l, uint64_t events) {
    VerifyReport report;
    Status s = VerifyLedger(l.db->view(), &report, {});
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(report.events_checked, events);
    EXPECT_EQ(report.head.chain, l.head.chain);
  }

  static std::string Record(const Ledger& l, uint64_t position) {
    std::string value;
    EXPECT_TRUE(l.db->db()
                    ->Get(rocksdb::ReadOptions(), l.db->view().log,
                          PositionKey(position).view(), &value)
                    .ok());
    return value;
  }

  // The events the requests point to (kept alive across a test).
  static inline std::vector<std::vector<Part>> parts_;
  void TearDown() override { parts_.clear(); }
};

TEST_F(CommitGroupTest, FailedRequestInLargeGroupLeavesNoTraceAndRecordsMatch) {
  static_assert(63 + 42 >= kParallelHashEvents && 63 < kParallelHashEvents);
  Ledger one, many;
  Open(one);
  Open(many);

  // One group of 105 records (hashed on two threads), with a request in
  // the middle that stages 10 events of employee 4 and then fails (its
  // second part expects no stream 1, which the group has just created).
  std::vector<std::unique_ptr<AppendRequest>> group;
  group.push_back(Request(Parts(Employee(1, 20), Employee(2, 20), Employee(3, 20))));
  Part stale{EmpStream(1), ExpectedVersion::NoStream(), {}};
  stale.events.push_back(testing::PerformanceRated("late", 2030));
  group.push_back(Request(Parts(Employee(4, 9), std::move(stale))));
  group.push_back(Request(Parts(Employee(5, 20), Employee(6, 20))));
  const std::vector<Status> statuses = CommitOneGroup(one, group);
  ASSERT_EQ(statuses.size(), 3u);
  EXPECT_TRUE(statuses[0].ok()) << statuses[0].ToString();
  EXPECT_TRUE(statuses[1].IsConflict()) << statuses[1].ToString();
  EXPECT_TRUE(statuses[2].ok()) << statuses[2].ToString();
  EXPECT_EQ(one.head.position, 105u);
  ExpectVerifies(one, 105);
  std::string value;
  EXPECT_TRUE(one.db->db()
                  ->Get(rocksdb::ReadOptions(), one.db->view().event_ids, "e4-0", &value)
                  .IsNotFound());

  // The same two requests, one small group each (hashed on one thread).
  std::vector<std::unique_ptr<AppendRequest>> first, second;
  first.push_back(Request(Parts(Employee(1, 20), Employee(2, 20), Employee(3, 20))));
  second.push_back(Request(Parts(Employee(5, 20), Employee(6, 20))));
  EXPECT_TRUE(CommitOneGroup(many, first)[0].ok());
  EXPECT_TRUE(CommitOneGroup(many, second)[0].ok());
  ExpectVerifies(many, 105);

  EXPECT_EQ(one.head.chain, many.head.chain);
  for (uint64_t p = 1; p <= 105; ++p) {
    ASSERT_EQ(Record(one, p), Record(many, p)) << "position " << p;
  }
}

TEST_F(CommitGroupTest, ChecksSeeEventsStagedEarlierInTheGroup) {
  // Request 1 recruits a PNS; request 2 (same group) gives them a PPPK
  // grade: refused on the employee's type, found in the pending state;
  // request 3 retracts request 1's rating by its event id.
  Ledger l;
  Open(l);
  std::vector<std::unique_ptr<AppendRequest>> group;
  group.push_back(Request(Parts(Employee(1, 1))));
  Part grade{EmpStream(1), ExpectedVersion::Any(), {}};
  NewEvent promoted;
  testing::FillEnvelope(promoted.builder(), "grade", 20190401);
  auto r = promoted.builder().initPayload().initRankPromoted();
  r.setKind(schema::PromotionKind::REGULAR);
  r.initTo().setPppkGrade(10);
  grade.events.push_back(std::move(promoted));
  group.push_back(Request(Parts(std::move(grade))));
  Part retract{EmpStream(1), ExpectedVersion::Any(), {}};
  NewEvent by_id = testing::Retracted("undo", 0);
  by_id.builder().getPayload().getRetracted().setTargetEventId("e1-1");
  retract.events.push_back(std::move(by_id));
  group.push_back(Request(Parts(std::move(retract))));
  const std::vector<Status> statuses = CommitOneGroup(l, group);
  ASSERT_EQ(statuses.size(), 3u);
  EXPECT_TRUE(statuses[0].ok()) << statuses[0].ToString();
  EXPECT_TRUE(statuses[1].IsInvalidArgument()) << statuses[1].ToString();
  EXPECT_NE(statuses[1].message().find("a pppkGrade rank for an employee recruited as pns"),
            std::string::npos)
      << statuses[1].ToString();
  EXPECT_TRUE(statuses[2].ok()) << statuses[2].ToString();
  ExpectVerifies(l, 3);
  RecordedEvent record;
  const std::string stored = Record(l, 3);
  ASSERT_TRUE(record.Decode(3, stored).ok());
  EXPECT_EQ(record.event().getPayload().getRetracted().getTarget(), 2u);
}

}  // namespace
}  // namespace jejak::store
