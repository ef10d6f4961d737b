// Server: the ledger over HTTP/1.1 (`jejak serve`; routes, roles and limits
// in docs/api.md). Boost.Beast over Boost.Asio: one io_context run by a
// fixed pool of threads; each connection is served on its own strand, and
// a request's handler runs on the thread that read it (an append waits for
// its durability there), so `threads` bounds the requests handled at once.
//
// Thread safety: Start, port, ReloadTokens, Shutdown and Wait may be called
// from any thread; the Ledger is used as its own header allows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "jejak/integrity/note.h"
#include "jejak/ledger.h"
#include "jejak/status.h"

namespace spdlog {
class logger;
}

namespace jejak::server {

// The witness the server also runs (POST /add-checkpoint, C2SP
// tlog-witness), for an inspectorate that serves its own ledger and
// witnesses agencies' logs.
struct WitnessOptions {
  // The witness's cosigning key (integrity/cosignature.h).
  integrity::NoteSigner key;
  // The logs it witnesses, by their verifier keys; a checkpoint of
  // another origin is 404. At least one.
  std::vector<integrity::NoteVerifier> logs;
  // The witness's state directory (witness/witness.h WitnessState).
  std::string state_dir;
};

struct ServerOptions {
  // "ADDRESS:PORT"; port 0 picks a free one (see Server::port). IPv6
  // addresses in brackets: "[::1]:8080". Default 127.0.0.1:8080.
  std::string listen = "127.0.0.1:8080";
  // Threads running the io_context (and the handlers). Default 8.
  int threads = 8;
  // The token file (tokens.h); read at Start and on ReloadTokens.
  // Required.
  std::string tokens_file;
  // The access log (access_log.h in src/server); "" = "jejak-access-log"
  // in the ledger's directory. Default "".
  std::string access_log_file;
  // A request body over this is 413. Default 16 MiB.
  size_t max_body_bytes = 16u << 20;
  // The request line and headers over this are 431. Default 16 KiB.
  size_t max_header_bytes = 16u << 10;
  // A request target (path and query) over this is 414. Default 4 KiB.
  size_t max_target_bytes = 4u << 10;
  // Events in one POST /v1/events over this are 413. Default 10,000.
  size_t max_batch_events = 10'000;
  // JSON nested deeper than this is 400. Default 32.
  int max_json_depth = 32;
  // Open connections over this are answered 503 and closed. Default 1024.
  size_t max_connections = 1024;
  // A connection idle this long after its last answer, or a request not
  // received whole this long after its first byte was awaited, is closed
  // (slow clients included). Default 15 s.
  int read_timeout_ms = 15'000;
  // Writing one answer may take at most this long. Default 30 s.
  int write_timeout_ms = 30'000;
  // After Shutdown, requests still running after this are abandoned and
  // the connections closed. Default 30 s.
  int drain_timeout_ms = 30'000;
  // Serve POST /add-checkpoint as this witness; nullopt: that route is 404.
  std::optional<WitnessOptions> witness;
  // Handle SIGTERM / SIGINT (Shutdown) and SIGHUP (ReloadTokens) on the
  // io_context. Default false (a library user handles its own signals).
  bool handle_signals = false;
};

class Server {
 public:
  // Reads the token file, opens the access log, binds and starts the
  // threads. InvalidArgument (bad options, a malformed token file),
  // IOError (cannot bind, cannot open the access log). `ledger` and
  // `logger` must outlive the server.
  [[nodiscard]] static Result<std::unique_ptr<Server>> Start(
      Ledger& ledger, const ServerOptions& options, std::shared_ptr<spdlog::logger> logger);
  // Shuts down (as Shutdown) and waits (as Wait).
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port bound (useful with port 0).
  uint16_t port() const;

  // Reads the token file again; on an error the old tokens stay in force
  // (the error is returned and logged).
  [[nodiscard]] Status ReloadTokens();

  // Stops accepting, closes idle connections, lets requests in flight
  // finish (their answers say `Connection: close`); returns at once.
  void Shutdown();

  // Blocks until every connection is closed (at most drain_timeout_ms
  // after Shutdown), joins the threads and flushes the access log. OK, or
  // the access log's error.
  [[nodiscard]] Status Wait();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace jejak::server
