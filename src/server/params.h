// Query parameters with their types, and the small pieces of answers the
// handlers share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jejak/status.h"
#include "server/handlers.h"

namespace jejak::server {

// `text` as a decimal integer in [min, max]; InvalidArgument naming
// parameter `name` otherwise.
[[nodiscard]] Result<uint64_t> ParseUint(std::string_view name, std::string_view text,
                                         uint64_t min, uint64_t max);
// The unsigned integer parameter `name` (decimal), `fallback` when absent.
// InvalidArgument naming it when malformed or outside [min, max].
[[nodiscard]] Result<uint64_t> UintParam(const Request& req, std::string_view name,
                                         uint64_t fallback, uint64_t min, uint64_t max);
// A date parameter (YYYY-MM-DD) as YYYYMMDD, `fallback` when absent.
[[nodiscard]] Result<uint32_t> DateParam(const Request& req, std::string_view name,
                                         uint32_t fallback);
// An instant: RFC 3339 or a date (its midnight UTC), as Unix
// microseconds; `fallback` when absent.
[[nodiscard]] Result<int64_t> InstantParam(const Request& req, std::string_view name,
                                           int64_t fallback);

// Records that `req` shows the data of each of `nips` (access_log.h)
// under `route`; nullopt once durable, else the 503 to answer instead.
std::optional<Response> RecordAccess(Context& ctx, const Request& req, std::string_view route,
                                     const std::vector<std::string>& nips);

// `items` (JSON values) as a JSON array.
std::string JsonArray(const std::vector<std::string>& items);

}  // namespace jejak::server
