// Test helper: a small blocking HTTP/1.1 client over loopback (Boost.Beast),
// and raw socket exchanges for malformed requests.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace jejak::server::testing {

struct HttpAnswer {
  int status = 0;  // 0: no answer (the connection failed or closed first)
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
};

// One keep-alive connection to 127.0.0.1:port; reconnects when the server
// closed it.
class HttpClient {
 public:
  explicit HttpClient(uint16_t port) : port_(port) {}

  HttpAnswer Send(const std::string& method, const std::string& target,
                  const std::string& token = "", const std::string& body = "",
                  const std::string& content_type = "application/json",
                  const std::string& accept = "") {
    namespace http = boost::beast::http;
    for (int attempt = 0; attempt < 2; ++attempt) {
      try {
        if (!stream_) Connect();
        http::request<http::string_body> req{http::string_to_verb(method), target, 11};
        req.set(http::field::host, "127.0.0.1");
        if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
        if (!accept.empty()) req.set(http::field::accept, accept);
        if (!body.empty() || method == "POST") {
          req.set(http::field::content_type, content_type);
          req.body() = body;
        }
        req.keep_alive(true);
        req.prepare_payload();
        http::write(*stream_, req);
        boost::beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(1u << 30);
        http::read(*stream_, buffer, parser);
        auto res = parser.release();
        HttpAnswer a;
        a.status = static_cast<int>(res.result_int());
        a.body = res.body();
        for (const auto& f : res) {
          std::string name(f.name_string());
          for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          a.headers[name] = std::string(f.value());
        }
        if (!res.keep_alive()) stream_.reset();
        return a;
      } catch (const std::exception&) {
        stream_.reset();
      }
    }
    return {};
  }

 private:
  void Connect() {
    namespace net = boost::asio;
    stream_.emplace(ioc_);
    stream_->expires_after(std::chrono::seconds(30));
    stream_->connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
    stream_->expires_never();
  }

  uint16_t port_;
  boost::asio::io_context ioc_;
  std::optional<boost::beast::tcp_stream> stream_;
};

// Whether `got` starts with one whole answer (headers and Content-Length
// bytes of body).
inline bool WholeAnswer(const std::string& got) {
  const size_t end = got.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  std::string head = got.substr(0, end);
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const size_t at = head.find("content-length:");
  if (at == std::string::npos) return false;
  const size_t length = std::stoul(head.substr(at + 15));
  return got.size() >= end + 4 + length;
}

// Sends `bytes` on a new connection (then half-closes when `half_close`),
// and reads what comes back until the first whole answer (or, with
// `until_close`, until the server closes) or `wait` passes.
// Returns the status of the first answer, 0 when none came.
inline int RawExchange(uint16_t port, const std::string& bytes, bool half_close = false,
                       std::chrono::milliseconds wait = std::chrono::milliseconds(3000),
                       std::string* reply = nullptr, bool until_close = false) {
  namespace net = boost::asio;
  net::io_context ioc;
  boost::beast::tcp_stream stream(ioc);
  boost::beast::error_code ec;
  stream.expires_after(wait);
  stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return -1;
  net::write(stream.socket(), net::buffer(bytes), ec);
  if (half_close) stream.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  std::string got;
  char buf[4096];
  while (true) {
    stream.expires_after(wait);
    const size_t n = stream.read_some(net::buffer(buf), ec);
    if (ec) break;
    got.append(buf, n);
    if (got.size() > (1u << 20) || (!until_close && WholeAnswer(got))) break;
  }
  if (reply != nullptr) *reply = got;
  if (got.rfind("HTTP/1.1 ", 0) != 0 || got.size() < 12) return 0;
  return std::stoi(got.substr(9, 3));
}

}  // namespace jejak::server::testing
