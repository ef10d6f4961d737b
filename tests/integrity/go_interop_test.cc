// Go reads what jejak writes: checkpoints, tlog-proof files and an
// add-checkpoint body made here from a 1,000-entry tree are verified by
// tests/integrity/interop/verify.go, which uses Go's own
// golang.org/x/mod/sumdb/note and sumdb/tlog (Debian: golang-go,
// golang-golang-x-mod-dev; built offline in GOPATH mode). Skipped only when
// `go` is not installed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "jejak/integrity/checkpoint.h"
#include "jejak/integrity/cosignature.h"
#include "jejak/integrity/merkle.h"
#include "jejak/integrity/note.h"
#include "jejak/integrity/proof_format.h"

namespace jejak::integrity {
namespace {

namespace fs = std::filesystem;

constexpr uint64_t kSize = 1000;
constexpr uint64_t kOldSize = 600;
constexpr std::string_view kOrigin = "jejak.interop.test/log";

// Every complete subtree of a list of leaves, kept in memory.
class MemoryTree : public HashReader {
 public:
  explicit MemoryTree(const std::vector<std::string>& entries) {
    levels_.emplace_back();
    for (const std::string& e : entries) levels_[0].push_back(RecordHash(e));
    while (levels_.back().size() > 1) {
      const std::vector<Hash>& below = levels_.back();
      std::vector<Hash> up;
      for (size_t i = 0; i + 1 < below.size(); i += 2)
        up.push_back(NodeHash(below[i], below[i + 1]));
      levels_.push_back(std::move(up));
    }
  }

  Status ReadHashes(std::span<const NodeId> ids, std::span<Hash> out) override {
    for (size_t i = 0; i < ids.size(); ++i) {
      const NodeId& id = ids[i];
      if (id.level < 0 || static_cast<size_t>(id.level) >= levels_.size() ||
          id.index >= levels_[id.level].size()) {
        return Status::NotFound("node " + std::to_string(id.level) + "/" +
                                std::to_string(id.index));
      }
      out[i] = levels_[id.level][id.index];
    }
    return Status::Ok();
  }

 private:
  std::vector<std::vector<Hash>> levels_;
};

// The exit status and output of a shell command.
struct ShellRun {
  int exit_code;
  std::string output;
};

ShellRun Shell(const std::string& command) {
  ShellRun run{-1, ""};
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return run;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) run.output.append(buf, n);
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string Quote(const fs::path& p) {
  const std::string s = p.string();
  EXPECT_EQ(s.find('\''), std::string::npos) << s;
  return "'" + s + "'";
}

void WriteFile(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << path;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The directory of this test's executable.
fs::path BuildDir() { return fs::read_symlink("/proc/self/exe").parent_path(); }

fs::path VerifyGoSource() {
  if (const char* dir = std::getenv("JEJAK_SOURCE_DIR"); dir != nullptr && *dir != '\0') {
    return fs::path(dir) / "tests/integrity/interop/verify.go";
  }
  return fs::path(__FILE__).parent_path() / "interop/verify.go";
}

class GoInteropTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Shell("command -v go").exit_code != 0) {
      GTEST_SKIP() << "go is not installed (apt-get install golang-go "
                      "golang-golang-x-mod-dev to run the Go interoperability test)";
    }
    // One directory per process (ctest runs the tests of this file at once),
    // beside the test executable: always in the build tree, wherever the
    // test is run from.
    dir_ = BuildDir() / ("go_interop." + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    BuildVerifier();
    if (HasFatalFailure()) return;
    MakeTreeAndFiles();
  }

  void TearDown() override {
    if (!dir_.empty() && !HasFailure()) fs::remove_all(dir_);
  }

  // go build in GOPATH mode against Debian's /usr/share/gocode, offline,
  // with a build cache beside the test (shared by its processes: Go's cache
  // is safe for that) and no need of a HOME.
  void BuildVerifier() {
    const fs::path source = VerifyGoSource();
    ASSERT_TRUE(fs::exists(source)) << source;
    verifier_ = dir_ / "verify";
    const ShellRun build =
        Shell("cd " + Quote(dir_) + " && env GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= " +
              "GOCACHE=" + Quote(BuildDir() / "go_interop.gocache") + " HOME=" + Quote(dir_) +
              " GOTOOLCHAIN=local go build -o " + Quote(verifier_) + " " + Quote(source));
    ASSERT_EQ(build.exit_code, 0)
        << "go build of verify.go failed (is golang-golang-x-mod-dev installed?):\n"
        << build.output;
  }

  std::string SignedCheckpoint(uint64_t size, const Hash& root) {
    const Checkpoint c{std::string(kOrigin), size, root, {}};
    auto note = SignNote(FormatCheckpoint(c), signer_.front());
    EXPECT_TRUE(note.ok()) << note.status().ToString();
    return note.ok() ? *note : "";
  }

  void MakeTreeAndFiles() {
    std::mt19937_64 random(20261207);
    for (uint64_t i = 0; i < kSize; ++i) {
      std::string entry(1 + random() % 300, '\0');
      for (char& c : entry) c = static_cast<char>(random());
      entries_.push_back(std::move(entry));
    }
    MemoryTree tree(entries_);
    auto root = TreeHash(kSize, tree);
    auto old_root = TreeHash(kOldSize, tree);
    ASSERT_TRUE(root.ok() && old_root.ok());
    root_ = *root;
    old_root_ = *old_root;

    auto keys = GenerateNoteKey(kOrigin);
    ASSERT_TRUE(keys.ok());
    auto signer = ParseSignerKey(keys->signer_key);
    ASSERT_TRUE(signer.ok());
    signer_.push_back(*signer);
    WriteFile(dir_ / "vkey", keys->verifier_key + "\n");
    // The log's checkpoint, cosigned by a witness: Go must ignore the
    // unknown (type 0x04) signature line.
    auto witness = GenerateCosignerKey("jejak.interop.test/witness");
    ASSERT_TRUE(witness.ok());
    auto cosigner = ParseCosignerKey(witness->signer_key);
    ASSERT_TRUE(cosigner.ok());
    const std::string plain = SignedCheckpoint(kSize, root_);
    auto cosig = CosignCheckpoint(plain.substr(0, plain.find("\n\n") + 1), *cosigner, 1765000000);
    ASSERT_TRUE(cosig.ok());
    auto cosigned = AddSignatureLines(plain, *cosig);
    ASSERT_TRUE(cosigned.ok());
    checkpoint_ = *cosigned;
    WriteFile(dir_ / "checkpoint", checkpoint_);
    WriteFile(dir_ / "old_checkpoint", SignedCheckpoint(kOldSize, old_root_));

    for (uint64_t index : {0, 1, 255, 256, 511, 512, 599, 998, 999}) {
      auto proof = ProveInclusion(kSize, index, tree);
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      TlogProof tlog_proof{std::nullopt, index, *proof, checkpoint_};
      if (index % 2 == 1) tlog_proof.extra = "entry " + std::to_string(index);
      const std::string text = FormatTlogProof(tlog_proof);
      // Our own reader agrees before Go is asked.
      auto parsed = ParseTlogProof(text);
      ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
      const std::vector<NoteVerifier> known{signer_[0].verifier()};
      ASSERT_TRUE(VerifyTlogProof(*parsed, RecordHash(entries_[index]), known).ok());
      const std::string n = std::to_string(index);
      WriteFile(dir_ / ("entry." + n), entries_[index]);
      WriteFile(dir_ / ("proof." + n), text);
      pairs_ += " " + Quote(dir_ / ("entry." + n)) + " " + Quote(dir_ / ("proof." + n));
    }

    auto consistency = ProveConsistency(kSize, kOldSize, tree);
    ASSERT_TRUE(consistency.ok()) << consistency.status().ToString();
    const std::string body = FormatAddCheckpointRequest({kOldSize, *consistency, checkpoint_});
    ASSERT_TRUE(ParseAddCheckpointRequest(body).ok());
    ASSERT_TRUE(CheckConsistency(*consistency, kSize, root_, kOldSize, old_root_).ok());
    WriteFile(dir_ / "add_checkpoint", body);
  }

  // verify.go on the vkey, `checkpoint`, the entry/proof pairs and the
  // consistency body.
  ShellRun Verify(const std::string& checkpoint = "checkpoint", const std::string& pairs = "",
                  const std::string& old_checkpoint = "old_checkpoint",
                  const std::string& body = "add_checkpoint") {
    return Shell(Quote(verifier_) + " " + Quote(dir_ / "vkey") + " " + Quote(dir_ / checkpoint) +
                 (pairs.empty() ? pairs_ : pairs) + " -consistency " +
                 Quote(dir_ / old_checkpoint) + " " + Quote(dir_ / body));
  }

  fs::path dir_;
  fs::path verifier_;
  std::vector<std::string> entries_;
  Hash root_{}, old_root_{};
  std::vector<NoteSigner> signer_;  // a vector: NoteSigner has no empty state
  std::string checkpoint_;
  std::string pairs_;  // " 'entry.0' 'proof.0' ..."
};

TEST_F(GoInteropTest, GoVerifiesCheckpointProofsAndConsistency) {
  const ShellRun run = Verify();
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

TEST_F(GoInteropTest, GoRejectsAFlippedEntryByte) {
  std::string entry = entries_[255];
  entry[entry.size() / 2] ^= 0x01;
  WriteFile(dir_ / "entry.bad", entry);
  const ShellRun run =
      Verify("checkpoint", " " + Quote(dir_ / "entry.bad") + " " + Quote(dir_ / "proof.255"));
  EXPECT_NE(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("inclusion"), std::string::npos) << run.output;
}

TEST_F(GoInteropTest, GoRejectsAForgedCheckpoint) {
  // Another size under the log's signature.
  std::string forged = checkpoint_;
  forged.replace(forged.find("\n1000\n"), 6, "\n1001\n");
  WriteFile(dir_ / "forged", forged);
  ShellRun run = Verify("forged");
  EXPECT_NE(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("invalid signature"), std::string::npos) << run.output;
  // A flipped signature byte.
  forged = checkpoint_;
  const size_t sig = forged.find("\n\n\xE2\x80\x94 ") + 2 + 4 + kOrigin.size() + 1 + 20;
  forged[sig] = forged[sig] == 'A' ? 'B' : 'A';
  WriteFile(dir_ / "forged", forged);
  run = Verify("forged");
  EXPECT_NE(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("invalid signature"), std::string::npos) << run.output;
  // Signed by another key of the same name.
  auto other = GenerateNoteKey(kOrigin);
  ASSERT_TRUE(other.ok());
  WriteFile(dir_ / "vkey", other->verifier_key + "\n");
  run = Verify();
  EXPECT_NE(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("no verifiable signatures"), std::string::npos) << run.output;
}

TEST_F(GoInteropTest, GoRejectsConsistencyFromAnotherOldRoot) {
  Hash other_root = old_root_;
  other_root[0] ^= 0x80;
  WriteFile(dir_ / "other_old", SignedCheckpoint(kOldSize, other_root));
  ShellRun run = Verify("checkpoint", "", "other_old");
  EXPECT_NE(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("consistency"), std::string::npos) << run.output;
  // The right old root with a damaged proof.
  auto body = ParseAddCheckpointRequest(ReadFile(dir_ / "add_checkpoint"));
  ASSERT_TRUE(body.ok());
  body->consistency_proof[1][5] ^= 0x01;
  WriteFile(dir_ / "bad_body", FormatAddCheckpointRequest(*body));
  run = Verify("checkpoint", "", "old_checkpoint", "bad_body");
  EXPECT_NE(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("consistency"), std::string::npos) << run.output;
}

// Our OpenNote and Go's note.Open give the same verdict (ok, malformed =
// InvalidArgument, bad or missing signature = Corruption) on every
// truncation of a signed note and on notes with tricky bytes inserted
// (controls, broken and edge-case UTF-8, Unicode spaces, dashes, blank
// lines) in the text, at the separator, in the signature line and in the
// name of another key's line.
TEST_F(GoInteropTest, OpenNoteAgreesWithGoOnDamagedNotes) {
  using namespace std::literals;
  auto signed_note = SignNote("jejak.interop.test/log\n42\nline with \xC3\xA9\n\nafter a blank\n",
                              signer_.front());
  ASSERT_TRUE(signed_note.ok());
  const std::string good = *signed_note;
  std::vector<std::string> notes;
  for (size_t n = 0; n <= good.size(); ++n) notes.push_back(good.substr(0, n));
  const std::string_view tricky[] = {"\x00"sv,
                                     "\x01"sv,
                                     "\t"sv,
                                     "\r"sv,
                                     "\x1f"sv,
                                     "\x7f"sv,
                                     "\x80"sv,
                                     "\xC0\x80"sv,
                                     "\xC2"sv,
                                     "\xE2\x80"sv,
                                     "\xED\xA0\x80"sv,
                                     "\xED\x9F\xBF"sv,
                                     "\xEF\xBF\xBD"sv,
                                     "\xF4\x8F\xBF\xBF"sv,
                                     "\xF4\x90\x80\x80"sv,
                                     "\xF5\x80\x80\x80"sv,
                                     "\xFF"sv,
                                     "\xC2\xA0"sv,
                                     "\xC2\x85"sv,
                                     "\xE2\x80\x80"sv,
                                     "\xE3\x80\x80"sv,
                                     "\xE2\x80\x94"sv,
                                     "\xE2\x80\x94 "sv,
                                     " "sv,
                                     "+"sv,
                                     "\n"sv,
                                     "\n\n"sv,
                                     "a"sv};
  const size_t separator = good.rfind("\n\n");
  const size_t positions[] = {0,
                              10,
                              separator,
                              separator + 1,
                              separator + 2,
                              separator + 6,
                              separator + 8,
                              good.find(' ', separator + 6),
                              good.size() - 1,
                              good.size()};
  for (size_t at : positions) {
    for (std::string_view bytes : tricky) {
      notes.push_back(good.substr(0, at) + std::string(bytes) + good.substr(at));
    }
  }
  // A second signature line by an unknown key with a tricky name: ignored
  // when the name is valid, malformed otherwise.
  const std::string other_sig = good.substr(good.rfind(' ') + 1);
  for (std::string_view bytes : tricky) {
    notes.push_back(good + "\xE2\x80\x94 w" + std::string(bytes) + "x " + other_sig);
  }
  const std::vector<NoteVerifier> known{signer_.front().verifier()};
  std::string args;
  std::vector<std::string> ours;
  for (size_t i = 0; i < notes.size(); ++i) {
    const fs::path path = dir_ / ("note." + std::to_string(i));
    WriteFile(path, notes[i]);
    args += " " + Quote(path);
    const Status s = OpenNote(notes[i], known).status();
    ours.push_back(s.ok()                  ? "ok"
                   : s.IsInvalidArgument() ? "malformed"
                   : s.IsCorruption()      ? "corruption"
                                           : s.ToString());
  }
  // Every verdict occurs.
  for (const char* verdict : {"ok", "malformed", "corruption"}) {
    EXPECT_GT(std::count(ours.begin(), ours.end(), verdict), 1) << verdict;
  }
  const ShellRun run = Shell(Quote(verifier_) + " -open " + Quote(dir_ / "vkey") + args);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::istringstream go_lines(run.output);
  std::string go;
  for (size_t i = 0; i < notes.size(); ++i) {
    ASSERT_TRUE(std::getline(go_lines, go)) << "Go gave " << i << " verdicts";
    EXPECT_EQ(ours[i], go) << "note " << i << ":\n" << notes[i];
  }
}

}  // namespace
}  // namespace jejak::integrity
