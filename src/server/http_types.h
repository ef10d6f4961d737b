// The server's own view of a request and an answer: what handlers read and
// return, free of Beast (only session.cc speaks HTTP).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jejak/server/tokens.h"

namespace jejak::server {

class EventFeed;

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as received: path and query
  std::string path;    // target without the query, not decoded
  // Query parameters, percent-decoded; a repeated name keeps its last value.
  std::map<std::string, std::string, std::less<>> query;
  // Path parameters of the matched route ("{nip}" -> "nip"), decoded.
  std::map<std::string, std::string, std::less<>> params;
  std::string content_type;  // media type only, lower case, no parameters
  std::string accept;        // the Accept header as sent
  std::string last_event_id; // the Last-Event-ID header as sent
  std::string body;
  std::string remote;        // peer address, no port
  std::optional<Principal> principal;  // set for every route but the public ones

  // The query parameter `name`, or "" when absent.
  const std::string& Query(std::string_view name) const;
  // The path parameter `name` (REQUIRES: the route has it).
  const std::string& Param(std::string_view name) const;
  // Whether Accept names `media_type` (exactly, ignoring parameters).
  bool Accepts(std::string_view media_type) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set for a subscription: after the headers the connection streams what
  // the feed yields until it ends, the client leaves or the server drains.
  std::shared_ptr<EventFeed> feed;

  static Response Json(int status, std::string body) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
};

}  // namespace jejak::server
