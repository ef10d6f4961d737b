// CsvReader: RFC 4180 records, line numbers, and recovery after a bad row.
#include "jejak/ingest/csv_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/endless_input.h"

namespace jejak::ingest {
namespace {

using Fields = std::vector<std::string>;

std::vector<Fields> ReadAll(const std::string& text, char delimiter = ',') {
  std::istringstream in(text);
  CsvReader r(&in, delimiter);
  std::vector<Fields> out;
  Fields f;
  while (true) {
    auto next = r.Next(&f);
    EXPECT_TRUE(next.ok()) << next.status().ToString();
    if (!next.ok() || !*next) break;
    out.push_back(f);
  }
  return out;
}

TEST(CsvReaderTest, PlainRecordsWithAndWithoutFinalNewline) {
  EXPECT_EQ(ReadAll("a,b,c\n1,2,3\n"), (std::vector<Fields>{{"a", "b", "c"}, {"1", "2", "3"}}));
  EXPECT_EQ(ReadAll("a,b\r\n1,2"), (std::vector<Fields>{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(ReadAll(""), std::vector<Fields>{});
}

TEST(CsvReaderTest, EmptyFieldsAndBlankLines) {
  EXPECT_EQ(ReadAll(",,\n\nx,\n"), (std::vector<Fields>{{"", "", ""}, {""}, {"x", ""}}));
}

TEST(CsvReaderTest, QuotedFieldsHoldDelimitersNewlinesAndDoubledQuotes) {
  auto rows = ReadAll("\"Kepala Seksi, Bidang A\",\"two\nlines\",\"say \"\"hi\"\"\",\"\"\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (Fields{"Kepala Seksi, Bidang A", "two\nlines", "say \"hi\"", ""}));
}

TEST(CsvReaderTest, CountsRecordsAndTheLinesTheyStartOn) {
  std::istringstream in("h1,h2\n\"a\nb\nc\",x\nlast,y\n");
  CsvReader r(&in);
  Fields f;
  ASSERT_TRUE(*r.Next(&f));
  EXPECT_EQ(r.record(), 1u);
  EXPECT_EQ(r.line(), 1u);
  ASSERT_TRUE(*r.Next(&f));
  EXPECT_EQ(r.record(), 2u);
  EXPECT_EQ(r.line(), 2u);
  ASSERT_TRUE(*r.Next(&f));
  EXPECT_EQ(r.record(), 3u);
  EXPECT_EQ(r.line(), 5u);
  EXPECT_FALSE(*r.Next(&f));
}

TEST(CsvReaderTest, SkipsByteOrderMarkAndTakesOtherDelimiters) {
  EXPECT_EQ(ReadAll("\xEF\xBB\xBFNIP;NAMA\n1;\"A;B\"\n", ';'),
            (std::vector<Fields>{{"NIP", "NAMA"}, {"1", "A;B"}}));
}

TEST(CsvReaderTest, MalformedRecordIsReportedAndReadingGoesOn) {
  std::istringstream in("a,b\nx\"y,z\n\"q\"r,s\nok,1\n");
  CsvReader r(&in);
  Fields f;
  ASSERT_TRUE(*r.Next(&f));
  auto bad = r.Next(&f);
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.status().IsInvalidArgument());
  EXPECT_NE(bad.status().message().find("row 2 (line 2)"), std::string::npos) << bad.status().message();
  EXPECT_NE(bad.status().message().find("quote inside an unquoted field"), std::string::npos);
  auto bad2 = r.Next(&f);
  ASSERT_FALSE(bad2.ok());
  EXPECT_NE(bad2.status().message().find("text after the closing quote"), std::string::npos);
  auto good = r.Next(&f);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(f, (Fields{"ok", "1"}));
  EXPECT_EQ(r.record(), 4u);
}

TEST(CsvReaderTest, UnclosedQuoteAtTheEndIsAnError) {
  std::istringstream in("a\n\"never closed\n");
  CsvReader r(&in);
  Fields f;
  ASSERT_TRUE(*r.Next(&f));
  auto bad = r.Next(&f);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("not closed"), std::string::npos);
  auto end = r.Next(&f);
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);
}

TEST(CsvReaderTest, ANulByteRefusesItsRecordAndReadingGoesOn) {
  const char text[] = "a,b\nx,y\0z,w\nok,1\n";
  std::istringstream in(std::string(text, sizeof text - 1));
  CsvReader r(&in);
  Fields f;
  ASSERT_TRUE(*r.Next(&f));
  auto bad = r.Next(&f);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("row 2 (line 2): a NUL byte in field 2", 0), 0u)
      << bad.status().message();
  auto good = r.Next(&f);
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(f, (Fields{"ok", "1"}));
  EXPECT_EQ(r.record(), 3u);
}

TEST(CsvReaderTest, ARecordOverTheLimitsIsRefusedAndSkipped) {
  CsvReaderOptions options;
  options.max_record_bytes = 10;
  options.max_fields = 4;
  // Exactly 10 bytes is fine; 11 is not (a quoted line break counts); so
  // are 5 fields.
  std::istringstream in("0123456789\n\"01234\n6789\"\n1,2,3,4,5\n1,2,3,4\nend\n");
  CsvReader r(&in, options);
  Fields f;
  ASSERT_TRUE(*r.Next(&f));
  EXPECT_EQ(f, Fields{"0123456789"});
  auto long_one = r.Next(&f);
  ASSERT_FALSE(long_one.ok());
  EXPECT_NE(long_one.status().message().find("longer than the limit of 10 bytes"),
            std::string::npos)
      << long_one.status().message();
  auto wide = r.Next(&f);
  ASSERT_FALSE(wide.ok());
  EXPECT_NE(wide.status().message().find("more than 4 fields"), std::string::npos);
  ASSERT_TRUE(*r.Next(&f));
  EXPECT_EQ(f, (Fields{"1", "2", "3", "4"}));
  ASSERT_TRUE(*r.Next(&f));
  EXPECT_EQ(f, Fields{"end"});
  EXPECT_EQ(r.line(), 6u);
}

// A quote never closed makes the rest of the input one field: refused at
// the limit, never held.
TEST(CsvReaderTest, AnEndlessRecordIsRefusedWithoutBeingHeld) {
  testing::EndlessBuf buf("NIP,NAMA\n1,\"", 'x');
  std::istream in(&buf);
  CsvReader r(&in);
  Fields f;
  ASSERT_TRUE(*r.Next(&f));
  auto bad = r.Next(&f);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("a quote never closed?"), std::string::npos)
      << bad.status().message();
  EXPECT_LE(buf.served(), (1u << 20) + (128u << 10));
}

TEST(CsvReaderTest, ADirectoryIsAnIOErrorNotACrash) {
  std::ifstream in(std::filesystem::temp_directory_path(), std::ios::binary);
  if (!in) GTEST_SKIP() << "this platform does not open directories as files";
  CsvReader r(&in);
  Fields f;
  auto next = r.Next(&f);
  ASSERT_FALSE(next.ok());
  EXPECT_TRUE(next.status().IsIOError()) << next.status().ToString();
}

}  // namespace
}  // namespace jejak::ingest
