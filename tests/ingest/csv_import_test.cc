// CsvImporter: rows to events, bad rows reported with row and column while
// the rest is kept, deterministic ids, and a store that takes the result.
#include "jejak/ingest/csv_import.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "jejak/domain/validate.h"
#include "store/test_events.h"

namespace jejak::ingest {
namespace {

std::string Example(const char* name) {
  const char* src = std::getenv("JEJAK_SOURCE_DIR");
  EXPECT_NE(src, nullptr);
  return std::string(src ? src : ".") + "/docs/examples/" + name;
}

struct Imported {
  std::vector<CsvRow> rows;  // data rows with an event or an error
  Status open;
};

Imported Import(const CsvMapping& mapping, const std::string& csv, const codec::EventJson& json,
                const std::string& name = "legacy.csv") {
  Imported out;
  std::istringstream in(csv);
  auto imp = CsvImporter::Open(mapping, &in, name, &json);
  if (!imp.ok()) {
    out.open = imp.status();
    return out;
  }
  while (true) {
    CsvRow row;
    auto next = (*imp)->Next(&row);
    EXPECT_TRUE(next.ok()) << next.status().ToString();
    if (!next.ok() || !*next) break;
    if (row.event || row.error) out.rows.push_back(std::move(row));
  }
  return out;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class CsvImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto m = LoadCsvMapping(Example("legacy-mapping.json"));
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    mapping_ = *m;
    csv_ = ReadFile(Example("legacy.csv"));
    ASSERT_FALSE(csv_.empty());
  }
  CsvMapping mapping_;
  std::string csv_;
  codec::EventJson json_;
};

TEST_F(CsvImportTest, DocumentedExampleImportsExceptItsOneBadRow) {
  Imported r = Import(mapping_, csv_, json_);
  ASSERT_TRUE(r.open.ok()) << r.open.ToString();
  ASSERT_EQ(r.rows.size(), 22u);
  int events = 0;
  std::set<std::string> ids;
  for (const CsvRow& row : r.rows) {
    if (row.error) {
      // docs/import.md: row 20 has the impossible signing date 31-02-2018.
      EXPECT_EQ(row.row, 20u) << row.error->ToString();
      EXPECT_EQ(row.error->column, "TGL_SK");
      EXPECT_NE(row.error->message.find("31-02-2018"), std::string::npos);
      EXPECT_EQ(row.error->ToString().rfind("row 20 (line 20), column TGL_SK: ", 0), 0u)
          << row.error->ToString();
      continue;
    }
    ++events;
    Status v = domain::ValidateEventInput(row.event->reader());
    EXPECT_TRUE(v.ok()) << "row " << row.row << ": " << v.ToString();
    ids.insert(row.event->reader().getEventId().cStr());
    EXPECT_EQ(std::string(row.event->reader().getEventId().cStr()).rfind("legacy-swl-k", 0), 0u);
    EXPECT_FALSE(row.key.empty());
  }
  EXPECT_EQ(events, 21);
  EXPECT_EQ(ids.size(), 21u) << "every row has a key of its own";
  // Spot checks of the conversions.
  auto json_of = [&](uint64_t row) {
    for (const CsvRow& x : r.rows) {
      if (x.row == row && x.event) return json_.InputToJson(x.event->reader());
    }
    return std::string();
  };
  EXPECT_NE(json_of(2).find(R"("startingRank":{"golongan":"III/a"})"), std::string::npos) << json_of(2);
  EXPECT_NE(json_of(2).find(R"("nip":"197811042003031002")"), std::string::npos);
  EXPECT_NE(json_of(2).find(R"("agency":"kota-sawahlunto")"), std::string::npos);
  EXPECT_NE(json_of(5).find(R"("effectiveDate":"2011-04-01")"), std::string::npos) << json_of(5);
  EXPECT_NE(json_of(5).find(R"("to":{"golongan":"III/c"})"), std::string::npos);
  EXPECT_NE(json_of(10).find(R"("to":{"golongan":"III/d"})"), std::string::npos) << json_of(10);
  EXPECT_NE(json_of(6).find(R"("effectiveDate":"2012-12-31")"), std::string::npos) << json_of(6);
  EXPECT_NE(json_of(6).find(R"("dp3Score":84)"), std::string::npos);
  EXPECT_NE(json_of(13).find(R"("behaviour":"above")"), std::string::npos) << json_of(13);
  EXPECT_NE(json_of(19).find(R"(Pelatihan \"Pelayanan Prima\", Angkatan II)"), std::string::npos)
      << json_of(19);
  EXPECT_NE(json_of(9).find(R"("kind":"pkp")"), std::string::npos) << json_of(9);
  EXPECT_NE(json_of(11).find(R"("relation":"spouse")"), std::string::npos) << json_of(11);
  EXPECT_NE(json_of(22).find("jam kerja.\\nTeguran"), std::string::npos) << json_of(22);
}

TEST_F(CsvImportTest, RunningTwiceGivesTheSameEventsAndIds) {
  Imported a = Import(mapping_, csv_, json_), b = Import(mapping_, csv_, json_);
  ASSERT_EQ(a.rows.size(), b.rows.size());
  for (size_t i = 0; i < a.rows.size(); ++i) {
    ASSERT_EQ(a.rows[i].event.has_value(), b.rows[i].event.has_value());
    if (a.rows[i].event) {
      EXPECT_EQ(json_.InputToJson(a.rows[i].event->reader()),
                json_.InputToJson(b.rows[i].event->reader()));
    }
  }
}

// The ids of key-based rows (the default) survive the ways a file is
// fixed and exported again: rows deleted or moved, a NO column added or
// renumbered, the file renamed, the key cells spelled differently.
TEST_F(CsvImportTest, KeyIdsFollowTheNaturalKeyOnly) {
  auto ids = [&](const std::string& csv, const std::string& name) {
    Imported r = Import(mapping_, csv, json_, name);
    EXPECT_TRUE(r.open.ok()) << r.open.ToString();
    std::vector<std::string> out;
    for (const auto& row : r.rows) {
      if (row.event) out.push_back(row.event->reader().getEventId().cStr());
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto original = ids(csv_, "legacy.csv");
  ASSERT_EQ(original.size(), 21u);
  EXPECT_EQ(ids(csv_, "/elsewhere/legacy (1).csv"), original);

  // A NO column in front, numbered backwards.
  std::istringstream lines(csv_);
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(line);
  std::string numbered = "NO," + rows[0] + "\n";
  for (size_t i = 1; i < rows.size(); ++i) {
    numbered += std::to_string(1000 - i) + "," + rows[i] + "\n";
  }
  EXPECT_EQ(ids(numbered, "legacy.csv"), original);

  // Row 4 (Afrizal's KP of 01/04/2007) deleted, then spelled otherwise.
  std::string row4 = rows[3];
  ASSERT_EQ(row4.rfind("197811042003031002,", 0), 0u) << row4;
  std::string without = csv_;
  without.erase(without.find(row4), row4.size() + 1);
  auto fewer = ids(without, "legacy.csv");
  EXPECT_EQ(fewer.size(), 20u);
  for (const auto& id : fewer) EXPECT_TRUE(std::binary_search(original.begin(), original.end(), id));

  std::string respelled = row4;
  respelled.replace(0, 18, "'1978 1104 2003 03 1 002");
  respelled.replace(respelled.find(",KP,"), 4, ",kp,");
  respelled.replace(respelled.find("01/04/2007"), 10, "1 April 2007");
  const size_t sk = respelled.find("823.3/088/BKD/2007");
  ASSERT_NE(sk, std::string::npos) << respelled;
  respelled.replace(sk, 18, " 823.3/088/bkd/2007 ");
  std::string spelled = csv_;
  spelled.replace(spelled.find(row4), row4.size(), respelled);
  EXPECT_EQ(ids(spelled, "legacy.csv"), original);

  // Another decree number is another record.
  std::string other = csv_;
  other.replace(other.find("823.3/088/BKD/2007"), 18, "823.3/089/BKD/2007");
  EXPECT_NE(ids(other, "legacy.csv"), original);
}

TEST_F(CsvImportTest, TheMappingsKeyColumnsMustBeInTheHeader) {
  mapping_.key = {"NIP", "NO_SK", "NOPE"};
  Imported r = Import(mapping_, csv_, json_);
  ASSERT_FALSE(r.open.ok());
  EXPECT_NE(r.open.message().find("mapping key names column \"NOPE\""), std::string::npos)
      << r.open.ToString();
  mapping_.key = {"NIP", "JENIS", "TMT", "TAHUN", "NO_SK"};
  Imported ok = Import(mapping_, csv_, json_);
  ASSERT_TRUE(ok.open.ok()) << ok.open.ToString();
  ASSERT_FALSE(ok.rows.empty());
  EXPECT_EQ(ok.rows[0].key,
            "NIP 197811042003031002, JENIS CPNS, TMT 01-03-2003, TAHUN (empty), NO_SK "
            "813.3/045/BKD/2003");
}

TEST_F(CsvImportTest, HashIdsDoNotDependOnTheRowsPosition) {
  mapping_.ids = CsvMapping::Ids::kHash;
  Imported a = Import(mapping_, csv_, json_);
  // The same file with an extra row after the header.
  const size_t eol = csv_.find('\n');
  std::string shifted = csv_.substr(0, eol + 1) +
                        "197811042003031002,x,KP,01-04-2023,IV/a,III/d,,,,,,,,,,,,,,,,,,,,,,,,,\n" +
                        csv_.substr(eol + 1);
  Imported b = Import(mapping_, shifted, json_);
  std::set<std::string> ids_a, ids_b;
  for (const auto& r : a.rows) {
    if (r.event) ids_a.insert(r.event->reader().getEventId().cStr());
  }
  for (const auto& r : b.rows) {
    if (r.event) ids_b.insert(r.event->reader().getEventId().cStr());
  }
  EXPECT_EQ(ids_a.size(), 21u);
  for (const auto& id : ids_a) {
    EXPECT_TRUE(ids_b.count(id)) << id;
    EXPECT_EQ(id.rfind("legacy-swl-h", 0), 0u) << id;
  }
}

TEST_F(CsvImportTest, DefaultIdPrefixIsCsvForKeysAndTheFileNameForRows) {
  mapping_.id_prefix.clear();
  Imported keyed = Import(mapping_, csv_, json_, "/data/export/SIMPEG 2024.csv");
  ASSERT_FALSE(keyed.rows.empty());
  EXPECT_EQ(std::string(keyed.rows[0].event->reader().getEventId().cStr()).rfind("csv-k", 0), 0u);
  mapping_.ids = CsvMapping::Ids::kRow;
  Imported r = Import(mapping_, csv_, json_, "/data/export/SIMPEG 2024.csv");
  ASSERT_FALSE(r.rows.empty());
  EXPECT_STREQ(r.rows[0].event->reader().getEventId().cStr(), "SIMPEG_2024.csv-2");
}

TEST_F(CsvImportTest, BadRowsNameTheirColumnAndTheOthersAreKept) {
  const std::string header = csv_.substr(0, csv_.find('\n') + 1);
  const std::string good =
      "198503122010012015,Desmawati,CPNS,01-01-2010,III/a,,P,p.x,Pelaksana,u,1,01-01-2010,W,"
      "12-03-1985,P,1373015203850003,S1,Akuntansi,,,,,,,,,,,,,\n";
  auto row_with = [&](const std::string& nip, const std::string& type, const std::string& tmt,
                      const std::string& gol, const std::string& nik) {
    return nip + ",D," + type + "," + tmt + "," + gol + ",,P,p.x,Pelaksana,u,1,01-01-2010,W," +
           "12-03-1985,P," + nik + ",S1,Akuntansi,,,,,,,,,,,,,\n";
  };
  const std::string csv =
      header + good +                                                             // row 2
      row_with("198503122010012015", "XX", "01-04-2014", "III/b", "") +           // 3: type
      row_with("1.98503E+17", "KP", "01-04-2014", "III/b", "") +                  // 4: NIP
      row_with("198503122010012015", "KP", "01-04-2014", "III/z", "") +           // 5: GOLONGAN
      row_with("198503122010012015", "KP", "2014/04/01", "III/b", "") +           // 6: TMT
      row_with("198503132010012016", "CPNS", "01-01-2010", "III/a", "1373015203850003") +  // 7: NIK
      "198503122010012015,D,KP,\"01-04-2014\"x,III/b\n" +                         // 8: CSV syntax
      ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n" +                                        // 9: blank
      row_with("198503122010012015", "KP", "01-04-2014", "III/b", "");            // 10: good
  Imported r = Import(mapping_, csv, json_);
  ASSERT_TRUE(r.open.ok()) << r.open.ToString();
  std::map<uint64_t, std::string> columns;
  std::vector<uint64_t> good_rows;
  for (const CsvRow& row : r.rows) {
    if (row.error) {
      columns[row.row] = row.error->column;
    } else {
      good_rows.push_back(row.row);
    }
  }
  EXPECT_EQ(good_rows, (std::vector<uint64_t>{2, 10}));
  EXPECT_EQ(columns[3], "JENIS");
  EXPECT_EQ(columns[4], "NIP");
  EXPECT_EQ(columns[5], "GOLONGAN");
  EXPECT_EQ(columns[6], "TMT");
  EXPECT_EQ(columns[7], "NIK");
  EXPECT_EQ(columns[8], "");
  EXPECT_EQ(columns.count(9), 0u) << "a blank row is neither event nor error";
}

// A cell past the header's last column belongs to no column: usually a
// delimiter in an unquoted cell shifted the row. Empty extra cells are fine.
// Every NIP cell is cleaned as the NIP column is, not only the stream's:
// Excel's apostrophe and a clerk's spaces in the evaluator's NIP too.
TEST_F(CsvImportTest, NipCellsOfOtherFieldsAreCleanedToo) {
  // The ratings by evaluator 196805121994031003, and the rows in error.
  const auto by_evaluator = [&](const std::string& csv) {
    size_t ratings = 0;
    std::vector<std::string> errors;
    for (const CsvRow& row : Import(mapping_, csv, json_).rows) {
      if (row.error) errors.push_back(row.error->column);
      if (!row.event || !row.event->reader().getPayload().isPerformanceRated()) continue;
      const auto rating = row.event->reader().getPayload().getPerformanceRated();
      if (std::string(rating.getEvaluatorNip().cStr()) == "196805121994031003") ++ratings;
    }
    return std::make_pair(ratings, errors);
  };
  std::string csv = csv_;
  const size_t at = csv.find(",196805121994031003,");
  ASSERT_NE(at, std::string::npos);
  csv.replace(at + 1, 18, "'19680512 199403 1 003");
  const auto original = by_evaluator(csv_);
  ASSERT_GT(original.first, 0u);
  EXPECT_EQ(by_evaluator(csv), original);
}

TEST_F(CsvImportTest, CellsPastTheHeaderAreReported) {
  const std::string header = csv_.substr(0, csv_.find('\n') + 1);
  const std::string row2 = csv_.substr(header.size(), csv_.find('\n', header.size()) + 1 -
                                                         header.size());
  ASSERT_EQ(row2.back(), '\n');
  const std::string base = row2.substr(0, row2.size() - 1);
  Imported r = Import(mapping_, header + base + ",,\n" + base + ",shifted\n", json_);
  ASSERT_TRUE(r.open.ok()) << r.open.ToString();
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_TRUE(r.rows[0].event.has_value()) << r.rows[0].error->ToString();
  ASSERT_TRUE(r.rows[1].error.has_value());
  EXPECT_EQ(r.rows[1].error->ToString(),
            "row 3 (line 3): the row has 32 cells but the header 31 columns: cell 32 "
            "(\"shifted\") has no column (a delimiter inside a cell that is not quoted?)");
}

TEST_F(CsvImportTest, MissingColumnsAreReportedAtOpen) {
  Imported r = Import(mapping_, "NIP,JENIS\n1,KP\n", json_);
  ASSERT_FALSE(r.open.ok());
  EXPECT_NE(r.open.message().find("TMT"), std::string::npos) << r.open.message();
  Imported empty = Import(mapping_, "", json_);
  EXPECT_FALSE(empty.open.ok());
}

TEST_F(CsvImportTest, ImportedEventsAppendAndReimportAddsNothing) {
  store::testing::TempDir dir;
  auto db = store::testing::OpenOrDie(store::testing::TestOptions(), dir.ledger());
  for (int round = 0; round < 2; ++round) {
    Imported r = Import(mapping_, csv_, json_);
    size_t added = 0;
    for (CsvRow& row : r.rows) {
      if (!row.event) continue;
      std::string stream = row.event->reader().getStream();
      auto result = db->Append(stream, store::ExpectedVersion::Any(),
                               std::span<const store::NewEvent>(&*row.event, 1));
      ASSERT_TRUE(result.ok()) << "row " << row.row << ": " << result.status().ToString();
      added += result->positions.size() - result->duplicates;
    }
    EXPECT_EQ(added, round == 0 ? 21u : 0u);
  }
  EXPECT_EQ(db->GetHead().position, 21u);
}

}  // namespace
}  // namespace jejak::ingest
