// docs/openapi.yaml documents exactly the routes the server answers.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

#include "server/router.h"

namespace jejak::server {
namespace {

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

TEST(OpenApiTest, PathsAndMethodsAreTheRouteTable) {
  const char* src = std::getenv("JEJAK_SOURCE_DIR");
  std::ifstream in(std::string(src != nullptr ? src : ".") + "/docs/openapi.yaml");
  ASSERT_TRUE(in) << "docs/openapi.yaml";
  std::set<std::string> documented;
  const std::regex path_line(R"(^  (/[^:\s]*):\s*$)");
  const std::regex method_line(R"(^    (get|post|put|delete|patch|head):\s*$)");
  std::string line, path;
  bool in_paths = false;
  while (std::getline(in, line)) {
    if (line == "paths:") {
      in_paths = true;
      continue;
    }
    if (!line.empty() && line[0] != ' ' && line[0] != '#') in_paths = false;
    if (!in_paths) continue;
    std::smatch m;
    if (std::regex_match(line, m, path_line)) {
      path = m[1];
    } else if (std::regex_match(line, m, method_line) && !path.empty()) {
      documented.insert(Upper(m[1]) + " " + path);
    }
  }
  std::set<std::string> served;
  for (const Route& r : Routes()) {
    std::string pattern = r.pattern;
    if (const size_t at = pattern.find("...}"); at != std::string::npos) pattern.erase(at, 3);
    served.insert(std::string(r.method) + " " + pattern);
  }
  EXPECT_EQ(documented, served);
}

}  // namespace
}  // namespace jejak::server
