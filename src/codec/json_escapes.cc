#include "codec/json_escapes.h"

#include <cstdint>

namespace jejak::codec::internal {

namespace {

// The 4 hex digits at json[pos..pos+4), or -1.
int32_t Hex4(std::string_view json, size_t pos) {
  if (pos + 4 > json.size()) return -1;
  int32_t v = 0;
  for (size_t i = pos; i < pos + 4; ++i) {
    const char c = json[i];
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      d = c - 'A' + 10;
    } else {
      return -1;
    }
    v = v * 16 + d;
  }
  return v;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
  }
  out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
}

Status BadEscape(size_t pos, const char* why) {
  return Status::InvalidArgument("invalid JSON: \\u escape at byte " + std::to_string(pos) +
                                 ": " + why);
}

}  // namespace

bool HasUnicodeEscape(std::string_view json) {
  for (size_t i = json.find('\\'); i != std::string_view::npos; i = json.find('\\', i + 2)) {
    if (i + 1 < json.size() && json[i + 1] == 'u') return true;
  }
  return false;
}

Result<std::string> RewriteUnicodeEscapes(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (!in_string) {
      if (c == '"') in_string = true;
      out.push_back(c);
      continue;
    }
    if (c == '"') {
      in_string = false;
      out.push_back(c);
      continue;
    }
    if (c != '\\' || i + 1 >= json.size() || json[i + 1] != 'u') {
      out.push_back(c);
      if (c == '\\' && i + 1 < json.size()) out.push_back(json[++i]);  // \" \\ \n ...
      continue;
    }
    int32_t cp = Hex4(json, i + 2);
    if (cp < 0) return BadEscape(i, "needs 4 hex digits");
    size_t end = i + 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      const int32_t low = end + 1 < json.size() && json[end] == '\\' && json[end + 1] == 'u'
                              ? Hex4(json, end + 2)
                              : -1;
      if (low < 0xDC00 || low > 0xDFFF) return BadEscape(i, "lone high surrogate");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      end += 6;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return BadEscape(i, "lone low surrogate");
    }
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        if (cp < 0x20) return BadEscape(i, "control characters are not allowed in event text");
        if (cp < 0x80) {
          out.push_back(static_cast<char>(cp));
        } else {
          AppendUtf8(static_cast<uint32_t>(cp), &out);
        }
    }
    i = end - 1;
  }
  return out;
}

}  // namespace jejak::codec::internal
