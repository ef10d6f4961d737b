// The records of older eras through a CSV mapping: a numeric SKP score
// (2014-2021), the ujian dinas and the penyesuaian ijazah, and credit
// points (angka kredit), each as a SIMPEG export writes them.
#include <gtest/gtest.h>

#include <sstream>

#include "jejak/codec/event_json.h"
#include "jejak/domain/validate.h"
#include "jejak/ingest/csv_import.h"
#include "jejak/ingest/csv_mapping.h"

namespace jejak::ingest {
namespace {

constexpr const char* kMapping = R"({
  "format": "jejak-csv-mapping/1",
  "delimiter": ";",
  "agency": "kota-sawahlunto",
  "columns": {"nip": "NIP", "type": "JENIS", "effectiveDate": "TMT", "decreeNumber": "NO_SK"},
  "types": {"CPNS": "recruited", "SKP": "performanceRated", "UJIAN": "examPassed",
            "PAK": "creditPointsAwarded"},
  "events": {
    "recruited": {"name": "NAMA", "birthDate": "TGL_LAHIR", "gender": "JK",
                  "education": "PENDIDIKAN", "employmentType": {"const": "pns"},
                  "startingRank": "GOLONGAN"},
    "performanceRated": {"effectiveDate": {"template": "31-12-{TAHUN}"}, "year": "TAHUN",
                         "predikat": "PREDIKAT", "skpScore": "NILAI"},
    "examPassed": {"kind": "UJIAN_JENIS", "certificateNo": "NO_SK",
                   "education": "PENDIDIKAN"},
    "creditPointsAwarded": {"points": "NILAI", "positionId": "JABATAN"}
  }
})";

constexpr const char* kCsv =
    "NIP;NAMA;JENIS;TMT;NO_SK;TGL_LAHIR;JK;PENDIDIKAN;GOLONGAN;TAHUN;PREDIKAT;NILAI;"
    "UJIAN_JENIS;JABATAN\r\n"
    "'197811042003031002;Afrizal;CPNS;01-03-2003;813/1;04-11-1978;L;SLTA;II/a;;;;;\r\n"
    "'197811042003031002;;SKP;;SKP/2016/1;;;;;2016;Baik;\"84,6\";;\r\n"
    "'197811042003031002;;UJIAN;12-11-2012;UD-I/2012/0317;;;;;;;;Ujian Dinas Tk. I;\r\n"
    "'197811042003031002;;UJIAN;20-05-2019;UPKP/2019/88;;;S1;;;;;UPKP;\r\n"
    "'197811042003031002;;PAK;31-01-2023;PAK/2023/19;;;;;;;\"12,5\";;swl.bkpsdm.analis\r\n"
    "'197811042003031002;;SKP;;SKP/2012/1;;;;;2012;Baik;84;;\r\n";

// The rows of `csv` read through the mapping `mapping_text`: each event as
// JSON in `lines` (each checked valid), each row's error in `errors`.
void ImportRows(const char* mapping_text, const char* csv, const char* name,
                std::vector<std::string>* lines, std::vector<std::string>* errors) {
  auto mapping = ParseCsvMapping(mapping_text);
  ASSERT_TRUE(mapping.ok()) << mapping.status().ToString();
  codec::EventJson json;
  std::istringstream in(csv);
  auto imp = CsvImporter::Open(*mapping, &in, name, &json);
  ASSERT_TRUE(imp.ok()) << imp.status().ToString();
  while (true) {
    CsvRow row;
    auto next = (*imp)->Next(&row);
    ASSERT_TRUE(next.ok()) << next.status().ToString();
    if (!*next) break;
    if (row.error) errors->push_back(row.error->ToString());
    if (!row.event) continue;
    const Status valid = domain::ValidateEventInput(row.event->reader());
    EXPECT_TRUE(valid.ok()) << "row " << row.row << ": " << valid.ToString();
    lines->push_back(json.InputToJson(row.event->reader()));
  }
}

TEST(CsvOlderRecordsTest, ScoresExamsAndCreditPointsBecomeValidEvents) {
  std::vector<std::string> lines, errors;
  ASSERT_NO_FATAL_FAILURE(ImportRows(kMapping, kCsv, "older.csv", &lines, &errors));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_NE(lines[1].find(R"("skpScore":84.6)"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find(R"("examPassed":{"kind":"ujianDinasTingkatI")"), std::string::npos)
      << lines[2];
  EXPECT_NE(lines[3].find(R"("kind":"penyesuaianIjazah")"), std::string::npos) << lines[3];
  EXPECT_NE(lines[3].find(R"("education":"s1")"), std::string::npos) << lines[3];
  EXPECT_NE(lines[4].find(R"("creditPointsAwarded":{"points":12.5)"), std::string::npos)
      << lines[4];
  // A numeric SKP score for a DP3 year is reported with its row and column.
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("row 7"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("a numeric SKP score rates the years 2014..2021"), std::string::npos)
      << errors[0];
}

// Sanctions of PP 30/1980 and PP 53/2010 as SIMPEG writes them: the kind's
// Indonesian name, the level's; the level is checked under the regulation
// in force on the start (a rank demotion is heavy under PP 30/1980).
TEST(CsvOlderRecordsTest, SanctionsOfEarlierRegulationsBecomeTheirKinds) {
  constexpr const char* kSanctionMapping = R"({
    "format": "jejak-csv-mapping/1",
    "delimiter": ";",
    "agency": "kota-sawahlunto",
    "columns": {"nip": "NIP", "type": "JENIS", "effectiveDate": "TMT"},
    "types": {"HUKDIS": "sanctionImposed"},
    "events": {
      "sanctionImposed": {"kind": "HUKUMAN", "level": "TINGKAT", "start": "TMT", "end": "SELESAI"}
    }
  })";
  constexpr const char* kSanctions =
      "NIP;JENIS;TMT;HUKUMAN;TINGKAT;SELESAI\r\n"
      "197811042003031002;HUKDIS;01-03-2008;Penundaan KGB;Sedang;28-02-2009\r\n"
      "197811042003031002;HUKDIS;01-03-2012;Penundaan Kenaikan Pangkat;Sedang;28-02-2013\r\n"
      "197811042003031002;HUKDIS;01-03-2015;Pembebasan dari Jabatan;Berat;\r\n"
      "197811042003031002;HUKDIS;01-03-2009;rankDemotion1Year;Sedang;28-02-2010\r\n";
  std::vector<std::string> lines, errors;
  ASSERT_NO_FATAL_FAILURE(ImportRows(kSanctionMapping, kSanctions, "hukdis.csv", &lines, &errors));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[0].find(R"("kind":"salaryIncrementDelay1Year")"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find(R"("kind":"promotionDelay1Year")"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find(R"("level":"heavy","kind":"releaseFromPost")"), std::string::npos) << lines[2];
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("row 5"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("it is a heavy sanction (PP 30/1980 Art. 6)"), std::string::npos) << errors[0];
}

}  // namespace
}  // namespace jejak::ingest
