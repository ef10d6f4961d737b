// Every line of every docs/examples/*.ndjson parses and validates, and the
// files are coherent when appended in order to an empty ledger: streams
// start with their first event kind, event ids are unique, corrections and
// retractions name an earlier position of their own stream.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "codec/test_files.h"
#include "jejak/codec/event_json.h"
#include "jejak/domain/validate.h"

namespace jejak::codec {
namespace {

using schema::Payload;

struct Line {
  std::string stream;
  std::string kind;
};

void CheckFile(const EventJson& json, const std::filesystem::path& file) {
  SCOPED_TRACE(file.string());
  std::istringstream in(jejak::testing::ReadFile(file.string()));
  std::vector<Line> lines;  // lines[i] is at position i + 1
  std::set<std::string> event_ids;
  std::map<std::string, int> stream_size;
  std::string text;
  while (std::getline(in, text)) {
    const size_t position = lines.size() + 1;
    SCOPED_TRACE("line " + std::to_string(position));
    ASSERT_FALSE(text.empty()) << "blank line";
    Result<store::NewEvent> ev = json.ParseInput(text);
    ASSERT_TRUE(ev.ok()) << ev.status().ToString();
    auto in_ev = ev->reader();
    Status valid = domain::ValidateEventInput(in_ev);
    ASSERT_TRUE(valid.ok()) << valid.ToString();

    const std::string stream = in_ev.getStream().cStr();
    const std::string kind = jejak::testing::KindName(in_ev.getPayload());
    EXPECT_TRUE(event_ids.insert(in_ev.getEventId().cStr()).second) << "event id reused";
    if (stream_size[stream]++ == 0) {
      if (stream.rfind("emp/", 0) == 0) {
        EXPECT_EQ(kind, "recruited");
      } else if (stream.rfind("sel/", 0) == 0) {
        EXPECT_EQ(kind, "selectionOpened");
      }
    }
    const auto p = in_ev.getPayload();
    if (p.which() == Payload::CORRECTED || p.which() == Payload::RETRACTED) {
      const uint64_t target = p.which() == Payload::CORRECTED ? p.getCorrected().getTarget()
                                                               : p.getRetracted().getTarget();
      ASSERT_GE(target, 1u);
      ASSERT_LT(target, position) << "target is not an earlier position";
      const Line& t = lines[target - 1];
      EXPECT_EQ(t.stream, stream) << "target is on another stream";
      if (p.which() == Payload::CORRECTED) {
        EXPECT_EQ(jejak::testing::KindName(p.getCorrected().getReplacement()), t.kind)
            << "replacement is not of the target's kind";
      }
    }
    lines.push_back({stream, kind});
  }
  EXPECT_GT(lines.size(), 0u);
}

TEST(ExamplesTest, EveryLineOfEveryExampleFileIsValid) {
  const std::filesystem::path dir =
      std::filesystem::path(jejak::testing::SourceDir()) / "docs" / "examples";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  EventJson json;
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".ndjson") continue;
    ++files;
    CheckFile(json, entry.path());
  }
  EXPECT_GT(files, 0);
}

TEST(ExamplesTest, SawahluntoCoversTheStory) {
  const std::string text = jejak::testing::ReadFile(jejak::testing::SourceDir() +
                                                    "/docs/examples/sawahlunto.ndjson");
  for (const char* kind : {"unitDefined", "positionDefined", "recruited", "civilServantConfirmed",
                           "performanceRated", "trainingCompleted", "competencyAssessed",
                           "rankPromoted", "sanctionImposed", "relationshipDeclared",
                           "selectionOpened", "committeeAppointed", "candidateRegistered",
                           "candidateScored", "shortlistSubmitted", "selectionDecided",
                           "positionPromoted", "corrected", "retracted"}) {
    EXPECT_NE(text.find("\"" + std::string(kind) + "\":"), std::string::npos) << kind;
  }
}

}  // namespace
}  // namespace jejak::codec
