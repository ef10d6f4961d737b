#include "server/session.h"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>

#include "server/event_feed.h"
#include "server/json_error.h"
#include "server/metrics.h"
#include "server/router.h"
#include "server/text_checks.h"

namespace jejak::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

namespace {

std::string_view View(beast::string_view s) { return std::string_view(s.data(), s.size()); }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "application/json; charset=utf-8" -> "application/json".
std::string MediaType(std::string_view header) {
  std::string_view t = header.substr(0, header.find(';'));
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  return Lower(t);
}

// The answer and whether the connection can go on for a read that failed.
std::optional<Response> AnswerFor(const beast::error_code& ec) {
  if (ec == http::error::header_limit) {
    return ErrorResponse(431, "header_too_large", "the request line and headers are too large");
  }
  if (ec == http::error::body_limit) {
    return ErrorResponse(413, "too_large", "the request body is too large");
  }
  if (ec.category() == http::make_error_code(http::error::end_of_stream).category()) {
    return ErrorResponse(400, "bad_request", "malformed HTTP request: " + ec.message());
  }
  return std::nullopt;  // the connection itself failed: nothing to answer
}

}  // namespace

Session::Session(net::ip::tcp::socket&& socket, ServerState& state)
    : stream_(std::move(socket)), state_(state) {
  beast::error_code ec;
  auto endpoint = stream_.socket().remote_endpoint(ec);
  remote_ = ec ? std::string("unknown") : endpoint.address().to_string();
}

Session::~Session() {
  if (id_ == 0) return;
  state_.Unregister(id_);
  state_.ctx().metrics.ConnectionClosed();
}

void Session::Start() {
  id_ = state_.Register(shared_from_this());
  state_.ctx().metrics.ConnectionOpened();
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
}

void Session::RejectBusy() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    self->started_ = std::chrono::steady_clock::now();
    self->method_ = "-";
    self->route_ = "-";
    self->Write(ErrorResponse(503, "unavailable", "too many connections; retry later"), false);
  });
}

void Session::Drain() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    // The pending read ends with operation_aborted, and OnReadError closes.
    if (self->phase_ == Phase::kIdle && self->buffer_.size() == 0) self->stream_.cancel();
    // A subscription waiting for events ends now (its next pump closes).
    if (self->feed_timer_) self->feed_timer_->cancel();
  });
}

void Session::ReadHeader() {
  phase_ = Phase::kIdle;
  if (closing_) return;
  if (state_.draining() && buffer_.size() == 0) return Close();
  const ServerOptions& o = state_.options();
  parser_.emplace();
  parser_->header_limit(static_cast<uint32_t>(o.max_header_bytes));
  parser_->body_limit(o.max_body_bytes);
  stream_.expires_after(std::chrono::milliseconds(o.read_timeout_ms));
  http::async_read_header(stream_, buffer_, *parser_,
                          [self = shared_from_this()](beast::error_code ec, size_t) {
                            self->OnHeader(ec);
                          });
}

void Session::OnHeader(beast::error_code ec) {
  if (ec) return OnReadError(ec);
  phase_ = Phase::kReading;
  started_ = std::chrono::steady_clock::now();
  const auto& req = parser_->get();
  method_ = std::string(req.method_string());
  route_ = "-";
  token_ = "-";
  if (req.target().size() > state_.options().max_target_bytes) {
    return Write(ErrorResponse(414, "uri_too_long", "the request target is too long"), false);
  }
  if (parser_->is_done()) return Handle();
  if (beast::iequals(req[http::field::expect], "100-continue")) {
    continue_ = {};
    continue_.version(11);
    continue_.result(http::status::continue_);
    http::async_write(stream_, continue_,
                      [self = shared_from_this()](beast::error_code wec, size_t) {
                        if (wec) return self->Close();
                        self->ReadBody();
                      });
    return;
  }
  ReadBody();
}

void Session::ReadBody() {
  stream_.expires_after(std::chrono::milliseconds(state_.options().read_timeout_ms));
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code ec, size_t) { self->OnBody(ec); });
}

void Session::OnBody(beast::error_code ec) {
  if (ec) return OnReadError(ec);
  Handle();
}

void Session::OnReadError(beast::error_code ec) {
  if (ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
      ec == beast::error::timeout || ec == net::error::eof ||
      ec == net::error::connection_reset || ec == net::error::broken_pipe) {
    if (ec == beast::error::timeout && phase_ == Phase::kReading) {
      state_.logger().info("{} - timeout reading the request from {}", method_, remote_);
    }
    return Close();
  }
  auto answer = AnswerFor(ec);
  if (!answer) return Close();
  if (phase_ == Phase::kIdle) {
    started_ = std::chrono::steady_clock::now();
    method_ = "-";
    route_ = "-";
    token_ = "-";
  }
  Write(std::move(*answer), false);
}

void Session::Handle() {
  phase_ = Phase::kBusy;
  stream_.expires_never();
  auto& msg = parser_->get();
  Request req;
  req.method = method_;
  req.target = std::string(msg.target());
  const size_t q = req.target.find('?');
  req.path = req.target.substr(0, q);
  req.content_type = MediaType(View(msg[http::field::content_type]));
  req.accept = std::string(msg[http::field::accept]);
  req.last_event_id = std::string(msg["Last-Event-ID"]);
  req.remote = remote_;
  req.body = std::move(msg.body());
  Response response = Dispatch(req);
  if (response.feed) return StartFeed(std::move(response));
  Write(std::move(response), msg.keep_alive());
}

Response Session::Dispatch(Request& req) {
  if (!IsValidUtf8(req.target)) return ErrorResponse(400, "invalid_utf8", "the target is not UTF-8");
  if (req.target.find('?') != std::string::npos) {
    Status s = ParseQuery(std::string_view(req.target).substr(req.target.find('?') + 1), &req.query);
    if (!s.ok()) return ErrorFromStatus(s);
  }
  const Route* route = nullptr;
  std::string allow;
  switch (MatchRoute(req.method, req.path, &route, &req.params, &allow)) {
    case RouteMatch::kNotFound:
      return ErrorResponse(404, "not_found", "no route for " + req.path.substr(0, 256));
    case RouteMatch::kMethodNotAllowed: {
      Response r = ErrorResponse(405, "method_not_allowed",
                                 req.method + " is not allowed here; allowed: " + allow);
      r.headers.emplace_back("Allow", allow);
      return r;
    }
    case RouteMatch::kFound: break;
  }
  route_ = route->pattern;
  if (!route->is_public) {
    const std::string_view auth = View(parser_->get()[http::field::authorization]);
    constexpr std::string_view kBearer = "Bearer ";
    std::optional<Principal> who;
    if (auth.size() > kBearer.size() &&
        beast::iequals(beast::string_view(auth.data(), kBearer.size()), "Bearer ")) {
      who = state_.Tokens()->Authenticate(auth.substr(kBearer.size()));
    }
    if (!who) {
      Response r = ErrorResponse(401, "unauthorized",
                                 auth.empty() ? "a bearer token is required"
                                              : "the bearer token is not valid");
      r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"jejak\"");
      return r;
    }
    token_ = who->name;
    req.principal = std::move(who);
  }
  // A damaged record throws out of Cap'n Proto: Guard turns it into
  // Corruption; anything else thrown is this request's failure alone.
  try {
    Result<Response> r = Ledger::Guard(req.method + " " + route_, [&]() -> Result<Response> {
      return route->handler(state_.ctx(), req);
    });
    if (!r.ok()) return ErrorFromStatus(r.status());
    return std::move(r).value();
  } catch (const std::exception& e) {
    state_.logger().error("{} {}: {}", req.method, route_, e.what());
    return ErrorResponse(500, "internal", std::string("the request failed: ") + e.what());
  } catch (...) {
    state_.logger().error("{} {}: unknown exception", req.method, route_);
    return ErrorResponse(500, "internal", "the request failed");
  }
}

void Session::Write(Response response, bool keep_alive) {
  phase_ = Phase::kBusy;
  keep_alive = keep_alive && !state_.draining();
  res_ = {};
  res_.version(11);
  res_.result(static_cast<unsigned>(response.status));
  res_.set(http::field::server, "jejak");
  res_.set(http::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) res_.set(name, value);
  res_.body() = std::move(response.body);
  res_.keep_alive(keep_alive);
  res_.prepare_payload();
  stream_.expires_after(std::chrono::milliseconds(state_.options().write_timeout_ms));
  http::async_write(stream_, res_, [self = shared_from_this(), keep_alive](beast::error_code ec, size_t) {
    self->OnWrite(ec, keep_alive);
  });
}

void Session::OnWrite(beast::error_code ec, bool keep_alive) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started_)
                          .count();
  state_.logger().info("{} {} {} {}B {}us token={} from={}{}", method_, route_, res_.result_int(),
                       res_.body().size(), micros, token_, remote_,
                       ec ? " write failed: " + ec.message() : std::string());
  state_.ctx().metrics.ObserveRequest(method_, route_, static_cast<int>(res_.result_int()),
                                      static_cast<double>(micros) / 1e6);
  if (ec || !keep_alive) return Close();
  ReadHeader();
}

void Session::StartFeed(Response response) {
  feed_ = std::move(response.feed);
  feed_timer_.emplace(stream_.get_executor());
  // Framed by the connection's end: no length, no chunks.
  feed_text_ = "HTTP/1.1 200 OK\r\nServer: jejak\r\nContent-Type: " + response.content_type +
               "\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n";
  state_.logger().info("{} {} 200 subscribed token={} from={}", method_, route_, token_, remote_);
  feed_sent_ = std::chrono::steady_clock::now();
  // The watch read has no timeout; each write sets its own.
  stream_.expires_never();
  WatchFeedClient();
  stream_.expires_after(std::chrono::milliseconds(state_.options().write_timeout_ms));
  net::async_write(stream_, net::buffer(feed_text_),
                   [self = shared_from_this()](beast::error_code ec, size_t) {
                     if (ec) return self->Close();
                     self->PumpFeed();
                   });
}

void Session::WatchFeedClient() {
  feed_watching_ = true;
  stream_.async_read_some(net::buffer(linger_buf_),
                          [self = shared_from_this()](beast::error_code ec, size_t) {
                            self->feed_watching_ = false;
                            if (self->closing_) {
                              if (ec && ec != net::error::operation_aborted) {
                                return self->stream_.close();
                              }
                              self->stream_.expires_after(std::chrono::seconds(1));
                              return self->Linger();
                            }
                            if (ec) {
                              // The client left: stop polling for it.
                              self->feed_timer_->cancel();
                              return self->Close();
                            }
                            self->WatchFeedClient();
                          });
}

void Session::PumpFeed() {
  if (closing_) return;
  if (state_.draining()) return Close();
  EventFeed::Step step;
  try {
    step = Ledger::Guard("a subscription", [&]() -> Result<EventFeed::Step> {
             return feed_->Next();
           }).value();
  } catch (const std::exception& e) {
    state_.logger().error("{} {}: {}", method_, route_, e.what());
    return Close();
  }
  const auto now = std::chrono::steady_clock::now();
  if (step.text.empty() && now - feed_sent_ > std::chrono::seconds(15)) {
    step.text = ": keep-alive\n\n";  // finds clients that left
  }
  if (step.text.empty()) {
    feed_timer_->expires_after(std::chrono::milliseconds(step.more ? 0 : 20));
    // Cancelled only by Drain: the pump then closes.
    feed_timer_->async_wait([self = shared_from_this()](beast::error_code) { self->PumpFeed(); });
    return;
  }
  feed_text_ = std::move(step.text);
  feed_sent_ = now;
  stream_.expires_after(std::chrono::milliseconds(state_.options().write_timeout_ms));
  net::async_write(stream_, net::buffer(feed_text_),
                   [self = shared_from_this(), end = step.end](beast::error_code ec, size_t) {
                     if (ec || end) return self->Close();
                     self->PumpFeed();
                   });
}

void Session::Close() {
  if (closing_) return;
  closing_ = true;
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  if (ec) return stream_.close();
  if (feed_watching_) {
    // The watch read ends (aborted) and goes on as Linger().
    stream_.socket().cancel(ec);
    return;
  }
  stream_.expires_after(std::chrono::seconds(1));
  Linger();
}

void Session::Linger() {
  stream_.async_read_some(net::buffer(linger_buf_),
                          [self = shared_from_this()](beast::error_code ec, size_t) {
                            if (ec) return self->stream_.close();
                            self->Linger();
                          });
}

}  // namespace jejak::server
