#include "server/router.h"

#include <vector>

#include "server/text_checks.h"

namespace jejak::server {

namespace {

constexpr Route kRoutes[] = {
    {"GET", "/healthz", HandleHealthz, true},
    {"GET", "/readyz", HandleReadyz, true},
    {"GET", "/metrics", HandleMetrics, false},
    {"GET", "/checkpoint", HandleCheckpoint, true},
    {"GET", "/tile/{tile...}", HandleTile, true},
    {"POST", "/add-checkpoint", HandleAddCheckpoint, true},
    {"POST", "/v1/events", HandlePostEvents, false},
    {"GET", "/v1/events/{position}", HandleGetEvent, false},
    {"GET", "/v1/streams/{stream...}", HandleGetStream, false},
    {"GET", "/v1/log", HandleGetLog, false},
    {"GET", "/v1/employees", HandleListEmployees, false},
    {"GET", "/v1/employees/{nip}", HandleGetEmployee, false},
    {"GET", "/v1/employees/{nip}/summary", HandleGetSummary, false},
    {"GET", "/v1/employees/{nip}/history", HandleGetHistory, false},
    {"GET", "/v1/queries/{name}", HandleQuery, false},
    {"GET", "/v1/audit", HandleAudit, false},
    {"GET", "/v1/audit/decisions/{eventId}", HandleAuditDecision, false},
    {"GET", "/v1/verify", HandleVerify, false},
    {"GET", "/v1/access-log", HandleAccessLog, false},
    {"GET", "/v1/subscribe", HandleSubscribe, false},
};

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path[0] != '/') return out;
  size_t start = 1;
  while (true) {
    const size_t slash = path.find('/', start);
    out.push_back(path.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) return out;
    start = slash + 1;
  }
}

// Whether `path`'s segments match `pattern`'s; fills `params` if so.
bool Matches(std::string_view pattern, const std::vector<std::string_view>& segs,
             std::string_view path, std::map<std::string, std::string, std::less<>>* params) {
  const auto pat = Split(pattern);
  params->clear();
  for (size_t i = 0; i < pat.size(); ++i) {
    const std::string_view p = pat[i];
    const bool is_param = p.size() > 2 && p.front() == '{' && p.back() == '}';
    if (is_param && p.ends_with("...}")) {
      if (i >= segs.size()) return false;
      // The rest of the raw path from this segment on.
      const size_t offset = static_cast<size_t>(segs[i].data() - path.data());
      auto value = PercentDecode(path.substr(offset));
      if (!value || value->empty()) return false;
      (*params)[std::string(p.substr(1, p.size() - 5))] = std::move(*value);
      return true;
    }
    if (i >= segs.size()) return false;
    if (is_param) {
      auto value = PercentDecode(segs[i]);
      if (!value || value->empty()) return false;
      (*params)[std::string(p.substr(1, p.size() - 2))] = std::move(*value);
    } else if (p != segs[i]) {
      return false;
    }
  }
  return pat.size() == segs.size();
}

}  // namespace

std::span<const Route> Routes() { return kRoutes; }

RouteMatch MatchRoute(std::string_view method, std::string_view path, const Route** route,
                      std::map<std::string, std::string, std::less<>>* params,
                      std::string* allow) {
  const auto segs = Split(path);
  allow->clear();
  std::map<std::string, std::string, std::less<>> scratch;
  for (const Route& r : kRoutes) {
    if (!Matches(r.pattern, segs, path, &scratch)) continue;
    if (method == r.method) {
      *route = &r;
      *params = std::move(scratch);
      return RouteMatch::kFound;
    }
    if (allow->find(r.method) == std::string::npos) {
      if (!allow->empty()) *allow += ", ";
      *allow += r.method;
    }
  }
  return allow->empty() ? RouteMatch::kNotFound : RouteMatch::kMethodNotAllowed;
}

}  // namespace jejak::server
