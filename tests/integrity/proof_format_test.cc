// tlog-proof and add-checkpoint bodies: the specs' examples read back,
// formats round-trip, and every malformed line is rejected by number.
#include "jejak/integrity/proof_format.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "jejak/integrity/base64.h"
#include "jejak/integrity/merkle.h"

namespace jejak::integrity {
namespace {

// The checkpoint of c2sp.org/tlog-witness's example request.
constexpr std::string_view kCheckpoint =
    "example.com/behind-the-sofa\n"
    "20852163\n"
    "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
    "\n"
    "— example.com/behind-the-sofa "
    "Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
    "— example.com/behind-the-sofa "
    "opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/"
    "V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=\n";

constexpr std::string_view kWitnessHashes =
    "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n"
    "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n"
    "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=\n"
    "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=\n";

Hash HashOf(uint8_t seed) {
  Hash h;
  for (size_t i = 0; i < h.size(); ++i) h[i] = static_cast<uint8_t>(seed + i);
  return h;
}

std::string Lines(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += Base64Encode(HashOf(static_cast<uint8_t>(i))) + "\n";
  return out;
}

TEST(AddCheckpointTest, ParsesWitnessSpecExample) {
  const std::string body =
      "old 20852014\n" + std::string(kWitnessHashes) + "\n" + std::string(kCheckpoint);
  auto request = ParseAddCheckpointRequest(body);
  ASSERT_TRUE(request.ok()) << request.status().ToString();
  EXPECT_EQ(request->old_size, 20852014u);
  ASSERT_EQ(request->consistency_proof.size(), 4u);
  EXPECT_EQ(Base64Encode(request->consistency_proof[3]),
            "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=");
  EXPECT_EQ(request->checkpoint, kCheckpoint);
  EXPECT_EQ(FormatAddCheckpointRequest(*request), body);
}

TEST(AddCheckpointTest, RoundTripsFromZeroToTheCap) {
  for (int n : {0, 1, 63}) {
    AddCheckpointRequest request{static_cast<uint64_t>(n), {}, std::string(kCheckpoint)};
    for (int i = 0; i < n; ++i)
      request.consistency_proof.push_back(HashOf(static_cast<uint8_t>(i)));
    const std::string body = FormatAddCheckpointRequest(request);
    auto back = ParseAddCheckpointRequest(body);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, request);
  }
  EXPECT_EQ(FormatAddCheckpointRequest({0, {}, std::string(kCheckpoint)}),
            "old 0\n\n" + std::string(kCheckpoint));
}

TEST(AddCheckpointTest, MalformedBodiesNameTheLine) {
  const std::string cp(kCheckpoint);
  const std::string h = Lines(1);
  const std::pair<std::string, std::string> bad[] = {
      {"", "line 1: missing"},
      {"old 5", "line 1: old line does not end"},
      {"old 05\n\n" + cp, "line 1:"},
      {"old -1\n\n" + cp, "line 1:"},
      {"old 1 \n\n" + cp, "line 1:"},
      {"Old 1\n\n" + cp, "line 1:"},
      {"old  1\n\n" + cp, "line 1:"},
      {"old\n\n" + cp, "line 1:"},
      {"old 18446744073709551616\n\n" + cp, "line 1:"},
      {"old 1\n" + h + h.substr(1) + "\n" + cp, "line 3: proof hash"},        // bad base64
      {"old 1\n" + h + "AAAA" + h + "\n" + cp, "line 3: proof hash"},         // 35 bytes
      {"old 1\n" + h.substr(0, 40) + "AA==\n\n" + cp, "line 2: proof hash"},  // 31 bytes
      {"old 1\n" + h + " \n" + cp, "line 3: proof hash"},                     // not empty
      {"old 1\n" + h + cp, "line 3: proof hash"},                             // no empty line
      {"old 1\n" + h, "line 3: missing empty line"},
      {"old 1\n" + Lines(64) + "\n" + cp, "line 65: more than 63"},
      {"old 1\n\n", "checkpoint from line 3"},
      {"old 1\n\nexample.com/x\n5\n", "checkpoint from line 3"},  // unsigned
      {"old 1\n\nhello\n\n— a Az3grlgtzPICa5OS8npVmf1Myq/5I=\n", "checkpoint from line 3"},
      {"old 20852164\n\n" + cp, "old size 20852164 exceeds"},
      {"old 1\n\n" + cp + "trailing\n", "checkpoint from line 3"},
      {"old 1\r\n\n" + cp, "line 1:"},
  };
  for (const auto& [body, where] : bad) {
    Status s = ParseAddCheckpointRequest(body).status();
    EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString() << "\n" << body;
    EXPECT_NE(s.message().find(where), std::string::npos) << s.message() << " / " << where;
  }
  NoteLimits limits;
  const std::string good = "old 1\n\n" + cp;
  limits.max_bytes = good.size();
  EXPECT_TRUE(ParseAddCheckpointRequest(good, limits).ok());
  limits.max_bytes = good.size() - 1;
  EXPECT_TRUE(ParseAddCheckpointRequest(good, limits).status().IsInvalidArgument());
}

TEST(TlogProofTest, ParsesSpecShapedProof) {
  const std::string text =
      "c2sp.org/tlog-proof@v1\n"
      "extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6\n"
      "index 73894\n" +
      std::string(kWitnessHashes) + "\n" + std::string(kCheckpoint);
  auto proof = ParseTlogProof(text);
  ASSERT_TRUE(proof.ok()) << proof.status().ToString();
  EXPECT_EQ(proof->extra, "age-v1.2.1-darwin-arm64.tar.gz");
  EXPECT_EQ(proof->index, 73894u);
  EXPECT_EQ(proof->inclusion_proof.size(), 4u);
  EXPECT_EQ(proof->checkpoint, kCheckpoint);
  EXPECT_EQ(FormatTlogProof(*proof), text);
}

TEST(TlogProofTest, RoundTrips) {
  for (int n : {0, 1, 64}) {
    for (bool with_extra : {false, true}) {
      TlogProof proof;
      if (with_extra) proof.extra = std::string("\0x\xff", 3);
      proof.index = static_cast<uint64_t>(n) * 1000;
      for (int i = 0; i < n; ++i) proof.inclusion_proof.push_back(HashOf(static_cast<uint8_t>(i)));
      proof.checkpoint = kCheckpoint;
      const std::string text = FormatTlogProof(proof);
      auto back = ParseTlogProof(text);
      ASSERT_TRUE(back.ok()) << back.status().ToString();
      EXPECT_EQ(*back, proof);
    }
  }
  TlogProof empty_extra{std::string(), 0, {}, std::string(kCheckpoint)};
  EXPECT_EQ(FormatTlogProof(empty_extra),
            "c2sp.org/tlog-proof@v1\nextra \nindex 0\n\n" + std::string(kCheckpoint));
  EXPECT_EQ(ParseTlogProof(FormatTlogProof(empty_extra)).value(), empty_extra);
}

TEST(TlogProofTest, MalformedProofsNameTheLine) {
  const std::string cp(kCheckpoint);
  const std::string head = "c2sp.org/tlog-proof@v1\n";
  const std::string h = Lines(1);
  const std::pair<std::string, std::string> bad[] = {
      {"", "line 1: missing"},
      {"c2sp.org/tlog-proof@v2\nindex 0\n\n" + cp, "line 1: want"},
      {"c2sp.org/tlog-proof@v1 \nindex 0\n\n" + cp, "line 1: want"},
      {head, "line 2: missing"},
      {head + "index 0", "line 2: index line does not end"},
      {head + "index 00\n\n" + cp, "line 2:"},
      {head + "index x\n\n" + cp, "line 2:"},
      {head + "extra !!\nindex 0\n\n" + cp, "line 2: extra data"},
      {head + "extra Zg=\nindex 0\n\n" + cp, "line 2: extra data"},
      {head + "extra Zg==\n\n" + cp, "line 3: want \"index"},
      {head + "extra Zg==\nextra Zg==\nindex 0\n\n" + cp, "line 3: want \"index"},
      {head + "index 0\nextra Zg==\n\n" + cp, "line 3: proof hash"},
      {head + "\nindex 0\n\n" + cp, "line 2: want \"index"},
      {head + "index 0\n" + h + cp, "line 4: proof hash"},
      {head + "index 0\n" + Lines(65) + "\n" + cp, "line 67: more than 64"},
      {head + "index 0\n" + h + "\n", "checkpoint from line 5"},
      {head + "index 0\n\n" + cp.substr(0, cp.size() - 1), "checkpoint from line 4"},
      {head + "index 0\n\n" + "not\na checkpoint\n\n— x Az3grlgtzPICa5OS8npVmf1Myq/5I=\n",
       "checkpoint from line 4"},
  };
  for (const auto& [text, where] : bad) {
    Status s = ParseTlogProof(text).status();
    EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString() << "\n" << text;
    EXPECT_NE(s.message().find(where), std::string::npos) << s.message() << " / " << where;
  }
}

// A tree of three leaves, by hand: root = H(H(a, b), c).
TEST(TlogProofTest, VerifyChecksSignatureAndInclusion) {
  auto keys = GenerateNoteKey("bkn.example/jejak");
  ASSERT_TRUE(keys.ok());
  auto signer = ParseSignerKey(keys->signer_key);
  auto verifier = ParseVerifierKey(keys->verifier_key);
  ASSERT_TRUE(signer.ok() && verifier.ok());
  const Hash a = RecordHash("a"), b = RecordHash("b"), c = RecordHash("c");
  const Checkpoint checkpoint{"bkn.example/jejak", 3, NodeHash(NodeHash(a, b), c), {}};
  auto note = SignNote(FormatCheckpoint(checkpoint), *signer);
  ASSERT_TRUE(note.ok());
  const std::vector<NoteVerifier> known{*verifier};

  TlogProof proof{std::nullopt, 0, {b, c}, *note};
  auto parsed = ParseTlogProof(FormatTlogProof(proof));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto verified = VerifyTlogProof(*parsed, a, known);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(*verified, checkpoint);
  EXPECT_TRUE(VerifyTlogProof(TlogProof{std::nullopt, 2, {NodeHash(a, b)}, *note}, c, known).ok());

  // Another leaf, another index, a changed proof hash: Corruption.
  EXPECT_TRUE(VerifyTlogProof(proof, b, known).status().IsCorruption());
  EXPECT_TRUE(
      VerifyTlogProof(TlogProof{std::nullopt, 1, {b, c}, *note}, a, known).status().IsCorruption());
  EXPECT_TRUE(
      VerifyTlogProof(TlogProof{std::nullopt, 0, {a, c}, *note}, a, known).status().IsCorruption());
  // Index outside the tree, a proof of the wrong length: InvalidArgument.
  EXPECT_TRUE(VerifyTlogProof(TlogProof{std::nullopt, 3, {b, c}, *note}, a, known)
                  .status()
                  .IsInvalidArgument());
  EXPECT_TRUE(VerifyTlogProof(TlogProof{std::nullopt, 0, {b}, *note}, a, known)
                  .status()
                  .IsInvalidArgument());
  // Not signed by the known key: Corruption.
  auto other = GenerateNoteKey("bkn.example/jejak");
  auto other_verifier = ParseVerifierKey(other->verifier_key);
  ASSERT_TRUE(other_verifier.ok());
  EXPECT_TRUE(VerifyTlogProof(proof, a, std::vector{*other_verifier}).status().IsCorruption());
}

}  // namespace
}  // namespace jejak::integrity
