// docs/guide.md and docs/guide.en.md as a reader follows them: the events
// they show are the ones run here, and each step answers as the guide
// says (the migration of docs/examples/simpeg-export.csv, new events, a
// correction read as it stood and as it was known, an audit bundle
// verified).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gen/run_jejak.h"

namespace jejak::testing {
namespace {

// The guide's one-line events, in the order it shows them.
std::vector<std::string> GuideEvents(const std::filesystem::path& guide) {
  std::vector<std::string> events;
  std::istringstream in(SlurpFile(guide));
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("{\"stream\":", 0) == 0) events.push_back(line);
  }
  return events;
}

class GuideTest : public JejakCliTest {
 protected:
  void SetUp() override {
    JejakCliTest::SetUp();
    events_ = GuideEvents(source_ / "docs/guide.md");
    ASSERT_EQ(events_.size(), 3u);  // budi.ndjson, diklat.ndjson, koreksi.ndjson
    export_ = SlurpFile(source_ / "docs/examples/simpeg-export.csv");
    ASSERT_EQ(Jejak("init").code, 0);
  }
  // `jejak import --csv` of the export as the clerk has it now.
  JejakRun ImportExport() {
    std::ofstream(dir_ / "simpeg-export.csv", std::ios::binary) << export_;
    return Jejak("import --no-sync --csv " + (dir_ / "simpeg-export.csv").string() + " --mapping " +
                 (source_ / "docs/examples/simpeg-mapping.json").string());
  }
  // `jejak append` of the guide's event `i` saved as `name`.
  JejakRun AppendEvent(size_t i, const std::string& name) {
    std::ofstream(dir_ / name) << events_[i] << "\n";
    return Jejak("append --no-sync " + (dir_ / name).string());
  }
  // Whether `text` holds `part`, showing `text` when not.
  static ::testing::AssertionResult Says(const std::string& text, const std::string& part) {
    if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "no \"" << part << "\" in:\n" << text;
  }

  std::vector<std::string> events_;
  std::string export_;
};

TEST_F(GuideTest, BothLanguagesShowTheSameEvents) {
  EXPECT_EQ(GuideEvents(source_ / "docs/guide.en.md"), events_);
}

TEST_F(GuideTest, TheGuidesStepsAnswerAsTheGuideSays) {
  // 1.1 the migration: import, fix row 29, import again.
  EXPECT_TRUE(Says(ImportExport().err, "163 appended, 0 already recorded, 8 rejected"));
  export_.replace(export_.find(";31-09-2021;"), 12, ";30-09-2021;");
  EXPECT_TRUE(Says(ImportExport().err, "1 appended, 163 already recorded, 7 rejected"));

  // 1.2 new events: Budi Santoso's appointment (twice), then his row 173.
  JejakRun budi = AppendEvent(0, "budi.ndjson");
  EXPECT_EQ(budi.code, 0) << budi.err;
  EXPECT_EQ(budi.out, "165\n");
  EXPECT_TRUE(Says(AppendEvent(0, "budi.ndjson").err, "appended 0 events (1 already recorded)"));
  EXPECT_TRUE(Says(ImportExport().err, "1 appended, 164 already recorded, 6 rejected"));
  EXPECT_EQ(AppendEvent(1, "diklat.ndjson").out, "167\n");

  // 3 (before the correction): the audit names the contradicting promotion.
  JejakRun decision = Jejak("audit --decision simpeg-td-k752b2bd51dbdbf3bb43e");
  EXPECT_EQ(decision.code, 0) << decision.err;
  EXPECT_TRUE(Says(decision.out,
                   "rank_record_mismatch         fail            The decree promotes "
                   "from III/a, but the rank on record before it is II/d"));

  // 2 the correction, and the profile as it stood and as it was known.
  JejakRun correction = AppendEvent(2, "koreksi.ndjson");
  EXPECT_EQ(correction.out, "168\n") << correction.err;
  const std::string nip = " 199001052014021001 --valid-at 2023-01-01";
  EXPECT_TRUE(Says(Jejak("profile" + nip + " --known-at '#167'").out,
                   "Rank            III/b since 2022-04-01"));
  EXPECT_TRUE(Says(Jejak("profile" + nip).out, "Rank            III/a since 2022-04-01"));
  EXPECT_TRUE(Says(Jejak("history \"19900105 201402 1 001\"").out,
                   "corrects #51 (was: rank III/a -> III/b (regular); now: rank II/d -> III/a "
                   "(regular))"));
  EXPECT_TRUE(Says(Jejak("profile \"'199001052014021001\"").out, "Rank            III/a since"));
  EXPECT_TRUE(Says(ImportExport().err, "0 appended, 165 already recorded"));

  // 3 the bundle, verified with the published key.
  const std::string key = (dir_ / "bkpsdm.key").string();
  const std::string vkey = (dir_ / "bkpsdm.vkey").string();
  ASSERT_EQ(Jejak("key generate --origin bkpsdm.tanahdatar.go.id/jejak --out " + key).code, 0);
  JejakRun published = Jejak("key vkey " + key);
  ASSERT_EQ(published.code, 0) << published.err;
  std::ofstream(vkey) << published.out;
  JejakRun bundle = Jejak("audit --bundle " + (dir_ / "bundel").string() + " --key " + key);
  EXPECT_EQ(bundle.code, 0) << bundle.err;
  EXPECT_TRUE(Says(bundle.out + bundle.err,
                   "58 cited events with inclusion proofs in the tree of size 168"));
  const std::string verify = std::string(JEJAK_VERIFY_BUNDLE_PATH) + " " +
                             (dir_ / "bundel").string() + " --vkey " + vkey + " > " +
                             (dir_ / "verified").string();
  EXPECT_EQ(std::system(verify.c_str()), 0);
  EXPECT_TRUE(Says(SlurpFile(dir_ / "verified"),
                   "bundle: ok, checkpoint of bkpsdm.tanahdatar.go.id/jejak at tree size 168"));
  EXPECT_EQ(Jejak("verify").code, 0);
}

}  // namespace
}  // namespace jejak::testing
