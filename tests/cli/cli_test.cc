// End-to-end tests of the `jejak` command line: exit codes, atomicity of
// append, resumable import, and verify catching a flipped byte.
#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_fixture.h"

namespace {

namespace fs = std::filesystem;
using jejak::cli_test::CliRun;
using jejak::cli_test::Lines;
using jejak::cli_test::Slurp;

// The ledger's RocksDB opened directly (read-write, holding its lock), as
// another process would; closed on destruction.
struct RawLedger {
  explicit RawLedger(const fs::path& path) {
    std::vector<rocksdb::ColumnFamilyDescriptor> descs;
    if (!rocksdb::DB::ListColumnFamilies(rocksdb::Options(), path.string(), &names).ok()) return;
    for (const auto& n : names) descs.emplace_back(n, rocksdb::ColumnFamilyOptions());
    rocksdb::DB* raw = nullptr;
    if (rocksdb::DB::Open(rocksdb::Options(), path.string(), descs, &handles, &raw).ok()) {
      db.reset(raw);
    }
  }
  ~RawLedger() {
    if (db) {
      for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
    }
  }
  rocksdb::ColumnFamilyHandle* Family(const std::string& name) const {
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) return handles[i];
    }
    return nullptr;
  }
  std::vector<std::string> names;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  std::unique_ptr<rocksdb::DB> db;  // null when it could not be opened
};

class CliTest : public jejak::cli_test::CliFixture {
 protected:
  uint64_t HeadPosition() {
    CliRun r = Jejak("verify");
    EXPECT_EQ(r.code, 0) << r.err;
    auto at = r.out.find("head position ");
    if (at == std::string::npos) return 0;
    return std::stoull(r.out.substr(at + 14));
  }
};

TEST_F(CliTest, InitCreatesLedgerAndIsIdempotent) {
  CliRun first = Jejak("init");
  EXPECT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.out.find("created"), std::string::npos);
  CliRun second = Jejak("init");
  EXPECT_EQ(second.code, 0) << second.err;
  EXPECT_NE(second.out.find("already exists"), std::string::npos);
}

TEST_F(CliTest, CommandsOnMissingLedgerExitNotFound) {
  CliRun r = Jejak("verify");
  EXPECT_EQ(r.code, 5) << r.err;
  EXPECT_NE(r.err.find("jejak init"), std::string::npos) << r.err;
}

TEST_F(CliTest, AppendPrintsOnePositionPerEventInOrder) {
  ASSERT_EQ(Jejak("init").code, 0);
  CliRun r = Jejak("append " + WriteFile("all.ndjson", example_));
  ASSERT_EQ(r.code, 0) << r.err;
  auto positions = Lines(r.out);
  ASSERT_EQ(positions.size(), example_.size());
  for (size_t i = 0; i < positions.size(); ++i) {
    EXPECT_EQ(positions[i], std::to_string(i + 1));
  }
  EXPECT_EQ(HeadPosition(), example_.size());
}

TEST_F(CliTest, AppendWithOneBadLineWritesNothingAndNamesTheLine) {
  ASSERT_EQ(Jejak("init").code, 0);
  auto lines = example_;
  // Line 3 gets a field no event kind has.
  lines[2].insert(1, "\"noSuchField\": 1, ");
  CliRun r = Jejak("append " + WriteFile("bad.ndjson", lines));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("line 3"), std::string::npos) << r.err;
  EXPECT_EQ(HeadPosition(), 0u);
}

TEST_F(CliTest, AppendRejectedByStoreNamesTheLineAndWritesNothing) {
  ASSERT_EQ(Jejak("init").code, 0);
  // Line order reversed: the first employee event now precedes its
  // recruitment, which the store rejects; nothing at all may be written.
  std::vector<std::string> lines(example_.rbegin(), example_.rend());
  CliRun r = Jejak("append " + WriteFile("reversed.ndjson", lines));
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("line "), std::string::npos) << r.err;
  EXPECT_EQ(HeadPosition(), 0u);
}

TEST_F(CliTest, ImportTwiceRecordsEachEventOnce) {
  ASSERT_EQ(Jejak("init").code, 0);
  std::string file = WriteFile("all.ndjson", example_);
  CliRun first = Jejak("import " + file);
  ASSERT_EQ(first.code, 0) << first.err;
  CliRun second = Jejak("import " + file);
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_NE(second.err.find("0 appended, " + std::to_string(example_.size()) +
                            " already recorded"),
            std::string::npos)
      << second.err;
  EXPECT_EQ(HeadPosition(), example_.size());
}

TEST_F(CliTest, ImportStopsAtBadLineKeepsEarlierAndResumesAfterFix) {
  ASSERT_EQ(Jejak("init").code, 0);
  auto lines = example_;
  const size_t bad = 10;  // 1-based line number
  std::string good_line = lines[bad - 1];
  lines[bad - 1] = "{\"stream\": \"emp/123\", \"eventId\": \"broken\"}";
  CliRun r = Jejak("import --chunk 4 " + WriteFile("partial.ndjson", lines));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("line " + std::to_string(bad)), std::string::npos) << r.err;
  EXPECT_EQ(HeadPosition(), bad - 1);

  lines[bad - 1] = good_line;
  CliRun resumed = Jejak("import --chunk 4 " + WriteFile("fixed.ndjson", lines));
  ASSERT_EQ(resumed.code, 0) << resumed.err;
  EXPECT_EQ(HeadPosition(), example_.size());
}

// The next chunk is read and decoded while the current one is appended:
// malformed lines in later chunks are still handled in line order.
TEST_F(CliTest, ImportKeepGoingSkipsMalformedLinesOfEveryChunkAndRecordsTheRest) {
  ASSERT_EQ(Jejak("init").code, 0);
  std::vector<std::string> lines = example_;
  // 1-based lines 6, 11 and 20 of the file become JSON syntax errors,
  // each added between two events (no event is lost).
  for (size_t at : {size_t{5}, size_t{10}, size_t{19}}) {
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), "{\"stream\": ");
  }
  CliRun r = Jejak("import --chunk 4 --keep-going " + WriteFile("gaps.ndjson", lines));
  EXPECT_EQ(r.code, 2) << r.err;
  for (const char* line : {"line 6:", "line 11:", "line 20:"}) {
    EXPECT_NE(r.err.find(line), std::string::npos) << line << "\n" << r.err;
  }
  EXPECT_LT(r.err.find("line 6:"), r.err.find("line 11:")) << r.err;
  EXPECT_LT(r.err.find("line 11:"), r.err.find("line 20:")) << r.err;
  EXPECT_NE(r.err.find(std::to_string(example_.size()) + " appended, 0 already recorded, 3 "
                       "rejected"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(HeadPosition(), example_.size());
}

TEST_F(CliTest, ImportStopsAtAMalformedLineOfALaterChunk) {
  ASSERT_EQ(Jejak("init").code, 0);
  std::vector<std::string> lines = example_;
  lines.insert(lines.begin() + 14, "not json");  // line 15, in the fourth chunk of 4
  CliRun r = Jejak("import --chunk 4 " + WriteFile("stop.ndjson", lines));
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("line 15:"), std::string::npos) << r.err;
  EXPECT_EQ(HeadPosition(), 14u);  // every line before it, nothing after
  lines.erase(lines.begin() + 14);
  CliRun resumed = Jejak("import --chunk 4 " + WriteFile("fixed.ndjson", lines));
  ASSERT_EQ(resumed.code, 0) << resumed.err;
  EXPECT_EQ(HeadPosition(), example_.size());
}

TEST_F(CliTest, StaleExpectedVersionExitsConflict) {
  ASSERT_EQ(Jejak("init").code, 0);
  ASSERT_EQ(Jejak("import " + WriteFile("all.ndjson", example_)).code, 0);
  // Re-submit a recorded line under a new id, expecting a brand-new stream.
  std::string line;
  for (const auto& l : example_) {
    if (l.find("expectedVersion") == std::string::npos) {
      line = l;
      break;
    }
  }
  ASSERT_FALSE(line.empty());
  auto id_at = line.find("\"eventId\"");
  ASSERT_NE(id_at, std::string::npos);
  auto quote = line.find('"', line.find(':', id_at) + 1);
  line.insert(quote + 1, "retry-");
  line.insert(1, "\"expectedVersion\": {\"noStream\": null}, ");
  CliRun r = Jejak("append " + WriteFile("stale.ndjson", {line}));
  EXPECT_EQ(r.code, 4) << r.err;
}

// A line whose expectedVersion does not hold is reported as its own line
// (exit 4): the lines before it are recorded, and --keep-going skips it.
TEST_F(CliTest, ImportReportsAnExpectedVersionConflictAsItsLine) {
  ASSERT_EQ(Jejak("init").code, 0);
  // Line 2 again under a new id, expecting its stream (created by line 1)
  // not to exist.
  std::string stale = example_[1];
  const auto id_at = stale.find("\"eventId\":\"");
  ASSERT_NE(id_at, std::string::npos);
  stale.insert(id_at + 11, "stale-");
  stale.insert(1, "\"expectedVersion\": {\"noStream\": null}, ");
  std::vector<std::string> lines = example_;
  lines.insert(lines.begin() + 10, stale);  // line 11
  const std::string file = WriteFile("stale.ndjson", lines);

  CliRun stopped = Jejak("import " + file);
  EXPECT_EQ(stopped.code, 4) << stopped.err;
  EXPECT_NE(stopped.err.find("line 11: "), std::string::npos) << stopped.err;
  EXPECT_NE(stopped.err.find("expected no stream"), std::string::npos) << stopped.err;
  EXPECT_NE(stopped.err.find("10 appended, 0 already recorded, 1 rejected"), std::string::npos)
      << stopped.err;
  EXPECT_EQ(HeadPosition(), 10u);

  CliRun kept = Jejak("import --keep-going " + file);
  EXPECT_EQ(kept.code, 4) << kept.err;
  EXPECT_NE(kept.err.find("line 11: "), std::string::npos) << kept.err;
  EXPECT_NE(kept.err.find(std::to_string(example_.size() - 10) + " appended, 10 already "
                          "recorded, 1 rejected"),
            std::string::npos)
      << kept.err;
  EXPECT_EQ(HeadPosition(), example_.size());
}

// Lines the store refuses for the state of their stream (an employee never
// recruited), one after every good line: each is reported in line order,
// every good line is recorded.
TEST_F(CliTest, ImportKeepGoingSkipsEveryRefusedLineOfAlternatingInput) {
  ASSERT_EQ(Jejak("init").code, 0);
  std::string orphan = example_[10];  // an employee event
  const std::string nip = orphan.substr(orphan.find("emp/") + 4, 18);
  std::vector<std::string> lines;
  std::vector<size_t> bad_lines;
  for (size_t i = 0; i < example_.size(); ++i) {
    lines.push_back(example_[i]);
    std::string bad = orphan;
    bad.replace(bad.find(nip), nip.size(), "199001012015031001");
    const auto id_at = bad.find("\"eventId\":\"");
    bad.insert(id_at + 11, "orphan-" + std::to_string(i) + "-");
    lines.push_back(bad);
    bad_lines.push_back(lines.size());
  }
  CliRun r = Jejak("import --no-sync --keep-going --chunk 7 " + WriteFile("alt.ndjson", lines));
  EXPECT_EQ(r.code, 2) << r.err;
  size_t at = 0;
  for (size_t line : bad_lines) {
    const size_t found = r.err.find("line " + std::to_string(line) + ": ", at);
    ASSERT_NE(found, std::string::npos) << "line " << line << "\n" << r.err;
    at = found;
  }
  EXPECT_NE(r.err.find(std::to_string(example_.size()) + " appended, 0 already recorded, " +
                       std::to_string(bad_lines.size()) + " rejected"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(HeadPosition(), example_.size());
}

TEST_F(CliTest, ADirectoryIsBadInputNotACrash) {
  ASSERT_EQ(Jejak("init").code, 0);
  for (const std::string& args : {"import " + dir_.string(), "append " + dir_.string()}) {
    CliRun r = Jejak(args);
    EXPECT_EQ(r.code, 2) << args << "\n" << r.err;
    EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
  }
}

// /dev/zero is one endless line of NUL bytes: refused at once, in bounded
// memory.
TEST_F(CliTest, ImportOfDevZeroStopsAtItsFirstLine) {
  ASSERT_EQ(Jejak("init").code, 0);
  CliRun r = Jejak("import /dev/zero");
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("line 1: a NUL byte"), std::string::npos) << r.err;
}

TEST_F(CliTest, ANulByteRefusesItsLineAndAByteOrderMarkIsSkipped) {
  ASSERT_EQ(Jejak("init").code, 0);
  std::vector<std::string> lines = example_;
  lines[0] = "\xEF\xBB\xBF" + lines[0];
  lines[2] += std::string(1, '\0') + "{\"anything\": \"after a NUL\"}";
  CliRun r = Jejak("append " + WriteFile("nul.ndjson", lines));
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("line 3: a NUL byte"), std::string::npos) << r.err;
  lines.erase(lines.begin() + 2, lines.end());
  CliRun bom = Jejak("append " + WriteFile("bom.ndjson", lines));
  EXPECT_EQ(bom.code, 0) << bom.err;
  EXPECT_EQ(HeadPosition(), 2u);
}

// Another process holds the ledger open (here: this test, through
// RocksDB): a writer is told the ledger is busy, exit 4.
TEST_F(CliTest, ASecondWriterIsToldTheLedgerIsBusy) {
  ASSERT_EQ(Jejak("init").code, 0);
  RawLedger other(dir_ / "ledger");
  ASSERT_NE(other.db, nullptr);
  CliRun r = Jejak("append " + WriteFile("one.ndjson", {example_[0]}));
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_NE(r.err.find("ledger busy"), std::string::npos) << r.err;
}

// Older records: a numeric SKP score, an ujian dinas and credit points, in
// the history's lines and the profile.
TEST_F(CliTest, OlderRecordsShowInTheHistoryAndTheProfile) {
  ASSERT_EQ(Jejak("init").code, 0);
  ASSERT_EQ(Jejak("import " + WriteFile("all.ndjson", example_)).code, 0);
  const std::string stream = "emp/198811032014032002";
  auto line = [&](const std::string& id, const std::string& date, const std::string& payload) {
    return R"({"stream":")" + stream + R"(","eventId":")" + id + R"(","effectiveDate":")" + date +
           R"(","payload":)" + payload + "}";
  };
  const std::vector<std::string> older = {
      line("old-1", "2016-12-31",
           R"({"performanceRated":{"year":2016,"predikat":"baik","skpScore":84.6}})"),
      line("old-2", "2019-11-20",
           R"({"examPassed":{"kind":"ujianDinasTingkatII","certificateNo":"UD-II/1"}})"),
      line("old-3", "2023-01-31",
           R"({"creditPointsAwarded":{"points":12.5,"periodStart":"2022-01-01","periodEnd":"2022-12-31"}})")};
  CliRun a = Jejak("append " + WriteFile("older.ndjson", older));
  ASSERT_EQ(a.code, 0) << a.err;
  CliRun h = Jejak("history 198811032014032002");
  ASSERT_EQ(h.code, 0) << h.err;
  EXPECT_NE(h.out.find("SKP 2016: score 84.6, baik"), std::string::npos) << h.out;
  EXPECT_NE(h.out.find("passed ujianDinasTingkatII, certificate UD-II/1"), std::string::npos)
      << h.out;
  EXPECT_NE(h.out.find("credit points +12.5 for 2022-01-01 .. 2022-12-31"), std::string::npos)
      << h.out;
  CliRun p = Jejak("profile 198811032014032002 --json");
  ASSERT_EQ(p.code, 0) << p.err;
  EXPECT_NE(p.out.find(R"({"year":2016,"predikat":"baik","skpScore":84.6})"), std::string::npos)
      << p.out;
  EXPECT_NE(p.out.find(R"("exams":[{"kind":"ujianDinasTingkatII","certificateNo":"UD-II/1")"),
            std::string::npos)
      << p.out;
  EXPECT_NE(p.out.find(R"("creditPoints":{"total":12.5)"), std::string::npos) << p.out;
  // A DP3 score for 2016 is refused, naming the field.
  CliRun bad = Jejak("append " + WriteFile("bad-era.ndjson",
                                           {line("old-4", "2016-12-31",
                                                 R"({"performanceRated":{"year":2016,"predikat":"baik","dp3Score":84}})")}));
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("payload.performanceRated.dp3Score: a DP3 score rates years up to 2013"),
            std::string::npos)
      << bad.err;
}

TEST_F(CliTest, HistoryOfUnknownEmployeeExitsNotFound) {
  ASSERT_EQ(Jejak("init").code, 0);
  CliRun r = Jejak("history 199001012015031001");
  EXPECT_EQ(r.code, 5) << r.err;
}

TEST_F(CliTest, HistoryJsonCarriesHashes) {
  ASSERT_EQ(Jejak("init").code, 0);
  ASSERT_EQ(Jejak("import " + WriteFile("all.ndjson", example_)).code, 0);
  auto at = example_[0].find("\"stream\"");
  ASSERT_NE(at, std::string::npos);
  auto open = example_[0].find('"', example_[0].find(':', at) + 1);
  auto close = example_[0].find('"', open + 1);
  std::string stream = example_[0].substr(open + 1, close - open - 1);
  CliRun r = Jejak("history --json " + stream);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("leafHash"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("chainHash"), std::string::npos) << r.out;
}

// Flips one byte of one stored record directly in RocksDB: verify must exit
// 3 and name that position.
TEST_F(CliTest, VerifyExitsIntegrityFailureNamingTamperedPosition) {
  ASSERT_EQ(Jejak("init").code, 0);
  ASSERT_EQ(Jejak("import " + WriteFile("all.ndjson", example_)).code, 0);
  const uint64_t victim = 7;
  {
    RawLedger raw(dir_ / "ledger");
    ASSERT_NE(raw.db, nullptr);
    rocksdb::ColumnFamilyHandle* log = raw.Family("log");
    ASSERT_NE(log, nullptr);
    std::string key(8, '\0');
    for (int i = 0; i < 8; ++i) key[7 - i] = static_cast<char>((victim >> (8 * i)) & 0xff);
    std::string value;
    ASSERT_TRUE(raw.db->Get(rocksdb::ReadOptions(), log, key, &value).ok());
    value[value.size() - 9] ^= 0x01;  // a byte inside the body
    ASSERT_TRUE(raw.db->Put(rocksdb::WriteOptions(), log, key, value).ok());
  }
  CliRun r = Jejak("verify");
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("position " + std::to_string(victim)), std::string::npos)
      << r.out << r.err;
  // Every command that reads the damaged event says so (exit 3, naming
  // it) instead of showing it or aborting.
  const std::string& line = example_[victim - 1];  // imported in file order
  const auto at = line.find("\"stream\"");
  ASSERT_NE(at, std::string::npos);
  const auto open = line.find('"', line.find(':', at) + 1);
  const std::string stream = line.substr(open + 1, line.find('"', open + 1) - open - 1);
  for (const std::string& reader : {std::string("stats"), "history " + stream,
                                    "history --json " + stream}) {
    CliRun read = Jejak(reader);
    EXPECT_EQ(read.code, 3) << reader << ": " << read.out << read.err;
    EXPECT_NE(read.err.find("position " + std::to_string(victim)), std::string::npos)
        << reader << ": " << read.err;
  }
}

}  // namespace
