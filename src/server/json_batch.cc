#include "server/json_batch.h"

namespace jejak::server {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && IsSpace(s[i])) ++i;
  return i;
}

// Scans the object starting at s[i] == '{' to just past its closing brace,
// tracking strings and nesting. Returns the end, or npos with `error` set.
size_t ScanObject(std::string_view s, size_t i, int max_depth, size_t item, BatchError* error) {
  int depth = 0;
  const auto fail = [&](BatchError::Kind kind, std::string message) {
    error->kind = kind;
    error->item = item;
    error->message = std::move(message);
    return std::string_view::npos;
  };
  if (i >= s.size() || s[i] != '{') {
    return fail(BatchError::Kind::kSyntax, "item " + std::to_string(item) + ": not a JSON object");
  }
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      for (++i; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\') ++i;
        else if (static_cast<unsigned char>(s[i]) < 0x20) {
          return fail(BatchError::Kind::kSyntax,
                      "item " + std::to_string(item) + ": control character in a string");
        }
      }
      if (i >= s.size()) break;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) {
        return fail(BatchError::Kind::kTooDeep, "item " + std::to_string(item) +
                                                    ": nested deeper than " +
                                                    std::to_string(max_depth) + " levels");
      }
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
  }
  return fail(BatchError::Kind::kSyntax, "item " + std::to_string(item) + ": cut short");
}

bool TooMany(size_t count, const BatchLimits& limits, BatchError* error) {
  if (count < limits.max_items) return false;
  error->kind = BatchError::Kind::kTooMany;
  error->item = count;
  error->message = "more than " + std::to_string(limits.max_items) + " events in one request";
  return true;
}

bool SplitArray(std::string_view body, const BatchLimits& limits,
                std::vector<std::string_view>* items, BatchError* error) {
  size_t i = SkipSpace(body, 0);
  const auto syntax = [&](std::string message) {
    error->kind = BatchError::Kind::kSyntax;
    error->item = items->size();
    error->message = std::move(message);
    return false;
  };
  if (i >= body.size() || body[i] != '[') return syntax("the body is not a JSON array");
  i = SkipSpace(body, i + 1);
  if (i < body.size() && body[i] == ']') {
    i = SkipSpace(body, i + 1);
    return i == body.size() ? true : syntax("text after the array");
  }
  while (true) {
    if (TooMany(items->size(), limits, error)) return false;
    const size_t end = ScanObject(body, i, limits.max_depth, items->size(), error);
    if (end == std::string_view::npos) return false;
    items->push_back(body.substr(i, end - i));
    i = SkipSpace(body, end);
    if (i < body.size() && body[i] == ',') {
      i = SkipSpace(body, i + 1);
      continue;
    }
    if (i < body.size() && body[i] == ']') break;
    return syntax("item " + std::to_string(items->size() - 1) + ": want ',' or ']' after it");
  }
  i = SkipSpace(body, i + 1);
  return i == body.size() ? true : syntax("text after the array");
}

bool SplitLines(std::string_view body, const BatchLimits& limits,
                std::vector<std::string_view>* items, BatchError* error) {
  size_t start = 0;
  while (start < body.size()) {
    size_t nl = body.find('\n', start);
    if (nl == std::string_view::npos) nl = body.size();
    const std::string_view line = body.substr(start, nl - start);
    start = nl + 1;
    const size_t first = SkipSpace(line, 0);
    if (first == line.size()) continue;
    if (TooMany(items->size(), limits, error)) return false;
    const size_t end = ScanObject(line, first, limits.max_depth, items->size(), error);
    if (end == std::string_view::npos) return false;
    if (SkipSpace(line, end) != line.size()) {
      error->kind = BatchError::Kind::kSyntax;
      error->item = items->size();
      error->message = "item " + std::to_string(items->size()) + ": text after the object on its line";
      return false;
    }
    items->push_back(line.substr(first, end - first));
  }
  return true;
}

}  // namespace

bool SplitBatch(std::string_view body, bool ndjson, const BatchLimits& limits,
                std::vector<std::string_view>* items, BatchError* error) {
  items->clear();
  return ndjson ? SplitLines(body, limits, items, error) : SplitArray(body, limits, items, error);
}

}  // namespace jejak::server
