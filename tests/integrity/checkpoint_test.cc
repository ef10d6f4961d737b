// Checkpoints: the spec's example reads back, formatting round-trips, and
// every line is parsed strictly.
#include "jejak/integrity/checkpoint.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "jejak/integrity/merkle.h"

namespace jejak::integrity {
namespace {

// c2sp.org/tlog-checkpoint.
constexpr std::string_view kSpecText =
    "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
constexpr std::string_view kRoot64 = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

Checkpoint Sample() {
  Checkpoint c;
  c.origin = "bkn.example/jejak";
  c.size = 1000;
  for (size_t i = 0; i < c.root.size(); ++i) c.root[i] = static_cast<uint8_t>(i * 13);
  return c;
}

TEST(CheckpointTest, ParsesSpecExample) {
  auto c = ParseCheckpoint(kSpecText);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->origin, "example.com/behind-the-sofa");
  EXPECT_EQ(c->size, 20852163u);
  EXPECT_EQ(c->root[0], 0x0a);
  EXPECT_EQ(c->root[31], 0x62);
  EXPECT_TRUE(c->extensions.empty());
  EXPECT_EQ(FormatCheckpoint(*c), kSpecText);
}

TEST(CheckpointTest, FormatRoundTrips) {
  Checkpoint c = Sample();
  ASSERT_TRUE(ValidateCheckpoint(c).ok());
  EXPECT_EQ(ParseCheckpoint(FormatCheckpoint(c)).value(), c);
  c.extensions = {"ext one", "— two"};
  ASSERT_TRUE(ValidateCheckpoint(c).ok());
  const std::string text = FormatCheckpoint(c);
  EXPECT_TRUE(text.ends_with("\next one\n— two\n")) << text;
  EXPECT_EQ(ParseCheckpoint(text).value(), c);
  c.size = 0;
  c.root = EmptyTreeHash();
  c.extensions.clear();
  EXPECT_EQ(FormatCheckpoint(c),
            "bkn.example/jejak\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
  c.size = UINT64_MAX;
  EXPECT_EQ(ParseCheckpoint(FormatCheckpoint(c)).value(), c);
}

TEST(CheckpointTest, InvalidFieldsAreNamed) {
  Checkpoint c = Sample();
  c.origin = "";
  EXPECT_TRUE(ValidateCheckpoint(c).IsInvalidArgument());
  c.origin = "a\nb";
  EXPECT_TRUE(ValidateCheckpoint(c).IsInvalidArgument());
  c = Sample();
  c.extensions = {"ok", ""};
  Status s = ValidateCheckpoint(c);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("extension line 2"), std::string::npos) << s.message();
  c.extensions = {"a\x01"};
  EXPECT_TRUE(ValidateCheckpoint(c).IsInvalidArgument());
}

TEST(CheckpointTest, SizeIsCanonicalDecimal) {
  EXPECT_EQ(ParseCanonicalDecimal("0"), 0u);
  EXPECT_EQ(ParseCanonicalDecimal("18446744073709551615"), UINT64_MAX);
  for (std::string_view bad : {"", "00", "01", "+1", "-1", " 1", "1 ", "1e3", "0x10", "١",
                               "18446744073709551616", "99999999999999999999"}) {
    EXPECT_FALSE(ParseCanonicalDecimal(bad).has_value()) << bad;
    const std::string text = "o\n" + std::string(bad) + "\n" + std::string(kRoot64) + "\n";
    Status s = ParseCheckpoint(text).status();
    EXPECT_TRUE(s.IsInvalidArgument()) << bad;
    EXPECT_NE(s.message().find("line 2"), std::string::npos) << s.message();
  }
}

TEST(CheckpointTest, MalformedTextIsRejectedNamingTheLine) {
  const std::string root(kRoot64);
  const std::pair<std::string, std::string> bad[] = {
      {"", "empty"},
      {"o\n1\n" + root, "newline"},  // no final newline
      {"o\n1\n", "lines"},           // no root
      {"o\n", "lines"},
      {"\n1\n" + root + "\n", "line 1"},                     // empty origin
      {"o\n1\n" + root.substr(4) + "\n", "line 3"},          // short base64
      {"o\n1\nAAAA" + root + "\n", "line 3"},                // 35 bytes
      {"o\n1\n" + root.substr(0, 40) + "AA==\n", "line 3"},  // 31 bytes
      {"o\n1\n" + root.substr(0, 43) + "\n", "line 3"},      // no padding
      {"o\n1\n" + root + " \n", "line 3"},                   // trailing space
      {"o\n1\n" + root + "\n\n", "line 4"},                  // empty extension
      {"o\n1\n" + root + "\next\n\nmore\n", "line 5"},       // empty extension
      {"o\r\n1\n" + root + "\n", "line 1"},                  // control character
      {"o\xff\n1\n" + root + "\n", "line 1"},                // invalid UTF-8
  };
  for (const auto& [text, where] : bad) {
    Status s = ParseCheckpoint(text).status();
    EXPECT_TRUE(s.IsInvalidArgument()) << text;
    EXPECT_NE(s.message().find(where), std::string::npos) << s.message();
  }
}

TEST(CheckpointTest, OpenCheckpointVerifiesTheLogSignature) {
  auto keys = GenerateNoteKey("bkn.example/jejak");
  ASSERT_TRUE(keys.ok());
  auto signer = ParseSignerKey(keys->signer_key);
  auto verifier = ParseVerifierKey(keys->verifier_key);
  ASSERT_TRUE(signer.ok() && verifier.ok());
  const Checkpoint c = Sample();
  auto note = SignNote(FormatCheckpoint(c), *signer);
  ASSERT_TRUE(note.ok());
  const std::vector<NoteVerifier> known{*verifier};
  auto opened = OpenCheckpoint(*note, known);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(*opened, c);

  // Another size under the same signature.
  std::string forged = *note;
  forged.replace(forged.find("\n1000\n"), 6, "\n1001\n");
  EXPECT_TRUE(OpenCheckpoint(forged, known).status().IsCorruption());
  // Signed by another key of the same name.
  auto other = GenerateNoteKey("bkn.example/jejak");
  ASSERT_TRUE(other.ok());
  auto other_signer = ParseSignerKey(other->signer_key);
  ASSERT_TRUE(other_signer.ok());
  auto wrong = SignNote(FormatCheckpoint(c), *other_signer);
  ASSERT_TRUE(wrong.ok());
  EXPECT_TRUE(OpenCheckpoint(*wrong, known).status().IsCorruption());
  // A signed note that is not a checkpoint.
  auto not_checkpoint = SignNote("hello\n", *signer);
  ASSERT_TRUE(not_checkpoint.ok());
  EXPECT_TRUE(OpenCheckpoint(*not_checkpoint, known).status().IsInvalidArgument());
}

}  // namespace
}  // namespace jejak::integrity
