// Signed checkpoints (docs/format.md "Checkpoints"): SignCheckpoint signs
// the head's tree, keeps the note in the ledger and in the fsynced file
// "jejak-checkpoints" beside it, never signs a tree that does not extend
// the last checkpoint, and Open refuses a ledger whose head is below the
// last filed checkpoint (a rollback).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "jejak/integrity/checkpoint.h"
#include "jejak/integrity/note.h"
#include "jejak/integrity/tile.h"
#include "jejak/store/event_store.h"
#include "store/checkpoint_file.h"
#include "store/keys.h"
#include "store/raw_db.h"
#include "store/test_events.h"

namespace jejak::store {
namespace {

namespace fs = std::filesystem;

constexpr char kOrigin[] = "bkd.jabar.go.id/jejak";

integrity::NoteSigner NewSigner(const std::string& origin = kOrigin,
                                std::string* vkey = nullptr) {
  auto pair = integrity::GenerateNoteKey(origin);
  EXPECT_TRUE(pair.ok()) << pair.status().ToString();
  if (vkey != nullptr) *vkey = pair->verifier_key;
  auto signer = integrity::ParseSignerKey(pair->signer_key);
  EXPECT_TRUE(signer.ok()) << signer.status().ToString();
  return *signer;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream data;
  data << in.rdbuf();
  return data.str();
}

void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
}

class CheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override { signer_ = std::make_unique<integrity::NoteSigner>(NewSigner(kOrigin, &vkey_)); }

  void Open() {
    store_ = testing::OpenOrDie(testing::TestOptions(), dir_.ledger());
    ASSERT_NE(store_, nullptr);
  }
  void Close() { store_.reset(); }

  void AppendUnits(size_t count) {
    auto events = testing::UnitEvents("u" + std::to_string(next_id_++), count);
    auto r = store_->Append("org/bkd", ExpectedVersion::Any(), events);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  std::string Sign() {
    auto note = store_->SignCheckpoint(*signer_);
    EXPECT_TRUE(note.ok()) << note.status().ToString();
    return note.ok() ? *note : "";
  }

  integrity::Checkpoint OpenNote(const std::string& note) {
    std::vector<integrity::NoteVerifier> known{signer_->verifier()};
    auto checkpoint = integrity::OpenCheckpoint(note, known);
    EXPECT_TRUE(checkpoint.ok()) << checkpoint.status().ToString();
    return checkpoint.ok() ? *checkpoint : integrity::Checkpoint{};
  }

  std::string FilePath() const { return dir_.ledger() + "/" + CheckpointFileName(); }

  // Sizes of the complete records of the checkpoint file.
  std::vector<uint64_t> FiledSizes() {
    auto filed = ReadCheckpointFile(dir_.ledger());
    EXPECT_TRUE(filed.ok()) << filed.status().ToString();
    std::vector<uint64_t> sizes;
    if (filed.ok()) {
      for (const auto& f : *filed) sizes.push_back(f.size);
    }
    return sizes;
  }

  testing::TempDir dir_;
  std::unique_ptr<EventStore> store_;
  std::unique_ptr<integrity::NoteSigner> signer_;
  std::string vkey_;
  int next_id_ = 0;
};

TEST_F(CheckpointTest, SignedCheckpointOpensWithTheKeyAndNamesTheHead) {
  Open();
  AppendUnits(300);
  const std::string note = Sign();
  const integrity::Checkpoint cp = OpenNote(note);
  EXPECT_EQ(cp.origin, kOrigin);
  EXPECT_EQ(cp.size, 300u);
  EXPECT_EQ(ToHex(cp.root), ToHex(store_->GetHead().tree_root));
  // Another key does not open it.
  std::vector<integrity::NoteVerifier> other{NewSigner().verifier()};
  EXPECT_TRUE(integrity::OpenCheckpoint(note, other).status().IsCorruption());
}

TEST_F(CheckpointTest, SignedCheckpointIsKeptInTheLedgerAndTheFile) {
  Open();
  EXPECT_TRUE(store_->LatestCheckpoint().status().IsNotFound());
  EXPECT_TRUE(store_->CheckpointVerifierKey().status().IsNotFound());
  EXPECT_TRUE(store_->GetCheckpoint(0).status().IsNotFound());
  AppendUnits(10);
  const std::string note = Sign();
  auto got = store_->GetCheckpoint(10);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, note);
  EXPECT_TRUE(store_->GetCheckpoint(9).status().IsNotFound());
  auto latest = store_->LatestCheckpoint();
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(*latest, note);
  auto vkey = store_->CheckpointVerifierKey();
  ASSERT_TRUE(vkey.ok());
  EXPECT_EQ(*vkey, vkey_);
  EXPECT_EQ(FiledSizes(), std::vector<uint64_t>{10});
  Close();
  Open();
  EXPECT_EQ(store_->LatestCheckpoint().value(), note);
}

TEST_F(CheckpointTest, SigningAgainAtTheSameHeadReturnsTheSameNote) {
  Open();
  AppendUnits(10);
  const std::string first = Sign();
  EXPECT_EQ(Sign(), first);
  Close();
  Open();
  EXPECT_EQ(Sign(), first);
  EXPECT_EQ(FiledSizes(), std::vector<uint64_t>{10});
}

TEST_F(CheckpointTest, EmptyLedgerCheckpointHasTheEmptyTreeRoot) {
  Open();
  const integrity::Checkpoint cp = OpenNote(Sign());
  EXPECT_EQ(cp.size, 0u);
  EXPECT_EQ(ToHex(cp.root), ToHex(integrity::EmptyTreeHash()));
}

TEST_F(CheckpointTest, MoreAppendsGetANewCheckpoint) {
  Open();
  AppendUnits(10);
  const std::string first = Sign();
  AppendUnits(5);
  const std::string second = Sign();
  EXPECT_NE(second, first);
  EXPECT_EQ(OpenNote(second).size, 15u);
  EXPECT_EQ(store_->GetCheckpoint(10).value(), first);
  EXPECT_EQ(store_->GetCheckpoint(15).value(), second);
  EXPECT_EQ(store_->LatestCheckpoint().value(), second);
  EXPECT_EQ(FiledSizes(), (std::vector<uint64_t>{10, 15}));
}

TEST_F(CheckpointTest, KeyWithAnotherOriginIsInvalidArgument) {
  Open();
  AppendUnits(10);
  Sign();
  AppendUnits(1);
  auto note = store_->SignCheckpoint(NewSigner("other.example/log"));
  ASSERT_TRUE(note.status().IsInvalidArgument()) << note.status().ToString();
  EXPECT_NE(note.status().message().find("other.example/log"), std::string::npos);
  EXPECT_EQ(FiledSizes(), std::vector<uint64_t>{10});
}

TEST_F(CheckpointTest, TreeWithAnotherRootAtTheLastCheckpointIsNotSigned) {
  Open();
  AppendUnits(300);
  Sign();
  AppendUnits(100);
  Close();
  {
    // Leaf 266 is in tile 0/1, which the root of the tree of 300 is
    // computed from (tile 1/0 holds the node of the first 256 leaves).
    testing::RawDb raw(dir_.ledger());
    const std::string key = TileKey(0, 1);
    std::string tile = raw.Get(kFamilyIntegrity, key);
    ASSERT_EQ(tile.size(), 144u * 32);
    tile[10 * 32 + 3] = static_cast<char>(tile[10 * 32 + 3] ^ 0x01);
    raw.Put(kFamilyIntegrity, key, tile);
  }
  Open();  // Open checks only the tree's size
  auto note = store_->SignCheckpoint(*signer_);
  ASSERT_TRUE(note.status().IsCorruption()) << note.status().ToString();
  EXPECT_NE(note.status().message().find("tree of size 300"), std::string::npos)
      << note.status().message();
  EXPECT_EQ(FiledSizes(), std::vector<uint64_t>{300});
  EXPECT_TRUE(store_->GetCheckpoint(400).status().IsNotFound());
}

TEST_F(CheckpointTest, LedgerShorterThanTheLastStoredCheckpointIsNotSigned) {
  Open();
  AppendUnits(10);
  Sign();
  Close();
  // The checkpoint claims a size the ledger does not have (and the file
  // is gone, so Open lets it through).
  fs::remove(FilePath());
  {
    testing::RawDb raw(dir_.ledger());
    const std::string note = raw.Get(kFamilyIntegrity, CheckpointKey(10));
    raw.Delete(kFamilyIntegrity, CheckpointKey(10));
    integrity::Checkpoint cp;
    cp.origin = kOrigin;
    cp.size = 11;
    cp.root = integrity::EmptyTreeHash();
    auto forged = integrity::SignNote(integrity::FormatCheckpoint(cp), *signer_);
    ASSERT_TRUE(forged.ok());
    raw.Put(kFamilyIntegrity, CheckpointKey(11), *forged);
  }
  Open();
  auto note = store_->SignCheckpoint(*signer_);
  ASSERT_TRUE(note.status().IsCorruption()) << note.status().ToString();
  EXPECT_NE(note.status().message().find("size 11"), std::string::npos) << note.status().message();
}

TEST_F(CheckpointTest, TornLastRecordOfTheFileIsIgnoredAndCutAtTheNextSigning) {
  Open();
  AppendUnits(10);
  const std::string first = Sign();
  Close();
  {
    std::ofstream out(FilePath(), std::ios::binary | std::ios::app);
    out << "jejak-checkpoint 500\nabc";
  }
  Open();
  EXPECT_EQ(FiledSizes(), std::vector<uint64_t>{10});
  EXPECT_EQ(Sign(), first);
  AppendUnits(5);
  const std::string second = Sign();
  EXPECT_EQ(FiledSizes(), (std::vector<uint64_t>{10, 15}));
  const std::string data = ReadFile(FilePath());
  EXPECT_EQ(data.find("abc"), std::string::npos);
  EXPECT_EQ(data, "jejak-checkpoint " + std::to_string(first.size()) + "\n" + first +
                      "jejak-checkpoint " + std::to_string(second.size()) + "\n" + second);
  // A cut header line is ignored too.
  Close();
  {
    std::ofstream out(FilePath(), std::ios::binary | std::ios::app);
    out << "jejak-checkp";
  }
  Open();
  EXPECT_EQ(FiledSizes(), (std::vector<uint64_t>{10, 15}));
}

TEST_F(CheckpointTest, MalformedCompleteRecordFailsOpen) {
  Open();
  AppendUnits(10);
  Sign();
  Close();
  {
    std::ofstream out(FilePath(), std::ios::binary | std::ios::app);
    out << "jejak-checkpoint 4\nabc\n";
  }
  auto store = EventStore::Open(testing::TestOptions(), dir_.ledger());
  ASSERT_TRUE(store.status().IsCorruption()) << store.status().ToString();
  EXPECT_NE(store.status().message().find(CheckpointFileName()), std::string::npos);
}

// Replaces the ledger's database files by those of `copy` (a copy of the
// ledger directory), keeping the ledger's checkpoint file.
void RestoreDatabaseFiles(const std::string& copy, const std::string& ledger) {
  for (const auto& entry : fs::directory_iterator(ledger)) {
    if (entry.path().filename() != CheckpointFileName()) fs::remove_all(entry.path());
  }
  for (const auto& entry : fs::directory_iterator(copy)) {
    if (entry.path().filename() == CheckpointFileName()) continue;
    fs::copy(entry.path(), fs::path(ledger) / entry.path().filename(),
             fs::copy_options::recursive);
  }
}

TEST_F(CheckpointTest, DatabaseRolledBackBelowTheFiledCheckpointFailsOpen) {
  Open();
  AppendUnits(10);
  Sign();
  Close();
  const std::string copy = dir_.path() + "/copy";
  fs::copy(dir_.ledger(), copy, fs::copy_options::recursive);
  Open();
  AppendUnits(20);
  Sign();
  Close();
  RestoreDatabaseFiles(copy, dir_.ledger());
  auto store = EventStore::Open(testing::TestOptions(), dir_.ledger());
  ASSERT_TRUE(store.status().IsCorruption()) << store.status().ToString();
  const std::string& message = store.status().message();
  EXPECT_NE(message.find("checkpoint of size 30"), std::string::npos) << message;
  EXPECT_NE(message.find("ends at position 10"), std::string::npos) << message;
  EXPECT_NE(message.find(CheckpointFileName()), std::string::npos) << message;
}

TEST_F(CheckpointTest, LedgerWithoutCheckpointFileOpens) {
  Open();
  AppendUnits(10);
  EXPECT_FALSE(fs::exists(FilePath()));
  Close();
  Open();
  const std::string note = Sign();
  Close();
  fs::remove(FilePath());
  Open();
  EXPECT_EQ(store_->GetHead().position, 10u);
  // Signing again files the stored checkpoint again.
  EXPECT_EQ(Sign(), note);
  EXPECT_EQ(FiledSizes(), std::vector<uint64_t>{10});
}

// A crash between the two writes of a signing leaves the checkpoint in the
// ledger but not in the file: signing again at the same head must file it,
// or the file would not catch a later rollback to below it.
TEST_F(CheckpointTest, CheckpointStoredButNotFiledIsFiledWhenSigningAgain) {
  Open();
  AppendUnits(5);
  Sign();
  AppendUnits(5);
  const std::string second = Sign();
  Close();
  const std::string data = ReadFile(FilePath());
  const size_t cut = data.find("jejak-checkpoint", 1);
  ASSERT_NE(cut, std::string::npos);
  WriteFile(FilePath(), data.substr(0, cut));  // as if the crash came before filing
  Open();
  ASSERT_EQ(FiledSizes(), std::vector<uint64_t>{5});
  EXPECT_EQ(Sign(), second);
  EXPECT_EQ(FiledSizes(), (std::vector<uint64_t>{5, 10}));
}

// The file ahead of the ledger (a database restored from a copy taken at
// the same head but before the signing): the filed checkpoint is returned
// and kept in the ledger again.
TEST_F(CheckpointTest, CheckpointFiledButNotStoredIsStoredWhenSigningAgain) {
  Open();
  AppendUnits(5);
  Sign();
  AppendUnits(5);
  Close();
  const std::string copy = dir_.path() + "/copy";
  fs::copy(dir_.ledger(), copy, fs::copy_options::recursive);
  Open();
  const std::string second = Sign();
  Close();
  RestoreDatabaseFiles(copy, dir_.ledger());
  Open();
  EXPECT_TRUE(store_->GetCheckpoint(10).status().IsNotFound());
  EXPECT_EQ(Sign(), second);
  auto stored = store_->GetCheckpoint(10);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(*stored, second);
  EXPECT_EQ(store_->LatestCheckpoint().value(), second);
  EXPECT_EQ(FiledSizes(), (std::vector<uint64_t>{5, 10}));
}

}  // namespace
}  // namespace jejak::store
