// Session: one HTTP/1.1 connection. Reads a request (headers, then the
// body, within the size limits and the read timeout), authenticates it,
// runs its handler on the connection's strand, writes the answer, and
// waits for the next request (keep-alive) until the client closes, the
// connection idles past the timeout, an error makes the stream unusable,
// or the server drains. Every answer is logged in one line.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "server/http_types.h"
#include "server/server_state.h"

namespace jejak::server {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket&& socket, ServerState& state);
  ~Session();

  // Registers the connection and reads its first request.
  void Start();
  // Answers 503 (too many connections) and closes.
  void RejectBusy();
  // Closes the connection if it waits for a request with nothing received
  // yet; otherwise it closes after its current answer. Any thread.
  void Drain();

 private:
  enum class Phase { kIdle, kReading, kBusy };

  void ReadHeader();
  void OnHeader(boost::beast::error_code ec);
  void ReadBody();
  void OnBody(boost::beast::error_code ec);
  // Answers a read that failed (limits, malformed requests), or closes.
  void OnReadError(boost::beast::error_code ec);
  void Handle();
  Response Dispatch(Request& req);
  void Write(Response response, bool keep_alive);
  void OnWrite(boost::beast::error_code ec, bool keep_alive);
  // Half-closes and discards what the client still sends (so that it
  // reads the answer rather than a reset) for at most a second, then
  // closes. Idempotent.
  void Close();
  void Linger();
  // A subscription: writes the feed's head, then what it yields, polling
  // for new events, until it ends, a write fails, the client leaves or the
  // server drains.
  void StartFeed(Response response);
  void PumpFeed();
  // Keeps a read pending on a subscription's socket: its end (the client
  // left) closes the session at once; bytes the client sends are dropped.
  // Once Close() has begun, the read goes on as Linger().
  void WatchFeedClient();

  boost::beast::tcp_stream stream_;
  ServerState& state_;
  uint64_t id_ = 0;
  std::string remote_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  boost::beast::http::response<boost::beast::http::empty_body> continue_;
  boost::beast::http::response<boost::beast::http::string_body> res_;
  Phase phase_ = Phase::kIdle;
  bool closing_ = false;
  std::shared_ptr<EventFeed> feed_;
  std::string feed_text_;
  std::optional<boost::asio::steady_timer> feed_timer_;
  std::chrono::steady_clock::time_point feed_sent_;
  bool feed_watching_ = false;  // WatchFeedClient's read is pending
  char linger_buf_[4096];
  // For the log line of the answer being written.
  std::chrono::steady_clock::time_point started_;
  std::string method_;
  std::string route_;
  std::string token_;
};

}  // namespace jejak::server
