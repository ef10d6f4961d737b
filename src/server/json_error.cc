#include "server/json_error.h"

#include "jejak/json_string.h"

namespace jejak::server {

Response ErrorResponse(int status, std::string_view code, std::string_view message,
                       std::string_view detail_json) {
  std::string body = "{\"code\":";
  AppendJsonString(code, &body);
  body += ",\"message\":";
  AppendJsonString(message, &body);
  body += ",\"detail\":";
  body += detail_json;
  body += "}\n";
  return Response::Json(status, std::move(body));
}

Response ErrorFromStatus(const Status& s, int invalid_status) {
  switch (s.code()) {
    case Status::Code::kNotFound: return ErrorResponse(404, "not_found", s.message());
    case Status::Code::kInvalidArgument:
      return ErrorResponse(invalid_status, invalid_status == 422 ? "invalid" : "bad_request",
                           s.message());
    case Status::Code::kConflict: return ErrorResponse(409, "conflict", s.message());
    case Status::Code::kCorruption: return ErrorResponse(500, "corruption", s.message());
    case Status::Code::kIOError: return ErrorResponse(500, "io_error", s.message());
    case Status::Code::kUnavailable: return ErrorResponse(503, "unavailable", s.message());
    case Status::Code::kOk: break;
  }
  return ErrorResponse(500, "internal", "an OK status was answered as an error");
}

}  // namespace jejak::server
