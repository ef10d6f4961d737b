// Every ```json block of docs/events.md is a complete event that parses and
// validates, and together they show every event kind: the document cannot
// drift from the code.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "codec/test_files.h"
#include "jejak/codec/event_json.h"
#include "jejak/domain/validate.h"

namespace jejak::codec {
namespace {

struct Block {
  size_t line = 0;  // of the opening fence, 1-based
  std::string text;
};

std::vector<Block> JsonBlocks(const std::string& markdown) {
  std::vector<Block> blocks;
  std::istringstream in(markdown);
  std::string line;
  size_t line_no = 0;
  Block* open = nullptr;
  while (std::getline(in, line)) {
    ++line_no;
    if (open == nullptr) {
      if (line == "```json") {
        blocks.push_back({line_no, ""});
        open = &blocks.back();
      }
    } else if (line == "```") {
      open = nullptr;
    } else {
      open->text += line + "\n";
    }
  }
  EXPECT_EQ(open, nullptr) << "unterminated ```json block";
  return blocks;
}

TEST(EventsDocTest, EveryJsonBlockParsesAndValidates) {
  const std::string doc = jejak::testing::ReadFile(jejak::testing::SourceDir() +
                                                   "/docs/events.md");
  ASSERT_FALSE(doc.empty()) << "docs/events.md not found under " << jejak::testing::SourceDir();
  EventJson json;
  std::set<std::string> kinds;
  const std::vector<Block> blocks = JsonBlocks(doc);
  for (const Block& block : blocks) {
    SCOPED_TRACE("docs/events.md:" + std::to_string(block.line));
    Result<store::NewEvent> ev = json.ParseInput(block.text);
    ASSERT_TRUE(ev.ok()) << ev.status().ToString();
    Status valid = domain::ValidateEventInput(ev->reader());
    EXPECT_TRUE(valid.ok()) << valid.ToString();
    kinds.insert(jejak::testing::KindName(ev->reader().getPayload()));
  }
  // One example of every kind of the Payload union (all but `unspecified`).
  const auto members = capnp::Schema::from<schema::Payload>().getUnionFields();
  for (auto field : members) {
    const std::string name = field.getProto().getName().cStr();
    if (name == "unspecified") continue;
    EXPECT_EQ(kinds.count(name), 1u) << "no example of " << name;
  }
  EXPECT_EQ(blocks.size(), members.size() - 1) << "one example per kind";
}

}  // namespace
}  // namespace jejak::codec
