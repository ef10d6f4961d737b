// `jejak gen` end to end: files, summary line, determinism, and an import
// of the result with no rejection.
#include "gen/run_jejak.h"

namespace jejak::testing {
namespace {

TEST_F(JejakCliTest, GenWritesRegionAndAnswersThatImportCleanly) {
  const std::string out = (dir_ / "r.ndjson").string(), key = (dir_ / "r.json").string();
  JejakRun r = Jejak("gen --employees 60 --seed 5 --violation-rate 0.1 --out " + out +
                     " --answers " + key);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("gen: 60 employees, "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("violations injected"), std::string::npos) << r.err;
  const std::string text = SlurpFile(out);
  EXPECT_FALSE(text.empty());
  EXPECT_EQ(SlurpFile(key).rfind("[\n  {\"rule\": ", 0), 0u);

  JejakRun again = Jejak("gen --employees 60 --seed 5 --violation-rate 0.1 --out " + out + "2");
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(SlurpFile(out + "2"), text);

  ASSERT_EQ(Jejak("init").code, 0);
  JejakRun imported = Jejak("import --no-sync " + out);
  ASSERT_EQ(imported.code, 0) << imported.err;
  EXPECT_NE(imported.err.find(" 0 rejected"), std::string::npos) << imported.err;
  EXPECT_EQ(Jejak("verify").code, 0);
}

TEST_F(JejakCliTest, GenRejectsBadOptions) {
  EXPECT_EQ(Jejak("gen --employees 10 --seed 1").code, 2);  // no --out
  EXPECT_EQ(Jejak("gen --employees 10 --seed 1 --violation-rate 2 --out x").code, 2);
  EXPECT_EQ(Jejak("gen --employees 10 --seed 1 --start-year 2040 --out " +
                  (dir_ / "x").string()).code, 2);
  EXPECT_EQ(Jejak("gen --employees 10 --seed 1 --today 2026-02-30 --out " +
                  (dir_ / "x").string()).code, 2);
}

}  // namespace
}  // namespace jejak::testing
