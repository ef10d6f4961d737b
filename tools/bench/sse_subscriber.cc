#include "sse_subscriber.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <charconv>
#include <chrono>

#include "jejak/domain/date.h"

namespace jejak::bench {

namespace net = boost::asio;
using net::ip::tcp;

namespace {

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

SseSubscriber::SseSubscriber(net::io_context& ioc, uint16_t port, std::string token,
                             std::vector<double>* lags_us, std::function<void()> on_subscribed)
    : socket_(ioc),
      port_(port),
      token_(std::move(token)),
      lags_us_(lags_us),
      on_subscribed_(std::move(on_subscribed)) {}

void SseSubscriber::Start() {
  request_ = "GET /v1/subscribe HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token_ +
             "\r\nAccept: text/event-stream\r\n\r\n";
  const tcp::endpoint server(net::ip::make_address("127.0.0.1"), port_);
  socket_.async_connect(server, [self = shared_from_this()](boost::system::error_code ec) {
    if (ec) return self->Fail("connect: " + ec.message());
    net::async_write(self->socket_, net::buffer(self->request_),
                     [self](boost::system::error_code wec, size_t) {
                       if (wec) return self->Fail("sending the request: " + wec.message());
                       self->Read();
                     });
  });
}

void SseSubscriber::Stop() {
  stopping_ = true;
  boost::system::error_code ec;
  socket_.close(ec);
}

void SseSubscriber::Fail(std::string what) {
  if (stopping_) return;
  if (error_.empty()) error_ = std::move(what);
  if (!headers_done_ && on_subscribed_) std::exchange(on_subscribed_, nullptr)();
  Stop();
}

void SseSubscriber::Read() {
  socket_.async_read_some(net::buffer(buf_), [self = shared_from_this()](
                                                 boost::system::error_code ec, size_t n) {
    if (ec) return self->Fail("the stream ended: " + ec.message());
    // One clock reading per read: the events in it arrived together.
    const int64_t now = NowMicros();
    self->carry_.append(self->buf_.data(), n);
    if (!self->headers_done_) {
      const size_t end = self->carry_.find("\r\n\r\n");
      if (end == std::string::npos) return self->Read();
      if (!self->carry_.starts_with("HTTP/1.1 200")) {
        return self->Fail("answer: " + self->carry_.substr(0, self->carry_.find('\r')));
      }
      self->carry_.erase(0, end + 4);
      self->headers_done_ = true;
      std::exchange(self->on_subscribed_, nullptr)();
    }
    self->ParseLines(now);
    if (!self->stopping_) self->Read();
  });
}

void SseSubscriber::ParseLines(int64_t now_us) {
  size_t start = 0;
  for (size_t nl; (nl = carry_.find('\n', start)) != std::string::npos; start = nl + 1) {
    OnLine(std::string_view(carry_).substr(start, nl - start), now_us);
  }
  carry_.erase(0, start);
}

void SseSubscriber::OnLine(std::string_view line, int64_t now_us) {
  if (line.starts_with("id: ")) {
    uint64_t id = 0;
    std::from_chars(line.data() + 4, line.data() + line.size(), id);
    if (last_id_ != 0 && id != last_id_ + 1) ++gaps_;
    last_id_ = id;
  } else if (line.starts_with("event: ")) {
    error_event_ = line != "event: event";
  } else if (line.starts_with("data: ")) {
    if (error_event_) return Fail("error event: " + std::string(line.substr(6)));
    ++events_;
    constexpr std::string_view kKey = "\"recordedAt\":\"";
    const size_t at = line.find(kKey);
    const size_t end = at == std::string_view::npos ? at : line.find('"', at + kKey.size());
    if (end == std::string_view::npos) return Fail("an event without recordedAt");
    auto recorded = domain::ParseTimestamp(line.substr(at + kKey.size(), end - at - kKey.size()));
    if (!recorded.ok()) return Fail("recordedAt: " + recorded.status().ToString());
    lags_us_->push_back(static_cast<double>(now_us - *recorded));
  }
}

}  // namespace jejak::bench
