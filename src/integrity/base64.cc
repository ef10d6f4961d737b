#include "jejak/integrity/base64.h"

#include <sodium.h>

namespace jejak::integrity {

std::string Base64Encode(std::span<const uint8_t> bytes) {
  const size_t size = sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(size, '\0');  // `size` counts the terminating NUL
  sodium_bin2base64(out.data(), size, bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();
  return out;
}

std::string Base64Encode(std::string_view bytes) {
  return Base64Encode(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}

Result<std::vector<uint8_t>> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) {
    return Status::InvalidArgument("base64: length " + std::to_string(text.size()) +
                                   " is not a multiple of 4");
  }
  if (text.empty()) return std::vector<uint8_t>();  // libsodium wants a buffer
  std::vector<uint8_t> out(text.size() / 4 * 3);
  size_t len = 0;
  // No `ignore` characters and no end pointer: libsodium then fails unless
  // the whole text is consumed, and it rejects nonzero padding bits, which
  // makes the encoding canonical (Go's StdEncoding would accept them).
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return Status::InvalidArgument("base64: malformed text");
  }
  out.resize(len);
  return out;
}

}  // namespace jejak::integrity
