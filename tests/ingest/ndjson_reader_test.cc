// NdjsonReader: events line by line, refused lines named, and memory
// bounded whatever the input (an endless line, a NUL byte, a directory).
#include "jejak/ingest/ndjson_reader.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/endless_input.h"

namespace jejak::ingest {
namespace {

using testing::EndlessBuf;

// Line `index` (0-based) of docs/examples/sawahlunto.ndjson: a valid event.
std::string ExampleLine(size_t index = 0) {
  const char* src = std::getenv("JEJAK_SOURCE_DIR");
  EXPECT_NE(src, nullptr);
  std::ifstream in(std::string(src ? src : ".") + "/docs/examples/sawahlunto.ndjson");
  std::string line;
  for (size_t i = 0; i <= index; ++i) std::getline(in, line);
  return line;
}

struct Read {
  EventBatch batch;
  std::vector<LineError> errors;
  Status status;
  bool at_end = false;
};

Read ReadAll(std::istream& in, bool keep_going, NdjsonReaderOptions options = {},
             size_t max_events = 1000) {
  static const codec::EventJson json;
  NdjsonReader reader(&in, &json, options);
  Read r;
  r.status = reader.ReadChunk(max_events, keep_going, &r.batch, &r.errors, &r.at_end);
  return r;
}

TEST(NdjsonReaderTest, ReadsEventsSkippingBlankLinesAndAByteOrderMark) {
  std::istringstream in("\xEF\xBB\xBF" + ExampleLine(0) + "\n\n  \r\n" + ExampleLine(1) + "\r\n");
  Read r = ReadAll(in, false);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_TRUE(r.errors.empty()) << r.errors[0].status.ToString();
  ASSERT_EQ(r.batch.size(), 2u);
  EXPECT_EQ(r.batch.origin(0), 1u);
  EXPECT_EQ(r.batch.origin(1), 4u);
  EXPECT_TRUE(r.at_end);
}

TEST(NdjsonReaderTest, ANulByteRefusesItsLineWhateverFollowsIt) {
  std::istringstream in(ExampleLine(0) + std::string(1, '\0') + "{\"ignored\": true}\n" +
                        ExampleLine(1) + "\n");
  Read r = ReadAll(in, true);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 1u);
  EXPECT_EQ(r.errors[0].status.message().rfind("line 1: a NUL byte", 0), 0u)
      << r.errors[0].status.ToString();
  ASSERT_EQ(r.batch.size(), 1u);
  EXPECT_EQ(r.batch.origin(0), 2u);
}

TEST(NdjsonReaderTest, AnEndlessLineIsRefusedWithoutBeingHeld) {
  for (char fill : {'a', '\0'}) {
    EndlessBuf buf("", fill);
    std::istream in(&buf);
    Read r = ReadAll(in, false);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_TRUE(r.errors[0].status.IsInvalidArgument());
    EXPECT_EQ(r.errors[0].status.message().rfind("line 1: ", 0), 0u);
    EXPECT_FALSE(r.at_end);
    // At most the limit and a block of read-ahead.
    EXPECT_LE(buf.served(), (1u << 20) + (128u << 10)) << fill;
  }
}

TEST(NdjsonReaderTest, ALongLineIsSkippedAndReadingGoesOnWithKeepGoing) {
  NdjsonReaderOptions options;
  options.max_line_bytes = 5000;
  std::istringstream in(std::string(200'000, 'x') + "\n" + ExampleLine(0) + "\n");
  Read r = ReadAll(in, true, options);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].status.message(), "line 1: longer than the limit of 5000 bytes");
  ASSERT_EQ(r.batch.size(), 1u);
  EXPECT_EQ(r.batch.origin(0), 2u);
}

TEST(NdjsonReaderTest, StopsReadingOnceItHasTheEventsAskedFor) {
  EndlessBuf buf(ExampleLine(0) + "\n" + ExampleLine(1) + "\n" + ExampleLine(2) + "\n", 'z');
  std::istream in(&buf);
  Read r = ReadAll(in, false, {}, 2);
  ASSERT_TRUE(r.status.ok());
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.batch.size(), 2u);
  EXPECT_FALSE(r.at_end);
  EXPECT_LE(buf.served(), 128u << 10);
}

TEST(NdjsonReaderTest, ValidateRefusesWhatTheStoreWouldAsItsLine) {
  std::string bad = ExampleLine(0);
  const size_t at = bad.find("\"effectiveDate\":\"2017-01-01\"");
  ASSERT_NE(at, std::string::npos);
  bad.replace(at, 28, "\"effectiveDate\":null");
  for (bool validate : {false, true}) {
    std::istringstream in(bad + "\n");
    NdjsonReaderOptions options;
    options.validate = validate;
    Read r = ReadAll(in, true, options);
    EXPECT_EQ(r.errors.size(), validate ? 1u : 0u);
    EXPECT_EQ(r.batch.size(), validate ? 0u : 1u);
  }
}

TEST(NdjsonReaderTest, ADirectoryIsAnIOErrorNotACrash) {
  std::ifstream in(std::filesystem::temp_directory_path(), std::ios::binary);
  if (!in) GTEST_SKIP() << "this platform does not open directories as files";
  Read r = ReadAll(in, true);
  EXPECT_TRUE(r.status.IsIOError()) << r.status.ToString();
  EXPECT_TRUE(r.at_end);
}

}  // namespace
}  // namespace jejak::ingest
