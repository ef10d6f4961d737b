#include "server/params.h"

#include <charconv>

#include "jejak/domain/date.h"
#include "server/access_log.h"
#include "server/json_error.h"

namespace jejak::server {

Result<uint64_t> UintParam(const Request& req, std::string_view name, uint64_t fallback,
                           uint64_t min, uint64_t max) {
  const std::string& text = req.Query(name);
  if (text.empty()) return fallback;
  return ParseUint(name, text, min, max);
}

Result<uint64_t> ParseUint(std::string_view name, std::string_view text, uint64_t min,
                           uint64_t max) {
  uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < min || v > max) {
    return Status::InvalidArgument("parameter " + std::string(name) + "=" +
                                   std::string(text.substr(0, 32)) +
                                   ": want an integer in [" + std::to_string(min) + ", " +
                                   std::to_string(max) + "]");
  }
  return v;
}

Result<uint32_t> DateParam(const Request& req, std::string_view name, uint32_t fallback) {
  const std::string& text = req.Query(name);
  if (text.empty()) return fallback;
  auto d = domain::ParseDate(text);
  if (!d.ok()) return d.status().WithContext("parameter " + std::string(name));
  return d;
}

Result<int64_t> InstantParam(const Request& req, std::string_view name, int64_t fallback) {
  const std::string& text = req.Query(name);
  if (text.empty()) return fallback;
  auto t = domain::ParseTimestamp(text);
  if (!t.ok()) return t.status().WithContext("parameter " + std::string(name));
  return t;
}

std::optional<Response> RecordAccess(Context& ctx, const Request& req, std::string_view route,
                                     const std::vector<std::string>& nips) {
  std::vector<AccessRecord> records;
  const int64_t now = ctx.clock->NowMicros();
  for (const auto& nip : nips) {
    AccessRecord r;
    r.at_micros = now;
    r.nip = nip;
    r.token = req.principal->name;
    r.role = RoleName(req.principal->role);
    r.method = req.method;
    r.route = route;
    r.path = req.path;
    r.from = req.remote;
    records.push_back(std::move(r));
  }
  Status s = ctx.access_log.Record(std::move(records));
  if (s.ok()) return std::nullopt;
  return ErrorResponse(503, "unavailable",
                       "the read could not be recorded in the access log, so it is refused: " +
                           s.message());
}

std::string JsonArray(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += ",";
    out += items[i];
  }
  out += "]";
  return out;
}

}  // namespace jejak::server
