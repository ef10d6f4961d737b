// docs/examples/simpeg-export.csv through `jejak import --csv` as the guide
// (docs/guide.md) walks an HR clerk through it: every deliberate mistake of
// the export is reported by its row and reason, the good rows are
// recorded, and no way of fixing the file and running it again records
// an event twice.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gen/run_jejak.h"

namespace jejak::testing {
namespace {

// The export's rows as the spreadsheet numbers them (the header is row 1)
// and the reason each deliberate mistake is reported with.
struct Mistake {
  int row;
  const char* report;
};
constexpr Mistake kMistakes[] = {
    {29, "row 29 (line 29), column TGL_SK: \"31-09-2021\" is not a real date"},
    {45,
     "row 45: has the key of row 44 (NIP '198707222011012009, JENIS SKP, TMT (empty), TAHUN "
     "2023, NO_SK 800/2319/BKPSDM-TD/2024, NAMA_DIKLAT (empty)) but other content"},
    {91, "row 91: repeats row 90 (the same event (NIP '199510102021011001, JENIS DIKLAT"},
    {118, "row 118 (line 118), column JENIS: unknown event type code \"CUTI\""},
    {126, "row 126 (line 126), column NIP: \"1.98201E+17\" is a number in scientific notation"},
    {139, "row 139 (line 139), column TMT: \"44470\" looks like a spreadsheet serial date"},
    {145, "row 145 (line 145), column GOLONGAN: \"III/e\" is neither a golongan"},
    {150,
     "row 150 (line 150), column NIP: stream \"emp/19930414202321203\": NI PPPK "
     "\"19930414202321203\" must be 18 digits, has 17 characters"},
    {173, "row 173: emp/198909092015031004 has no recruited event"},
};
// 172 rows: 163 events, 8 rows rejected, row 91 repeating row 90.
constexpr uint64_t kRecorded = 163;

// Lines of a report on one row ("jejak: import FILE: row N...").
size_t RowReports(const std::string& err) {
  size_t n = 0;
  for (size_t at = err.find(": row "); at != std::string::npos; at = err.find(": row ", at + 1)) {
    ++n;
  }
  return n;
}

// Each deliberate mistake reported once by its row, and nothing else.
void ExpectEveryMistakeReported(const JejakRun& run) {
  for (const Mistake& m : kMistakes) {
    EXPECT_NE(run.err.find(m.report), std::string::npos) << "row " << m.row << "\n" << run.err;
  }
  EXPECT_EQ(RowReports(run.err), std::size(kMistakes)) << run.err;
}

class SimpegExampleTest : public JejakCliTest {
 protected:
  void SetUp() override {
    JejakCliTest::SetUp();
    csv_ = source_ / "docs/examples/simpeg-export.csv";
    mapping_ = (source_ / "docs/examples/simpeg-mapping.json").string();
    export_ = SlurpFile(csv_);
    ASSERT_EQ(Jejak("init").code, 0);
  }

  JejakRun Import(const std::filesystem::path& csv, const std::string& flags = "",
                  const std::string& mapping = "") {
    return Jejak("import --no-sync " + flags + " --csv '" + csv.string() + "' --mapping " +
                 (mapping.empty() ? mapping_ : mapping));
  }
  // The first import of the export, as it comes.
  void ImportTheExport() {
    JejakRun first = Import(csv_);
    ASSERT_EQ(first.code, 2) << first.err;
    ASSERT_EQ(VerifiedHead(), kRecorded);
  }
  // A re-run after the first import: the bad rows are still reported (exit
  // 2), nothing is appended, the ledger still verifies.
  void ExpectNothingAppended(const JejakRun& again, const std::string& summary) {
    EXPECT_EQ(again.code, 2) << again.err;
    EXPECT_NE(again.err.find(summary), std::string::npos) << again.err;
    EXPECT_EQ(VerifiedHead(), kRecorded);
  }
  // `text` saved under `name` in the scratch directory.
  std::filesystem::path Save(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  // The ledger's head position after `jejak verify` passed.
  uint64_t VerifiedHead() {
    JejakRun r = Jejak("verify");
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    const size_t at = r.out.find("head position ");
    EXPECT_NE(at, std::string::npos) << r.out << r.err;
    return at == std::string::npos ? 0 : std::stoull(r.out.substr(at + 14));
  }
  // The export's records: CRLF-separated lines, the header first.
  std::vector<std::string> Lines() const {
    std::vector<std::string> lines;
    for (size_t at = 0; at < export_.size();) {
      const size_t end = export_.find("\r\n", at);
      lines.push_back(export_.substr(at, end - at));
      at = end + 2;
    }
    return lines;
  }
  static std::string Join(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& l : lines) text += l + "\r\n";
    return text;
  }

  std::filesystem::path csv_;
  std::string mapping_;
  std::string export_;
};

TEST_F(SimpegExampleTest, TheExportHasItsHabits) {
  const std::vector<std::string> lines = Lines();
  ASSERT_EQ(lines.size(), 173u);  // the header and 172 rows
  EXPECT_EQ(lines[0].rfind("NO;NIP;NAMA;JENIS;TMT;GOLONGAN;GOL_LAMA;", 0), 0u);
  EXPECT_EQ(std::count(export_.begin(), export_.end(), '\n'),
            std::count(export_.begin(), export_.end(), '\r'));
  for (const char* habit :
       {";'196805121994031003;", ";19790615 200501 1 002;", ";Dr. Hendra Gunawan, S.Kom., M.Si.;",
        ";Penata Muda (III/a);", ";01-04-2019;", ";1 April 2014;"}) {
    EXPECT_NE(export_.find(habit), std::string::npos) << habit;
  }
  EXPECT_EQ(lines[89], lines[90]);  // row 91 is row 90 again, NO included
}

TEST_F(SimpegExampleTest, EveryDeliberateMistakeIsReportedByRowAndTheGoodRowsAreRecorded) {
  JejakRun first = Import(csv_);
  EXPECT_EQ(first.code, 2) << first.err;
  ExpectEveryMistakeReported(first);
  EXPECT_NE(first.err.find("163 appended, 0 already recorded, 8 rejected, 0 probable duplicates, "
                           "1 repeated rows, 172 rows, head 163"),
            std::string::npos)
      << first.err;
  EXPECT_EQ(VerifiedHead(), kRecorded);
  EXPECT_EQ(Jejak("profile 198707222011012009").code, 0);
  EXPECT_EQ(Jejak("profile 198909092015031004").code, 5);  // the transfer without a CPNS row
}

// Row 54 promotes Rahmat Hidayat from GOL_LAMA III/a, but his record holds
// II/d: not malformed, so recorded, and the audit names it.
TEST_F(SimpegExampleTest, APromotionWhoseGolLamaContradictsTheRecordIsNamedByTheAudit) {
  ImportTheExport();
  const std::string report = (dir_ / "audit.json").string();
  JejakRun audit = Jejak("audit --json " + report);
  EXPECT_EQ(audit.code, 0) << audit.err;
  const std::string json = SlurpFile(report);
  EXPECT_NE(json.find("The decree promotes from III/a, but the rank on record before it is II/d"),
            std::string::npos);
  EXPECT_NE(json.find("Promoted from II/d (on record) to III/b on 2022-04-01: 2 steps at once"),
            std::string::npos);
  // The export's only non-compliant decision.
  EXPECT_NE(json.find("\"withFindings\":1,\"insufficientEvidence\":29,"), std::string::npos);
  EXPECT_NE(json.find("\"findings\":2,\"byKind\""), std::string::npos);
}

TEST_F(SimpegExampleTest, ADryRunReportsEverythingAndWritesNothing) {
  JejakRun dry = Import(csv_, "--dry-run");
  EXPECT_EQ(dry.code, 2) << dry.err;
  ExpectEveryMistakeReported(dry);
  EXPECT_NE(dry.err.find("163 would be appended, 0 already recorded, 8 rejected, 0 probable "
                         "duplicates, 1 repeated rows, 172 rows; nothing written"),
            std::string::npos)
      << dry.err;
  EXPECT_EQ(std::count(dry.out.begin(), dry.out.end(), '\n'), 163);
  EXPECT_NE(dry.out.find("\"eventId\":\"simpeg-td-k"), std::string::npos);
  EXPECT_EQ(VerifiedHead(), 0u);
}

// (a) The same file again: nothing appended, "imported before?".
TEST_F(SimpegExampleTest, RerunningTheExportUnchangedAppendsNothing) {
  ImportTheExport();
  JejakRun again = Import(csv_);
  ExpectNothingAppended(again,
                        "0 appended, 163 already recorded, 8 rejected, 0 probable "
                        "duplicates, 1 repeated rows, 172 rows");
  EXPECT_NE(again.err.find("163 of the 166 rows that make an event are in the ledger already"),
            std::string::npos)
      << again.err;
}

// (b) Row 91 deleted: every later row moves up one.
TEST_F(SimpegExampleTest, DeletingTheDuplicatedRowAppendsNothing) {
  ImportTheExport();
  std::vector<std::string> lines = Lines();
  lines.erase(lines.begin() + 90);
  JejakRun again = Import(Save("simpeg-export.csv", Join(lines)));
  ExpectNothingAppended(again,
                        "0 appended, 163 already recorded, 8 rejected, 0 probable "
                        "duplicates, 0 repeated rows, 171 rows");
  EXPECT_NE(again.err.find("row 117 (line 117), column JENIS: unknown event type code \"CUTI\""),
            std::string::npos)
      << again.err;
}

// (c) The NO column renumbered from 1001 (row 91 and its copy now differ).
TEST_F(SimpegExampleTest, RenumberingTheNoColumnAppendsNothing) {
  ImportTheExport();
  std::vector<std::string> lines = Lines();
  for (size_t i = 1; i < lines.size(); ++i) {
    lines[i] = std::to_string(1000 + i) + lines[i].substr(lines[i].find(';'));
  }
  ExpectNothingAppended(Import(Save("simpeg-export.csv", Join(lines))),
                        "0 appended, 163 already recorded, 8 rejected, 0 probable duplicates, "
                        "1 repeated rows, 172 rows");
}

// (d) The export downloaded again: "simpeg-export (1).csv".
TEST_F(SimpegExampleTest, TheSameExportUnderAnotherNameAppendsNothing) {
  ImportTheExport();
  JejakRun again = Import(Save("simpeg-export (1).csv", export_));
  ExpectNothingAppended(again,
                        "0 appended, 163 already recorded, 8 rejected, 0 probable "
                        "duplicates, 1 repeated rows, 172 rows");
  EXPECT_NE(again.err.find("imported before?"), std::string::npos) << again.err;
}

// (e) Row 29's decree date fixed: only that row's event is added; then the
// serial date of row 139 and the golongan of row 145 too.
TEST_F(SimpegExampleTest, FixingAMistakeAppendsOnlyTheFixedRow) {
  ImportTheExport();
  std::string text = export_;
  text.replace(text.find(";31-09-2021;"), 12, ";30-09-2021;");
  const auto fixed = Save("simpeg-export.csv", text);
  JejakRun again = Import(fixed);
  EXPECT_EQ(again.code, 2) << again.err;
  EXPECT_EQ(again.err.find("row 29"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("1 appended, 163 already recorded, 7 rejected, 0 probable duplicates"),
            std::string::npos)
      << again.err;
  EXPECT_EQ(VerifiedHead(), kRecorded + 1);

  text.replace(text.find(";44470;"), 7, ";01-10-2021;");
  text.replace(text.find(";III/e;"), 7, ";Pembina (IV/a);");
  JejakRun more = Import(Save("simpeg-export-2.csv", text));
  EXPECT_NE(more.err.find("2 appended, 164 already recorded, 5 rejected, 0 probable duplicates"),
            std::string::npos)
      << more.err;
  EXPECT_EQ(VerifiedHead(), kRecorded + 3);
  JejakRun last = Import(fixed);  // the earlier file: all of it recorded
  EXPECT_NE(last.err.find("0 appended, 164 already recorded, 7 rejected"), std::string::npos)
      << last.err;
  EXPECT_EQ(VerifiedHead(), kRecorded + 3);
}

// (f) Only the mapping's actor.user changed: each row says what differs.
TEST_F(SimpegExampleTest, ARerunWithAnotherActorSaysWhatDiffersAndRecordsNothing) {
  ImportTheExport();
  std::string mapping = SlurpFile(mapping_);
  const std::string user = "\"user\": \"migrasi.simpeg\"";
  mapping.replace(mapping.find(user), user.size(), "\"user\": \"operator.baru\"");
  JejakRun again = Import(csv_, "", Save("mapping.json", mapping).string());
  EXPECT_NE(again.code, 0) << again.err;
  EXPECT_NE(again.err.find("row 2: event \"simpeg-td-k"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("is recorded at position 1 with other content: actor.user: "
                           "\"migrasi.simpeg\" recorded, \"operator.baru\" here."),
            std::string::npos)
      << again.err;
  EXPECT_NE(again.err.find("0 appended, 0 already recorded, 171 rejected, 0 probable duplicates"),
            std::string::npos)
      << again.err;
  EXPECT_EQ(VerifiedHead(), kRecorded);
}

// Ctrl-C during a long CSV import (an export of 400 employees, synced in
// chunks of 5 events): it stops, says that every event appended before it
// is recorded and that the same import resumes; the re-run records exactly
// the events a dry run of the whole file announces, and a third run none.
TEST_F(SimpegExampleTest, CtrlCDuringACsvImportAndTheRerunResumes) {
  // The first employee's rows (rows 2-19, no deliberate mistake), once per
  // NIP: the NIP's last three digits (its sequence number) 100-499.
  const std::vector<std::string> lines = Lines();
  const std::string nip = "196805121994031003";
  std::vector<std::string> big = {lines[0]};
  for (int k = 100; k < 500; ++k) {
    const std::string other = nip.substr(0, 15) + std::to_string(k);
    for (size_t i = 1; i <= 18; ++i) {
      std::string row = lines[i];
      for (size_t at = row.find(nip); at != std::string::npos; at = row.find(nip, at)) {
        row.replace(at, nip.size(), other);
      }
      big.push_back(row);
    }
  }
  const auto csv = Save("big-export.csv", Join(big));
  JejakRun dry = Import(csv, "--dry-run");
  ASSERT_EQ(dry.code, 0) << dry.err;
  const auto events = static_cast<uint64_t>(std::count(dry.out.begin(), dry.out.end(), '\n'));
  ASSERT_GT(events, 4000u) << dry.err;

  const pid_t child = ::fork();
  if (child == 0) {
    const std::string data = (dir_ / "ledger").string(), err = (dir_ / "import.err").string();
    if (std::freopen(err.c_str(), "w", stderr) == nullptr) ::_exit(99);
    ::execl(JEJAK_CLI_PATH, "jejak", "--data", data.c_str(), "import", "--chunk", "5", "--csv",
            csv.c_str(), "--mapping", mapping_.c_str(), static_cast<char*>(nullptr));
    ::_exit(98);
  }
  ASSERT_GT(child, 0);
  // Until a reader beside it sees events: the import is appending.
  for (int i = 0; i < 400; ++i) {
    JejakRun stats = Jejak("stats");
    if (stats.err.find("another process is writing") != std::string::npos &&
        stats.out.find("events      0\n") == std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_EQ(::kill(child, SIGINT), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  const std::string err = SlurpFile(dir_ / "import.err");
  ASSERT_TRUE(WIFEXITED(status)) << err;
  EXPECT_EQ(WEXITSTATUS(status), 130) << err;
  EXPECT_NE(err.find("import interrupted (Ctrl-C). Every event appended before it is recorded"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("run the same import again to resume"), std::string::npos) << err;
  const uint64_t recorded = VerifiedHead();
  EXPECT_GT(recorded, 0u);
  EXPECT_LT(recorded, events) << "the import ended before Ctrl-C: make the export longer";

  JejakRun resumed = Import(csv);
  ASSERT_EQ(resumed.code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find(std::to_string(events - recorded) + " appended, " +
                             std::to_string(recorded) + " already recorded"),
            std::string::npos)
      << resumed.err;
  EXPECT_EQ(VerifiedHead(), events);
  JejakRun third = Import(csv);
  ASSERT_EQ(third.code, 0) << third.err;
  EXPECT_NE(third.err.find("0 appended, " + std::to_string(events) + " already recorded"),
            std::string::npos)
      << third.err;
}

}  // namespace
}  // namespace jejak::testing
