// CsvMapping: what a mapping file may say, and the errors that name the key.
#include "jejak/ingest/csv_mapping.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace jejak::ingest {
namespace {

std::string With(const std::string& extra) {
  return R"({"format": "jejak-csv-mapping/1", "agency": "kota-medan",
             "columns": {"nip": "NIP", "type": "JENIS", "effectiveDate": "TMT"},
             "types": {"KP": "rankPromoted"})" +
         extra + "}";
}

void ExpectError(const std::string& json, const std::string& part) {
  auto m = ParseCsvMapping(json);
  ASSERT_FALSE(m.ok()) << json;
  EXPECT_TRUE(m.status().IsInvalidArgument());
  EXPECT_NE(m.status().message().find(part), std::string::npos)
      << "wanted \"" << part << "\" in: " << m.status().message();
}

TEST(CsvMappingTest, ParsesTheDocumentedExample) {
  const char* src = std::getenv("JEJAK_SOURCE_DIR");
  ASSERT_NE(src, nullptr);
  auto m = LoadCsvMapping(std::string(src) + "/docs/examples/legacy-mapping.json");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->agency, "kota-sawahlunto");
  EXPECT_EQ(m->types.at("KP"), "rankPromoted");
  EXPECT_EQ(m->events.at("performanceRated").effective_date->kind, CsvSource::Kind::kTemplate);
  EXPECT_EQ(m->date_formats.size(), 4u);
}

TEST(CsvMappingTest, DefaultsAndSources) {
  auto m = ParseCsvMapping(With(R"(, "events": {"rankPromoted": {
      "kind": {"const": "regular"}, "to": {"column": "GOL", "required": true},
      "from": {"column": "GOL_LAMA", "default": "III/a", "values": {"-": ""}}}})"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->delimiter, ',');
  EXPECT_EQ(m->date_formats, (std::vector<std::string>{"dd-mm-yyyy", "dd/mm/yyyy", "yyyy-mm-dd"}));
  EXPECT_EQ(m->ids, CsvMapping::Ids::kKey);
  EXPECT_TRUE(m->key.empty());
  const auto& fields = m->events.at("rankPromoted").fields;
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[1].source.column, "GOL");
  EXPECT_TRUE(fields[1].source.required);
  EXPECT_EQ(*fields[2].source.fallback, "III/a");
}

TEST(CsvMappingTest, ErrorsNameTheKey) {
  ExpectError("{", "invalid JSON");
  ExpectError("[]", "must be a JSON object");
  ExpectError(With(R"(, "colour": 1)"), "mapping colour: unknown key");
  ExpectError(R"({"columns": {"type": "J"}, "types": {"KP": "rankPromoted"}})", "columns.nip");
  ExpectError(With(R"(, "format": "v2")"), "mapping format");
  ExpectError(With(R"(, "delimiter": ";;")"), "mapping delimiter");
  ExpectError(With(R"(, "eventIds": "uuid")"), "mapping eventIds");
  ExpectError(With(R"(, "dateFormats": ["mm-yyyy"])"), "needs dd, yyyy");
  ExpectError(With(R"(, "events": {"promoted": {}})"), "no event kind named promoted");
  ExpectError(With(R"(, "events": {"selectionOpened": {}})"), "does not belong on employee streams");
  ExpectError(With(R"(, "events": {"rankPromoted": {"too": "GOL"}})"), "RankPromoted has no field too");
  ExpectError(With(R"(, "events": {"rankPromoted": {"to": {"column": "A", "const": "b"}}})"),
              "exactly one of column, const, template");
  ExpectError(With(R"(, "events": {"competencyAssessed": {"levels": "X"}})"), "is a list");
  ExpectError(With(R"(, "events": {"competencyAssessed": {"levels[0]": "X"}})"),
              "which one cell cannot hold");
  ExpectError(With(R"(, "events": {"rankPromoted": {"kind": {"const": "sideways"}}})"),
              "\"sideways\" is not a PromotionKind");
  ExpectError(With(R"(, "values": {"Colour": {"M": "red"}})"), "no enumeration named Colour");
  ExpectError(With(R"(, "values": {"Gender": {"M": "man"}})"), "\"man\" is not a Gender");
  ExpectError(R"({"columns": {"nip": "NIP", "type": "JENIS"}, "types": {"X": "unitDefined"}})",
              "types.X");
  ExpectError(With(R"(, "events": {"performanceRated": {"effectiveDate": {"template": "31-12"}}})"),
              "names no {COLUMN}");
  ExpectError(With(R"(, "agency": "caf\u00e9")"), "\\u escapes");
}

TEST(CsvMappingTest, ListElementsAndNestedFieldsAreAddressable) {
  auto m = ParseCsvMapping(With(R"(, "events": {"competencyAssessed": {
      "levels[0].code": {"const": "integritas"}, "levels[0].kind": {"const": "managerial"},
      "levels[0].level": "INTEGRITAS", "potential": "POTENSI"}})"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->events.at("competencyAssessed").fields.size(), 4u);
}

TEST(CsvMappingTest, MissingFileIsNotFound) {
  EXPECT_TRUE(LoadCsvMapping("/nonexistent/mapping.json").status().IsNotFound());
}

TEST(CsvMappingTest, ADirectoryIsNoMappingFile) {
  auto m = LoadCsvMapping(std::filesystem::temp_directory_path().string());
  EXPECT_TRUE(m.status().IsInvalidArgument()) << m.status().ToString();
  EXPECT_NE(m.status().message().find("is a directory"), std::string::npos);
}

// JSON lets a key appear twice; a mapping would take one silently.
TEST(CsvMappingTest, AKeyTwiceIsAnError) {
  ExpectError(With(R"(, "agency": "kota-padang")"), "mapping agency: appears twice");
  ExpectError(With(R"(, "events": {"rankPromoted": {"to": "GOL", "to": "GOL2"}})"),
              "mapping events.rankPromoted.to: appears twice");
  ExpectError(R"({"columns": {"nip": "NIP", "type": "JENIS"},
                 "types": {"KP": "rankPromoted", " kp": "rankPromoted"}})",
              "mapping types. kp: the same as another key");
  ExpectError(With(R"(, "values": {"Gender": {"L": "male", "l": "male"}})"),
              "mapping values.Gender.l: the same as another key");
}

TEST(CsvMappingTest, NumbersAreTakenExactlyOrRefused) {
  auto m = ParseCsvMapping(With(R"(, "events": {"trainingCompleted": {
      "jp": {"column": "JP", "default": 40}, "name": {"const": 2019.5}}})"));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  const auto& fields = m->events.at("trainingCompleted").fields;
  EXPECT_EQ(*fields[0].source.fallback, "40");
  EXPECT_EQ(fields[1].source.text, "2019.5");
  ExpectError(With(R"(, "events": {"trainingCompleted": {"name": {"const": 123456789012345678}}})"),
              "events.trainingCompleted.name.const: a number beyond 2^53 - 1");
}

TEST(CsvMappingTest, NulBytesAndByteOrderMarks) {
  ExpectError(With("") + std::string(1, '\0') + "}", "a NUL byte at offset ");
  auto m = ParseCsvMapping("\xEF\xBB\xBF" + With(""));
  EXPECT_TRUE(m.ok()) << m.status().ToString();
}

}  // namespace
}  // namespace jejak::ingest
