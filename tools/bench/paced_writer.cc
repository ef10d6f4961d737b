#include "paced_writer.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace jejak::bench {

namespace net = boost::asio;
namespace http = boost::beast::http;

PacedWriter::PacedWriter(net::io_context& ioc, Options options, std::function<void()> on_done)
    : stream_(ioc), timer_(ioc), options_(std::move(options)), on_done_(std::move(on_done)) {}

void PacedWriter::Start() {
  const net::ip::tcp::endpoint server(net::ip::make_address("127.0.0.1"), options_.port);
  stream_.async_connect(server, [this](boost::system::error_code ec) {
    if (ec) return Finish("connect: " + ec.message());
    start_ = Clock::now();
    Tick();
  });
}

// The events are those of tests/server/server_fixture.h's TrainingJson.
std::string PacedWriter::Event() {
  const std::string& nip = options_.nips[next_nip_++ % options_.nips.size()];
  return "{\"stream\":\"emp/" + nip + "\",\"eventId\":\"" + options_.id_prefix + "-" +
         std::to_string(sent_) +
         "\",\"effectiveDate\":\"2024-05-01\",\"source\":{\"decreeNumber\":\"T/1\"},"
         "\"payload\":{\"trainingCompleted\":{\"kind\":\"technical\",\"name\":\"Kursus\","
         "\"jp\":20}}}\n";
}

void PacedWriter::Tick() {
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  const double until = std::min(elapsed, options_.seconds);
  const auto due = static_cast<uint64_t>(options_.rate * until);
  if (due > sent_) return Post(std::min<uint64_t>(due - sent_, options_.max_batch));
  if (elapsed >= options_.seconds) return Finish("");
  timer_.expires_after(options_.tick);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec) return Finish("timer: " + ec.message());
    Tick();
  });
}

void PacedWriter::Post(uint64_t count) {
  request_ = {http::verb::post, "/v1/events", 11};
  request_.set(http::field::host, "127.0.0.1");
  request_.set(http::field::authorization, "Bearer " + options_.token);
  request_.set(http::field::content_type, "application/x-ndjson");
  std::string body;
  for (uint64_t i = 0; i < count; ++i, ++sent_) body += Event();
  request_.body() = std::move(body);
  request_.keep_alive(true);
  request_.prepare_payload();
  http::async_write(stream_, request_, [this, count](boost::system::error_code ec, size_t) {
    if (ec) return Finish("sending a POST: " + ec.message());
    response_ = {};
    http::async_read(stream_, buffer_, response_, [this, count](boost::system::error_code rec,
                                                                size_t) {
      if (rec) return Finish("reading the answer to a POST: " + rec.message());
      if (response_.result_int() != 201) {
        return Finish("POST answered " + std::to_string(response_.result_int()) + ": " +
                      response_.body().substr(0, 300));
      }
      acknowledged_ += count;
      seconds_ = std::chrono::duration<double>(Clock::now() - start_).count();
      Tick();
    });
  });
}

void PacedWriter::Finish(std::string error) {
  if (!on_done_) return;
  error_ = std::move(error);
  boost::system::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
  stream_.close();
  std::exchange(on_done_, nullptr)();
}

}  // namespace jejak::bench
