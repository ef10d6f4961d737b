// Signed notes: Go's note package's keys, signatures and verdicts, byte for
// byte; malformed input is InvalidArgument, forged signatures Corruption.
#include "jejak/integrity/note.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "jejak/integrity/cosignature.h"

namespace jejak::integrity {
namespace {

// golang.org/x/mod/sumdb/note note_test.go.
constexpr std::string_view kPeterSigner =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
constexpr std::string_view kPeterVerifier =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
constexpr std::string_view kEnochVerifier =
    "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
constexpr std::string_view kText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
const std::string kPeterSig =
    "— PeterNeumann "
    "x08go/ZJkuBS9UG/"
    "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const std::string kEnochSig =
    "— EnochRoot "
    "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/"
    "5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";
const NoteSignature kPeter{
    "PeterNeumann", 0xc74f20a3,
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM="};
const NoteSignature kEnoch{
    "EnochRoot", 0xaf0cfe78,
    "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ="};

class NoteTest : public ::testing::Test {
 protected:
  NoteVerifier Verifier(std::string_view vkey) {
    auto v = ParseVerifierKey(vkey);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return *v;
  }
  Result<Note> Open(const std::string& msg, std::vector<NoteVerifier> known) {
    return OpenNote(msg, known);
  }

  NoteVerifier peter_ = Verifier(kPeterVerifier);
  NoteVerifier enoch_ = Verifier(kEnochVerifier);
  std::string text_{kText};
};

TEST_F(NoteTest, SignsGoNoteExampleByteForByte) {
  auto signer = ParseSignerKey(kPeterSigner);
  ASSERT_TRUE(signer.ok()) << signer.status().ToString();
  EXPECT_EQ(signer->name(), "PeterNeumann");
  EXPECT_EQ(signer->key_id(), 0xc74f20a3u);
  EXPECT_EQ(signer->VerifierKey(), kPeterVerifier);
  auto msg = SignNote(kText, *signer);
  ASSERT_TRUE(msg.ok()) << msg.status().ToString();
  EXPECT_EQ(*msg, text_ + "\n" + kPeterSig);
}

TEST_F(NoteTest, VerifierKeyRoundTrips) {
  EXPECT_EQ(peter_.name(), "PeterNeumann");
  EXPECT_EQ(peter_.key_id(), 0xc74f20a3u);
  EXPECT_EQ(peter_.type(), SignatureType::kEd25519);
  EXPECT_EQ(peter_.VerifierKey(), kPeterVerifier);
  EXPECT_EQ(enoch_.VerifierKey(), kEnochVerifier);
}

TEST_F(NoteTest, OpensSignedNoteSpecExample) {
  // c2sp.org/signed-note "Example".
  auto v =
      ParseVerifierKey("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  const std::string msg =
      "This is an example message.\n\n— example.com/foo "
      "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM="
      "\n";
  auto note = Open(msg, {*v});
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  EXPECT_EQ(note->text, "This is an example message.\n");
  ASSERT_EQ(note->verified.size(), 1u);
  EXPECT_EQ(note->verified[0].key_id, 0x530d903au);
}

// Go's TestNewVerifier: every proper substring and every one-byte change
// of a good vkey is rejected.
TEST_F(NoteTest, MangledVerifierKeysAreRejected) {
  const std::string key(kPeterVerifier);
  for (size_t i = 0; i <= key.size(); ++i) {
    for (size_t j = i + 1; j <= key.size(); ++j) {
      if (i == 0 && j == key.size()) continue;
      auto v = ParseVerifierKey(key.substr(i, j - i));
      EXPECT_TRUE(v.status().IsInvalidArgument()) << key.substr(i, j - i);
    }
  }
  for (size_t i = 0; i < key.size(); ++i) {
    std::string bad = key;
    ++bad[i];
    EXPECT_TRUE(ParseVerifierKey(bad).status().IsInvalidArgument()) << bad;
  }
  // Wrong key length and unknown algorithm, each with a matching key id.
  EXPECT_TRUE(
      ParseVerifierKey("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")
          .status()
          .IsInvalidArgument());
  EXPECT_TRUE(ParseVerifierKey("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
                  .status()
                  .IsInvalidArgument());
}

// Go's TestNewSigner, and errors never quote the secret.
TEST_F(NoteTest, MangledSignerKeysAreRejected) {
  const std::string key(kPeterSigner);
  for (size_t i = 0; i <= key.size(); ++i) {
    for (size_t j = i + 1; j <= key.size(); ++j) {
      if (i == 0 && j == key.size()) continue;
      auto s = ParseSignerKey(key.substr(i, j - i));
      EXPECT_TRUE(s.status().IsInvalidArgument()) << key.substr(i, j - i);
      EXPECT_EQ(s.status().message().find("AYEKFALV"), std::string::npos);
    }
  }
  for (size_t i = 0; i < key.size(); ++i) {
    std::string bad = key;
    ++bad[i];
    auto s = ParseSignerKey(bad);
    EXPECT_TRUE(s.status().IsInvalidArgument()) << bad;
    EXPECT_EQ(s.status().message().find(bad.substr(key.size() - 20)), std::string::npos);
  }
}

TEST_F(NoteTest, KeyIdHexIsReadInEitherCaseAsGoDoes) {
  EXPECT_TRUE(
      ParseVerifierKey("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW").ok());
  EXPECT_TRUE(ParseVerifierKey("PeterNeumann+0xc74f20+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
                  .status()
                  .IsInvalidArgument());
}

TEST_F(NoteTest, GeneratedKeysSignAndVerify) {
  auto pair = GenerateNoteKey("jejak.example/log");
  ASSERT_TRUE(pair.ok()) << pair.status().ToString();
  EXPECT_TRUE(pair->signer_key.starts_with("PRIVATE+KEY+jejak.example/log+"));
  EXPECT_TRUE(pair->verifier_key.starts_with("jejak.example/log+"));
  auto signer = ParseSignerKey(pair->signer_key);
  ASSERT_TRUE(signer.ok()) << signer.status().ToString();
  auto verifier = ParseVerifierKey(pair->verifier_key);
  ASSERT_TRUE(verifier.ok()) << verifier.status().ToString();
  EXPECT_EQ(signer->VerifierKey(), pair->verifier_key);
  EXPECT_EQ(signer->key_id(), verifier->key_id());
  EXPECT_EQ(verifier->key_id(),
            KeyId("jejak.example/log", SignatureType::kEd25519, verifier->public_key()));
  auto msg = SignNote("hello\n", *signer);
  ASSERT_TRUE(msg.ok());
  auto note = Open(*msg, {*verifier});
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  EXPECT_EQ(note->text, "hello\n");
  // Two fresh keys differ.
  auto other = GenerateNoteKey("jejak.example/log");
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->verifier_key, pair->verifier_key);
}

TEST_F(NoteTest, KeyNamesFollowGoRules) {
  EXPECT_TRUE(IsValidKeyName("example.com/log42"));
  EXPECT_TRUE(IsValidKeyName("bkn.go.id/jejak"));
  EXPECT_TRUE(IsValidKeyName("caf\xC3\xA9"));
  const std::string bad[] = {"",
                             "a b",
                             "a+b",
                             "a\tb",
                             "a\nb",
                             "a\x01",
                             "\xff",
                             "a\xC3",
                             "\xC0\x80",
                             "\xED\xA0\x80",
                             "a\xC2\xA0"
                             "b",
                             "a\xE2\x80\x80"
                             "b",
                             "a\xE3\x80\x80"
                             "b",
                             "a\xC2\x85"};
  for (const std::string& name : bad) {
    EXPECT_FALSE(IsValidKeyName(name)) << name;
    EXPECT_TRUE(GenerateNoteKey(name).status().IsInvalidArgument()) << name;
  }
}

TEST_F(NoteTest, OpenKeepsUnknownSignaturesUnverified) {
  auto note = Open(text_ + "\n" + kPeterSig + kEnochSig, {peter_});
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  EXPECT_EQ(note->text, text_);
  EXPECT_EQ(note->verified, std::vector<NoteSignature>{kPeter});
  EXPECT_EQ(note->unverified, std::vector<NoteSignature>{kEnoch});

  note = Open(text_ + "\n" + kPeterSig + kEnochSig, {peter_, enoch_});
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  EXPECT_EQ(note->verified, (std::vector<NoteSignature>{kPeter, kEnoch}));
  EXPECT_TRUE(note->unverified.empty());
}

TEST_F(NoteTest, NoteWithoutKnownSignatureIsCorruptionNamingTheKeys) {
  Status s = Open(text_ + "\n" + kPeterSig + kEnochSig, {}).status();
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  s = Open(text_ + "\n" + kEnochSig, {peter_}).status();
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find("PeterNeumann+c74f20a3"), std::string::npos) << s.message();
  // ParseNote reads it, verifying nothing.
  auto note = ParseNote(text_ + "\n" + kPeterSig + kEnochSig);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(note->unverified, (std::vector<NoteSignature>{kPeter, kEnoch}));
}

TEST_F(NoteTest, SameNameOtherKeyIdIsAnUnknownKey) {
  // A key named PeterNeumann but not Peter's: its signature line is ignored.
  auto impostor = GenerateNoteKey("PeterNeumann");
  ASSERT_TRUE(impostor.ok());
  auto signer = ParseSignerKey(impostor->signer_key);
  ASSERT_TRUE(signer.ok());
  auto msg = SignNote(kText, *signer);
  ASSERT_TRUE(msg.ok());
  auto note = Open(*msg, {peter_});
  EXPECT_TRUE(note.status().IsCorruption()) << note.status().ToString();
  // With Peter's real line too, the impostor's stays unverified.
  note = Open(*msg + kPeterSig, {peter_});
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  EXPECT_EQ(note->verified, std::vector<NoteSignature>{kPeter});
  EXPECT_EQ(note->unverified.size(), 1u);
}

TEST_F(NoteTest, ForgedSignatureIsCorruption) {
  const std::string forged = kPeterSig.substr(0, 60) + "ABCD" + kPeterSig.substr(60);
  Status s = Open(text_ + "\n" + forged, {peter_}).status();
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find("invalid signature for key PeterNeumann+c74f20a3"), std::string::npos);
  // A changed text under a good signature.
  std::string changed = text_;
  changed[0] = 'i';
  s = Open(changed + "\n" + kPeterSig, {peter_}).status();
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  // Every single-bit flip of the signature bytes' base64 that still decodes.
  const std::string good = text_ + "\n" + kPeterSig;
  for (size_t i = good.find("x08go") + 6; i + 2 < good.size(); i += 7) {
    std::string bad = good;
    bad[i] = bad[i] == 'A' ? 'B' : 'A';
    s = Open(bad, {peter_}).status();
    EXPECT_TRUE(s.IsCorruption() || s.IsInvalidArgument()) << i << " " << s.ToString();
    EXPECT_FALSE(s.ok());
  }
}

TEST_F(NoteTest, AmbiguousKnownKeysAreRejectedWhenUsed) {
  Status s = Open(text_ + "\n" + kEnochSig, {enoch_, peter_, enoch_}).status();
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
  EXPECT_NE(s.message().find("ambiguous key EnochRoot+af0cfe78"), std::string::npos);
  EXPECT_TRUE(Open(text_ + "\n" + kPeterSig, {enoch_, peter_, enoch_}).ok());
}

TEST_F(NoteTest, DuplicateSignaturesAreDroppedAsGoDoes) {
  const std::string enoch_abcd = kEnochSig.substr(0, 60) + "ABCD" + kEnochSig.substr(60);
  auto note =
      Open(text_ + "\n" + kPeterSig + kPeterSig + kEnochSig + kEnochSig + enoch_abcd, {peter_});
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  EXPECT_EQ(note->verified, std::vector<NoteSignature>{kPeter});
  ASSERT_EQ(note->unverified.size(), 2u);
  EXPECT_EQ(note->unverified[0], kEnoch);
  EXPECT_EQ(note->unverified[1].base64,
            "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/"
            "5nABCD2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=");
}

TEST_F(NoteTest, TooManySignaturesAreRejected) {
  std::string many = text_ + "\n";
  for (int i = 0; i < 101; ++i) many += kPeterSig;
  EXPECT_TRUE(Open(many, {peter_}).status().IsInvalidArgument());
  EXPECT_TRUE(Open(many, {}).status().IsInvalidArgument());
  NoteLimits limits;
  limits.max_signatures = 2;
  EXPECT_TRUE(OpenNote(text_ + "\n" + kPeterSig + kEnochSig, std::vector{peter_}, limits).ok());
  EXPECT_TRUE(
      OpenNote(text_ + "\n" + kPeterSig + kEnochSig + kEnochSig, std::vector{peter_}, limits)
          .status()
          .IsInvalidArgument());
}

TEST_F(NoteTest, OversizedNoteIsRejected) {
  NoteLimits limits;
  const std::string msg = text_ + "\n" + kPeterSig;
  limits.max_bytes = msg.size();
  EXPECT_TRUE(OpenNote(msg, std::vector{peter_}, limits).ok());
  limits.max_bytes = msg.size() - 1;
  EXPECT_TRUE(OpenNote(msg, std::vector{peter_}, limits).status().IsInvalidArgument());
}

// Go's TestOpen "Invalid encoded message syntax", and more.
TEST_F(NoteTest, MalformedNotesAreInvalidArgument) {
  const std::string bad[] = {
      text_,
      text_ + "\n",
      text_ + "\n" + kPeterSig.substr(0, kPeterSig.size() - 1),
      "\x01" + text_ + "\n" + kPeterSig,
      "\xff" + text_ + "\n" + kPeterSig,
      text_ + "\n" +
          "— Bad Name "
          "x08go/ZJkuBS9UG/"
          "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
      text_ + "\n" + kPeterSig + "Unexpected line.\n",
      "",
      "\n",
      "\n\n",
      text_ + "\n" + kPeterSig + "\n",                     // blank line after the signatures
      text_ + "\r\n" + kPeterSig,                          // CR
      text_ + "\n" + "- PeterNeumann x08go/ZJku\n",        // ASCII dash
      text_ + "\n" + "—PeterNeumann x08go/ZJkuBS9UG==\n",  // no space after the dash
      text_ + "\n" + "— PeterNeumann\n",                   // no signature
      text_ + "\n" + "— PeterNeumann \n",                  // empty signature
      text_ + "\n" + "— PeterNeumann x08g\n",              // under 5 bytes
      text_ + "\n" + "— PeterNeumann x08go/Z\n",           // bad base64
      text_ + "\n" + "—  x08go/ZJkuBS9UG/Sffc\n",          // empty name
      text_ + "\n" +
          "— Peter+Neumann "
          "x08go/ZJkuBS9UG/"
          "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
      text_ + "\n" + kPeterSig.substr(0, kPeterSig.size() - 1) + " \n",  // trailing space
      text_ + "\n" + kPeterSig + "\xE2\x80\x94",                         // a truncated line
  };
  for (const std::string& msg : bad) {
    Status s = Open(msg, {peter_}).status();
    EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString() << "\n" << msg;
  }
}

TEST_F(NoteTest, TruncatedNotesAreRejected) {
  const std::string good = text_ + "\n" + kPeterSig;
  for (size_t n = 0; n < good.size(); ++n) {
    Status s = Open(good.substr(0, n), {peter_}).status();
    EXPECT_FALSE(s.ok()) << n;
    EXPECT_TRUE(s.IsInvalidArgument() || s.IsCorruption()) << n << s.ToString();
  }
}

TEST_F(NoteTest, ErrorsNameTheLine) {
  Status s = Open(text_ + "\n" + kPeterSig + "Unexpected line.\n", {peter_}).status();
  EXPECT_NE(s.message().find("line 5"), std::string::npos) << s.message();
  s = Open("a\nb\x01\n\n" + kPeterSig, {peter_}).status();
  EXPECT_NE(s.message().find("line 2"), std::string::npos) << s.message();
}

TEST_F(NoteTest, TextMayHoldBlankLines) {
  auto signer = ParseSignerKey(kPeterSigner);
  ASSERT_TRUE(signer.ok());
  for (std::string text : {"a\n\nb\n", "\n", "a\n\n", "\n\n\n", "ed è subito sera.\n\n— x y\n"}) {
    auto msg = SignNote(text, *signer);
    ASSERT_TRUE(msg.ok()) << text;
    auto note = Open(*msg, {peter_});
    ASSERT_TRUE(note.ok()) << note.status().ToString();
    EXPECT_EQ(note->text, text);
  }
}

TEST_F(NoteTest, SignRejectsInvalidText) {
  auto signer = ParseSignerKey(kPeterSigner);
  ASSERT_TRUE(signer.ok());
  for (std::string text : {"", "abc", "a\x01\n", "\xff\n", "a\r\n", "a\tb\n"}) {
    EXPECT_TRUE(SignNote(text, *signer).status().IsInvalidArgument()) << text;
  }
  auto witness = GenerateCosignerKey("witness.example/w1");
  ASSERT_TRUE(witness.ok());
  auto cosigner = ParseCosignerKey(witness->signer_key);
  ASSERT_TRUE(cosigner.ok());
  EXPECT_TRUE(SignNote(kText, *cosigner).status().IsInvalidArgument());
}

TEST_F(NoteTest, AddSignatureLinesMatchesGoResigning) {
  // Go's package doc: Enoch's signature added to Peter's note.
  auto msg = AddSignatureLines(text_ + "\n" + kPeterSig, kEnochSig);
  ASSERT_TRUE(msg.ok()) << msg.status().ToString();
  EXPECT_EQ(*msg, text_ + "\n" + kPeterSig + kEnochSig);
  auto note = Open(*msg, {peter_, enoch_});
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  EXPECT_EQ(note->verified.size(), 2u);
  // A key's new line replaces its old one.
  msg = AddSignatureLines(text_ + "\n" + kPeterSig + kEnochSig, kPeterSig);
  ASSERT_TRUE(msg.ok());
  EXPECT_EQ(*msg, text_ + "\n" + kEnochSig + kPeterSig);
}

TEST_F(NoteTest, AddSignatureLinesRejectsMalformedInput) {
  const std::string note = text_ + "\n" + kPeterSig;
  EXPECT_TRUE(AddSignatureLines(note, "").status().IsInvalidArgument());
  EXPECT_TRUE(AddSignatureLines(note, kEnochSig.substr(0, kEnochSig.size() - 1))
                  .status()
                  .IsInvalidArgument());
  EXPECT_TRUE(AddSignatureLines(note, "hello\n").status().IsInvalidArgument());
  EXPECT_TRUE(AddSignatureLines(note, kEnochSig + "\n").status().IsInvalidArgument());
  EXPECT_TRUE(AddSignatureLines(text_, kEnochSig).status().IsInvalidArgument());
  NoteLimits limits;
  limits.max_signatures = 1;
  EXPECT_TRUE(AddSignatureLines(note, kEnochSig, limits).status().IsInvalidArgument());
}

}  // namespace
}  // namespace jejak::integrity
