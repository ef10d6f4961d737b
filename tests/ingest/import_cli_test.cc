// `jejak import --csv FILE --mapping FILE` end to end on docs/examples:
// the bad row is reported with row and column, the others are appended,
// and a second run after fixing the row appends just that row.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gen/run_jejak.h"

namespace jejak::testing {
namespace {

TEST_F(JejakCliTest, CsvImportKeepsGoodRowsReportsTheBadOneAndResumes) {
  const std::string csv = (source_ / "docs/examples/legacy.csv").string();
  const std::string mapping = (source_ / "docs/examples/legacy-mapping.json").string();
  ASSERT_EQ(Jejak("init").code, 0);
  JejakRun first = Jejak("import --no-sync --csv " + csv + " --mapping " + mapping);
  EXPECT_EQ(first.code, 2) << first.err;
  EXPECT_NE(first.err.find("row 20 (line 20), column TGL_SK: \"31-02-2018\""), std::string::npos)
      << first.err;
  EXPECT_NE(first.err.find("21 appended, 0 already recorded, 1 rejected"), std::string::npos)
      << first.err;

  std::string text = SlurpFile(csv);
  text.replace(text.find("31-02-2018"), 10, "28-02-2018");
  const std::string fixed = (dir_ / "fixed.csv").string();
  std::ofstream(fixed, std::ios::binary) << text;
  JejakRun second = Jejak("import --no-sync --csv " + fixed + " --mapping " + mapping);
  EXPECT_EQ(second.code, 0) << second.err;
  EXPECT_NE(second.err.find("1 appended, 21 already recorded, 0 rejected"), std::string::npos)
      << second.err;
  EXPECT_EQ(Jejak("verify").code, 0);
}

TEST_F(JejakCliTest, CsvImportNeedsBothFilesAndAGoodMapping) {
  const std::string csv = (source_ / "docs/examples/legacy.csv").string();
  ASSERT_EQ(Jejak("init").code, 0);
  EXPECT_EQ(Jejak("import --csv " + csv).code, 2);
  const std::string bad = (dir_ / "bad.json").string();
  std::ofstream(bad) << R"({"columns": {"nip": "NIP", "type": "JENIS", "effectiveDate": "NOPE"},
                           "types": {"KP": "rankPromoted"}})";
  JejakRun r = Jejak("import --csv " + csv + " --mapping " + bad);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("NOPE"), std::string::npos) << r.err;
}

TEST_F(JejakCliTest, CsvImportOfADirectoryIsBadInputNotACrash) {
  const std::string mapping = (source_ / "docs/examples/legacy-mapping.json").string();
  ASSERT_EQ(Jejak("init").code, 0);
  JejakRun r = Jejak("import --csv " + dir_.string() + " --mapping " + mapping);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
  JejakRun m = Jejak("import --csv " + mapping + " --mapping " + dir_.string());
  EXPECT_EQ(m.code, 2) << m.err;
  EXPECT_NE(m.err.find("is a directory"), std::string::npos) << m.err;
}

// The fix-and-re-run paths of a migration (issue 16): whatever the clerk
// does to the export between two runs, nothing is recorded twice.
// docs/examples/legacy.csv with row 20 fixed (22 good rows) and a NO
// column in front, imported with its example mapping (key ids).
class CsvRerunTest : public JejakCliTest {
 protected:
  void SetUp() override {
    JejakCliTest::SetUp();
    mapping_ = (source_ / "docs/examples/legacy-mapping.json").string();
    std::string text = SlurpFile(source_ / "docs/examples/legacy.csv");
    text.replace(text.find("31-02-2018"), 10, "28-02-2018");
    // One record a line, except row 22, whose note spans two lines (an
    // odd number of quotes leaves a record open).
    std::istringstream in(text);
    bool open = false;
    for (std::string line; std::getline(in, line);) {
      if (open) {
        rows_.back() += "\n" + line;
      } else {
        rows_.push_back(line);
      }
      if (std::count(line.begin(), line.end(), '"') % 2 == 1) open = !open;
    }
    ASSERT_EQ(rows_.size(), 23u);  // the header and 22 rows
    ASSERT_EQ(Jejak("init").code, 0);
  }

  // Writes the header and `rows` (indexes into rows_), with a NO column
  // numbered from `first`; returns the quoted path.
  std::string Write(const std::string& name, const std::vector<size_t>& rows, int first = 1) {
    const auto path = dir_ / name;
    std::ofstream out(path, std::ios::binary);
    out << "NO," << rows_[0] << "\n";
    int no = first;
    for (size_t i : rows) out << no++ << "," << rows_[i] << "\n";
    return "'" + path.string() + "'";
  }
  std::vector<size_t> AllRows() const {
    std::vector<size_t> all;
    for (size_t i = 1; i < rows_.size(); ++i) all.push_back(i);
    return all;
  }
  JejakRun Import(const std::string& csv, const std::string& flags = "",
                  const std::string& mapping = "") {
    return Jejak("import --no-sync " + flags + " --csv " + csv + " --mapping " +
                 (mapping.empty() ? mapping_ : mapping));
  }
  uint64_t Head() {
    JejakRun r = Jejak("verify");
    const size_t at = r.out.find("head position ");
    EXPECT_NE(at, std::string::npos) << r.out << r.err;
    return at == std::string::npos ? 0 : std::stoull(r.out.substr(at + 14));
  }
  // The example mapping with `from` replaced by `to`.
  std::string MappingWith(const std::string& from, const std::string& to) {
    std::string text = SlurpFile(mapping_);
    EXPECT_NE(text.find(from), std::string::npos) << from;
    text.replace(text.find(from), from.size(), to);
    const auto path = dir_ / ("mapping-" + std::to_string(++mappings_) + ".json");
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  std::string mapping_;
  std::vector<std::string> rows_;
  int mappings_ = 0;
};

TEST_F(CsvRerunTest, DeletingADuplicatedRowAndRerunningRecordsNothingTwice) {
  std::vector<size_t> with_copy = AllRows();
  with_copy.insert(with_copy.begin() + 4, 4);  // row 5 pasted twice: rows 5 and 6
  JejakRun first = Import(Write("export.csv", with_copy));
  EXPECT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.err.find("row 6: repeats row 5"), std::string::npos) << first.err;
  EXPECT_NE(first.err.find("22 appended, 0 already recorded, 0 rejected, 0 probable duplicates, "
                           "1 repeated rows, 23 rows"),
            std::string::npos)
      << first.err;
  EXPECT_EQ(Head(), 22u);

  JejakRun fixed = Import(Write("export.csv", AllRows()));
  EXPECT_EQ(fixed.code, 0) << fixed.err;
  EXPECT_NE(fixed.err.find("0 appended, 22 already recorded"), std::string::npos) << fixed.err;
  EXPECT_NE(fixed.err.find("imported before?"), std::string::npos) << fixed.err;
  EXPECT_EQ(Head(), 22u);
}

TEST_F(CsvRerunTest, RenumberingTheNoColumnAndRerunningRecordsNothingTwice) {
  ASSERT_EQ(Import(Write("export.csv", AllRows(), 1)).code, 0);
  std::vector<size_t> reordered = AllRows();
  std::reverse(reordered.begin(), reordered.end());
  // Recruitments stay first, as the ledger needs them.
  std::stable_partition(reordered.begin(), reordered.end(),
                        [&](size_t i) { return rows_[i].find(",CPNS,") != std::string::npos; });
  JejakRun again = Import(Write("export.csv", reordered, 501));
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.err.find("0 appended, 22 already recorded, 0 rejected, 0 probable duplicates"),
            std::string::npos)
      << again.err;
  EXPECT_EQ(Head(), 22u);
}

TEST_F(CsvRerunTest, TheSameFileUnderAnotherNameRecordsNothingTwice) {
  ASSERT_EQ(Import(Write("export.csv", AllRows())).code, 0);
  JejakRun again = Import(Write("export (1).csv", AllRows()));
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.err.find("0 appended, 22 already recorded"), std::string::npos) << again.err;
  EXPECT_EQ(Head(), 22u);
}

// Row and hash ids shift or change with such edits; the check still finds
// every row in the ledger: a row id now naming another row's event is
// refused with what differs, a new hash id is a probable duplicate.
TEST_F(CsvRerunTest, LegacyIdsOfAnEditedFileRecordNothingTwice) {
  for (const std::string ids : {"row", "hash"}) {
    SCOPED_TRACE(ids);
    std::filesystem::remove_all(dir_ / "ledger");
    ASSERT_EQ(Jejak("init").code, 0);
    const std::string mapping = MappingWith("\"eventIds\": \"key\"", "\"eventIds\": \"" + ids + "\"");
    ASSERT_EQ(Import(Write("export.csv", AllRows()), "", mapping).code, 0);
    std::vector<size_t> edited = AllRows();
    edited.erase(edited.begin() + 4);  // row 6 deleted: every later row moves up
    const std::string again_csv = Write("export (1).csv", edited, 7);
    JejakRun again = Import(again_csv, "", mapping);
    EXPECT_EQ(again.code, 4) << again.err;
    if (ids == "row") {
      EXPECT_NE(again.err.find("row 6: event \"legacy-swl-6\" is recorded at position 5 with "
                               "other content: effectiveDate: \"2012-12-31\" recorded, "
                               "\"2013-12-31\" here; "),
                std::string::npos)
          << again.err;
      EXPECT_NE(again.err.find("0 appended, 4 already recorded, 17 rejected, 0 probable "
                               "duplicates"),
                std::string::npos)
          << again.err;
    } else {
      EXPECT_NE(again.err.find("probably a duplicate of the event recorded at position"),
                std::string::npos)
          << again.err;
      EXPECT_NE(again.err.find("0 appended, 0 already recorded, 0 rejected, 21 probable "
                               "duplicates"),
                std::string::npos)
          << again.err;
    }
    EXPECT_NE(again.err.find("imported before?"), std::string::npos) << again.err;
    EXPECT_EQ(Head(), 22u);
    // The escape hatch appends probable duplicates, knowingly (but for the
    // second recruitments, which the ledger refuses); never an event whose
    // id names another.
    JejakRun forced = Import(again_csv, "--allow-duplicates", mapping);
    EXPECT_EQ(forced.code, ids == "row" ? 4 : 2) << forced.err;
    EXPECT_EQ(Head(), ids == "row" ? 22u : 41u);
  }
}

TEST_F(CsvRerunTest, DryRunReportsEverythingAndWritesNothing) {
  std::vector<size_t> rows = AllRows();
  rows.insert(rows.begin() + 4, 4);
  rows_[9].replace(rows_[9].find(",KP,"), 4, ",XX,");  // an unknown type code
  JejakRun dry = Import(Write("export.csv", rows), "--dry-run");
  EXPECT_EQ(dry.code, 2) << dry.err;
  EXPECT_NE(dry.err.find("row 6: repeats row 5"), std::string::npos) << dry.err;
  EXPECT_NE(dry.err.find("column JENIS: unknown event type code \"XX\""), std::string::npos)
      << dry.err;
  EXPECT_NE(dry.err.find("dry run of "), std::string::npos) << dry.err;
  EXPECT_NE(dry.err.find("21 would be appended, 0 already recorded, 1 rejected, 0 probable "
                         "duplicates, 1 repeated rows, 23 rows; nothing written"),
            std::string::npos)
      << dry.err;
  EXPECT_EQ(std::count(dry.out.begin(), dry.out.end(), '\n'), 21) << dry.out;
  EXPECT_NE(dry.out.find("\"eventId\":\"legacy-swl-k"), std::string::npos) << dry.out;
  EXPECT_EQ(Head(), 0u);

  // What a dry run says is what the import does.
  JejakRun real = Import(Write("export.csv", rows));
  EXPECT_EQ(real.code, 2) << real.err;
  EXPECT_NE(real.err.find("21 appended, 0 already recorded, 1 rejected, 0 probable duplicates, "
                          "1 repeated rows, 23 rows"),
            std::string::npos)
      << real.err;
  EXPECT_EQ(Head(), 21u);
}

// The mapping's actor changed between two runs: each row says what
// differs, nothing is appended.
TEST_F(CsvRerunTest, ARerunWithAnotherActorSaysWhatDiffers) {
  ASSERT_EQ(Import(Write("export.csv", AllRows())).code, 0);
  const std::string mapping = MappingWith("\"user\": \"migrasi.simpeg\"",
                                          "\"user\": \"operator.baru\"");
  JejakRun again = Import(Write("export.csv", AllRows()), "", mapping);
  EXPECT_EQ(again.code, 4) << again.err;
  EXPECT_NE(again.err.find("row 2: event \"legacy-swl-k"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("with other content: actor.user: \"migrasi.simpeg\" recorded, "
                           "\"operator.baru\" here."),
            std::string::npos)
      << again.err;
  EXPECT_NE(again.err.find("0 appended, 0 already recorded, 22 rejected"), std::string::npos)
      << again.err;
  EXPECT_EQ(Head(), 22u);
}

}  // namespace
}  // namespace jejak::testing
