// PacedWriter: appends events at a steady rate over one keep-alive
// connection, for subscribe_bench. Every tick it POSTs to /v1/events, as
// one NDJSON batch, the events due by then (rate x time since Start) not
// yet sent, once the previous POST has been answered: a slow answer makes
// the next batch larger, not the rate lower. Each event is a
// trainingCompleted of the next NIP of a list (in turn), with event id
// `<id_prefix>-<n>`.
//
// Thread safety: every call and callback runs on the single thread that
// runs the io_context.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace jejak::bench {

class PacedWriter {
 public:
  struct Options {
    uint16_t port = 0;
    std::string token;              // a token that may append (admin)
    std::vector<std::string> nips;  // REQUIRES: not empty; existing employees
    double rate = 5000;             // events per second
    double seconds = 10;            // how long to write
    std::chrono::milliseconds tick{10};
    size_t max_batch = 10'000;      // the server's limit of events per POST
    std::string id_prefix = "sub";
  };

  // `on_done` runs once: after the last answer, or after a failure.
  PacedWriter(boost::asio::io_context& ioc, Options options, std::function<void()> on_done);

  // Connects and starts writing.
  void Start();

  // Events answered 201 (durable).
  uint64_t acknowledged() const { return acknowledged_; }
  // Seconds from Start to the last answer.
  double seconds() const { return seconds_; }
  // "" while all is well; else what failed.
  const std::string& error() const { return error_; }

 private:
  using Clock = std::chrono::steady_clock;
  void Tick();
  void Post(uint64_t count);
  void Finish(std::string error);
  std::string Event();

  boost::beast::tcp_stream stream_;
  boost::asio::steady_timer timer_;
  const Options options_;
  std::function<void()> on_done_;
  Clock::time_point start_;
  boost::beast::http::request<boost::beast::http::string_body> request_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  boost::beast::flat_buffer buffer_;
  uint64_t sent_ = 0;
  uint64_t acknowledged_ = 0;
  size_t next_nip_ = 0;
  double seconds_ = 0;
  std::string error_;
};

}  // namespace jejak::bench
