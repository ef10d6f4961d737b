// Base64 is RFC 4648's padded standard alphabet, decoded strictly.
#include "jejak/integrity/base64.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jejak::integrity {
namespace {

std::string Decoded(std::string_view text) {
  auto bytes = Base64Decode(text);
  EXPECT_TRUE(bytes.ok()) << text << ": " << bytes.status().ToString();
  if (!bytes.ok()) return "";
  return std::string(bytes->begin(), bytes->end());
}

TEST(Base64Test, Rfc4648Vectors) {
  const std::pair<std::string, std::string> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(Base64Encode(plain), encoded);
    EXPECT_EQ(Decoded(encoded), plain);
  }
}

TEST(Base64Test, EveryByteValueRoundTrips) {
  std::vector<uint8_t> bytes;
  for (int n = 0; n < 300; ++n) {
    bytes.push_back(static_cast<uint8_t>(n * 7));
    auto back = Base64Decode(Base64Encode(bytes));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, bytes);
  }
}

TEST(Base64Test, MalformedTextIsRejected) {
  const char* bad[] = {
      "Zg",            // no padding
      "Zg=",           // short padding
      "Zg===",         // extra padding
      "Zm9v\n",        // newline
      " Zm9v",         // space
      "Zm 9v",         // inner space
      "Zm9vYg==Zg==",  // padding in the middle
      "Zh==",          // nonzero unused bits
      "Zm9=",          // nonzero unused bits
      "Zm-v",          // URL alphabet
      "Zm_v",          // URL alphabet
      "====",          // padding only
      "Z===",          // a lone character
      "Zm9v=",         // padding after a full group
  };
  for (const char* text : bad) {
    auto r = Base64Decode(text);
    EXPECT_FALSE(r.ok()) << text;
    EXPECT_TRUE(r.status().IsInvalidArgument()) << text;
  }
}

}  // namespace
}  // namespace jejak::integrity
