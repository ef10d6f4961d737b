// Every error the server answers is JSON:
//   {"code": "<machine word>", "message": "<for people>", "detail": <value or null>}
// Codes and their statuses are listed in docs/api.md "Errors".
#pragma once

#include <string>
#include <string_view>

#include "jejak/status.h"
#include "server/http_types.h"

namespace jejak::server {

// An error answer. `detail_json` is a JSON value (object, string, null).
Response ErrorResponse(int status, std::string_view code, std::string_view message,
                       std::string_view detail_json = "null");

// The answer for a failed Status: NotFound 404 not_found, InvalidArgument
// `invalid_status` (400 bad_request for a request's parameters, 422 invalid
// for submitted events), Conflict 409 conflict, Corruption 500 corruption,
// IOError 500 io_error, Unavailable 503 unavailable.
// REQUIRES: !s.ok().
Response ErrorFromStatus(const Status& s, int invalid_status = 400);

}  // namespace jejak::server
