// A catalogue of hostile requests, each followed by a /healthz check: no
// request may crash or wedge the server, and every answer is JSON.
#include <gtest/gtest.h>

#include <thread>

#include "server/server_fixture.h"

namespace jejak::server::testing {
namespace {

struct Hostile {
  std::string name;
  std::string bytes;
  int expected;  // the status of the answer; 0 = none (closed), -2 = any
  bool half_close = false;
};

class HostileRequestsTest : public ServerFixture {
 protected:
  void Configure(ServerOptions& o) override {
    o.max_body_bytes = 64 << 10;
    o.max_header_bytes = 4 << 10;
    o.max_target_bytes = 1 << 10;
    o.max_batch_events = 20;
    o.max_connections = 64;
    o.read_timeout_ms = 700;
  }

  void ExpectHealthy(const std::string& after) {
    HttpAnswer h = HttpClient(port()).Send("GET", "/healthz");
    ASSERT_EQ(h.status, 200) << "after " << after;
  }

  std::string Req(const std::string& method, const std::string& target,
                  const std::string& extra_headers = "", const std::string& body = "",
                  bool with_token = true) {
    std::string r = method + " " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
    if (with_token) r += "Authorization: Bearer " + token("admin") + "\r\n";
    r += extra_headers;
    if ((!body.empty() || method == "POST") && extra_headers.find("Content-Length") == std::string::npos) {
      r += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    return r + "\r\n" + body;
  }
  std::string Post(const std::string& body, const std::string& type = "application/json") {
    return Req("POST", "/v1/events", "Content-Type: " + type + "\r\n", body);
  }
};

TEST_F(HostileRequestsTest, EveryHostileRequestIsAnsweredOrDroppedAndTheServerStaysUp) {
  const std::string event = TrainingJson(kNipA, "h-1");
  std::string nested = "{\"stream\":\"emp/" + std::string(kNipA) + "\",\"x\":";
  for (int i = 0; i < 200; ++i) nested += "[";
  for (int i = 0; i < 200; ++i) nested += "]";
  nested += "}";
  std::string many = "[";
  for (int i = 0; i < 21; ++i) many += (i ? "," : "") + TrainingJson(kNipA, "m-" + std::to_string(i));
  many += "]";
  std::string params;
  for (int i = 0; i < 150; ++i) params += "p" + std::to_string(i) + "=1&";

  const std::vector<Hostile> catalogue = {
      {"garbage bytes", std::string("\x00\x01\x02\xff\xfe garbage\r\n\r\n", 17), 400},
      {"an unknown route", Req("GET", "/v2/nothing"), 404},
      {"the root", Req("GET", "/"), 404},
      {"a wrong method", Req("DELETE", "/v1/events"), 405},
      {"PUT on a read route", Req("PUT", "/v1/employees/" + std::string(kNipA)), 405},
      {"an unknown method", "BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n", -2},
      {"a header too large", Req("GET", "/healthz", "X-Big: " + std::string(8000, 'a') + "\r\n"), 431},
      {"a target too long", Req("GET", "/v1/log?x=" + std::string(2000, 'a')), 414},
      {"a body too large (declared)", Req("POST", "/v1/events", "Content-Type: application/json\r\nContent-Length: 100000000\r\n"), 413},
      {"a body too large (sent)", Post("[" + std::string(70000, ' ') + "]"), 413},
      {"too many events", Post(many), 413},
      {"a body cut short", "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n[{\"stre", 400, true},
      {"headers cut short", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A", 400, true},
      {"a half-closed socket after a request", Req("GET", "/healthz"), 200, true},
      {"invalid UTF-8 in the body", Post("[" + event.substr(0, 40) + "\xc3\x28" + event.substr(40) + "]"), 400},
      {"an overlong UTF-8 sequence", Post("[" + event.substr(0, 40) + "\xc0\xaf" + event.substr(40) + "]"), 400},
      {"invalid UTF-8 in the query", Req("GET", "/v1/log?from=%ff"), 400},
      {"a NUL in the path", Req("GET", "/v1/streams/emp%00x"), 404},
      {"nesting too deep", Post("[" + nested + "]"), 400},
      {"not a JSON array", Post(event), 400},
      {"JSON cut short", Post("[" + event.substr(0, 50)), 400},
      {"text after the array", Post("[" + event + "] x"), 400},
      {"an empty batch", Post("[]"), 422},
      {"a bad NDJSON line", Post(event + "\nnot json\n", "application/x-ndjson"), 400},
      {"an unknown field", Post("[{\"stream\":\"emp/1\",\"eventId\":\"u\",\"bogus\":1}]"), 422},
      {"an event id too long", Post("[" + TrainingJson(kNipA, std::string(300, 'i')) + "]"), 422},
      {"a wrong content type", Post(event, "text/plain"), 415},
      {"no token", Req("GET", "/v1/log", "", "", false), 401},
      {"a malformed token", Req("GET", "/v1/log", "Authorization: Bearer x\r\n", "", false), 401},
      {"basic auth", Req("GET", "/v1/log", "Authorization: Basic YWRtaW46YWRtaW4=\r\n", "", false), 401},
      {"a negative position", Req("GET", "/v1/events/-1"), 400},
      {"a position past 2^64", Req("GET", "/v1/events/99999999999999999999999"), 400},
      {"a position past the head", Req("GET", "/v1/events/123456"), 404},
      {"a malformed limit", Req("GET", "/v1/log?limit=abc"), 400},
      {"a zero limit", Req("GET", "/v1/log?limit=0"), 400},
      {"path traversal", Req("GET", "/v1/streams/../../../etc/passwd"), 404},
      {"a bad date", Req("GET", "/v1/employees/" + std::string(kNipA) + "?valid_at=2024-13-45"), 400},
      {"not a NIP", Req("GET", "/v1/employees/abc"), 400},
      {"a bad chunk size", "POST /v1/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400},
      {"both Content-Length and chunked", "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", -2},
      {"a bad Content-Length", "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400},
      {"HTTP/0.9", "GET /healthz\r\n\r\n", 400},
      {"a bad version", "GET /healthz HTTP/7.5\r\nHost: x\r\n\r\n", -2},
      {"a NUL in a header", std::string("GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n", 40), 400},
      {"a header without a colon", "GET /healthz HTTP/1.1\r\nHost x\r\n\r\n", 400},
      {"many query parameters", Req("GET", "/v1/log?" + params), 200},
      {"Expect 100-continue with a body too large", Req("POST", "/v1/events", "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 9999999\r\n"), 413},
      {"an unknown query", Req("GET", "/v1/queries/drop-table"), 404},
      {"an unknown tile", Req("GET", "/tile/99/000"), 404},
      {"an entry bundle", Req("GET", "/tile/entries/000.p/1"), 404},
      {"a checkpoint that does not exist", Req("GET", "/checkpoint"), 404},
  };
  ASSERT_GE(catalogue.size(), 30u);
  for (const Hostile& h : catalogue) {
    std::string reply;
    const int status = RawExchange(port(), h.bytes, h.half_close, std::chrono::milliseconds(3000), &reply);
    if (h.expected != -2) {
      EXPECT_EQ(status, h.expected) << h.name << ":\n" << reply.substr(0, 400);
    }
    if (status >= 400) {
      EXPECT_NE(reply.find("\"code\":"), std::string::npos) << h.name << ": " << reply.substr(0, 400);
    }
    ExpectHealthy(h.name);
  }
}

TEST_F(HostileRequestsTest, PipelinedRequestsAreAnsweredInOrder) {
  const std::string two = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  std::string reply;
  RawExchange(port(), two, false, std::chrono::milliseconds(3000), &reply, true);
  const size_t first = reply.find("HTTP/1.1 200");
  const size_t second = reply.find("HTTP/1.1 404");
  EXPECT_NE(first, std::string::npos) << reply;
  EXPECT_NE(second, std::string::npos) << reply;
  EXPECT_LT(first, second);
}

TEST_F(HostileRequestsTest, SlowClientsAreCutOffAtTheReadTimeout) {
  namespace net = boost::asio;
  net::io_context ioc;
  boost::beast::tcp_stream slow(ioc);
  slow.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port()));
  // A header a byte at a time, slower than the read timeout allows in all.
  const std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  boost::beast::error_code ec;
  const auto start = std::chrono::steady_clock::now();
  for (char c : head) {
    net::write(slow.socket(), net::buffer(&c, 1), ec);
    if (ec) break;
    ExpectHealthy("a slow byte");
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
  }
  char buf[64];
  slow.socket().read_some(net::buffer(buf), ec);
  EXPECT_TRUE(ec) << "the slow connection was not closed";
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  ExpectHealthy("a slow client");
}

TEST_F(HostileRequestsTest, ConnectionsOverTheLimitAre503AndIdleOnesTimeOut) {
  namespace net = boost::asio;
  net::io_context ioc;
  std::vector<std::unique_ptr<boost::beast::tcp_stream>> idle;
  for (int i = 0; i < 100; ++i) {
    auto s = std::make_unique<boost::beast::tcp_stream>(ioc);
    boost::beast::error_code ec;
    s->connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port()), ec);
    if (!ec) idle.push_back(std::move(s));
  }
  // Past the limit: an immediate 503 as JSON.
  EXPECT_EQ(RawExchange(port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"), 503);
  // The idle ones time out; then the server answers again.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ExpectHealthy("100 idle connections");
}

}  // namespace
}  // namespace jejak::server::testing
