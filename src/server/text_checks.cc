#include "server/text_checks.h"

#include <cstdint>

namespace jejak::server {

std::optional<std::string> PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    const int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    const char c = static_cast<char>(hi * 16 + lo);
    if (c == '\0') return std::nullopt;
    out.push_back(c);
    i += 2;
  }
  if (!IsValidUtf8(out)) return std::nullopt;
  return out;
}

Status ParseQuery(std::string_view query, std::map<std::string, std::string, std::less<>>* out) {
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    const std::string_view part = query.substr(start, amp - start);
    start = amp + 1;
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    const auto name = PercentDecode(part.substr(0, eq));
    const auto value = PercentDecode(eq == std::string_view::npos ? std::string_view()
                                                                  : part.substr(eq + 1));
    if (!name || !value || name->empty()) {
      return Status::InvalidArgument("query parameter \"" + std::string(part.substr(0, 64)) +
                                     "\": malformed percent-encoding or not UTF-8");
    }
    (*out)[*name] = *value;
  }
  return Status::Ok();
}

}  // namespace jejak::server
