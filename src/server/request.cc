#include <algorithm>

#include "server/http_types.h"

namespace jejak::server {

namespace {
const std::string kEmpty;
}  // namespace

const std::string& Request::Query(std::string_view name) const {
  auto it = query.find(name);
  return it == query.end() ? kEmpty : it->second;
}

const std::string& Request::Param(std::string_view name) const {
  auto it = params.find(name);
  return it == params.end() ? kEmpty : it->second;
}

bool Request::Accepts(std::string_view media_type) const {
  std::string_view rest = accept;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    item = item.substr(0, item.find(';'));
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.size() == media_type.size() &&
        std::equal(item.begin(), item.end(), media_type.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return true;
    }
  }
  return false;
}

}  // namespace jejak::server
