// Server: the acceptor, the thread pool, signals and draining.
#include "jejak/server/server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <condition_variable>
#include <filesystem>
#include <thread>

#include "server/access_log.h"
#include "server/metrics.h"
#include "server/server_state.h"
#include "server/session.h"

namespace jejak::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

Result<tcp::endpoint> ParseListen(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 == listen.size()) {
    return Status::InvalidArgument("--listen " + listen + ": want ADDRESS:PORT");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port_text = listen.substr(colon + 1);
  if (port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(port_text) > 65535) {
    return Status::InvalidArgument("--listen " + listen + ": bad port");
  }
  boost::system::error_code ec;
  auto address = net::ip::make_address(host, ec);
  if (ec) return Status::InvalidArgument("--listen " + listen + ": bad address (" + ec.message() + ")");
  return tcp::endpoint(address, static_cast<uint16_t>(std::stoul(port_text)));
}

}  // namespace

struct Server::Impl {
  Impl(Ledger& ledger, const ServerOptions& o, std::shared_ptr<spdlog::logger> logger,
       std::unique_ptr<AccessLog> log, TokenTable tokens)
      : options(o),
        access_log(std::move(log)),
        state(Context{ledger, *access_log, metrics, options, SystemClock()}, std::move(logger),
              std::move(tokens)),
        ioc(o.threads),
        acceptor(net::make_strand(ioc)),
        retry(acceptor.get_executor()),
        signals(acceptor.get_executor()) {}

  void Accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](boost::system::error_code ec,
                                                        tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      if (ec) {
        // E.g. out of file descriptors: pause instead of spinning.
        state.logger().warn("accept failed: {}", ec.message());
        retry.expires_after(std::chrono::milliseconds(50));
        retry.async_wait([this](boost::system::error_code wec) {
          if (!wec && acceptor.is_open()) Accept();
        });
        return;
      }
      auto session = std::make_shared<Session>(std::move(socket), state);
      if (state.connections() >= options.max_connections) {
        session->RejectBusy();
      } else {
        session->Start();
      }
      Accept();
    });
  }

  void WaitSignal() {
    signals.async_wait([this](boost::system::error_code ec, int signo) {
      if (ec) return;
      if (signo == SIGHUP) {
        (void)Reload();  // logged; the old tokens stay in force on an error
        WaitSignal();
        return;
      }
      state.logger().info("signal {}: draining", signo);
      BeginShutdown();
    });
  }

  Status Reload() {
    auto tokens = TokenTable::Load(options.tokens_file);
    if (!tokens.ok()) {
      state.logger().error("reloading tokens from {}: {}; the old tokens stay in force",
                           options.tokens_file, tokens.status().ToString());
      return tokens.status();
    }
    state.logger().info("reloaded {} tokens from {}", tokens->size(), options.tokens_file);
    state.SetTokens(std::move(tokens).value());
    return Status::Ok();
  }

  void BeginShutdown() {
    {
      std::lock_guard lock(mu);
      if (shutting_down) return;
      shutting_down = true;
    }
    state.set_draining();
    net::dispatch(acceptor.get_executor(), [this] {
      boost::system::error_code ec;
      acceptor.close(ec);
      retry.cancel();
      signals.clear(ec);  // a second SIGTERM ends the process at once
      signals.cancel(ec);
    });
    for (auto& s : state.Sessions()) s->Drain();
    watchdog = std::thread([this] {
      std::unique_lock lock(mu);
      if (!cv.wait_for(lock, std::chrono::milliseconds(options.drain_timeout_ms),
                       [this] { return threads_done; })) {
        state.logger().warn("drain timeout: closing the remaining connections");
        ioc.stop();
      }
    });
  }

  const ServerOptions options;
  std::unique_ptr<AccessLog> access_log;
  Metrics metrics;
  ServerState state;
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::steady_timer retry;
  net::signal_set signals;
  std::vector<std::thread> threads;
  std::thread watchdog;
  std::mutex mu;
  std::condition_variable cv;
  bool shutting_down = false;
  bool threads_done = false;
  uint16_t port = 0;
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  Shutdown();
  (void)Wait();
}

Result<std::unique_ptr<Server>> Server::Start(Ledger& ledger, const ServerOptions& options,
                                              std::shared_ptr<spdlog::logger> logger) {
  if (options.threads < 1 || options.threads > 1024) {
    return Status::InvalidArgument("--threads " + std::to_string(options.threads) +
                                   ": want 1..1024");
  }
  if (options.tokens_file.empty()) return Status::InvalidArgument("a token file is required");
  auto endpoint = ParseListen(options.listen);
  if (!endpoint.ok()) return endpoint.status();
  auto tokens = TokenTable::Load(options.tokens_file);
  if (!tokens.ok()) return tokens.status();
  const std::string log_path =
      !options.access_log_file.empty()
          ? options.access_log_file
          : (std::filesystem::path(ledger.dir()) / "jejak-access-log").string();
  auto access_log = AccessLog::Open(log_path);
  if (!access_log.ok()) return access_log.status();

  auto impl = std::make_unique<Impl>(ledger, options, std::move(logger),
                                     std::move(access_log).value(), std::move(tokens).value());
  boost::system::error_code ec;
  impl->acceptor.open(endpoint->protocol(), ec);
  if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(*endpoint, ec);
  if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (!ec) impl->port = impl->acceptor.local_endpoint(ec).port();
  if (ec) return Status::IOError("listening on " + options.listen + ": " + ec.message());
  if (options.handle_signals) {
    impl->signals.add(SIGTERM);
    impl->signals.add(SIGINT);
    impl->signals.add(SIGHUP);
    impl->WaitSignal();
  }
  impl->Accept();
  Impl* raw = impl.get();
  for (int i = 0; i < options.threads; ++i) {
    impl->threads.emplace_back([raw] {
      // A handler's exception is caught in Session; this is the last net.
      while (true) {
        try {
          raw->ioc.run();
          return;
        } catch (const std::exception& e) {
          raw->state.logger().error("io thread: {}", e.what());
        }
      }
    });
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

uint16_t Server::port() const { return impl_->port; }

Status Server::ReloadTokens() { return impl_->Reload(); }

void Server::Shutdown() { impl_->BeginShutdown(); }

Status Server::Wait() {
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
  {
    std::lock_guard lock(impl_->mu);
    impl_->threads_done = true;
  }
  impl_->cv.notify_all();
  if (impl_->watchdog.joinable()) impl_->watchdog.join();
  impl_->state.logger().flush();
  return Status::Ok();
}

}  // namespace jejak::server
