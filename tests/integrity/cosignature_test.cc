// Cosignatures: the spec's message and line layout, witness keys of type
// 0x04, verification alone and inside a note beside the log's signature.
#include "jejak/integrity/cosignature.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <vector>

#include "jejak/integrity/base64.h"
#include "jejak/integrity/checkpoint.h"

namespace jejak::integrity {
namespace {

// c2sp.org/tlog-cosignature.
constexpr std::string_view kBody =
    "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
constexpr std::string_view kSpecLine =
    "— witness.example.com/w1 "
    "jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/"
    "zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n";

class CosignatureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto keys = GenerateCosignerKey("witness.example/w1");
    ASSERT_TRUE(keys.ok()) << keys.status().ToString();
    keys_ = *keys;
    auto signer = ParseCosignerKey(keys_.signer_key);
    ASSERT_TRUE(signer.ok()) << signer.status().ToString();
    signer_.push_back(*signer);
    auto verifier = ParseCosignerVerifierKey(keys_.verifier_key);
    ASSERT_TRUE(verifier.ok()) << verifier.status().ToString();
    verifier_.push_back(*verifier);
  }
  const NoteSigner& signer() const { return signer_[0]; }
  const NoteVerifier& verifier() const { return verifier_[0]; }

  NoteKeyPair keys_;
  std::vector<NoteSigner> signer_;  // vectors: the classes have no default state
  std::vector<NoteVerifier> verifier_;
};

TEST_F(CosignatureTest, MessageIsTheSpecs) {
  EXPECT_EQ(CosignatureMessage(kBody, 1679315147),
            "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\n"
            "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
  EXPECT_EQ(CosignatureMessage(kBody, 0).substr(0, 22), "cosignature/v1\ntime 0\n");
}

TEST_F(CosignatureTest, ParsesSpecExampleLine) {
  auto c = ParseCosignatureLine(kSpecLine);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->name, "witness.example.com/w1");
  EXPECT_EQ(c->key_id, 0x8d66cf3fu);
  EXPECT_EQ(c->timestamp, 1679315147u);  // the spec's "time 1679315147"
  EXPECT_EQ(ParseCosignatureLine(kSpecLine.substr(0, kSpecLine.size() - 1)).value().timestamp,
            1679315147u);
}

TEST_F(CosignatureTest, KeysAreType4) {
  EXPECT_EQ(signer().type(), SignatureType::kCosignatureV1);
  EXPECT_EQ(verifier().type(), SignatureType::kCosignatureV1);
  EXPECT_EQ(signer().VerifierKey(), keys_.verifier_key);
  EXPECT_TRUE(keys_.signer_key.starts_with("PRIVATE+KEY+witness.example/w1+"));
  // base64(0x04 ‖ ...) starts with 'B'.
  const size_t key64 = keys_.verifier_key.find('+', keys_.verifier_key.find('+') + 1) + 1;
  EXPECT_EQ(keys_.verifier_key[key64], 'B');
  EXPECT_EQ(verifier().key_id(),
            KeyId("witness.example/w1", SignatureType::kCosignatureV1, verifier().public_key()));
  EXPECT_NE(verifier().key_id(),
            KeyId("witness.example/w1", SignatureType::kEd25519, verifier().public_key()));
  // Each parser takes its own type only.
  EXPECT_TRUE(ParseVerifierKey(keys_.verifier_key).status().IsInvalidArgument());
  EXPECT_TRUE(ParseSignerKey(keys_.signer_key).status().IsInvalidArgument());
  auto note_keys = GenerateNoteKey("log.example");
  ASSERT_TRUE(note_keys.ok());
  EXPECT_TRUE(ParseCosignerVerifierKey(note_keys->verifier_key).status().IsInvalidArgument());
  EXPECT_TRUE(ParseCosignerKey(note_keys->signer_key).status().IsInvalidArgument());
  EXPECT_TRUE(GenerateCosignerKey("bad name").status().IsInvalidArgument());
}

TEST_F(CosignatureTest, CosignThenVerify) {
  auto line = CosignCheckpoint(kBody, signer(), 1679315147);
  ASSERT_TRUE(line.ok()) << line.status().ToString();
  EXPECT_TRUE(line->starts_with("— witness.example/w1 "));
  EXPECT_TRUE(line->ends_with("\n"));
  auto timestamp = VerifyCosignatureLine(*line, kBody, verifier());
  ASSERT_TRUE(timestamp.ok()) << timestamp.status().ToString();
  EXPECT_EQ(*timestamp, 1679315147u);

  // The bytes are key id ‖ timestamp ‖ Ed25519(message), checked here with
  // libsodium directly against the spec's message.
  auto bytes =
      Base64Decode(line->substr(line->rfind(' ') + 1, line->size() - line->rfind(' ') - 2));
  ASSERT_TRUE(bytes.ok());
  ASSERT_EQ(bytes->size(), 4u + 8u + 64u);
  EXPECT_EQ((*bytes)[0], static_cast<uint8_t>(verifier().key_id() >> 24));
  const uint8_t ts[8] = {0, 0, 0, 0, 0x64, 0x18, 0x50, 0xCB};  // 1679315147
  EXPECT_TRUE(std::equal(ts, ts + 8, bytes->begin() + 4));
  const std::string message = "cosignature/v1\ntime 1679315147\n" + std::string(kBody);
  EXPECT_EQ(crypto_sign_verify_detached(bytes->data() + 12,
                                        reinterpret_cast<const uint8_t*>(message.data()),
                                        message.size(), verifier().public_key().data()),
            0);
}

TEST_F(CosignatureTest, WrongBodyTimeOrKeyIsCorruption) {
  auto line = CosignCheckpoint(kBody, signer(), 1000);
  ASSERT_TRUE(line.ok());
  std::string other_body(kBody);
  other_body.replace(other_body.find("20852163"), 8, "20852164");
  EXPECT_TRUE(VerifyCosignatureLine(*line, other_body, verifier()).status().IsCorruption());

  // The same signature with another timestamp.
  auto later = CosignCheckpoint(kBody, signer(), 1001);
  ASSERT_TRUE(later.ok());
  auto c = ParseCosignatureLine(*line);
  auto c2 = ParseCosignatureLine(*later);
  ASSERT_TRUE(c.ok() && c2.ok());
  std::vector<uint8_t> spliced(8, 0);
  spliced[7] = 0xE9;  // 1001 = 0x3E9
  spliced[6] = 0x03;
  spliced.insert(spliced.end(), c->signature.begin(), c->signature.end());
  const std::string forged = FormatSignatureLine(c->name, c->key_id, spliced);
  EXPECT_TRUE(VerifyCosignatureLine(forged, kBody, verifier()).status().IsCorruption());

  // Another witness's key, and another key of the same name.
  auto other = GenerateCosignerKey("witness.example/w1");
  ASSERT_TRUE(other.ok());
  auto other_verifier = ParseCosignerVerifierKey(other->verifier_key);
  ASSERT_TRUE(other_verifier.ok());
  Status s = VerifyCosignatureLine(*line, kBody, *other_verifier).status();
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  // A note key as witness is a caller's mistake.
  auto note_keys = GenerateNoteKey("witness.example/w1");
  auto note_verifier = ParseVerifierKey(note_keys->verifier_key);
  ASSERT_TRUE(note_verifier.ok());
  EXPECT_TRUE(VerifyCosignatureLine(*line, kBody, *note_verifier).status().IsInvalidArgument());
}

TEST_F(CosignatureTest, CosignRejectsBadArguments) {
  EXPECT_TRUE(CosignCheckpoint(kBody, signer(), kMaxCosignatureTimestamp).ok());
  EXPECT_TRUE(
      CosignCheckpoint(kBody, signer(), kMaxCosignatureTimestamp + 1).status().IsInvalidArgument());
  EXPECT_TRUE(CosignCheckpoint("hello\n", signer(), 1).status().IsInvalidArgument());
  EXPECT_TRUE(
      CosignCheckpoint(std::string(kBody) + "\n", signer(), 1).status().IsInvalidArgument());
  auto note_keys = GenerateNoteKey("log.example");
  auto note_signer = ParseSignerKey(note_keys->signer_key);
  ASSERT_TRUE(note_signer.ok());
  EXPECT_TRUE(CosignCheckpoint(kBody, *note_signer, 1).status().IsInvalidArgument());
}

TEST_F(CosignatureTest, MalformedLinesAreInvalidArgument) {
  // A note signature (64 bytes, no timestamp).
  const std::string note_line =
      "— PeterNeumann "
      "x08go/ZJkuBS9UG/"
      "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
  EXPECT_TRUE(ParseCosignatureLine(note_line).status().IsInvalidArgument());
  // A timestamp of 2^63.
  std::vector<uint8_t> high(72, 0);
  high[0] = 0x80;
  EXPECT_TRUE(ParseCosignatureLine(FormatSignatureLine("w", 1, high)).status().IsInvalidArgument());
  high[0] = 0x7F;
  EXPECT_TRUE(ParseCosignatureLine(FormatSignatureLine("w", 1, high)).ok());
  const std::string spec(kSpecLine);
  for (const std::string& bad :
       {std::string(), std::string("\n"), spec + spec, "x" + spec, spec.substr(0, 40) + "\n",
        spec.substr(0, spec.size() - 1) + "\r\n", spec + "\n"}) {
    EXPECT_TRUE(ParseCosignatureLine(bad).status().IsInvalidArgument()) << bad;
    EXPECT_TRUE(VerifyCosignatureLine(bad, kBody, verifier()).status().IsInvalidArgument()) << bad;
  }
}

TEST_F(CosignatureTest, WitnessKeyVerifiesItsLineInsideTheNote) {
  auto log_keys = GenerateNoteKey("example.com/behind-the-sofa");
  ASSERT_TRUE(log_keys.ok());
  auto log_signer = ParseSignerKey(log_keys->signer_key);
  auto log_verifier = ParseVerifierKey(log_keys->verifier_key);
  ASSERT_TRUE(log_signer.ok() && log_verifier.ok());
  auto signed_note = SignNote(kBody, *log_signer);
  ASSERT_TRUE(signed_note.ok());
  auto line = CosignCheckpoint(kBody, signer(), 1700000000);
  ASSERT_TRUE(line.ok());
  auto cosigned = AddSignatureLines(*signed_note, *line);
  ASSERT_TRUE(cosigned.ok()) << cosigned.status().ToString();
  EXPECT_EQ(*cosigned, *signed_note + *line);

  const std::vector<NoteVerifier> both{*log_verifier, verifier()};
  auto note = OpenNote(*cosigned, both);
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  EXPECT_EQ(note->verified.size(), 2u);
  auto checkpoint = OpenCheckpoint(*cosigned, both);
  ASSERT_TRUE(checkpoint.ok());
  EXPECT_EQ(checkpoint->size, 20852163u);
  // Witness alone: its line verifies the note too; the log's is unknown.
  note = OpenNote(*cosigned, verifier_);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(note->unverified.size(), 1u);

  // A forged cosignature in the note is Corruption.
  std::string forged = *cosigned;
  const size_t at = forged.size() - 10;
  forged[at] = forged[at] == 'A' ? 'B' : 'A';
  EXPECT_TRUE(OpenNote(forged, both).status().IsCorruption());
  // A witness's re-cosigning replaces its earlier line.
  auto again = CosignCheckpoint(kBody, signer(), 1700000001);
  ASSERT_TRUE(again.ok());
  auto recosigned = AddSignatureLines(*cosigned, *again);
  ASSERT_TRUE(recosigned.ok());
  EXPECT_EQ(*recosigned, *signed_note + *again);
}

}  // namespace
}  // namespace jejak::integrity
