// The route table: which handler answers which method and path. The same
// table is what docs/openapi.yaml documents (tests/server/openapi_test.cc
// compares them).
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "server/handlers.h"

namespace jejak::server {

struct Route {
  const char* method;   // "GET", "POST"
  // Segments separated by '/'; "{name}" matches one non-empty segment,
  // "{name...}" (last only) the rest of the path, one segment or more.
  const char* pattern;
  Handler handler;
  bool is_public;       // answered without a token
};

// Every route, in match order.
std::span<const Route> Routes();

enum class RouteMatch { kFound, kNotFound, kMethodNotAllowed };

// Matches `path` (not decoded; without the query) and `method` against
// the table. kFound: `*route` is set and `params` holds the decoded path
// parameters. kMethodNotAllowed: the path is known; `allow` lists its
// methods. A parameter that does not decode to UTF-8 makes the path
// unknown.
RouteMatch MatchRoute(std::string_view method, std::string_view path, const Route** route,
                      std::map<std::string, std::string, std::less<>>* params,
                      std::string* allow);

}  // namespace jejak::server
