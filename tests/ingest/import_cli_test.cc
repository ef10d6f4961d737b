// `jejak import --csv FILE --mapping FILE` end to end on docs/examples:
// the bad row is reported with row and column, the others are appended,
// and a second run after fixing the row appends just that row.
#include <fstream>

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

}  // namespace
}  // namespace jejak::testing
