// SseSubscriber: one client of `GET /v1/subscribe` (server-sent events) on
// a loopback port, for subscribe_bench. It counts the events it receives,
// checks that their ids (log positions) follow one another without a gap,
// and records each event's delivery lag: the wall clock (system_clock)
// when its bytes were read minus the event's `recordedAt` (the server's
// clock: the same machine's).
//
// Thread safety: every call and callback runs on the single thread that
// runs the io_context.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace jejak::bench {

class SseSubscriber : public std::enable_shared_from_this<SseSubscriber> {
 public:
  // `lags_us` (not owned, shared by the subscribers of one run) receives
  // one lag in microseconds per event; `on_subscribed` runs once, when the
  // server answered 200 (or the subscription failed: see error()).
  SseSubscriber(boost::asio::io_context& ioc, uint16_t port, std::string token,
                std::vector<double>* lags_us, std::function<void()> on_subscribed);

  // Connects and asks for every event recorded from now on.
  void Start();
  // Closes the connection; later reads end without an error.
  void Stop();

  uint64_t events() const { return events_; }
  // Events whose id was not the previous id + 1.
  uint64_t gaps() const { return gaps_; }
  // "" while all is well; else what failed (connect, status, an `event:
  // error` with its data, the server closing the stream).
  const std::string& error() const { return error_; }

 private:
  void Read();
  void Fail(std::string what);
  // Consumes the whole lines of carry_ read at `now_us`.
  void ParseLines(int64_t now_us);
  void OnLine(std::string_view line, int64_t now_us);

  boost::asio::ip::tcp::socket socket_;
  const uint16_t port_;
  const std::string token_;
  std::vector<double>* lags_us_;
  std::function<void()> on_subscribed_;
  std::string request_;
  std::array<char, 1 << 16> buf_;
  std::string carry_;  // bytes read and not yet parsed (a partial line)
  bool headers_done_ = false;
  bool error_event_ = false;  // the last `event:` line was `event: error`
  bool stopping_ = false;
  uint64_t events_ = 0;
  uint64_t gaps_ = 0;
  uint64_t last_id_ = 0;
  std::string error_;
};

}  // namespace jejak::bench
