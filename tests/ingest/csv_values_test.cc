// Cell conversions: golongan notations, dates, enumerations, numbers.
#include "ingest/csv_values.h"

#include <gtest/gtest.h>

#include "jejak/schema/events.capnp.h"

namespace jejak::ingest::internal {
namespace {

using schema::Golongan;

TEST(CsvValuesTest, GolonganNotations) {
  for (const char* s : {"III/a", "III/A", "3a", "3A", "IIIa", "III a", "III-a", " iii/a ",
                        "Penata Muda", "PENATA MUDA", "Penata Muda (III/a)"}) {
    EXPECT_EQ(ParseGolonganNotation(s), Golongan::IIIA) << s;
  }
  EXPECT_EQ(ParseGolonganNotation("Penata Muda Tk. I"), Golongan::IIIB);
  EXPECT_EQ(ParseGolonganNotation("Penata Muda Tingkat I"), Golongan::IIIB);
  EXPECT_EQ(ParseGolonganNotation("IV/e"), Golongan::IVE);
  EXPECT_EQ(ParseGolonganNotation("4e"), Golongan::IVE);
  EXPECT_EQ(ParseGolonganNotation("Pembina Utama"), Golongan::IVE);
  EXPECT_EQ(ParseGolonganNotation("I/a"), Golongan::IA);
  EXPECT_EQ(ParseGolonganNotation("Juru"), Golongan::IC);
  for (const char* s : {"III/e", "V/a", "", "III", "a", "Penata Agung"}) {
    EXPECT_FALSE(ParseGolonganNotation(s).has_value()) << s;
  }
}

TEST(CsvValuesTest, DatesInTheMappingsFormats) {
  const std::vector<std::string> f = {"dd-mm-yyyy", "dd/mm/yyyy", "yyyy-mm-dd", "dd month yyyy"};
  EXPECT_EQ(*ParseDateIn("01-04-2019", f), 20190401u);
  EXPECT_EQ(*ParseDateIn("1/4/2019", f), 20190401u);
  EXPECT_EQ(*ParseDateIn("2019-04-01", f), 20190401u);
  EXPECT_EQ(*ParseDateIn("1 April 2019", f), 20190401u);
  EXPECT_EQ(*ParseDateIn("17 Agt 1945", f), 19450817u);
  EXPECT_EQ(*ParseDateIn("31 Desember 2013", f), 20131231u);
  EXPECT_EQ(*ParseDateIn("29-02-2024", f), 20240229u);
  auto bad = ParseDateIn("31-02-2019", f);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("not a real date"), std::string::npos);
  EXPECT_FALSE(ParseDateIn("2019/04/01", f).ok());
  EXPECT_FALSE(ParseDateIn("01-04-19", f).ok());
  auto serial = ParseDateIn("43556", f);
  ASSERT_FALSE(serial.ok());
  EXPECT_NE(serial.status().message().find("serial"), std::string::npos);
}

TEST(CsvValuesTest, DateFormatsAreChecked) {
  EXPECT_TRUE(CheckDateFormat("dd.mm.yyyy").ok());
  EXPECT_TRUE(CheckDateFormat("dd month yyyy").ok());
  EXPECT_FALSE(CheckDateFormat("mm-yyyy").ok());
  EXPECT_FALSE(CheckDateFormat("dd-mm-yy").ok());
}

capnp::Type FieldType(capnp::StructSchema s, const char* name) {
  return s.getFieldByName(name).getType();
}

TEST(CsvValuesTest, CellsBecomeTypedJson) {
  const auto rated = capnp::Schema::from<schema::PerformanceRated>();
  const auto promoted = capnp::Schema::from<schema::RankPromoted>();
  const auto recruited = capnp::Schema::from<schema::Recruited>();
  ValueContext ctx;
  EXPECT_EQ(*CellToJson(FieldType(rated, "predikat"), "Sangat Baik", ctx), "\"sangatBaik\"");
  EXPECT_EQ(*CellToJson(FieldType(rated, "predikat"), "amat baik", ctx), "\"sangatBaik\"");
  EXPECT_EQ(*CellToJson(FieldType(rated, "year"), "2019.0", ctx), "2019");
  EXPECT_EQ(*CellToJson(FieldType(rated, "periodEnd"), "31-12-2019", ctx), "\"2019-12-31\"");
  EXPECT_EQ(*CellToJson(FieldType(promoted, "to"), "3b", ctx), "{\"golongan\":\"III/b\"}");
  EXPECT_EQ(*CellToJson(FieldType(promoted, "to"), "IX", ctx), "{\"pppkGrade\":9}");
  EXPECT_EQ(*CellToJson(FieldType(promoted, "creditPoints"), "87,5", ctx), "87.5");
  EXPECT_EQ(*CellToJson(FieldType(recruited, "gender"), "P", ctx), "\"female\"");
  EXPECT_EQ(*CellToJson(FieldType(recruited, "education"), "D-III", ctx), "\"d3\"");
  EXPECT_EQ(*CellToJson(FieldType(recruited, "name"), "A \"B\"\n", ctx), "\"A \\\"B\\\"\\n\"");
  EXPECT_FALSE(CellToJson(FieldType(rated, "year"), "dua ribu", ctx).ok());
  EXPECT_FALSE(CellToJson(FieldType(recruited, "gender"), "X", ctx).ok());
  EXPECT_FALSE(CellToJson(FieldType(promoted, "to"), "XVIII", ctx).ok());

  std::map<std::string, std::map<std::string, std::string>> values = {
      {"Rating", {{"SESUAI EKSPEKTASI", "meets"}}}};
  ctx.values = &values;
  EXPECT_EQ(*CellToJson(FieldType(rated, "workResult"), "Sesuai Ekspektasi", ctx), "\"meets\"");
}

}  // namespace
}  // namespace jejak::ingest::internal
