// The command line as people use it: NIPs typed with spaces or pasted with
// Excel's apostrophe, a wrong NIP named as such, the nearest command to a
// mistyped one, --version, --known-at before anything was recorded, and
// Ctrl-C during an import (it says where it stopped; a re-run resumes).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "cli_fixture.h"

namespace {

using jejak::cli_test::CliRun;
using jejak::cli_test::Lines;
using jejak::cli_test::Slurp;

constexpr char kNip[] = "197508172000031002";

class CliUsageTest : public jejak::cli_test::CliFixture {
 protected:
  // Starts `jejak import --chunk <chunk> <file>` as a child process, its
  // stderr to <dir>/<err>; returns its pid.
  pid_t SpawnImport(const std::string& file, const char* chunk, const std::string& err) {
    const pid_t child = ::fork();
    if (child == 0) {
      const std::string data = (dir_ / "ledger").string(), err_path = (dir_ / err).string();
      if (std::freopen(err_path.c_str(), "w", stderr) == nullptr) ::_exit(99);
      ::execl(JEJAK_CLI_PATH, "jejak", "--data", data.c_str(), "import", "--chunk", chunk, file.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(98);
    }
    return child;
  }

  void Import() {
    ASSERT_EQ(Jejak("init").code, 0);
    CliRun r = Jejak("import " + WriteFile("all.ndjson", example_));
    ASSERT_EQ(r.code, 0) << r.err;
  }
};

TEST_F(CliUsageTest, NipWithSpacesOrApostropheIsTheSameEmployee) {
  Import();
  CliRun plain = Jejak(std::string("profile ") + kNip + " --json");
  ASSERT_EQ(plain.code, 0) << plain.err;
  for (const char* typed : {"\"19750817 200003 1 002\"", "\"'197508172000031002\"", "1975.0817.2000.0310.02"}) {
    CliRun r = Jejak(std::string("profile ") + typed + " --json");
    EXPECT_EQ(r.code, 0) << typed << ": " << r.err;
    EXPECT_EQ(r.out, plain.out) << typed;
    CliRun history = Jejak(std::string("history ") + typed);
    EXPECT_EQ(history.code, 0) << typed << ": " << history.err;
    EXPECT_NE(history.out.find(std::string("events in emp/") + kNip), std::string::npos) << history.out;
  }
}

TEST_F(CliUsageTest, WrongNipIsInvalidNotNotFound) {
  Import();
  for (const char* wrong : {"19750817200003100", "1975081720000310021", "19751317200003 1002", "abc"}) {
    CliRun r = Jejak(std::string("profile \"") + wrong + "\"");
    EXPECT_EQ(r.code, 2) << wrong << ": " << r.err;
    EXPECT_NE(r.err.find("invalid NIP"), std::string::npos) << r.err;
    CliRun history = Jejak(std::string("history \"") + wrong + "\"");
    EXPECT_EQ(history.code, 2) << wrong << ": " << history.err;
  }
  // A valid NIP nobody has is not found.
  CliRun unknown = Jejak("profile 197508172000031003");
  EXPECT_EQ(unknown.code, 5) << unknown.err;
}

TEST_F(CliUsageTest, MistypedCommandSuggestsTheNearest) {
  CliRun top = Jejak("profil 197508172000031002");
  EXPECT_EQ(top.code, 2);
  EXPECT_NE(top.err.find("unknown command \"profil\"; did you mean \"profile\"?"), std::string::npos) << top.err;
  CliRun sub = Jejak("query promotoin");
  EXPECT_EQ(sub.code, 2);
  EXPECT_NE(sub.err.find("did you mean \"promotion\"?"), std::string::npos) << sub.err;
  CliRun far = Jejak("zzzzzzzz");
  EXPECT_EQ(far.code, 2);
  EXPECT_EQ(far.err.find("did you mean"), std::string::npos) << far.err;
}

TEST_F(CliUsageTest, VersionNamesTheProjectVersion) {
  CliRun r = Jejak("--version");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("jejak 0.", 0), 0u) << r.out;
}

TEST_F(CliUsageTest, KnownAtBeforeTheFirstEventSaysSo) {
  Import();
  CliRun r = Jejak(std::string("profile ") + kNip + " --known-at 1999-01-01");
  EXPECT_EQ(r.code, 5) << r.err;
  EXPECT_NE(r.err.find("nothing was recorded by then"), std::string::npos) << r.err;
}

// A long import (many small synced chunks) is interrupted with SIGINT as
// a terminal's Ctrl-C would: it stops between chunks, says up to which
// line everything is recorded, exits 130; the same import again finishes
// with every event recorded once.
TEST_F(CliUsageTest, CtrlCDuringImportSaysWhereItStoppedAndARerunResumes) {
  ASSERT_EQ(Jejak("init").code, 0);
  const std::string file = (dir_ / "region.ndjson").string();
  CliRun gen = Jejak("gen --employees 400 --seed 3 --out " + file);
  ASSERT_EQ(gen.code, 0) << gen.err;
  const size_t events = Lines(Slurp(file)).size();
  ASSERT_GT(events, 5000u);

  const pid_t child = SpawnImport(file, "5", "import.err");
  ASSERT_GE(child, 0);
  // Once it has appended (a reader beside it sees events), it is in its
  // loop of chunks, where Ctrl-C is handled.
  for (int i = 0; i < 200; ++i) {
    CliRun stats = Jejak("stats");
    if (stats.err.find("another process is writing") != std::string::npos &&
        stats.out.find("events      0\n") == std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(::kill(child, SIGINT), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  const std::string err = Slurp(dir_ / "import.err");
  EXPECT_EQ(WEXITSTATUS(status), 130) << err;
  EXPECT_NE(err.find("import interrupted (Ctrl-C) after line "), std::string::npos) << err;
  EXPECT_NE(err.find("Run the same import again to resume"), std::string::npos) << err;

  CliRun resumed = Jejak("import " + file);
  ASSERT_EQ(resumed.code, 0) << resumed.err;
  EXPECT_EQ(resumed.err.find(" 0 already recorded"), std::string::npos) << resumed.err;
  CliRun verify = Jejak("verify");
  ASSERT_EQ(verify.code, 0) << verify.err;
  EXPECT_NE(verify.out.find("head position " + std::to_string(events)), std::string::npos) << verify.out;
}

// Readers beside a writer: while `jejak import` appends (a process holding
// the ledger), every read command works on the ledger as it stood when it
// opened, saying so; a second writer is "ledger busy" (exit 4).
TEST_F(CliUsageTest, ReadCommandsWorkWhileAnotherProcessWrites) {
  ASSERT_EQ(Jejak("init").code, 0);
  const std::string file = (dir_ / "region.ndjson").string();
  ASSERT_EQ(Jejak("gen --employees 400 --seed 5 --out " + file).code, 0);
  // The first employee of the region: recorded early in the import.
  const std::string text = Slurp(file);
  const size_t at = text.find("\"stream\":\"emp/");
  ASSERT_NE(at, std::string::npos);
  const std::string nip = text.substr(at + 14, 18);

  const pid_t writer = SpawnImport(file, "2", "writer.err");
  ASSERT_GE(writer, 0);
  // Until the writer holds the ledger and has recorded that employee.
  CliRun first;
  for (int i = 0; i < 200; ++i) {
    first = Jejak("history " + nip);
    if (first.code == 0 && first.err.find("another process is writing") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.err.find("another process is writing"), std::string::npos) << first.err;

  for (const std::string& read :
       {"profile " + nip, std::string("stats"), std::string("query employees"),
        std::string("query promotion --eligible-only"), std::string("verify"),
        "audit --json " + (dir_ / "audit.json").string()}) {
    CliRun r = Jejak(read);
    EXPECT_EQ(r.code, 0) << read << ": " << r.err;
    EXPECT_NE(r.err.find("reading the ledger as it stood at position "), std::string::npos) << read << ": " << r.err;
  }
  EXPECT_NE(Jejak("profile " + nip).out.find(nip), std::string::npos);

  CliRun second = Jejak("append " + WriteFile("one.ndjson", {example_.front()}));
  EXPECT_EQ(second.code, 4) << second.err;
  EXPECT_NE(second.err.find("ledger busy"), std::string::npos) << second.err;

  // The writer was still running all along; stop it.
  int status = 0;
  EXPECT_EQ(::waitpid(writer, &status, WNOHANG), 0) << Slurp(dir_ / "writer.err");
  ::kill(writer, SIGINT);
  ::waitpid(writer, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 130) << Slurp(dir_ / "writer.err");
  // Alone again, reads open the ledger as before (and fold what was added).
  CliRun after = Jejak("query employees");
  EXPECT_EQ(after.code, 0) << after.err;
  EXPECT_EQ(after.err.find("another process"), std::string::npos) << after.err;
}

}  // namespace
