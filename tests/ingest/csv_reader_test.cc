// CsvReader: RFC 4180 records, line numbers, and recovery after a bad row.
#include "jejak/ingest/csv_reader.h"

#include <gtest/gtest.h>

#include <sstream>

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

}  // namespace
}  // namespace jejak::ingest
