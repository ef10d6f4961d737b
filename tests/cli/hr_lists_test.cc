// The lists HR takes to Excel (`jejak query`): the catalog of agencies,
// units and positions, sub-units under a unit, an unknown agency or unit
// naming the known ones, Indonesian labels by default, the Excel-ready CSV
// and the .xlsx workbook (read back with minizip); and `jejak history`'s
// one readable line per event.
#include <unzip.h>

#include "cli_fixture.h"

namespace {

using jejak::cli_test::CliRun;
using jejak::cli_test::Lines;

constexpr char kAgency[] = "pemko-sawahlunto";
constexpr char kNip[] = "197508172000031002";  // Hendra Saputra, bkpsdm

// The text of one member of the zip archive `path`; "" when it is missing
// or unreadable (`error` says why).
std::string ZipMember(const std::string& path, const std::string& member, std::string* error) {
  unzFile zip = unzOpen(path.c_str());
  if (zip == nullptr) {
    *error = "not a zip archive";
    return "";
  }
  std::string out;
  if (unzLocateFile(zip, member.c_str(), 1) != UNZ_OK) {
    *error = member + " missing";
  } else if (unzOpenCurrentFile(zip) != UNZ_OK) {
    *error = member + " cannot be opened";
  } else {
    char buf[4096];
    int n = 0;
    while ((n = unzReadCurrentFile(zip, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    if (n < 0) *error = member + " is damaged";
    unzCloseCurrentFile(zip);
  }
  unzClose(zip);
  return out;
}

// The attributes of cell `ref` ("A2") in a worksheet's XML: `<c r="A2" ...>`.
std::string CellTag(const std::string& sheet, const std::string& ref) {
  const auto at = sheet.find("<c r=\"" + ref + "\"");
  if (at == std::string::npos) return "";
  return sheet.substr(at, sheet.find('>', at) - at + 1);
}

class HrListsTest : public jejak::cli_test::CliFixture {
 protected:
  void SetUp() override {
    CliFixture::SetUp();
    ASSERT_EQ(Jejak("init").code, 0);
    CliRun r = Jejak("import " + WriteFile("all.ndjson", example_));
    ASSERT_EQ(r.code, 0) << r.err;
  }
};

TEST_F(HrListsTest, CatalogListsAgenciesUnitsAndPositions) {
  CliRun agencies = Jejak("query agencies --plain --csv");
  ASSERT_EQ(agencies.code, 0) << agencies.err;
  EXPECT_EQ(Lines(agencies.out).at(0), "AGENCY,AGENCY_NAME,UNITS,POSITIONS,EMPLOYEES\r");
  EXPECT_EQ(Lines(agencies.out).at(1), std::string(kAgency) + ",,4,5,6\r");

  CliRun units = Jejak(std::string("query units --agency ") + kAgency + " --unit bkpsdm --csv --plain");
  ASSERT_EQ(units.code, 0) << units.err;
  EXPECT_EQ(Lines(units.out).size(), 3u) << units.out;  // header, bkpsdm, its sub-unit
  EXPECT_NE(units.out.find("bkpsdm-mutasi,Bidang Mutasi dan Promosi,bkpsdm,1"), std::string::npos) << units.out;

  CliRun positions = Jejak(std::string("query positions --agency ") + kAgency + " --json");
  ASSERT_EQ(positions.code, 0) << positions.err;
  EXPECT_NE(positions.out.find("\"position_name\""), std::string::npos) << positions.out;
}

// An agencyDefined gives the agency its name beside its code, in the
// catalog and in every employee list; the agency is no unit of its own.
TEST_F(HrListsTest, AgencyNameStandsBesideItsCode) {
  CliRun r = Jejak("append " + WriteFile("agency.ndjson", {std::string(R"({"stream":"org/)") + kAgency +
                                                           R"(","eventId":"swl-agency","effectiveDate":"2017-01-01","payload":{"agencyDefined":{"name":"Pemerintah Kota Sawahlunto","established":"1956-03-19","legalBasis":"UU 8/1956","regionCode":"13.73"}}})"}));
  ASSERT_EQ(r.code, 0) << r.err;
  CliRun agencies = Jejak("query agencies --plain --csv");
  ASSERT_EQ(agencies.code, 0) << agencies.err;
  EXPECT_EQ(Lines(agencies.out).at(1), std::string(kAgency) + ",Pemerintah Kota Sawahlunto,4,5,6\r");
  CliRun employees = Jejak("query employees --plain --csv");
  ASSERT_EQ(employees.code, 0) << employees.err;
  EXPECT_NE(employees.out.find(std::string(",Hendra Saputra,") + kAgency + ",Pemerintah Kota Sawahlunto,"),
            std::string::npos)
      << employees.out;
  CliRun units = Jejak(std::string("query units --agency ") + kAgency + " --csv --plain");
  ASSERT_EQ(units.code, 0) << units.err;
  EXPECT_EQ(units.out.find(std::string(kAgency) + ",,"), std::string::npos) << units.out;
}

TEST_F(HrListsTest, AUnitIncludesItsSubUnits) {
  CliRun r = Jejak(std::string("query employees --agency ") + kAgency + " --unit bkpsdm --json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"unit\": \"bkpsdm-mutasi\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"unit\": \"bkpsdm\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\"unit\": \"inspektorat\""), std::string::npos) << r.out;
}

TEST_F(HrListsTest, UnknownAgencyOrUnitIsUsageErrorNamingTheKnownOnes) {
  CliRun agency = Jejak("query employees --agency pemkot-sawahlunto");
  EXPECT_EQ(agency.code, 2);
  EXPECT_NE(agency.err.find("--agency pemkot-sawahlunto: no such agency; known: pemko-sawahlunto"),
            std::string::npos)
      << agency.err;
  CliRun unit = Jejak(std::string("query promotion --agency ") + kAgency + " --unit bkd");
  EXPECT_EQ(unit.code, 2);
  EXPECT_NE(unit.err.find("--unit bkd: no such unit in pemko-sawahlunto; known: bkpsdm, bkpsdm-mutasi"),
            std::string::npos)
      << unit.err;
}

TEST_F(HrListsTest, TablesAreIndonesianByDefaultWithUnitNamesAndStatus) {
  CliRun id = Jejak("query employees");
  ASSERT_EQ(id.code, 0) << id.err;
  const auto header = Lines(id.out).at(0);
  EXPECT_EQ(header.find("NIP"), 0u);
  for (const char* label : {"Nama", "Unit Kerja", "Gol.", "Jabatan", "Status", "Jenjang Jabatan"}) {
    EXPECT_NE(header.find(label), std::string::npos) << label << " in " << header;
  }
  EXPECT_NE(id.out.find("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"), std::string::npos);
  EXPECT_NE(id.out.find("aktif"), std::string::npos);
  EXPECT_NE(id.out.find("JPT Pratama"), std::string::npos);

  CliRun en = Jejak("query employees --lang en");
  ASSERT_EQ(en.code, 0) << en.err;
  EXPECT_NE(Lines(en.out).at(0).find("Position level"), std::string::npos);
  EXPECT_NE(en.out.find("active"), std::string::npos);
  EXPECT_EQ(Jejak("query employees --lang fr").code, 2);
}

// The promotion list's reasons are written in the list's language; JSON
// keeps them in English.
TEST_F(HrListsTest, PromotionReasonsAreIndonesianByDefault) {
  const std::string query = "query promotion --from 2019-01-01 --to 2031-12-31 --all";
  CliRun id = Jejak(query);
  ASSERT_EQ(id.code, 0) << id.err;
  EXPECT_NE(Lines(id.out).at(0).find("Keterangan"), std::string::npos) << id.out;
  for (const char* words : {"belum diangkat menjadi PNS", "predikat 2017 belum tercatat",
                            "catatan: tidak melebihi pangkat atasan langsung",
                            "sudah mencapai batas tertinggi kenaikan pangkat reguler",
                            "PPPK: golongan PPPK, bukan pangkat PNS"}) {
    EXPECT_NE(id.out.find(words), std::string::npos) << words << " in\n" << id.out;
  }
  for (const char* english : {"not confirmed", "no predikat", "note: ", "highest rank", "a grade"}) {
    EXPECT_EQ(id.out.find(english), std::string::npos) << english << " in\n" << id.out;
  }
  CliRun en = Jejak(query + " --lang en");
  ASSERT_EQ(en.code, 0) << en.err;
  EXPECT_NE(en.out.find("no predikat for 2017"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("note: not above the direct superior's rank"), std::string::npos) << en.out;
  CliRun json = Jejak(query + " --json");
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_NE(json.out.find("no predikat for 2017"), std::string::npos) << json.out;
}

TEST_F(HrListsTest, EligibleOnlyKeepsTheEligibleRows) {
  CliRun all = Jejak("query promotion --from 2019-01-01 --to 2031-12-31 --json");
  CliRun eligible = Jejak("query promotion --from 2019-01-01 --to 2031-12-31 --eligible-only --json");
  ASSERT_EQ(all.code, 0) << all.err;
  ASSERT_EQ(eligible.code, 0) << eligible.err;
  EXPECT_NE(all.out.find("\"eligible\": \"no\""), std::string::npos) << all.out;
  EXPECT_EQ(eligible.out.find("\"eligible\": \"no\""), std::string::npos) << eligible.out;
  size_t yes_all = 0, yes_eligible = 0;
  for (size_t at = 0; (at = all.out.find("\"eligible\": \"yes\"", at)) != std::string::npos; ++at) ++yes_all;
  for (size_t at = 0; (at = eligible.out.find("\"eligible\": \"yes\"", at)) != std::string::npos; ++at) {
    ++yes_eligible;
  }
  EXPECT_EQ(yes_all, yes_eligible);
}

TEST_F(HrListsTest, CsvForExcelHasBomSemicolonsAndTheNipAsText) {
  CliRun r = Jejak("query employees --csv");
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(r.out.rfind("\xEF\xBB\xBFNIP;Nama;Kode Instansi;Instansi;", 0), 0u) << r.out.substr(0, 60);
  EXPECT_NE(r.out.find(std::string("\"=\"\"") + kNip + "\"\"\";Hendra Saputra;"), std::string::npos) << r.out;

  CliRun comma = Jejak("query employees --csv --sep ,");
  ASSERT_EQ(comma.code, 0) << comma.err;
  EXPECT_NE(comma.out.find(std::string("\"=\"\"") + kNip + "\"\"\",Hendra Saputra,"), std::string::npos);

  CliRun plain = Jejak("query employees --csv --plain");
  ASSERT_EQ(plain.code, 0) << plain.err;
  EXPECT_EQ(plain.out.rfind("NIP,NAME,AGENCY,AGENCY_NAME,UNIT,UNIT_NAME,", 0), 0u) << plain.out.substr(0, 60);
  EXPECT_NE(plain.out.find(std::string(kNip) + ",Hendra Saputra,"), std::string::npos);
  EXPECT_EQ(Jejak("query employees --csv --sep :").code, 2);
}

TEST_F(HrListsTest, XlsxHasHeaderNipAsStringAndDatesAsDates) {
  const std::string file = (dir_ / "pensiun.xlsx").string();
  CliRun r = Jejak("query retirements --from 2020-01-01 --to 2060-12-31 --xlsx " + file);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("rows written to " + file), std::string::npos) << r.err;
  std::string error;
  const std::string strings = ZipMember(file, "xl/sharedStrings.xml", &error);
  const std::string sheet = ZipMember(file, "xl/worksheets/sheet1.xml", &error);
  ASSERT_TRUE(error.empty()) << error;
  for (const char* text : {"NIP", "Nama", "Unit Kerja", "Tanggal Lahir", "TMT Pensiun", kNip}) {
    EXPECT_NE(strings.find(std::string(">") + text + "<"), std::string::npos) << text;
  }
  // A2 (the first NIP) is a shared string, never a number.
  EXPECT_NE(CellTag(sheet, "A2").find("t=\"s\""), std::string::npos) << CellTag(sheet, "A2");
  // J2 (the birth date, after the 9 first columns) is a styled number: an Excel date.
  const std::string birth = CellTag(sheet, "J2");
  ASSERT_FALSE(birth.empty()) << sheet.substr(0, 2000);
  EXPECT_EQ(birth.find("t=\""), std::string::npos) << birth;
  EXPECT_NE(birth.find(" s=\""), std::string::npos) << birth;
  EXPECT_NE(sheet.find("<pane "), std::string::npos);  // the header row is frozen
  EXPECT_NE(sheet.find("<cols>"), std::string::npos);  // column widths

  CliRun bad = Jejak("query retirements --xlsx " + (dir_ / "no-such-dir" / "x.xlsx").string());
  EXPECT_EQ(bad.code, 1) << bad.err;
  EXPECT_NE(bad.err.find("x.xlsx"), std::string::npos) << bad.err;
}

TEST_F(HrListsTest, HistoryShowsWhatEachEventSays) {
  CliRun r = Jejak(std::string("history ") + kNip);
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* said : {"recruited Hendra Saputra as pns, rank III/a", "rank III/d -> IV/a (regular)",
                           "350 JP", "rating 2021: sangatBaik", "post Kepala Bidang Mutasi dan Promosi"}) {
    EXPECT_NE(r.out.find(said), std::string::npos) << said << "\n" << r.out;
  }
}

TEST_F(HrListsTest, HistoryShowsWhatACorrectionChanged) {
  const std::string correction =
      std::string("{\"stream\":\"emp/") + kNip +
      "\",\"eventId\":\"fix-1\",\"effectiveDate\":\"2019-09-27\",\"actor\":{\"user\":\"u\",\"role\":\"hr\","
      "\"agency\":\"pemko-sawahlunto\"},\"source\":{\"decreeNumber\":\"KOR/1\"},\"payload\":{\"corrected\":{"
      "\"targetEventId\":\"swl-0014\",\"reason\":\"JP salah ketik\",\"authority\":\"Kepala BKPSDM\","
      "\"replacement\":{\"trainingCompleted\":{\"kind\":\"pka\",\"name\":\"Pelatihan Kepemimpinan Administrator "
      "Angkatan II\",\"jp\":305}}}}}";
  CliRun appended = Jejak("append " + WriteFile("fix.ndjson", {correction}));
  ASSERT_EQ(appended.code, 0) << appended.err;
  CliRun r = Jejak(std::string("history ") + kNip);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("corrects #14 (was: training pka"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("350 JP; now: training pka"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("305 JP); reason: JP salah ketik, by Kepala BKPSDM"), std::string::npos) << r.out;
}

}  // namespace
