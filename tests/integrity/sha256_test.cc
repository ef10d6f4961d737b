// SHA-256 gives the FIPS 180-4 digests, streamed in any pieces.
#include "jejak/integrity/sha256.h"

#include <string>

#include <gtest/gtest.h>

namespace jejak::integrity {
namespace {

std::string Hex(const Hash& h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : h) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xf];
  }
  return out;
}

TEST(Sha256Test, GivesThePublishedDigests) {
  EXPECT_EQ(Hex(Sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Hex(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Hex(Sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Hex(Sha256(std::string(1000000, 'a'))),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, StreamingInAnyPiecesGivesTheOneShotDigest) {
  std::string message;
  for (int i = 0; i < 300; ++i) message += static_cast<char>(i * 7 + 3);
  const Hash want = Sha256(message);
  for (size_t split1 = 0; split1 <= message.size(); split1 += 13) {
    for (size_t split2 = split1; split2 <= message.size(); split2 += 29) {
      Sha256Hasher hasher;
      hasher.Update(std::string_view(message).substr(0, split1))
          .Update(std::string_view(message).substr(split1, split2 - split1))
          .Update(std::string_view(message).substr(split2));
      ASSERT_EQ(hasher.Final(), want) << split1 << " " << split2;
    }
  }
}

TEST(Sha256Test, UpdateWithAHashHashesItsBytes) {
  const Hash h = Sha256("x");
  const std::string_view bytes(reinterpret_cast<const char*>(h.data()), h.size());
  EXPECT_EQ(Sha256Hasher().Update(h).Update("y").Final(),
            Sha256(std::string(bytes) + "y"));
}

TEST(Sha256Test, FinalResetsTheHasherForTheNextMessage) {
  Sha256Hasher hasher;
  hasher.Update("first message");
  (void)hasher.Final();
  EXPECT_EQ(hasher.Final(), Sha256(""));
  EXPECT_EQ(hasher.Update("abc").Final(), Sha256("abc"));
}

TEST(Sha256Test, ACopyContinuesFromTheSameState) {
  Sha256Hasher prefix;
  prefix.Update("common prefix ");
  Sha256Hasher a = prefix;
  Sha256Hasher b = prefix;
  EXPECT_EQ(a.Update("a").Final(), Sha256("common prefix a"));
  EXPECT_EQ(b.Update("b").Final(), Sha256("common prefix b"));
  EXPECT_EQ(prefix.Final(), Sha256("common prefix "));
}

}  // namespace
}  // namespace jejak::integrity
