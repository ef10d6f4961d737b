// ImportCheck: every way an import could record an event twice is caught
// before appending, and says why.
#include "jejak/ingest/import_check.h"

#include <gtest/gtest.h>

#include "store/test_events.h"

namespace jejak::ingest {
namespace {

using Kind = ImportVerdict::Kind;
using store::testing::CorrectedRating;
using store::testing::EmpStream;
using store::testing::Nip;
using store::testing::PerformanceRated;
using store::testing::Recruited;
using store::testing::TempDir;

// `e` on employee `serial`'s stream.
store::NewEvent On(int serial, store::NewEvent e) {
  e.builder().setStream(EmpStream(serial));
  return e;
}

class ImportCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::EventStore::Open(store::StoreOptions(), dir_.ledger());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  void Record(store::NewEvent e) {
    const std::string stream = e.reader().getStream();
    auto r = store_->Append(stream, store::ExpectedVersion::Any(),
                            std::span<const store::NewEvent>(&e, 1));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  ImportVerdict Check(ImportCheck& check, const store::NewEvent& e, uint64_t row) {
    auto v = check.Check(e, row, "NIP x, JENIS y");
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : ImportVerdict();
  }

  TempDir dir_;
  std::unique_ptr<store::EventStore> store_;
  codec::EventJson json_;
};

TEST_F(ImportCheckTest, NewEventsAreToBeAppendedAndRecordedOnesAreNot) {
  ImportCheck first(store_.get(), &json_);
  const ImportVerdict v = Check(first, On(1, Recruited("r-1", Nip(1))), 2);
  EXPECT_EQ(v.kind, Kind::kAppend);
  EXPECT_TRUE(v.append);
  EXPECT_TRUE(v.message.empty());
  Record(On(1, Recruited("r-1", Nip(1))));

  ImportCheck again(store_.get(), &json_);
  const ImportVerdict w = Check(again, On(1, Recruited("r-1", Nip(1))), 2);
  EXPECT_EQ(w.kind, Kind::kRecorded);
  EXPECT_FALSE(w.append);
  EXPECT_EQ(w.position, 1u);
  EXPECT_TRUE(w.error.ok());
}

// Only the mapping's actor changed since the first run: the verdict says
// what differs, not a bare Conflict.
TEST_F(ImportCheckTest, TheSameIdWithOtherContentNamesWhatDiffers) {
  Record(On(1, Recruited("r-1", Nip(1))));
  store::NewEvent changed = On(1, Recruited("r-1", Nip(1)));
  changed.builder().getActor().setUser("operator.baru");
  const std::string before = On(1, Recruited("x", Nip(1))).reader().getActor().getUser().cStr();
  ImportCheck check(store_.get(), &json_);
  const ImportVerdict v = Check(check, changed, 7);
  EXPECT_EQ(v.kind, Kind::kRecordedOtherwise);
  EXPECT_FALSE(v.append);
  EXPECT_TRUE(v.error.IsConflict());
  EXPECT_NE(v.message.find("row 7: event \"r-1\" (NIP x, JENIS y) is recorded at position 1 "
                           "with other content: actor.user: \"" + before +
                           "\" recorded, \"operator.baru\" here."),
            std::string::npos)
      << v.message;
}

TEST_F(ImportCheckTest, TheSameFactUnderAnotherIdIsAProbableDuplicate) {
  Record(On(1, Recruited("r-1", Nip(1))));
  Record(On(1, PerformanceRated("old-id", 2016)));
  ImportCheck check(store_.get(), &json_);
  const ImportVerdict v = Check(check, On(1, PerformanceRated("new-id", 2016)), 9);
  EXPECT_EQ(v.kind, Kind::kProbableDuplicate);
  EXPECT_FALSE(v.append);
  EXPECT_EQ(v.position, 2u);
  EXPECT_TRUE(v.error.IsConflict());
  EXPECT_NE(v.message.find("row 9: probably a duplicate of the event recorded at position 2 as "
                           "\"old-id\" (the same employee, performanceRated, TMT 2016-12-31 "
                           "and payload"),
            std::string::npos)
      << v.message;
  // Another year is another fact.
  EXPECT_EQ(Check(check, On(1, PerformanceRated("other", 2017)), 10).kind, Kind::kAppend);

  ImportCheck allowing(store_.get(), &json_, {.allow_duplicates = true});
  const ImportVerdict w = Check(allowing, On(1, PerformanceRated("new-id", 2016)), 9);
  EXPECT_EQ(w.kind, Kind::kProbableDuplicate);
  EXPECT_TRUE(w.append);
  EXPECT_TRUE(w.error.ok());
}

// A correction states what its target should have said: a row saying that
// is the same fact.
TEST_F(ImportCheckTest, ACorrectionsReplacementIsARecordedFact) {
  Record(On(1, Recruited("r-1", Nip(1))));
  Record(On(1, PerformanceRated("rating", 2016)));
  Record(On(1, CorrectedRating("fix", 2, 2016)));
  store::NewEvent as_corrected = On(1, PerformanceRated(
                                           "again", 2016, schema::PredikatKinerja::SANGAT_BAIK));
  ImportCheck check(store_.get(), &json_);
  const ImportVerdict v = Check(check, as_corrected, 4);
  EXPECT_EQ(v.kind, Kind::kProbableDuplicate) << v.message;
  EXPECT_EQ(v.position, 3u);
}

TEST_F(ImportCheckTest, RowsOfOneInputAreComparedWithEachOther) {
  ImportCheck check(store_.get(), &json_);
  ASSERT_EQ(Check(check, On(1, Recruited("r-1", Nip(1))), 2).kind, Kind::kAppend);
  ASSERT_EQ(Check(check, On(1, PerformanceRated("p-16", 2016)), 3).kind, Kind::kAppend);

  const ImportVerdict repeat = Check(check, On(1, PerformanceRated("p-16", 2016)), 4);
  EXPECT_EQ(repeat.kind, Kind::kRepeatsRow);
  EXPECT_EQ(repeat.row, 3u);
  EXPECT_FALSE(repeat.append);
  EXPECT_TRUE(repeat.error.ok()) << "a warning";
  EXPECT_EQ(repeat.message, "row 4: repeats row 3 (the same event (NIP x, JENIS y)): not "
                            "appended twice");

  const ImportVerdict clash = Check(check, On(1, PerformanceRated("p-16", 2017)), 5);
  EXPECT_EQ(clash.kind, Kind::kKeyClash);
  EXPECT_EQ(clash.row, 3u);
  EXPECT_TRUE(clash.error.IsInvalidArgument());

  const ImportVerdict twin = Check(check, On(1, PerformanceRated("p-16b", 2016)), 6);
  EXPECT_EQ(twin.kind, Kind::kDuplicateOfRow);
  EXPECT_EQ(twin.row, 3u);
  EXPECT_TRUE(twin.error.IsConflict());

  const auto& c = check.counts();
  EXPECT_EQ(c.checked, 5u);
  EXPECT_EQ(c.to_append, 2u);
  EXPECT_EQ(c.repeated, 1u);
  EXPECT_EQ(c.refused, 1u);
  EXPECT_EQ(c.probable_in_input, 1u);
}

TEST_F(ImportCheckTest, AnEmployeeEventNeedsARecruitmentFirst) {
  ImportCheck check(store_.get(), &json_);
  const ImportVerdict early = Check(check, On(2, PerformanceRated("p", 2016)), 2);
  EXPECT_EQ(early.kind, Kind::kNoRecruitment);
  EXPECT_TRUE(early.error.IsInvalidArgument());
  EXPECT_NE(early.message.find(EmpStream(2) + " has no recruited event"), std::string::npos);

  store::NewEvent recruited = On(2, Recruited("r-2", Nip(2)));
  ASSERT_EQ(Check(check, recruited, 3).kind, Kind::kAppend);
  EXPECT_EQ(Check(check, On(2, PerformanceRated("p", 2016)), 4).kind, Kind::kAppend);
  // The store refused the recruitment after all: later rows need another.
  check.Refused(recruited, 3);
  EXPECT_EQ(Check(check, On(2, PerformanceRated("q", 2017)), 5).kind, Kind::kNoRecruitment);
}

TEST_F(ImportCheckTest, AnInputMostlyRecordedAlreadyIsAskedAbout) {
  Record(On(1, Recruited("r-1", Nip(1))));
  Record(On(1, PerformanceRated("p-16", 2016)));
  ImportCheck check(store_.get(), &json_);
  (void)Check(check, On(1, Recruited("r-1", Nip(1))), 2);
  EXPECT_TRUE(check.AlreadyImportedWarning().empty()) << "one row says little";
  (void)Check(check, On(1, PerformanceRated("p-16-renamed", 2016)), 3);
  (void)Check(check, On(1, PerformanceRated("p-17", 2017)), 4);
  EXPECT_NE(check.AlreadyImportedWarning().find("2 of the 3 rows that make an event are in the "
                                                "ledger already"),
            std::string::npos)
      << check.AlreadyImportedWarning();
  (void)Check(check, On(1, PerformanceRated("p-18", 2018)), 5);
  EXPECT_TRUE(check.AlreadyImportedWarning().empty()) << "half is not most";
}

}  // namespace
}  // namespace jejak::ingest
