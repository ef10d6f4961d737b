// End-to-end tests of the verifiable ledger as its users drive it, through
// the `jejak` and `jejak-verify-bundle` binaries: keys, checkpoints,
// entries and proofs (also checked by Go's golang.org/x/mod/sumdb, built
// offline from tests/integrity/interop/verify.go), `verify --checkpoint`
// against truncated, rewritten and forged inputs, a witness, the offline
// audit bundle with every kind of tampering, and the upgrade from v1.
#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli_fixture.h"

namespace {

using jejak::cli_test::CliRun;
using jejak::cli_test::Lines;

namespace fs = std::filesystem;

constexpr std::string_view kOrigin = "bkpsdm.test.example/jejak";
constexpr std::string_view kWitnessOrigin = "inspektorat.test.example/witness";
// The fixture's ledger holds the first kFirst events of the example;
// Grow() records the rest (kAll in all).
constexpr size_t kFirst = 30;
// A recruited event (personal fields) and a unit definition (none).
constexpr uint64_t kRecruited = 10;
constexpr uint64_t kUnitDefined = 1;
constexpr std::string_view kRecruitedName = "Hendra Saputra";
// A cited rank promotion of the audit at kFirst, TMT 2019-04-01.
constexpr uint64_t kPromotion = 13;

std::string ReadBytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteBytes(const fs::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << p;
}


// `text` with every `from` replaced by `to`; at least one must occur.
std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  for (; at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// A signed note with one byte of its first signature changed.
std::string ForgeSignature(std::string note) {
  const size_t line = note.find("\n\n\xE2\x80\x94 ");
  EXPECT_NE(line, std::string::npos) << note;
  const size_t sig = note.find(' ', line + 2 + 4) + 1 + 20;  // "— name " then base64
  note[sig] = note[sig] == 'A' ? 'B' : 'A';
  return note;
}

class VerifiableCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jejak_vcli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const char* src = std::getenv("JEJAK_SOURCE_DIR");
    ASSERT_NE(src, nullptr) << "ctest sets JEJAK_SOURCE_DIR";
    example_ = Lines(ReadBytes(fs::path(src) / "docs/examples/sawahlunto.ndjson"));
    ASSERT_GT(example_.size(), kFirst + 20);
    MakeLedger("ledger", First(kFirst));
    CliRun key =
        Jejak("key generate --origin " + std::string(kOrigin) + " --out " + Path("log.key"));
    ASSERT_EQ(key.code, 0) << key.err;
    vkey_ = key.out;
    WriteBytes(dir_ / "log.vkey", vkey_);
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);  // kept for a look when a test fails
  }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Read(const std::string& name) const { return ReadBytes(dir_ / name); }
  std::string Save(const std::string& name, std::string_view bytes) {
    WriteBytes(dir_ / name, bytes);
    return Path(name);
  }

  // Runs a shell command; stdout and stderr are captured byte for byte.
  CliRun Shell(const std::string& command) {
    const std::string full =
        command + " >" + Path("run.out") + " 2>" + Path("run.err") + " </dev/null";
    const int raw = std::system(full.c_str());
    CliRun r;
    r.code = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = Read("run.out");
    r.err = Read("run.err");
    return r;
  }

  // `jejak --data <dir>/<data> <args>` without $JEJAK_KEY, or with the
  // variables of `env` (e.g. "JEJAK_KEY=...").
  CliRun Jejak(const std::string& args, const std::string& data = "ledger",
               const std::string& env = "") {
    return Shell("env -u JEJAK_KEY " + env + " " + JEJAK_CLI_PATH + " --data " + Path(data) + " " +
                 args);
  }

  CliRun VerifyBundle(const std::string& args) {
    return Shell(std::string(JEJAK_VERIFY_BUNDLE_PATH) + " " + args);
  }

  std::vector<std::string> First(size_t n) const {
    return std::vector<std::string>(example_.begin(), example_.begin() + static_cast<long>(n));
  }

  // The example with one early event (a unit's name, line 3) changed: the
  // history an insider who recomputes every hash would present.
  std::vector<std::string> Rewritten() const {
    std::vector<std::string> lines = example_;
    lines[2] = ReplaceAll(lines[2], "Bidang Mutasi dan Promosi", "Bidang Mutasi");
    return lines;
  }

  void MakeLedger(const std::string& data, const std::vector<std::string>& lines) {
    CliRun init = Jejak("init", data);
    ASSERT_EQ(init.code, 0) << init.err;
    Import(data, lines);
  }

  void Import(const std::string& data, const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& l : lines) text += l + "\n";
    CliRun r = Jejak("import " + Save(data + ".ndjson", text), data);
    ASSERT_EQ(r.code, 0) << r.err;
  }

  // Records the rest of the example in the fixture's ledger.
  void Grow() { Import("ledger", example_); }

  // `jejak checkpoint` with `key`: the signed note.
  std::string Checkpoint(const std::string& data = "ledger", const std::string& key = "log.key") {
    CliRun r = Jejak("checkpoint --key " + Path(key), data);
    EXPECT_EQ(r.code, 0) << r.err;
    return r.out;
  }

  // Output of a `jejak` command that must succeed, saved as `name`.
  std::string SaveOutput(const std::string& name, const std::string& args,
                         const std::string& data = "ledger") {
    CliRun r = Jejak(args, data);
    EXPECT_EQ(r.code, 0) << args << ": " << r.err;
    return Save(name, r.out);
  }

  std::string NewKey(const std::string& name, std::string_view origin, bool witness = false) {
    CliRun r = Jejak("key generate " + std::string(witness ? "--witness " : "") + "--origin " +
                     std::string(origin) + " --out " + Path(name));
    EXPECT_EQ(r.code, 0) << r.err;
    return r.out;
  }

  fs::path dir_;
  std::vector<std::string> example_;
  std::string vkey_;  // the log's verifier key line, as `key generate` printed it
};

// ---- keys -------------------------------------------------------------------

TEST_F(VerifiableCliTest, KeyGenerateWritesAPrivateFileRefusesToOverwriteAndVkeyMatches) {
  EXPECT_EQ(vkey_.rfind(std::string(kOrigin) + "+", 0), 0u) << vkey_;
  EXPECT_EQ(Lines(vkey_).size(), 1u) << vkey_;
  EXPECT_EQ(fs::status(dir_ / "log.key").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  const std::string key = Read("log.key");
  EXPECT_EQ(key.find(Lines(vkey_)[0]), std::string::npos) << "the key file is not the vkey";

  CliRun again = Jejak("key generate --origin other.test.example/log --out " + Path("log.key"));
  EXPECT_EQ(again.code, 2) << again.err;
  EXPECT_NE(again.err.find("exists"), std::string::npos) << again.err;
  EXPECT_EQ(Read("log.key"), key) << "the key was overwritten";

  CliRun vkey = Jejak("key vkey " + Path("log.key"));
  EXPECT_EQ(vkey.code, 0) << vkey.err;
  EXPECT_EQ(vkey.out, vkey_);

  const std::string witness_vkey = NewKey("witness.key", kWitnessOrigin, /*witness=*/true);
  EXPECT_EQ(witness_vkey.rfind(std::string(kWitnessOrigin) + "+", 0), 0u) << witness_vkey;
  EXPECT_NE(witness_vkey, vkey_);
  EXPECT_EQ(fs::status(dir_ / "witness.key").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  CliRun witness_again = Jejak("key generate --witness --origin " + std::string(kWitnessOrigin) +
                               " --out " + Path("witness.key"));
  EXPECT_EQ(witness_again.code, 2) << witness_again.err;
  CliRun wvkey = Jejak("key vkey " + Path("witness.key"));
  EXPECT_EQ(wvkey.code, 0) << wvkey.err;
  EXPECT_EQ(wvkey.out, witness_vkey);
}

// ---- checkpoints ------------------------------------------------------------

TEST_F(VerifiableCliTest, CheckpointIsSignedStableAtOneHeadAndFollowsAppends) {
  const std::string first = Checkpoint();
  const std::string key_name = std::string(kOrigin);
  EXPECT_EQ(first.rfind(key_name + "\n" + std::to_string(kFirst) + "\n", 0), 0u) << first;
  EXPECT_NE(first.find("\n\n\xE2\x80\x94 " + key_name + " "), std::string::npos) << first;
  EXPECT_EQ(Checkpoint(), first) << "the same head signs the same note";

  Grow();
  const std::string second = Checkpoint();
  EXPECT_EQ(second.rfind(key_name + "\n" + std::to_string(example_.size()) + "\n", 0), 0u)
      << second;

  CliRun no_key = Jejak("checkpoint");
  EXPECT_EQ(no_key.code, 2) << no_key.err;
  EXPECT_NE(no_key.err.find("--key"), std::string::npos) << no_key.err;
  EXPECT_NE(no_key.err.find("JEJAK_KEY"), std::string::npos) << no_key.err;

  CliRun from_env = Jejak("checkpoint", "ledger", "JEJAK_KEY=" + Path("log.key"));
  EXPECT_EQ(from_env.code, 0) << from_env.err;
  EXPECT_EQ(from_env.out, second);

  NewKey("other.key", "other.test.example/jejak");
  CliRun other = Jejak("checkpoint --key " + Path("other.key"));
  EXPECT_EQ(other.code, 2) << other.err;
  EXPECT_NE(other.err.find("other.test.example/jejak"), std::string::npos) << other.err;
}

// ---- entries ----------------------------------------------------------------

TEST_F(VerifiableCliTest, EntryCommitsToPersonalFieldsOnlyForEventsThatHaveThem) {
  const std::string zeros(32, '\0');
  CliRun unit = Jejak("entry " + std::to_string(kUnitDefined));
  ASSERT_EQ(unit.code, 0) << unit.err;
  ASSERT_GT(unit.out.size(), 40u);
  EXPECT_EQ(unit.out.substr(unit.out.size() - 32), zeros);
  EXPECT_EQ((unit.out.size() - 32) % 8, 0u) << "a public body of whole Cap'n Proto words";

  CliRun recruited = Jejak("entry " + std::to_string(kRecruited));
  ASSERT_EQ(recruited.code, 0) << recruited.err;
  ASSERT_GT(recruited.out.size(), 40u);
  EXPECT_NE(recruited.out.substr(recruited.out.size() - 32), zeros);
  EXPECT_EQ(recruited.out.find(kRecruitedName), std::string::npos)
      << "the entry's public body holds no personal field";

  CliRun past = Jejak("entry " + std::to_string(kFirst + 1));
  EXPECT_EQ(past.code, 5) << past.err;
  EXPECT_NE(past.err.find(std::to_string(kFirst + 1)), std::string::npos) << past.err;
  EXPECT_TRUE(past.out.empty());
}

// ---- Go's sumdb reads what jejak proves ---------------------------------------

// The directory of this test's executable.
fs::path BuildDir() { return fs::read_symlink("/proc/self/exe").parent_path(); }

TEST_F(VerifiableCliTest, GoSumdbVerifiesJejakProofsOfARealLedgerAndRejectsAFlippedEntry) {
  if (Shell("command -v go").code != 0) {
    GTEST_SKIP() << "go is not installed (apt-get install golang-go golang-golang-x-mod-dev "
                    "to run the Go interoperability test)";
  }
  // Built offline in GOPATH mode, as tests/integrity/go_interop_test.cc does.
  const std::string verifier = Path("verify");
  CliRun build = Shell("cd " + dir_.string() + " && env GO111MODULE=off " +
                       "GOPATH=/usr/share/gocode GOFLAGS= GOCACHE=" +
                       (BuildDir() / "verifiable_cli.gocache").string() + " HOME=" + dir_.string() +
                       " GOTOOLCHAIN=local go build -o " + verifier + " " + JEJAK_GO_VERIFY_SOURCE);
  ASSERT_EQ(build.code, 0) << "go build of verify.go failed (is golang-golang-x-mod-dev "
                              "installed?):\n"
                           << build.out << build.err;

  const std::string old_checkpoint = Save("old.checkpoint", Checkpoint());
  Grow();
  // The latest checkpoint, cosigned by a witness: Go ignores the unknown
  // cosignature line.
  NewKey("witness.key", kWitnessOrigin, /*witness=*/true);
  const std::string latest = Checkpoint();
  const std::string body =
      SaveOutput("consistency.body", "prove consistency " + std::to_string(kFirst));
  CliRun cosigned = Jejak("witness add-checkpoint --key " + Path("witness.key") + " --state " +
                          Path("witness") + " --log-vkey " + Path("log.vkey") + " " +
                          SaveOutput("first.body", "prove consistency 0"));
  ASSERT_EQ(cosigned.code, 0) << cosigned.err;
  const std::string checkpoint = Save("latest.checkpoint", latest + cosigned.out);

  std::string pairs;
  for (uint64_t p :
       {uint64_t{1}, kRecruited, kPromotion, uint64_t{kFirst}, uint64_t{example_.size()}}) {
    const std::string n = std::to_string(p);
    pairs += " " + SaveOutput(n + ".entry", "entry " + n) + " " +
             SaveOutput(n + ".tlog-proof", "prove inclusion " + n);
  }
  CliRun go = Shell(verifier + " " + Path("log.vkey") + " " + checkpoint + pairs +
                    " -consistency " + old_checkpoint + " " + body);
  EXPECT_EQ(go.code, 0) << go.out << go.err;

  std::string entry = Read(std::to_string(kRecruited) + ".entry");
  entry[entry.size() / 2] ^= 0x01;
  CliRun flipped =
      Shell(verifier + " " + Path("log.vkey") + " " + checkpoint + " " + Save("bad.entry", entry) +
            " " + Path(std::to_string(kRecruited) + ".tlog-proof"));
  EXPECT_NE(flipped.code, 0) << flipped.out << flipped.err;
  EXPECT_NE(flipped.err.find("inclusion"), std::string::npos) << flipped.err;
}

// ---- verify --checkpoint ----------------------------------------------------

TEST_F(VerifiableCliTest, VerifyAgainstACheckpointPassesOnTheLedgerThatSignedIt) {
  const std::string checkpoint = Save("published.checkpoint", Checkpoint());
  CliRun r = Jejak("verify --checkpoint " + checkpoint + " --vkey " + Path("log.vkey"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("checkpoint of size " + std::to_string(kFirst)), std::string::npos) << r.out;
  // Still consistent after more appends.
  Grow();
  r = Jejak("verify --checkpoint " + checkpoint + " --vkey " + Path("log.vkey"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("head position " + std::to_string(example_.size())), std::string::npos)
      << r.out;
}

TEST_F(VerifiableCliTest, VerifyAgainstACheckpointFailsOnALedgerShorterThanIt) {
  const std::string checkpoint = Save("published.checkpoint", Checkpoint());
  MakeLedger("prefix", First(kFirst - 10));
  CliRun r = Jejak("verify --checkpoint " + checkpoint + " --vkey " + Path("log.vkey"), "prefix");
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("truncated"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(checkpoint), std::string::npos) << r.err;
}

TEST_F(VerifiableCliTest, VerifyAgainstACheckpointFailsOnARewrittenHistory) {
  const std::string checkpoint = Save("published.checkpoint", Checkpoint());
  // Internally consistent: every hash recomputed.
  auto lines = Rewritten();
  MakeLedger("rewritten", {lines.begin(), lines.begin() + static_cast<long>(kFirst)});
  CliRun plain = Jejak("verify", "rewritten");
  EXPECT_EQ(plain.code, 0) << plain.err;
  CliRun r =
      Jejak("verify --checkpoint " + checkpoint + " --vkey " + Path("log.vkey"), "rewritten");
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("rewritten"), std::string::npos) << r.err;
}

TEST_F(VerifiableCliTest, VerifyAgainstACheckpointRejectsAForgedSignatureAndAnotherKey) {
  const std::string note = Checkpoint();
  const std::string forged = Save("forged.checkpoint", ForgeSignature(note));
  CliRun r = Jejak("verify --checkpoint " + forged + " --vkey " + Path("log.vkey"));
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("signature"), std::string::npos) << r.err;

  // Another key of the same name (an impostor's).
  const std::string checkpoint = Save("published.checkpoint", note);
  const std::string impostor = Save("impostor.vkey", NewKey("impostor.key", kOrigin));
  r = Jejak("verify --checkpoint " + checkpoint + " --vkey " + impostor);
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("known key"), std::string::npos) << r.err;
}

// ---- witness ----------------------------------------------------------------

class WitnessCliTest : public VerifiableCliTest {
 protected:
  void SetUp() override {
    VerifiableCliTest::SetUp();
    if (HasFatalFailure()) return;
    NewKey("witness.key", kWitnessOrigin, /*witness=*/true);
  }
  CliRun AddCheckpoint(const std::string& body_file, const std::string& log_vkey = "log.vkey") {
    return Jejak("witness add-checkpoint --key " + Path("witness.key") + " --state " +
                 Path("witness") + " --log-vkey " + Path(log_vkey) + " " + body_file);
  }
};

TEST_F(WitnessCliTest, CosignsConsistentCheckpointsAndRefusesOlderOrForkedOnes) {
  Checkpoint();
  const std::string first = SaveOutput("first.body", "prove consistency 0");
  CliRun r = AddCheckpoint(first);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("\xE2\x80\x94 " + std::string(kWitnessOrigin) + " ", 0), 0u) << r.out;
  EXPECT_EQ(Lines(r.out).size(), 1u) << r.out;

  Grow();
  const std::string note = Checkpoint();
  const std::string size = std::to_string(example_.size());
  r = AddCheckpoint(SaveOutput("second.body", "prove consistency " + std::to_string(kFirst)));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("\xE2\x80\x94 " + std::string(kWitnessOrigin) + " ", 0), 0u) << r.out;
  // The agency appends the cosignature to its note; the note still verifies.
  CliRun cosigned = Jejak("verify --checkpoint " + Save("cosigned", note + r.out) + " --vkey " +
                          Path("log.vkey"));
  EXPECT_EQ(cosigned.code, 0) << cosigned.err;

  // Replaying the first request: the witness has moved on (the 409 answer).
  r = AddCheckpoint(first);
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_EQ(r.out, size + "\n");

  // Another history, signed with the log's own key, proven from the
  // witness's size: a fork.
  MakeLedger("fork", Rewritten());
  Checkpoint("fork");
  r = AddCheckpoint(SaveOutput("fork.body", "prove consistency " + size, "fork"));
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_EQ(r.out, size + "\n");
  EXPECT_NE(r.err.find("fork"), std::string::npos) << r.err;
}

TEST_F(WitnessCliTest, RefusesACheckpointSignedByAnotherKeyAsForged) {
  // An impostor's key of the log's name signs another ledger.
  NewKey("impostor.key", kOrigin);
  MakeLedger("impostor", First(kFirst));
  Checkpoint("impostor", "impostor.key");
  CliRun r = AddCheckpoint(SaveOutput("impostor.body", "prove consistency 0", "impostor"));
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  // The forged request changed nothing: the real log is still first contact.
  Checkpoint();
  r = AddCheckpoint(SaveOutput("first.body", "prove consistency 0"));
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST_F(WitnessCliTest, KeepsOneStateFilePerLog) {
  Checkpoint();
  ASSERT_EQ(AddCheckpoint(SaveOutput("a0.body", "prove consistency 0")).code, 0);
  Grow();
  Checkpoint();
  ASSERT_EQ(
      AddCheckpoint(SaveOutput("a1.body", "prove consistency " + std::to_string(kFirst))).code, 0);
  // A second log, with its own key.
  Save("other.vkey", NewKey("other.key", "other.test.example/jejak"));
  MakeLedger("other", First(5));
  Checkpoint("other", "other.key");
  ASSERT_EQ(AddCheckpoint(SaveOutput("b0.body", "prove consistency 0", "other"), "other.vkey").code,
            0);

  std::vector<std::string> states;
  for (const auto& e : fs::directory_iterator(dir_ / "witness")) {
    const std::string name = e.path().filename().string();
    if (name.find('.') == std::string::npos) states.push_back(name);
  }
  ASSERT_EQ(states.size(), 2u);
  // The fixture's log's state: its latest size.
  std::string mine;
  for (const auto& s : states) {
    const std::string text = ReadBytes(dir_ / "witness" / s);
    if (Lines(text).size() > 1 && Lines(text)[1] == std::to_string(example_.size())) mine = s;
  }
  EXPECT_FALSE(mine.empty()) << "no state file holds size " << example_.size();
}

// ---- the offline audit bundle -----------------------------------------------

class BundleCliTest : public VerifiableCliTest {
 protected:
  void SetUp() override {
    VerifiableCliTest::SetUp();
    if (HasFatalFailure()) return;
    CliRun r = Jejak("audit --bundle " + Path("bundle") + " --key " + Path("log.key"));
    ASSERT_EQ(r.code, 0) << r.err;
  }
  // A copy of the bundle to damage.
  fs::path Copy(const std::string& name) {
    fs::copy(dir_ / "bundle", dir_ / name, fs::copy_options::recursive);
    return dir_ / name;
  }
  CliRun Check(const fs::path& bundle, const std::string& vkey = "log.vkey",
               const std::string& more = "") {
    return VerifyBundle(bundle.string() + " --vkey " + Path(vkey) + more);
  }
  std::string Evidence(uint64_t position, const char* ext) const {
    return "evidence/" + std::to_string(position) + ext;
  }
};

TEST_F(BundleCliTest, AuditBundleHoldsEvidenceOfEveryCitedEventAndVerifies) {
  const fs::path b = dir_ / "bundle";
  for (const char* f : {"report.json", "report.html", "checkpoint", "vkey", "README.txt"}) {
    EXPECT_TRUE(fs::is_regular_file(b / f)) << f;
  }
  EXPECT_EQ(ReadBytes(b / "vkey"), vkey_);
  EXPECT_EQ(ReadBytes(b / "checkpoint")
                .rfind(std::string(kOrigin) + "\n" + std::to_string(kFirst) + "\n", 0),
            0u);
  // Every position the report cites has its entry and proof.
  const std::string report = ReadBytes(b / "report.json");
  size_t cited = 0;
  for (size_t at = report.find("\"position\":"); at != std::string::npos;
       at = report.find("\"position\":", at + 1)) {
    const uint64_t p = std::stoull(report.substr(at + 11));
    EXPECT_TRUE(fs::is_regular_file(b / Evidence(p, ".entry"))) << p;
    EXPECT_TRUE(fs::is_regular_file(b / Evidence(p, ".tlog-proof"))) << p;
    ++cited;
  }
  EXPECT_GT(cited, 0u);
  EXPECT_TRUE(fs::is_regular_file(b / Evidence(kPromotion, ".entry")));
  EXPECT_TRUE(fs::is_regular_file(b / Evidence(kRecruited, ".entry")));
  // The entries are what `jejak entry` prints.
  CliRun entry = Jejak("entry " + std::to_string(kRecruited));
  EXPECT_EQ(ReadBytes(b / Evidence(kRecruited, ".entry")), entry.out);

  CliRun r = Check(b);
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("tree size " + std::to_string(kFirst)), std::string::npos) << r.out;
}

TEST_F(BundleCliTest, VerifyBundleFailsNamingTheFileForEveryKindOfTampering) {
  struct Tamper {
    const char* what;
    std::string file;  // the file the message must name
    std::function<void(const fs::path&)> damage;
    std::string vkey = "log.vkey";
  };
  const std::string entry = Evidence(kPromotion, ".entry");
  const std::string proof = Evidence(kPromotion, ".tlog-proof");
  Save("other.vkey", NewKey("other.key", kOrigin));
  std::vector<Tamper> cases = {
      {"a flipped entry byte", entry,
       [&](const fs::path& b) {
         std::string bytes = ReadBytes(b / entry);
         bytes[bytes.size() - 40] ^= 0x01;
         WriteBytes(b / entry, bytes);
       }},
      {"an altered tlog-proof hash", proof,
       [&](const fs::path& b) {
         std::string text = ReadBytes(b / proof);
         const size_t hash = text.find("\nindex ");
         const size_t at = text.find('\n', hash + 1) + 1 + 5;  // inside the first hash
         text[at] = text[at] == 'A' ? 'B' : 'A';
         WriteBytes(b / proof, text);
       }},
      {"a forged checkpoint signature", "checkpoint",
       [&](const fs::path& b) {
         WriteBytes(b / "checkpoint", ForgeSignature(ReadBytes(b / "checkpoint")));
       }},
      {"another key", "checkpoint", [](const fs::path&) {}, "other.vkey"},
      {"the type of a cited event edited in the report", entry,
       [&](const fs::path& b) {
         WriteBytes(b / "report.json",
                    ReplaceAll(ReadBytes(b / "report.json"), "\"type\":\"rankPromoted\"",
                               "\"type\":\"positionPromoted\""));
       }},
      {"the TMT of a cited event edited in the report", entry,
       [&](const fs::path& b) {
         WriteBytes(b / "report.json",
                    ReplaceAll(ReadBytes(b / "report.json"), "\"effectiveDate\":\"2019-04-01\"",
                               "\"effectiveDate\":\"2018-04-01\""));
       }},
  };
  int n = 0;
  for (const Tamper& t : cases) {
    SCOPED_TRACE(t.what);
    const fs::path b = Copy("tampered" + std::to_string(n++));
    t.damage(b);
    CliRun r = Check(b, t.vkey);
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_NE(r.err.find((b / t.file).string()), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("FAILED"), std::string::npos) << r.out;
  }
}

// A report edited to cite an event without its hashes must not escape the
// check of that event.
TEST_F(BundleCliTest, VerifyBundleRejectsACitedEventStrippedOfItsHashes) {
  const fs::path b = Copy("stripped");
  std::string report = ReadBytes(b / "report.json");
  report = ReplaceAll(report, "\"type\":\"rankPromoted\"", "\"type\":\"positionPromoted\"");
  // Drop every "leafHash" and "treeLeaf" member (each follows another member).
  for (const char* member : {",\"leafHash\":\"", ",\"treeLeaf\":\""}) {
    const std::string key = member;
    for (size_t at = report.find(key); at != std::string::npos; at = report.find(key)) {
      report.erase(at, report.find('"', at + key.size()) + 1 - at);
    }
  }
  WriteBytes(b / "report.json", report);
  CliRun r = Check(b);
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("FAILED"), std::string::npos) << r.out;
}

TEST_F(BundleCliTest, VerifyBundleFailsNamingAMissingEvidenceFile) {
  for (const char* ext : {".entry", ".tlog-proof"}) {
    SCOPED_TRACE(ext);
    const fs::path b = Copy(std::string("missing") + ext);
    fs::remove(b / Evidence(kPromotion, ext));
    CliRun r = Check(b);
    // Evidence the report cites is missing: the bundle does not verify.
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_NE(r.err.find((b / Evidence(kPromotion, ext)).string()), std::string::npos) << r.err;
  }
}

TEST_F(BundleCliTest, VerifyBundleChecksThatALaterCheckpointExtendsTheBundlesTree) {
  Grow();
  const std::string later = Save("later.checkpoint", Checkpoint());
  const std::string body = SaveOutput("later.body", "prove consistency " + std::to_string(kFirst));
  CliRun r =
      Check(dir_ / "bundle", "log.vkey", " --checkpoint " + later + " --consistency " + body);
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("size " + std::to_string(example_.size()) + " extends"), std::string::npos)
      << r.out;

  // A forked ledger, signed with the log's key, proving from the bundle's size.
  MakeLedger("fork", Rewritten());
  const std::string fork = Save("fork.checkpoint", Checkpoint("fork"));
  const std::string fork_body =
      SaveOutput("fork.body", "prove consistency " + std::to_string(kFirst), "fork");
  r = Check(dir_ / "bundle", "log.vkey", " --checkpoint " + fork + " --consistency " + fork_body);
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find(fork_body), std::string::npos) << r.err;
  // The honest checkpoint with the fork's proof.
  r = Check(dir_ / "bundle", "log.vkey", " --checkpoint " + later + " --consistency " + fork_body);
  EXPECT_EQ(r.code, 3) << r.out << r.err;
}

TEST_F(VerifiableCliTest, AuditBundleWithoutAKeyNeedsAStoredCheckpointOfTheHead) {
  CliRun none = Jejak("audit --bundle " + Path("b1"));
  EXPECT_EQ(none.code, 5) << none.err;
  EXPECT_NE(none.err.find("--key"), std::string::npos) << none.err;

  Checkpoint();
  Grow();
  CliRun stale = Jejak("audit --bundle " + Path("b2"));
  EXPECT_EQ(stale.code, 4) << stale.err;
  EXPECT_NE(stale.err.find("--key"), std::string::npos) << stale.err;

  Checkpoint();
  CliRun ok = Jejak("audit --bundle " + Path("b3"));
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_EQ(VerifyBundle(Path("b3") + " --vkey " + Path("log.vkey")).code, 0);
  // An empty $JEJAK_KEY is no key, as for `jejak checkpoint`.
  CliRun empty_env = Jejak("audit --bundle " + Path("b4"), "ledger", "JEJAK_KEY=");
  EXPECT_EQ(empty_env.code, 0) << empty_env.err;
}

// ---- upgrade from v1 ----------------------------------------------------------

// Turns a v2 ledger into what a v1 build wrote: no tree, tiles, salts or
// checkpoints, and the v1 format key.
void DowngradeToV1(const std::string& path) {
  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::Options(), path, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descs;
  for (const auto& n : names) descs.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::Options(), path, descs, &handles, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::ColumnFamilyHandle* integrity = nullptr;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == "integrity") integrity = handles[i];
  }
  ASSERT_NE(integrity, nullptr);
  size_t deleted = 0;
  {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), integrity));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (it->key() == "head") continue;
      ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), integrity, it->key()).ok());
      ++deleted;
    }
    ASSERT_TRUE(it->status().ok());
  }
  EXPECT_GT(deleted, 0u);
  ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "format", "jejak-ledger v1").ok());
  for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
}

TEST_F(VerifiableCliTest, UpgradeBringsAV1LedgerToTheCurrentFormatOnce) {
  DowngradeToV1(Path("ledger"));
  CliRun before = Jejak("verify");
  EXPECT_EQ(before.code, 2) << before.err;
  EXPECT_NE(before.err.find("jejak upgrade"), std::string::npos) << before.err;

  CliRun up = Jejak("upgrade");
  EXPECT_EQ(up.code, 0) << up.err;
  EXPECT_NE(up.out.find(std::to_string(kFirst) + " entries"), std::string::npos) << up.out;
  CliRun after = Jejak("verify");
  EXPECT_EQ(after.code, 0) << after.err;
  EXPECT_NE(after.out.find("head position " + std::to_string(kFirst)), std::string::npos)
      << after.out;
  // The upgraded ledger signs and proves like any other.
  Checkpoint();
  EXPECT_EQ(Jejak("prove inclusion " + std::to_string(kRecruited)).code, 0);

  CliRun again = Jejak("upgrade");
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.out.find("already"), std::string::npos) << again.out;
}

// ---- help and bad input -------------------------------------------------------

TEST_F(VerifiableCliTest, EveryVerifiableCommandExplainsItselfInHelp) {
  const std::pair<const char*, const char*> commands[] = {
      {"entry", "entry"},
      {"key generate", "verifier key"},
      {"key vkey", "verifier key"},
      {"checkpoint", "checkpoint"},
      {"prove inclusion", "tlog-proof"},
      {"prove consistency", "consistency"},
      {"verify", "--checkpoint"},
      {"witness add-checkpoint", "cosignature"},
      {"audit", "--bundle"},
      {"upgrade", "format"},
  };
  for (const auto& [command, says] : commands) {
    CliRun r = Jejak(std::string(command) + " --help");
    EXPECT_EQ(r.code, 0) << command << ": " << r.err;
    EXPECT_NE(r.out.find(says), std::string::npos) << command << ":\n" << r.out;
  }
  CliRun r = VerifyBundle("--help");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("--vkey"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--consistency"), std::string::npos) << r.out;
}

TEST_F(VerifiableCliTest, BadInputsExitUsageWithAMessage) {
  Checkpoint();
  NewKey("witness.key", kWitnessOrigin, /*witness=*/true);
  const std::string garbage = Save("garbage", "this is not\na request\n\nat all\n");
  const std::string empty = Save("empty", "");
  std::string binary(600, '\0');
  for (size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>(i * 37 + 11);
  const std::string noise = Save("noise", binary);
  struct Case {
    std::string args;
    std::string says;
  };
  const std::string witness = "witness add-checkpoint --key " + Path("witness.key") + " --state " +
                              Path("witness") + " --log-vkey " + Path("log.vkey") + " ";
  const std::string verify = "verify --vkey " + Path("log.vkey") + " --checkpoint ";
  const Case cases[] = {
      {witness + garbage, "add-checkpoint"},
      {witness + empty, "add-checkpoint"},
      {witness + noise, "add-checkpoint"},
      {witness + Path("log.vkey"), "add-checkpoint"},
      {verify + garbage, garbage},
      {verify + empty, empty},
      {verify + noise, noise},
      {"verify --checkpoint " + Save("cp", Checkpoint()), "--vkey"},
      {"verify --vkey " + garbage + " --checkpoint " + Path("cp"), garbage},
      {"entry abc", "position"},
      {"entry 1x", "position"},
      {"entry -1", "position"},
      {"prove inclusion abc", "position"},
      {"prove inclusion -1", "position"},
      {"prove consistency xyz", "old_size"},
      {"prove inclusion 1 --size -1", "size"},
      {"key vkey " + garbage, garbage},
      {"key generate --origin 'has space' --out " + Path("bad.key"), "has space"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args);
    CliRun r = Jejak(c.args);
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
  }
  EXPECT_FALSE(fs::exists(dir_ / "witness")) << "nothing was cosigned";
  CliRun bundle = VerifyBundle(dir_.string() + " --vkey " + garbage);
  EXPECT_EQ(bundle.code, 2) << bundle.err;
}

}  // namespace
