// POST /add-checkpoint: the server as a C2SP tlog-witness (started with
// --witness-key). Public like the spec's witnesses: what it accepts is
// proven by the log's signature and the consistency proof, not by who asks.
#include "jejak/witness/witness.h"
#include "server/handlers.h"
#include "server/json_error.h"

namespace jejak::server {

Response HandleAddCheckpoint(Context& ctx, const Request& req) {
  if (!ctx.options.witness.has_value()) {
    return ErrorResponse(404, "not_found", "this server is not a witness (serve --witness-key)");
  }
  const WitnessOptions& w = *ctx.options.witness;
  witness::Refusal refusal;
  auto line = witness::AddCheckpoint(req.body, w.logs, w.key, witness::WitnessState(w.state_dir),
                                     static_cast<uint64_t>(ctx.clock->NowMicros() / 1'000'000),
                                     &refusal);
  Response r;
  r.headers.emplace_back("Cache-Control", "no-store");
  if (line.ok()) {
    r.content_type = "text/plain; charset=utf-8";
    r.body = std::move(line).value();
    return r;
  }
  if (refusal.kind == witness::RefusalKind::kNone) return ErrorFromStatus(line.status());
  const int status = witness::HttpStatus(refusal.kind);
  if (status == 409) {
    // The spec's answer: the witness's size, for the client to retry from.
    r.status = 409;
    r.content_type = "text/x.tlog.size";
    r.body = std::to_string(refusal.witness_size) + "\n";
    return r;
  }
  const char* code = status == 404   ? "unknown_log"
                     : status == 403 ? "not_signed"
                     : status == 422 ? "inconsistent"
                                     : "bad_request";
  return ErrorResponse(status, code, line.status().message());
}

}  // namespace jejak::server
